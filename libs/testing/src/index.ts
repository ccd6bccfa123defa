export * from './infra/infra-urls';
export * from './infra/test-database';
export * from './infra/test-broker';
export * from './front-sandbox';
