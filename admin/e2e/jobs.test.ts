import { expect, test } from '@playwright/test';
import { BASE_URL, openBrowser, signIn, STAFF, type Browser } from './browser';

/**
 * Staff open Settings → Jobs and see the worker's schedule with next runs, and its failed jobs (or that none failed);
 * the profile menu links the program's support desk.
 */
let browser: Browser;

test.beforeAll(async ({ browser: chromium }) => {
  browser = await openBrowser(chromium);
});

test.afterAll(async () => {
  await browser?.close();
});

test("staff see the job worker's schedule and failures", async () => {
  const { page } = browser;
  await signIn(page, STAFF);
  await page.goto(`${BASE_URL}/admin/settings?tab=jobs`);
  const rows = page.getByTestId('scheduled-job');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBe(6);
  const tasks = await page.getByRole('table', { name: 'Scheduled jobs' }).locator('tbody th').allInnerTexts();
  expect(tasks.join(' ')).toMatch(/evaluate_compliance[\s\S]*send_reminders[\s\S]*deliver_notifications[\s\S]*pair_morning_sessions[\s\S]*release_lapsed_claims[\s\S]*huntr_sync/);
  // The next run is a time, never "Not yet".
  const nextRuns = await page.getByRole('table', { name: 'Scheduled jobs' }).locator('tbody tr td:nth-child(3)').allInnerTexts();
  expect(nextRuns.every((t) => /\d/.test(t))).toBe(true);
  const failed = page.getByRole('region', { name: 'Failed' });
  await expect(failed.getByText(/No failed jobs\.|Retry now/).first()).toBeVisible();
});

test('the profile menu links the support desk (SUPPORT_URL) in a new tab', async () => {
  const { page } = browser;
  await page.goto(`${BASE_URL}/admin/`);
  await page.getByRole('button', { name: /profile/ }).click();
  const item = page.getByRole('menuitem', { name: 'Help and support' });
  await expect(item).toBeVisible();
  expect(await item.getAttribute('href')).toBe('https://support.example.org/hc/requests/new');
  expect(await item.getAttribute('target')).toBe('_blank');
  await page.keyboard.press('Escape');
});
