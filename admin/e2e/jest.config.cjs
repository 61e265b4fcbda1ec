// Unit tests of the console's own logic (src/**/*.test.ts, no browser or server), and browser tests of the
// console against a real Waypoint server (see global-setup.cjs); `npm run test:browser` runs both.
const path = require('node:path');

const admin = path.resolve(__dirname, '..');
const transform = {
  '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
};

/** @type {import('jest').Config} */
module.exports = {
  rootDir: admin,
  maxWorkers: 1,
  testTimeout: 120_000, // a browser test waits on a real server; jest reads this for every project
  projects: [
    {
      displayName: 'unit',
      rootDir: admin,
      roots: ['<rootDir>/src'],
      testEnvironment: 'node',
      testMatch: ['**/*.test.ts'],
      transform,
    },
    {
      displayName: 'browser',
      rootDir: admin,
      roots: ['<rootDir>/e2e'],
      testEnvironment: 'node',
      testMatch: ['**/*.test.ts'],
      transform,
      globalSetup: '<rootDir>/e2e/global-setup.cjs',
      globalTeardown: '<rootDir>/e2e/global-teardown.cjs',
    },
  ],
};
