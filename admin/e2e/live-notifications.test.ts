import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import { apiToken, COACH, expectAccessible, graphql, openBrowser, signIn, stamp, STAFF, type Browser } from './browser';

/**
 * The live console (issue 19): two consoles open side by side, a coach's and staff's, while a learner works through the
 * API. The queue's counts and the coach's bell move without a reload; the bell marks one and all read; preferences
 * persist; and when the socket drops the console says so, then catches up when it is back. The coach's socket runs
 * through a route the test controls, so it can drop it as a network or a restarting server would.
 */
let coach: Browser;
let staff: Browser;
let coachToken: string;
let learner: { id: string; name: string; email: string };
let learnerToken: string;

/** The coach's socket, while it is up; `down` refuses new ones (a server away). */
let socket: WebSocketRoute | null = null;
let down = false;

const HOUR = 3_600_000;

test.beforeAll(async ({ browser: chromium }) => {
  coach = await openBrowser(chromium);
  staff = await openBrowser(chromium);
  await coach.page.context().routeWebSocket(/\/graphql$/, (ws) => {
    if (down) return ws.close({ code: 1012, reason: 'Service restart' });
    ws.connectToServer();
    socket = ws;
  });
  coachToken = await apiToken(COACH);
  const { me } = await graphql<{ me: { id: string } }>(coachToken, '{ me { id } }');
  const { allLearners } = await graphql<{ allLearners: { id: string; name: string; email: string }[] }>(
    coachToken,
    'query($coachId: ID!) { allLearners(filter: { coachId: $coachId, status: ENROLLED }, perPage: 1) { id name email } }',
    { coachId: me.id },
  );
  learner = allLearners[0];
  learnerToken = await apiToken(learner.email);
});

test.afterAll(async () => {
  await coach?.close();
  await staff?.close();
});

/** The learner sends application material: a new row in every console's queue. */
async function learnerSubmits(note: string) {
  await graphql(learnerToken, 'mutation($input: SubmitAssignmentInput!) { submitAssignment(input: $input) { id } }', {
    input: { learnerId: learner.id, kind: 'APPLICATION_MATERIAL', material: { materialType: 'COVER_LETTER', link: 'https://example.org/cover-letter.pdf', note } },
  });
}

/** The learner asks their coach for a 1:1: a notification for the coach. */
async function learnerAsksForMeeting() {
  const day = Date.now() + 3 * 24 * HOUR;
  await graphql(learnerToken, 'mutation($input: RequestMeetingInput!) { requestMeeting(input: $input) { id } }', {
    input: { learnerId: learner.id, topic: 'INTERVIEW_PREP', note: `Mock interview? (${stamp()})`, windows: [{ startsAt: new Date(day).toISOString(), endsAt: new Date(day + 2 * HOUR).toISOString() }] },
  });
}

/** The queue summary's "Open" figure, as the page shows it. */
async function openCount(page: Page): Promise<number> {
  const label = await page.getByLabel(/^Open: \d+$/).getAttribute('aria-label');
  return Number(label!.replace(/\D+/g, ''));
}

const waitForOpenCount = (page: Page, count: number) => expect(page.getByLabel(`Open: ${count}`, { exact: true })).toBeVisible({ timeout: 10_000 });

/** The bell's count from its accessible name ("Notifications, 3 unread"). */
async function bellCount(page: Page): Promise<number> {
  const name = (await page.getByTestId('notification-bell').getAttribute('aria-label')) ?? '';
  const match = /Notifications, (\d+) unread/.exec(name);
  expect(match).not.toBeNull();
  return Number(match![1]);
}

const bell = (page: Page, count: number) => page.getByRole('button', { name: `Notifications, ${count} unread` });

/** Set on the page once signed in: still there at the end means nothing reloaded it. */
const markPage = (page: Page) => page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 1));
const stillSamePage = async (page: Page) => expect(await page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(1);

test('a learner submits and asks for a 1:1: the coach\'s and staff\'s queues and the coach\'s bell move without a reload', async () => {
  await signIn(coach.page, COACH);
  await coach.page.waitForURL(/\/admin\/review-queue/);
  await signIn(staff.page, STAFF);
  await staff.page.getByRole('menuitem', { name: 'Review queue' }).click();
  await expect(staff.page.getByLabel(/^Open: \d+$/)).toBeVisible();
  await expect(coach.page.getByLabel(/^Open: \d+$/)).toBeVisible();
  await markPage(coach.page);
  await markPage(staff.page);
  await expect(coach.page.getByTestId('notification-bell')).toBeVisible();
  // The bell's count arrives with its first read.
  await expect(coach.page.getByRole('button', { name: /^Notifications, \d+ unread$/ })).toBeVisible();
  const [coachOpen, staffOpen, unread] = [await openCount(coach.page), await openCount(staff.page), await bellCount(coach.page)];

  await learnerSubmits(`Live: does this read well? (${stamp()})`);
  await waitForOpenCount(coach.page, coachOpen + 1);
  await waitForOpenCount(staff.page, staffOpen + 1);

  await learnerAsksForMeeting();
  await expect(bell(coach.page, unread + 1)).toBeVisible({ timeout: 10_000 });
  await stillSamePage(coach.page);
  await stillSamePage(staff.page);
  await coach.screenshot('live-bell-count');

  // The coach's dashboard reads their learners' week again when a submission moves, without a reload.
  await coach.page.getByRole('menuitem', { name: 'Dashboard' }).click();
  await expect(coach.page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(coach.page.getByTestId('progress-row').first()).toBeVisible();
  const progressRead = coach.page.waitForRequest((r) => r.url().endsWith('/graphql') && (r.postData() ?? '').includes('"operationName":"progress"'), { timeout: 10_000 });
  await learnerSubmits(`Live: the dashboard too (${stamp()})`);
  await progressRead;
  await stillSamePage(coach.page);
});

test('the bell lists the latest, marks one read and then all', async () => {
  const { page } = coach;
  const before = await bellCount(page);
  await learnerAsksForMeeting();
  const unread = before + 1;
  await expect(bell(page, unread)).toBeVisible({ timeout: 10_000 });
  expect(unread).toBeGreaterThanOrEqual(2);
  await page.getByTestId('notification-bell').click();
  const dialog = page.getByRole('dialog', { name: /Notifications/ });
  await expect(dialog).toBeVisible();
  const newest = dialog.getByTestId('notification').first();
  expect(await newest.textContent()).toContain(`${learner.name} asked for a 1:1`);
  expect(await newest.getAttribute('data-read')).toBe('false');
  // A relative time, the link to the request, and "Mark read".
  expect(await newest.locator('time').textContent()).toMatch(/just now|min ago/);
  await expect(newest.getByRole('button', { name: /^Open: / })).toBeVisible();
  await expectAccessible(page, 'notification bell');
  await coach.screenshot('live-bell-open');

  // The pop-up is modal: the page behind it (the bell too) is hidden from assistive technology, so read its heading.
  await newest.getByRole('button', { name: /^Mark read: / }).click();
  await expect(dialog.getByRole('heading', { name: `Notifications (${unread - 1} unread)` })).toBeVisible();
  expect(await dialog.getByTestId('notification').first().getAttribute('data-read')).toBe('true');

  await dialog.getByRole('button', { name: 'Mark all read' }).click();
  await expect(dialog.getByRole('heading', { name: 'Notifications', exact: true })).toBeVisible();
  expect(await dialog.locator('[data-testid="notification"][data-read="false"]').count()).toBe(0);
  await page.keyboard.press('Escape');
  await expect(bell(page, 0)).toBeVisible();

  // The link opens the request in the console.
  await learnerAsksForMeeting();
  await expect(bell(page, 1)).toBeVisible({ timeout: 10_000 });
  await page.getByTestId('notification-bell').click();
  await dialog.getByTestId('notification').first().getByRole('button', { name: /^Open: / }).click();
  await page.waitForURL(/\/admin\/meetings\/[^/]+\/show/);
  await expect(bell(page, 0)).toBeVisible();
});

test('notification preferences: a switch and quiet hours persist', async () => {
  const { page } = coach;
  await page.getByRole('button', { name: /: profile$/ }).click();
  await page.getByRole('menuitem', { name: 'Notification preferences' }).click();
  await expect(page.getByRole('heading', { name: 'Notification preferences', level: 1 })).toBeVisible();
  const email = page.getByRole('switch', { name: '1:1 requested: email' }).or(page.getByRole('checkbox', { name: '1:1 requested: email' }));
  await expect(email).toBeVisible();
  const before = await email.isChecked();
  await email.click();
  await expect(email).toBeChecked({ checked: !before, timeout: 10_000 });
  await page.getByLabel('Quiet from').fill('22:30');
  await page.getByLabel('Quiet until').fill('07:15');
  await page.getByRole('button', { name: 'Save quiet hours' }).click();
  await expect(page.getByText('Quiet hours saved: 22:30 to 07:15.')).toBeVisible();
  await expectAccessible(page, 'notification preferences');
  await coach.screenshot('live-preferences');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Notification preferences', level: 1 })).toBeVisible();
  await expect(email).toBeVisible();
  expect(await email.isChecked()).toBe(!before);
  expect(await page.getByLabel('Quiet from').inputValue()).toBe('22:30');
  expect(await page.getByLabel('Quiet until').inputValue()).toBe('07:15');
  // Only one of the two is refused on its own field.
  await page.getByLabel('Quiet until').fill('');
  await page.getByRole('button', { name: 'Save quiet hours' }).click();
  await expect(page.getByText('Give an end too, or clear both for no quiet hours.')).toBeVisible();
  // As it was, for the suites after this one.
  await email.click();
  await expect(email).toBeChecked({ checked: before, timeout: 10_000 });
  await page.getByRole('button', { name: 'No quiet hours' }).click();
  await expect(page.getByText('No quiet hours: email comes at any time.')).toBeVisible();
});

test('when the socket drops the console says so, and catches up when it is back; an ended session signs out', async () => {
  const { page } = coach;
  await page.getByRole('menuitem', { name: 'Review queue' }).click();
  await expect(page.getByLabel(/^Open: \d+$/)).toBeVisible();
  await markPage(page);
  const open = await openCount(page);

  // The server goes away: the socket closes and new ones are refused for a while.
  down = true;
  await socket!.close({ code: 1012, reason: 'Service restart' });
  const status = page.getByTestId('live-status');
  await expect(page.getByText('Live updates paused — reconnecting…')).toBeVisible();
  await expectAccessible(page, 'live updates paused');
  await coach.screenshot('live-paused');
  // Meanwhile a learner sends something: nothing can tell this console.
  await learnerSubmits(`Sent while the console was away (${stamp()})`);
  await page.waitForTimeout(1_000);
  expect(await openCount(page)).toBe(open);

  // Back: the console reconnects and reads what it missed.
  down = false;
  await expect(page.getByText('Live updates are back; the page is up to date.')).toBeVisible({ timeout: 20_000 });
  await waitForOpenCount(page, open + 1);
  await stillSamePage(page);
  expect(await status.count()).toBeLessThanOrEqual(1);

  // The browser goes offline: the console says so at once, and comes back with the network.
  await page.context().setOffline(true);
  await expect(page.getByText('Live updates paused — reconnecting…')).toBeVisible();
  await page.context().setOffline(false);
  await expect(page.getByText('Live updates are back; the page is up to date.')).toBeVisible({ timeout: 20_000 });

  // A socket closed for an ended session signs out, as a refused request does.
  await socket!.close({ code: 4401, reason: 'Your session has expired: sign in again' });
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible({ timeout: 10_000 });
});
