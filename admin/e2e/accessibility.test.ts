import { expect, test, type Page } from '@playwright/test';
import { BASE_URL, COACH, expectAccessible, openBrowser, signIn, STAFF, type Browser } from './browser';

/**
 * Issue 20, defect 5: axe-core on every page of the console, as a coach and as staff, at desktop and phone sizes (the two projects):
 * nothing critical or serious, nothing left out. (small-screens.test.ts runs it on the coach's pages at phone and
 * tablet sizes.)
 */

let browser: Browser;

test.beforeAll(async ({ browser: chromium }) => {
  browser = await openBrowser(chromium);
});

test.afterAll(async () => {
  await browser?.close();
});

type Visit = { name: string; open: (page: Page) => Promise<void> };

const goTo = (path: string, ready: (page: Page) => Promise<unknown>): Visit['open'] => async (page) => {
  await page.goto(`${BASE_URL}/admin${path}`);
  await ready(page);
  await page.waitForLoadState('networkidle');
};
const heading = (name: string | RegExp) => (page: Page) => expect(page.getByRole('heading', { name }).first()).toBeVisible();

const SHARED: Visit[] = [
  { name: 'review queue', open: goTo('/review-queue?view=all', (p) => expect(p.getByTestId('queue-item').first()).toBeVisible()) },
  {
    name: 'review panel',
    open: async (page) => {
      await page.goto(`${BASE_URL}/admin/review-queue?view=all`);
      await page.getByTestId('queue-item').first().locator('[data-action="open"]').click();
      await expect(page.getByTestId('review-card')).toBeVisible();
      await page.waitForLoadState('networkidle');
    },
  },
  { name: 'learners', open: goTo('/learners', (p) => expect(p.locator('table tbody [data-status]').first()).toBeVisible()) },
  {
    name: 'learner page',
    open: async (page) => {
      await page.goto(`${BASE_URL}/admin/learners`);
      await page.locator('table tbody tr').filter({ has: page.locator('[data-status]') }).first().locator('td').nth(1).click();
      await expect(page.getByRole('list', { name: 'Status history' })).toBeVisible();
      await page.waitForLoadState('networkidle');
    },
  },
  { name: 'meetings', open: goTo('/meetings?view=all', (p) => expect(p.locator('[data-meeting-id]').first()).toBeVisible()) },
  {
    name: 'meeting page',
    open: async (page) => {
      await page.goto(`${BASE_URL}/admin/meetings?view=all`);
      await page.locator('[data-meeting-id]').first().getByRole('link').first().click();
      await page.waitForURL(/\/admin\/meetings\/[^/]+\/show/);
      await page.waitForLoadState('networkidle');
    },
  },
  // Staff choose a coach before any day shows: the page's heading is enough to be ready.
  { name: 'calendar', open: goTo('/calendar', (p) => expect(p.locator('main h1').first()).toBeVisible()) },
  { name: 'schedule', open: goTo('/schedule', (p) => expect(p.getByRole('tab', { name: /^Monday/ })).toBeVisible()) },
  { name: 'morning session', open: goTo('/morning-session', heading(/Morning session/)) },
  { name: 'events', open: goTo('/events', heading(/Coaching events/)) },
  {
    name: 'event page',
    open: async (page) => {
      await page.goto(`${BASE_URL}/admin/events`);
      await page.locator('table tbody tr a').first().click();
      await page.waitForURL(/\/admin\/events\/[^/]+/);
      await page.waitForLoadState('networkidle');
    },
  },
  { name: 'settings', open: goTo('/settings', heading('Settings')) },
  { name: 'notification preferences', open: goTo('/notification-preferences', heading('Notification preferences')) },
  {
    name: 'learner edit',
    open: async (page) => {
      await page.goto(`${BASE_URL}/admin/learners`);
      await page.locator('table tbody tr').filter({ has: page.locator('[data-status]') }).first().locator('td').nth(1).click();
      await page.getByRole('link', { name: 'Edit' }).click();
      await expect(page.getByRole('textbox', { name: 'Name' })).toBeEditable();
      await page.waitForLoadState('networkidle');
    },
  },
  { name: 'new learner', open: goTo('/learners/create', (p) => expect(p.getByRole('textbox', { name: 'Name' })).toBeEditable()) },
];

const COACH_ONLY: Visit[] = [{ name: 'dashboard', open: goTo('/dashboard', (p) => expect(p.getByTestId('progress-row').first()).toBeVisible()) }];
const STAFF_ONLY: Visit[] = [
  { name: 'users', open: goTo('/users', (p) => expect(p.locator('table tbody tr').first()).toBeVisible()) },
  { name: 'compliance', open: goTo('/compliance', heading(/Compliance/)) },
  { name: 'reports', open: goTo('/reports', (p) => expect(p.getByRole('region', { name: 'Cohort funnel', exact: true })).toBeVisible()) },
];

test('the sign-in page', async () => {
  await browser.page.goto(`${BASE_URL}/admin/login`);
  await expect(browser.page.getByRole('textbox', { name: 'Email', exact: true })).toBeVisible();
  await expectAccessible(browser.page, 'sign-in page');
});

for (const [role, email, visits] of [
  ['coach', COACH, [...SHARED, ...COACH_ONLY]],
  ['staff', STAFF, [...SHARED, ...STAFF_ONLY]],
] as const) {
  test.describe(`as ${role}`, () => {
    test.beforeAll(async () => {
      await browser.page.context().clearCookies();
      await browser.page.goto(`${BASE_URL}/admin/login`);
      await browser.page.evaluate(() => localStorage.removeItem('waypoint.session'));
      await signIn(browser.page, email);
    });

    for (const visit of visits) {
      test(visit.name, async () => {
        await visit.open(browser.page);
        await expectAccessible(browser.page, `${visit.name} (${role})`);
      });
    }
  });
}
