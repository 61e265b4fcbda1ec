import { expect, test } from '@playwright/test';
import { BASE_URL, COACH, expectAccessible, openBrowser, signIn, STAFF, type Browser } from './browser';
import { closeDialog, visitsOf } from './console-pages';

/**
 * Issue 20, defect 5: axe-core on every page and dialog of the console (console-pages.ts lists them), as a coach and as
 * staff, at the desktop size: nothing critical or serious, nothing left out. small-screens.test.ts runs axe on the same
 * list at a phone's size.
 */

let browser: Browser;

test.beforeAll(async ({ browser: chromium }) => {
  browser = await openBrowser(chromium);
});

test.afterAll(async () => {
  await browser?.close();
});

test('the sign-in page', async () => {
  await browser.page.goto(`${BASE_URL}/admin/login`);
  await expect(browser.page.getByRole('textbox', { name: 'Email', exact: true })).toBeVisible();
  await expectAccessible(browser.page, 'sign-in page');
});

for (const [role, email] of [
  ['coach', COACH],
  ['staff', STAFF],
] as const) {
  test.describe(`as ${role}`, () => {
    test.beforeAll(async () => {
      await browser.page.context().clearCookies();
      await browser.page.goto(`${BASE_URL}/admin/login`);
      await browser.page.evaluate(() => localStorage.removeItem('waypoint.session'));
      await signIn(browser.page, email);
    });

    for (const visit of visitsOf(role)) {
      test(visit.name, async () => {
        await visit.open(browser.page);
        await expectAccessible(browser.page, `${visit.name} (${role})`);
        if (visit.dialog) await closeDialog(browser.page);
      });
    }
  });
}
