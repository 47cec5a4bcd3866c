// One jest run for unit (beside the code), integration and end-to-end tests (test/), all against the real
// Postgres and Redis: test/setup/global-setup.ts gives each run its own database and Redis key prefix.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/apps/web/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
    // NestJS 12 ships as ES modules. Node loads them from CommonJS natively (require(esm)), but Jest's module
    // runtime cannot on Node 20, so Jest compiles those packages to CommonJS once (cached).
    '^.+\\.m?js$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        plugins: [
          require.resolve('./test/setup/babel-import-meta-url.js'),
          '@babel/plugin-transform-dynamic-import',
          '@babel/plugin-transform-modules-commonjs',
        ],
      },
    ],
  },
  // The last node_modules segment decides (content-disposition, an ES module, sits inside @fastify/static's;
  // marked, the drafts' Markdown lexer, and openid-client, oauth4webapi and jose, single sign-on's, ship only as
  // ES modules).
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|uint8array-extras|@tokenizer|content-disposition|marked|openid-client|oauth4webapi|jose)/)(?!.*/node_modules/)',
  ],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  setupFiles: ['reflect-metadata', '<rootDir>/test/setup/quiet-logs.ts', '<rootDir>/test/setup/yjs-flag.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
