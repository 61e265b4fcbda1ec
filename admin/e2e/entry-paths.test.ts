import { expect, test, type Browser as Chromium, type Page } from '@playwright/test';
import { BASE_URL, COACH, consoleReady, openBrowser, PASSWORD, STAFF, type Browser } from './browser';

/**
 * Issue 20, defect 1: every way into the console signs in with one try. Each case starts from a fresh browser
 * profile (no session, nothing cached) at a different address: the console's root, a bookmark of the sign-in
 * page, a deep link while signed out, a reload of the sign-in page after signing out, and signing in again
 * without a reload; at desktop and phone sizes (the two projects). Before the fix, /admin/login showed an empty sign-in form again after a successful sign-in.
 */

let browser: Browser | null = null;

test.afterEach(async () => {
  await browser?.close();
  browser = null;
});

async function fresh(chromium: Chromium): Promise<Page> {
  browser = await openBrowser(chromium);
  return browser.page;
}

/** Fills the sign-in form once and presses Sign in. */
async function signInOnce(page: Page, email: string) {
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The console is up (its menu, or on a phone its profile menu), and no sign-in form is left on screen. */
async function expectConsole(page: Page) {
  await expect(consoleReady(page)).toBeVisible({ timeout: 30_000 });
  expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(0);
  expect(new URL(page.url()).pathname).not.toMatch(/\/login$/);
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: /profile/i }).click();
  await page.getByRole('menuitem', { name: /log ?out|sign out/i }).click();
  await expect(page.getByRole('textbox', { name: 'Email', exact: true })).toBeVisible();
}

test('/admin/: one sign-in lands a coach on the review queue', async ({ browser: chromium }) => {
  const page = await fresh(chromium);
  await page.goto(`${BASE_URL}/admin/`);
  await signInOnce(page, COACH);
  await expectConsole(page);
  await expect(page.getByTestId('queue-item').first()).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/admin/review-queue');
});

test('/admin/login (a bookmark): one sign-in opens the console', async ({ browser: chromium }) => {
  const page = await fresh(chromium);
  await page.goto(`${BASE_URL}/admin/login`);
  // Typing first loads the console's code while the address is still /admin/login: the case that failed.
  await signInOnce(page, COACH);
  await expectConsole(page);
  await expect(page.getByTestId('queue-item').first()).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/admin/review-queue');
});

test('/admin/learners while signed out: the sign-in form, then that page', async ({ browser: chromium }) => {
  const page = await fresh(chromium);
  await page.goto(`${BASE_URL}/admin/learners`);
  await signInOnce(page, STAFF);
  await expectConsole(page);
  await expect(page.locator('table tbody [data-status]').first()).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/admin/learners');
});

test('a reload after signing out, then one sign-in, opens the console', async ({ browser: chromium }) => {
  const page = await fresh(chromium);
  await page.goto(`${BASE_URL}/admin/`);
  await signInOnce(page, COACH);
  await expectConsole(page);
  await signOut(page);
  expect(new URL(page.url()).pathname).toBe('/admin/login');
  await page.reload();
  await signInOnce(page, COACH);
  await expectConsole(page);
});

test('signing out and in again without a reload (react-admin\'s sign-in page) opens the console', async ({ browser: chromium }) => {
  const page = await fresh(chromium);
  await page.goto(`${BASE_URL}/admin/login`);
  await signInOnce(page, STAFF);
  await expectConsole(page);
  await signOut(page);
  await signInOnce(page, COACH);
  await expectConsole(page);
  await expect(page.getByTestId('queue-item').first()).toBeVisible();
});

test('/admin/login while signed in goes straight to the console', async ({ browser: chromium }) => {
  const page = await fresh(chromium);
  await page.goto(`${BASE_URL}/admin/`);
  await signInOnce(page, COACH);
  await expectConsole(page);
  await page.goto(`${BASE_URL}/admin/login`);
  await expectConsole(page);
  expect(await page.getByRole('textbox', { name: 'Email', exact: true }).count()).toBe(0);
});
