import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the console (e2e/*.test.ts) on Debian's Chromium against one Waypoint server for the whole run
 * (e2e/global-setup.cjs starts it with npm start's script on a fresh embedded database; global-teardown.cjs stops it).
 * `npm run test:browser` runs these and the console's unit tests (e2e/run.mjs).
 */
// Traces and failure screenshots, kept only for failed tests (gitignored). Playwright empties this folder when a run
// starts, so e2e/run.mjs gives each run its own (E2E_RESULTS): two runs in one checkout would delete each other's.
const RESULTS = process.env.E2E_RESULTS || 'e2e/results';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.test.ts',
  outputDir: RESULTS,
  globalSetup: './e2e/global-setup.cjs',
  globalTeardown: './e2e/global-teardown.cjs',
  // The suites share one server and its demo data (and the machine has 2 cores): one at a time, in file order.
  workers: 1,
  fullyParallel: false,
  // A test that fails once is a defect to fix, not one to run again. In CI a failed test runs once more only to record
  // its trace (recording every test's took a quarter of the suite's time); .ci/run's summary still counts a test that
  // passed on that second run as failed (flaky).
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  timeout: 120_000, // a test drives a real server through whole flows
  // What playwright-core's waitFor gave each wait before: a web-first assertion waits as long.
  expect: { timeout: 30_000 },
  reporter: [
    ['list'],
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE }] as const] : []),
  ],
  use: {
    trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 30_000,
    navigationTimeout: 30_000,
    launchOptions: {
      // Debian's chromium package: Playwright's own browser builds cannot be downloaded here (and are not needed).
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    // Tests tagged @phone run only in `phone`, those tagged @desktop only in `desktop`.
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 }, hasTouch: false }, grepInvert: /@phone/ },
    {
      // Issue 20: every entry path, and every page and dialog at a phone's size (no sideways scrolling; axe outside
      // CI, whose 25 minutes hold the desktop pass of every page: `npm run test:browser -- --project phone` runs it).
      name: 'phone',
      use: { viewport: { width: 390, height: 844 }, hasTouch: true },
      testMatch: ['entry-paths.test.ts', 'small-screens.test.ts'],
      grepInvert: /@desktop/,
    },
  ],
});
