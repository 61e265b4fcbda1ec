// Unit tests of the console's own logic (src/**/*.test.ts: no browser, no server). `npm run test:browser` runs them
// with the browser tests (e2e/, @playwright/test: see playwright.config.ts and e2e/run.mjs).
const transform = {
  '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
};

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'unit',
  rootDir: __dirname,
  roots: ['<rootDir>/src'],
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform,
};
