/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: false }] },
  moduleNameMapper: {
    // ES-module sources (the web board, libs/contract) import siblings as './x.js', which
    // the browser loads; under jest the same path names the TypeScript file.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@rag-ledger/([^/]+)$': '<rootDir>/libs/$1/src',
    '^@rag-ledger/([^/]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  testEnvironment: 'node',
  // One fixed, printed seed for every property-based test (RAG_LEDGER_TEST_SEED to change it).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  setupFiles: ['<rootDir>/test/support/fast-check-seed.ts'],
  testTimeout: 30000,
};
