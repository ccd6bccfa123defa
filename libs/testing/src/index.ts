export * from './infra/infra-urls';
export * from './infra/test-database';
export * from './infra/test-broker';
export * from './infra/tcp-proxy';
export * from './front-sandbox';
export * from './fake-llm';
