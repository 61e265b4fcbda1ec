import type { Page, WebSocketRoute } from 'playwright-core';
import { apiToken, COACH, expectAccessible, graphql, openBrowser, signIn, stamp, STAFF, withFailureScreenshot, type Browser } from './browser';

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

beforeAll(async () => {
  coach = await openBrowser();
  staff = await openBrowser();
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

afterAll(async () => {
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

const waitForOpenCount = (page: Page, count: number) => page.getByLabel(`Open: ${count}`, { exact: true }).waitFor({ timeout: 10_000 });

/** The bell's count from its accessible name ("Notifications, 3 unread"). */
async function bellCount(page: Page): Promise<number> {
  const name = (await page.getByTestId('notification-bell').getAttribute('aria-label')) ?? '';
  const match = /Notifications, (\d+) unread/.exec(name);
  expect(match).not.toBeNull();
  return Number(match![1]);
}

const bell = (page: Page, count: number) => page.getByRole('button', { name: `Notifications, ${count} unread` });

/** Waits until `check` answers true (what jest lacks of Playwright's expect.poll). */
async function eventually(check: () => Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Set on the page once signed in: still there at the end means nothing reloaded it. */
const markPage = (page: Page) => page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 1));
const stillSamePage = async (page: Page) => expect(await page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(1);

test('a learner submits and asks for a 1:1: the coach\'s and staff\'s queues and the coach\'s bell move without a reload', async () => {
  await withFailureScreenshot(coach, 'live-queue', async () => {
    await signIn(coach.page, COACH);
    await coach.page.waitForURL(/\/admin\/review-queue/);
    await signIn(staff.page, STAFF);
    await staff.page.getByRole('menuitem', { name: 'Review queue' }).click();
    await staff.page.getByLabel(/^Open: \d+$/).waitFor();
    await coach.page.getByLabel(/^Open: \d+$/).waitFor();
    await markPage(coach.page);
    await markPage(staff.page);
    await coach.page.getByTestId('notification-bell').waitFor();
    // The bell's count arrives with its first read.
    await coach.page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).waitFor();
    const [coachOpen, staffOpen, unread] = [await openCount(coach.page), await openCount(staff.page), await bellCount(coach.page)];

    await learnerSubmits(`Live: does this read well? (${stamp()})`);
    await waitForOpenCount(coach.page, coachOpen + 1);
    await waitForOpenCount(staff.page, staffOpen + 1);

    await learnerAsksForMeeting();
    await bell(coach.page, unread + 1).waitFor({ timeout: 10_000 });
    await stillSamePage(coach.page);
    await stillSamePage(staff.page);
    await coach.screenshot('live-bell-count');

    // The coach's dashboard reads their learners' week again when a submission moves, without a reload.
    await coach.page.getByRole('menuitem', { name: 'Dashboard' }).click();
    await coach.page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await coach.page.getByTestId('progress-row').first().waitFor();
    const progressRead = coach.page.waitForRequest((r) => r.url().endsWith('/graphql') && (r.postData() ?? '').includes('"operationName":"progress"'), { timeout: 10_000 });
    await learnerSubmits(`Live: the dashboard too (${stamp()})`);
    await progressRead;
    await stillSamePage(coach.page);
  });
});

test('the bell lists the latest, marks one read and then all', async () => {
  await withFailureScreenshot(coach, 'live-bell', async () => {
    const { page } = coach;
    const before = await bellCount(page);
    await learnerAsksForMeeting();
    const unread = before + 1;
    await bell(page, unread).waitFor({ timeout: 10_000 });
    expect(unread).toBeGreaterThanOrEqual(2);
    await page.getByTestId('notification-bell').click();
    const dialog = page.getByRole('dialog', { name: /Notifications/ });
    await dialog.waitFor();
    const newest = dialog.getByTestId('notification').first();
    expect(await newest.textContent()).toContain(`${learner.name} asked for a 1:1`);
    expect(await newest.getAttribute('data-read')).toBe('false');
    // A relative time, the link to the request, and "Mark read".
    expect(await newest.locator('time').textContent()).toMatch(/just now|min ago/);
    await newest.getByRole('button', { name: /^Open: / }).waitFor();
    await expectAccessible(page, 'notification bell');
    await coach.screenshot('live-bell-open');

    // The pop-up is modal: the page behind it (the bell too) is hidden from assistive technology, so read its heading.
    await newest.getByRole('button', { name: /^Mark read: / }).click();
    await dialog.getByRole('heading', { name: `Notifications (${unread - 1} unread)` }).waitFor();
    expect(await dialog.getByTestId('notification').first().getAttribute('data-read')).toBe('true');

    await dialog.getByRole('button', { name: 'Mark all read' }).click();
    await dialog.getByRole('heading', { name: 'Notifications', exact: true }).waitFor();
    expect(await dialog.locator('[data-testid="notification"][data-read="false"]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await bell(page, 0).waitFor();

    // The link opens the request in the console.
    await learnerAsksForMeeting();
    await bell(page, 1).waitFor({ timeout: 10_000 });
    await page.getByTestId('notification-bell').click();
    await dialog.getByTestId('notification').first().getByRole('button', { name: /^Open: / }).click();
    await page.waitForURL(/\/admin\/meetings\/[^/]+\/show/);
    await bell(page, 0).waitFor();
  });
});

test('notification preferences: a switch and quiet hours persist', async () => {
  await withFailureScreenshot(coach, 'live-preferences', async () => {
    const { page } = coach;
    await page.getByRole('button', { name: /: profile$/ }).click();
    await page.getByRole('menuitem', { name: 'Notification preferences' }).click();
    await page.getByRole('heading', { name: 'Notification preferences', level: 1 }).waitFor();
    const email = page.getByRole('switch', { name: '1:1 requested: email' }).or(page.getByRole('checkbox', { name: '1:1 requested: email' }));
    await email.waitFor();
    const before = await email.isChecked();
    await email.click();
    await eventually(async () => (await email.isChecked()) === !before);
    await page.getByLabel('Quiet from').fill('22:30');
    await page.getByLabel('Quiet until').fill('07:15');
    await page.getByRole('button', { name: 'Save quiet hours' }).click();
    await page.getByText('Quiet hours saved: 22:30 to 07:15.').waitFor();
    await expectAccessible(page, 'notification preferences');
    await coach.screenshot('live-preferences');

    await page.reload();
    await page.getByRole('heading', { name: 'Notification preferences', level: 1 }).waitFor();
    await email.waitFor();
    expect(await email.isChecked()).toBe(!before);
    expect(await page.getByLabel('Quiet from').inputValue()).toBe('22:30');
    expect(await page.getByLabel('Quiet until').inputValue()).toBe('07:15');
    // Only one of the two is refused on its own field.
    await page.getByLabel('Quiet until').fill('');
    await page.getByRole('button', { name: 'Save quiet hours' }).click();
    await page.getByText('Give an end too, or clear both for no quiet hours.').waitFor();
    // As it was, for the suites after this one.
    await email.click();
    await eventually(async () => (await email.isChecked()) === before);
    await page.getByRole('button', { name: 'No quiet hours' }).click();
    await page.getByText('No quiet hours: email comes at any time.').waitFor();
  });
});

test('when the socket drops the console says so, and catches up when it is back; an ended session signs out', async () => {
  await withFailureScreenshot(coach, 'live-paused', async () => {
    const { page } = coach;
    await page.getByRole('menuitem', { name: 'Review queue' }).click();
    await page.getByLabel(/^Open: \d+$/).waitFor();
    await markPage(page);
    const open = await openCount(page);

    // The server goes away: the socket closes and new ones are refused for a while.
    down = true;
    await socket!.close({ code: 1012, reason: 'Service restart' });
    const status = page.getByTestId('live-status');
    await page.getByText('Live updates paused — reconnecting…').waitFor();
    await expectAccessible(page, 'live updates paused');
    await coach.screenshot('live-paused');
    // Meanwhile a learner sends something: nothing can tell this console.
    await learnerSubmits(`Sent while the console was away (${stamp()})`);
    await page.waitForTimeout(1_000);
    expect(await openCount(page)).toBe(open);

    // Back: the console reconnects and reads what it missed.
    down = false;
    await page.getByText('Live updates are back; the page is up to date.').waitFor({ timeout: 20_000 });
    await waitForOpenCount(page, open + 1);
    await stillSamePage(page);
    expect(await status.count()).toBeLessThanOrEqual(1);

    // The browser goes offline: the console says so at once, and comes back with the network.
    await page.context().setOffline(true);
    await page.getByText('Live updates paused — reconnecting…').waitFor();
    await page.context().setOffline(false);
    await page.getByText('Live updates are back; the page is up to date.').waitFor({ timeout: 20_000 });

    // A socket closed for an ended session signs out, as a refused request does.
    await socket!.close({ code: 4401, reason: 'Your session has expired: sign in again' });
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 10_000 });
  });
});
