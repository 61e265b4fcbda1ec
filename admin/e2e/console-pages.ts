import { expect, type Page } from '@playwright/test';
import { BASE_URL } from './browser';

/**
 * Every page and dialog of the console, as a coach and as staff reach them: the one list the axe pass
 * (accessibility.test.ts) and the small-screen pass (small-screens.test.ts) walk. A page added to the console is
 * added here, and both passes cover it.
 */
export type Role = 'coach' | 'staff';

export interface Visit {
  name: string;
  /** who sees it (the pages a coach's menu and a staff member's menu lead to) */
  roles: readonly Role[];
  /** opens it on a signed-in page and waits until it is ready to be judged */
  open: (page: Page) => Promise<void>;
  /** a dialog: closed again (Escape) once judged, so the next visit starts on a plain page */
  dialog?: boolean;
}

const BOTH = ['coach', 'staff'] as const;
const COACH = ['coach'] as const;
const STAFF = ['staff'] as const;

/** Waits until nothing is loading any more: no request in flight, no progress bar that spins on screen (a bar with a value, such as seats taken, stays). */
async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[role="progressbar"]:not([aria-valuenow]):visible')).toHaveCount(0);
}

/**
 * Opens a console address as a click on one of its links would: inside the running console, its router follows the
 * address without loading the page again (a full load per page took most of each visit's time). The first visit, or
 * one from outside the console, loads the page.
 */
export async function openPath(page: Page, path: string) {
  const target = new URL(`${BASE_URL}/admin${path}`);
  const current = new URL(page.url());
  const inConsole = current.origin === target.origin && (await page.locator('.RaLayout-content').count()) > 0;
  if (!inConsole) {
    await page.goto(target.href);
    return;
  }
  if (current.pathname === target.pathname && current.search === target.search) return;
  // The page on screen now (not the live-updates notice beside it): on another route it is replaced, so wait until it
  // is gone (a lazy page's code may still be loading). None yet (the first page still coming): nothing to wait for.
  const before = await page.$('.RaLayout-content > :first-child:not([role="status"])');
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, target.pathname + target.search);
  if (before && current.pathname !== target.pathname) await page.waitForFunction((element) => !element.isConnected, before);
  await before?.dispose();
}

const goTo = (path: string, ready: (page: Page) => Promise<unknown>) => async (page: Page) => {
  await openPath(page, path);
  await ready(page);
  await settled(page);
};
const heading = (name: string | RegExp) => (page: Page) => expect(page.getByRole('heading', { name }).first()).toBeVisible();
const firstLearnerRow = (page: Page) => page.locator('table tbody tr').filter({ has: page.locator('[data-status]') }).first();

async function openLearner(page: Page) {
  await openPath(page, '/learners');
  await firstLearnerRow(page).locator('td').nth(1).click();
  await expect(page.getByRole('list', { name: 'Status history' })).toBeVisible();
}

async function openMeeting(page: Page, view: string) {
  await openPath(page, `/meetings?view=${view}`);
  await page.locator('[data-meeting-id]').first().getByRole('link').first().click();
  await page.waitForURL(/\/admin\/meetings\/[^/]+\/show/);
}

/** One tab of Settings, by its id in the address. */
const settingsTab = (tab: string, label: string, ready: (page: Page) => Promise<unknown>) =>
  goTo(`/settings?tab=${tab}`, async (page) => {
    await expect(page.getByRole('tab', { name: label, exact: true })).toHaveAttribute('aria-selected', 'true');
    await ready(page);
  });
const inSection = (page: Page) => page.getByRole('tabpanel');

/** Clicks what opens a dialog and waits for the dialog (by its accessible name) and its content. */
async function openDialog(page: Page, press: () => Promise<void>, name: string | RegExp) {
  await press();
  await expect(page.getByRole('dialog', { name })).toBeVisible();
  await settled(page);
}

export const VISITS: Visit[] = [
  { name: 'review queue', roles: BOTH, open: goTo('/review-queue?view=all', (p) => expect(p.getByTestId('queue-item').first()).toBeVisible()) },
  {
    name: 'review panel',
    roles: BOTH,
    open: async (page) => {
      await openPath(page, '/review-queue?view=all');
      await page.getByTestId('queue-item').first().locator('[data-action="open"]').click();
      await expect(page.getByTestId('review-card')).toBeVisible();
      await settled(page);
    },
  },
  { name: 'learners', roles: BOTH, open: goTo('/learners', (p) => expect(p.locator('table tbody [data-status]').first()).toBeVisible()) },
  {
    name: 'learner page',
    roles: BOTH,
    open: async (page) => {
      await openLearner(page);
      await settled(page);
    },
  },
  {
    name: 'change enrollment status dialog',
    roles: BOTH,
    dialog: true,
    open: async (page) => {
      await openLearner(page);
      await openDialog(page, () => page.getByRole('button', { name: 'Change status' }).first().click(), 'Change status');
    },
  },
  {
    name: 'learner edit',
    roles: BOTH,
    open: async (page) => {
      await openLearner(page);
      await page.getByRole('link', { name: 'Edit' }).click();
      await expect(page.getByRole('textbox', { name: 'Name' })).toBeEditable();
      await settled(page);
    },
  },
  { name: 'new learner', roles: BOTH, open: goTo('/learners/create', (p) => expect(p.getByRole('textbox', { name: 'Name' })).toBeEditable()) },
  { name: 'meetings', roles: BOTH, open: goTo('/meetings?view=all', (p) => expect(p.locator('[data-meeting-id]').first()).toBeVisible()) },
  {
    name: 'meeting page',
    roles: BOTH,
    open: async (page) => {
      await openMeeting(page, 'all');
      await settled(page);
    },
  },
  {
    // A request of the coach's own learners: the Requested tab a coach opens on lists them first.
    name: 'schedule a meeting dialog',
    roles: COACH,
    dialog: true,
    open: async (page) => {
      await openMeeting(page, 'requested');
      await openDialog(page, () => page.getByRole('button', { name: 'Schedule', exact: true }).click(), /^Schedule/);
    },
  },
  // Staff choose a coach before any day shows: the page's heading is enough to be ready.
  { name: 'calendar', roles: BOTH, open: goTo('/calendar', (p) => expect(p.locator('main h1').first()).toBeVisible()) },
  {
    name: 'calendar feed dialog',
    roles: BOTH,
    dialog: true,
    open: async (page) => {
      await openPath(page, '/calendar?feed=1');
      await expect(page.getByRole('dialog', { name: 'Calendar feed' })).toBeVisible();
      await settled(page);
    },
  },
  { name: 'schedule', roles: BOTH, open: goTo('/schedule', (p) => expect(p.getByRole('tab', { name: /^Monday/ })).toBeVisible()) },
  {
    name: 'schedule block editor',
    roles: STAFF,
    dialog: true,
    open: async (page) => {
      await goTo('/schedule', (p) => expect(p.getByRole('tab', { name: /^Monday/ })).toBeVisible())(page);
      await openDialog(page, () => page.getByRole('button', { name: 'Add block' }).click(), /^Add a block on /);
    },
  },
  {
    name: 'schedule activity editor',
    roles: STAFF,
    dialog: true,
    open: async (page) => {
      await goTo('/schedule', (p) => expect(p.getByTestId('schedule-block').first()).toBeVisible())(page);
      await openDialog(page, () => page.getByRole('button', { name: /^Add activity to / }).first().click(), /activity/i);
    },
  },
  { name: 'morning session', roles: BOTH, open: goTo('/morning-session', heading(/Morning session/)) },
  { name: 'events', roles: BOTH, open: goTo('/events', heading(/Coaching events/)) },
  {
    name: 'event page',
    roles: BOTH,
    open: async (page) => {
      await openPath(page, '/events');
      await page.locator('table tbody tr a').first().click();
      await page.waitForURL(/\/admin\/events\/[^/]+/);
      await settled(page);
    },
  },
  {
    name: 'new coaching event dialog',
    roles: STAFF,
    dialog: true,
    open: async (page) => {
      await goTo('/events', heading(/Coaching events/))(page);
      await openDialog(page, () => page.getByRole('button', { name: 'New event' }).click(), 'New coaching event');
    },
  },
  { name: 'settings: required activities', roles: BOTH, open: settingsTab('required', 'Required activities', (p) => expect(inSection(p).getByTestId('required-activity-rule').first()).toBeVisible()) },
  {
    name: 'add a required activity dialog',
    roles: STAFF,
    dialog: true,
    open: async (page) => {
      await settingsTab('required', 'Required activities', (p) => expect(inSection(p).getByTestId('required-activity-rule').first()).toBeVisible())(page);
      await openDialog(page, () => page.getByRole('button', { name: 'Add required activity' }).click(), 'Add a required activity');
    },
  },
  { name: 'settings: review targets', roles: BOTH, open: settingsTab('targets', 'Review targets', (p) => expect(inSection(p).getByTestId('review-target').first()).toBeVisible()) },
  { name: 'settings: working hours', roles: BOTH, open: settingsTab('hours', 'Working hours', (p) => expect(inSection(p).getByTestId('working-hours-zone')).toBeVisible()) },
  { name: 'settings: API clients', roles: STAFF, open: settingsTab('api-clients', 'API clients', (p) => expect(inSection(p).getByRole('button', { name: 'Create API client' })).toBeVisible()) },
  {
    name: 'create API client dialog',
    roles: STAFF,
    dialog: true,
    open: async (page) => {
      await settingsTab('api-clients', 'API clients', (p) => expect(inSection(p).getByRole('button', { name: 'Create API client' })).toBeVisible())(page);
      await openDialog(page, () => inSection(page).getByRole('button', { name: 'Create API client' }).click(), /API client/);
    },
  },
  { name: 'settings: Huntr import', roles: STAFF, open: settingsTab('huntr', 'Huntr import', (p) => expect(inSection(p).getByRole('heading', { level: 2 }).first()).toBeVisible()) },
  { name: 'settings: jobs', roles: STAFF, open: settingsTab('jobs', 'Jobs', (p) => expect(inSection(p).getByTestId('scheduled-job').first()).toBeVisible()) },
  { name: 'settings: exports', roles: STAFF, open: settingsTab('exports', 'Exports', (p) => expect(inSection(p).getByRole('button').first()).toBeVisible()) },
  { name: 'settings: mail', roles: STAFF, open: settingsTab('mail', 'Mail', (p) => expect(inSection(p).getByRole('heading', { level: 2 }).first()).toBeVisible()) },
  { name: 'settings: webhooks', roles: STAFF, open: settingsTab('webhooks', 'Webhooks', (p) => expect(inSection(p).getByRole('button').first()).toBeVisible()) },
  { name: 'notification preferences', roles: BOTH, open: goTo('/notification-preferences', heading('Notification preferences')) },
  { name: 'dashboard', roles: COACH, open: goTo('/dashboard', (p) => expect(p.getByTestId('progress-row').first()).toBeVisible()) },
  { name: 'users', roles: STAFF, open: goTo('/users', (p) => expect(p.locator('table tbody tr').first()).toBeVisible()) },
  { name: 'add user', roles: STAFF, open: goTo('/users/create', (p) => expect(p.getByRole('textbox', { name: 'Email' })).toBeEditable()) },
  {
    name: 'user edit',
    roles: STAFF,
    open: async (page) => {
      await openPath(page, '/users');
      await page.locator('table tbody tr').filter({ hasText: 'Coach' }).first().locator('td').first().click();
      await page.waitForURL(/\/admin\/users\/[^/]+$/);
      await expect(page.getByRole('textbox', { name: 'Name' })).toBeEditable();
      await settled(page);
    },
  },
  { name: 'compliance', roles: STAFF, open: goTo('/compliance', heading(/Compliance/)) },
  { name: 'reports', roles: STAFF, open: goTo('/reports', (p) => expect(p.getByRole('region', { name: 'Cohort funnel', exact: true })).toBeVisible()) },
];

/** The visits a role makes, in the list's order. */
export const visitsOf = (role: Role) => VISITS.filter((v) => v.roles.includes(role));

/** Closes a dialog a visit opened (Escape, as a keyboard user would), and waits until it is gone. */
export async function closeDialog(page: Page) {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
}
