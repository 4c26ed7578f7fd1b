/** @type {import('jest').Config} */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};
const transform = { '^.+\\.ts$': ['@swc/jest', swc] };

module.exports = {
  // Two worker processes fit two cores; each server worker gets its own database (test/helpers/context.ts).
  maxWorkers: 2,
  // A global option: inside a project entry jest ignores it and every test would get 5 s.
  testTimeout: 30000,
  projects: [
    {
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/miniprogram/'],
      transform,
      globalSetup: '<rootDir>/test/global-setup.ts',
    },
    {
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/miniprogram'],
      testMatch: ['**/*.test.ts'],
      transform,
      setupFiles: ['<rootDir>/test/miniprogram/setup.ts'],
    },
  ],
};
