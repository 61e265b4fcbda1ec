import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { BASE_URL, COACH, openBrowser, PASSWORD, type Browser } from './browser';

/**
 * A coach's day in the console, in a real browser against a real server:
 * sign in, find the learners at risk, open one, set them back to Enrolled
 * with a reason, and see that reason in the status history.
 */
let browser: Browser;
let context: BrowserContext;
let page: Page;

const screenshot = (name: string) => browser.screenshot(name);

/** Rows of the learners table, once rendered with data. */
const learnerRows = () => page.locator('table tbody tr').filter({ has: page.locator('[data-status]') });

test.beforeAll(async ({ browser: chromium }) => {
  browser = await openBrowser(chromium);
  page = browser.page;
  context = page.context();
});

test.afterAll(async () => {
  await browser?.close();
});

test('a coach sets an at-risk learner back to enrolled, with a reason in the history', async () => {
  await coachRestoresAnAtRiskLearner();
});

test('signing out ends the session on the server: the old cookie, replayed with its CSRF token, no longer works', async () => {
  const cookie = (await context.cookies(BASE_URL)).find((c) => c.name === 'waypoint_session')!;
  const csrf = await page.evaluate(() => JSON.parse(localStorage.getItem('waypoint.session') ?? '{}').csrfToken as string);
  const asTheOldSession = () =>
    fetch(`${BASE_URL}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `waypoint_session=${cookie.value}`, 'x-csrf-token': csrf },
      body: JSON.stringify({ query: '{ reviewQueueSummary { open } }' }),
    }).then((r) => r.json() as Promise<{ data?: unknown; errors?: { extensions: { code: string } }[] }>);
  expect((await asTheOldSession()).errors).toBeUndefined();
  await page.getByRole('button', { name: 'Profile' }).click();
  await page.getByRole('menuitem', { name: /log ?out|sign out/i }).click();
  await expect(page.getByLabel('Email')).toBeVisible();
  expect((await context.cookies(BASE_URL)).find((c) => c.name === 'waypoint_session')).toBeUndefined();
  expect((await asTheOldSession()).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
});

async function coachRestoresAnAtRiskLearner() {
  // Sign in
  await page.goto(`${BASE_URL}/admin/`);
  await page.getByLabel('Email').fill(COACH);
  await page.getByLabel('Password').fill(PASSWORD);
  await screenshot('01-sign-in');
  const signInClicked = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Coaches land on the review queue.
  await expect(page.getByTestId('queue-item').first()).toBeVisible();
  console.log(`sign-in click → review queue rows: ${Date.now() - signInClicked} ms`);
  // The session token is in an httpOnly, SameSite=Strict cookie: no script of the page can read it.
  const sessionCookie = (await context.cookies(BASE_URL)).find((c) => c.name === 'waypoint_session');
  expect(sessionCookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  const seenByScripts = await page.evaluate(() => ({ cookie: document.cookie, stored: JSON.stringify({ ...localStorage }) }));
  expect(seenByScripts.cookie).not.toContain('waypoint_session');
  expect(seenByScripts.stored).not.toContain(sessionCookie!.value);
  expect(seenByScripts.stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no token of any kind

  // Learners list, from a fresh navigation (the measured number)
  const navigationStarted = Date.now();
  await page.goto(`${BASE_URL}/admin/learners`);
  await expect(learnerRows().first()).toBeVisible();
  console.log(`navigation to /admin/learners → rows rendered: ${Date.now() - navigationStarted} ms`);
  await page.getByRole('menuitem', { name: 'Learners' }).click();
  await screenshot('02-learners');

  // Filter by status: At risk
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'At risk' }).click();
  await page.waitForURL(/AT_RISK/);
  await page.waitForFunction(() => {
    const chips = [...document.querySelectorAll('table tbody [data-status]')];
    return chips.length > 0 && chips.every((chip) => chip.getAttribute('data-status') === 'AT_RISK');
  });
  const atRisk = await learnerRows().count();
  expect(atRisk).toBeGreaterThan(0);
  console.log(`learners at risk on the first page: ${atRisk}`);
  await screenshot('03-learners-at-risk');

  // Open the first one
  const firstRow = learnerRows().first();
  const learnerName = (await firstRow.locator('td').nth(1).innerText()).trim();
  await firstRow.locator('td').nth(1).click();
  const history = page.getByRole('list', { name: 'Status history' });
  await expect(history).toBeVisible();
  await expect(page.getByRole('region', { name: 'Profile' }).getByText(learnerName).first()).toBeVisible();
  const entriesBefore = await history.getByRole('listitem').count();
  await screenshot('04-learner-show');

  // Change status → Enrolled, with a reason
  const reason = `Caught up on the weekly retrospective (e2e ${new Date().toISOString()})`;
  await page.getByRole('button', { name: 'Change status' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change status' });
  await dialog.getByLabel('Status').selectOption('ENROLLED');
  await dialog.getByLabel('Reason').fill(reason);
  await screenshot('05-change-status-dialog');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();

  // The new row, newest first, and the new status on the profile
  const newest = history.getByRole('listitem').first();
  await expect(newest.getByText(reason)).toBeVisible();
  expect(await history.getByRole('listitem').count()).toBe(entriesBefore + 1);
  expect(await newest.locator('[data-status]').evaluateAll((chips) => chips.map((c) => c.getAttribute('data-status')))).toEqual([
    'AT_RISK',
    'ENROLLED',
  ]);
  await expect(page.getByRole('region', { name: 'Profile' }).locator('[data-status="ENROLLED"]')).toBeVisible();
  await screenshot('06-learner-enrolled');
}
