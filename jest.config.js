// One jest run over every project. Unit specs (*.spec.ts) test pure rules;
// integration specs (*.int-spec.ts) and end-to-end specs (*.e2e-spec.ts) run on
// real PostgreSQL and RabbitMQ; browser specs (*.browser-spec.ts) drive Chromium.
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }],
    // Dependencies that ship ES modules only (openapi-backend's ref parser, …).
    '^.+\\.m?js$': '<rootDir>/tools/jest-esm-transformer.js',
  },
  transformIgnorePatterns: [],
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['reflect-metadata'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
  maxWorkers: process.env.JEST_WORKERS ?? 2,
  testTimeout: 30_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.{int,e2e,browser}-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/infra/global-setup.ts',
    },
  ],
};
