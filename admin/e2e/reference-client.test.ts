import { expect, test } from '@playwright/test';
import { apiToken, BASE_URL, graphql, openBrowser, PASSWORD, STAFF, stamp, type Browser } from './browser';

/**
 * The reference client (examples/progress, served at /examples/progress/ in development) driven as a learner would:
 * sign in on its form, see today's road map, mark an activity done, try to skip a required one and read the API's
 * refusal, see the last 7 days' numbers and the support link. The scene is set over GraphQL: the demo learner's own
 * activities of today, or on a day without them (weekends) a block staff add to today's weekday; the learner records
 * an application. The activity is undone and the application and block removed, so the other suites meet the demo seed.
 */
const LEARNER = 'learner@waypoint.test';

let browser: Browser;
let staffToken: string;
let learnerToken: string;
let learner: { id: string; timeZone: string };
let today: string;
let blockId: string | undefined;
let applicationId: string | undefined;
const problems: string[] = [];
const suffix = stamp();
type Activity = { activityId: string; title: string };
/** A pending skippable and a pending required activity on today's road map. */
let skippable: Activity;
let required: Activity;

/** Today's date (YYYY-MM-DD) in an IANA zone, as the page works it out. */
function todayIn(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

test.beforeAll(async ({ browser: chromium }) => {
  browser = await openBrowser(chromium);
  // The page must run under Waypoint's CSP without a single refusal or script error.
  browser.page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  browser.page.on('pageerror', (error) => problems.push(error.message));
  staffToken = await apiToken(STAFF);
  learnerToken = await apiToken(LEARNER);
  ({ me: { learner } } = await graphql<{ me: { learner: { id: string; timeZone: string } } }>(learnerToken, '{ me { learner { id timeZone } } }'));
  today = todayIn(learner.timeZone);
  // Today's own activities where it has a pending skippable and a pending required one (weekdays in the demo);
  // otherwise (weekends) a block of the test's own on today's weekday.
  type Day = { weekday: number; blocks: { activities: { activityId: string; title: string; required: boolean; state: string }[] }[] };
  const readDay = async () =>
    (await graphql<{ roadmap: Day }>(learnerToken, 'query($l: ID!, $d: LocalDate!) { roadmap(learnerId: $l, date: $d) { weekday blocks { activities { activityId title required state } } } }', { l: learner.id, d: today })).roadmap;
  const pick = (day: Day) => {
    const pending = day.blocks.flatMap((b) => b.activities).filter((a) => a.state === 'PENDING');
    return { skippable: pending.find((a) => !a.required), required: pending.find((a) => a.required) };
  };
  let day = await readDay();
  if (!pick(day).skippable || !pick(day).required) {
    const { createScheduleBlock } = await graphql<{ createScheduleBlock: { id: string } }>(
      staffToken,
      'mutation($i: ScheduleBlockInput!) { createScheduleBlock(input: $i) { id } }',
      { i: { weekday: day.weekday, title: `Reference client check ${suffix}`, kind: 'WORK_BLOCK', startTime: '18:00', endTime: '18:30' } },
    );
    blockId = createScheduleBlock.id;
    for (const [title, required] of [[`Read one job posting closely ${suffix}`, false], [`Update your Huntr board ${suffix}`, true]] as const) {
      await graphql(staffToken, 'mutation($b: ID!, $i: ScheduleActivityInput!) { createScheduleActivity(blockId: $b, input: $i) { id } }', { b: blockId, i: { title, required, minutes: 10 } });
    }
    day = await readDay();
  }
  ({ skippable, required } = pick(day) as { skippable: Activity; required: Activity });
  const { recordJobActivity } = await graphql<{ recordJobActivity: { id: string } }>(
    learnerToken,
    'mutation($i: RecordJobActivityInput!) { recordJobActivity(input: $i) { id } }',
    { i: { learnerId: learner.id, kind: 'APPLICATION', company: `Initech ${suffix}`, role: 'Developer', occurredAt: new Date(Date.now() - 60_000).toISOString() } },
  );
  applicationId = recordJobActivity.id;
});

test.afterAll(async () => {
  if (blockId) await graphql(staffToken, 'mutation($id: ID!) { deleteScheduleBlock(id: $id) { id } }', { id: blockId }).catch(() => undefined);
  if (applicationId) await graphql(learnerToken, 'mutation($id: ID!) { deleteJobActivity(id: $id) { id } }', { id: applicationId }).catch(() => undefined);
  await browser?.close();
});

test('a learner signs in, marks an activity done, is refused skipping a required one, and sees the last 7 days and the support link', async () => {
  const { page } = browser;
  await page.goto(`${BASE_URL}/examples/progress/`);
  await page.getByLabel('Email').fill(LEARNER);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  // Today's road map.
  await expect(page.getByRole('heading', { name: /^Today's road map/ })).toBeVisible();
  const SKIPPABLE = skippable.title;
  const REQUIRED = required.title;
  const skippableItem = page.locator(`li[data-activity-id="${skippable.activityId}"]`);
  const requiredItem = page.locator(`li[data-activity-id="${required.activityId}"]`);
  expect(await requiredItem.getByText('Required', { exact: true }).count()).toBe(1);
  expect(await skippableItem.getByText('Skippable', { exact: true }).count()).toBe(1);
  expect(await skippableItem.locator('.state').textContent()).toBe('To do');

  // Done: the API records it and the page shows it, with the day's counts read again.
  const counts = page.getByTestId('roadmap-counts');
  const doneBefore = Number(/(\d+) done/.exec((await counts.textContent()) ?? '')![1]);
  await skippableItem.getByRole('button', { name: `Mark done "${SKIPPABLE}"` }).click();
  await expect(skippableItem.locator('.state strong', { hasText: 'Done' })).toBeVisible();
  await expect(counts.textContent()).resolves.toContain(`${doneBefore + 1} done`);
  /** The activity's state as the API has it now. */
  const stateOf = async (id: string) => {
    const { roadmap } = await graphql<{ roadmap: { blocks: { activities: { activityId: string; state: string }[] }[] } }>(
      learnerToken,
      'query($l: ID!, $d: LocalDate!) { roadmap(learnerId: $l, date: $d) { blocks { activities { activityId state } } } }',
      { l: learner.id, d: today },
    );
    return roadmap.blocks.flatMap((b) => b.activities).find((a) => a.activityId === id)?.state;
  };
  expect(await stateOf(skippable.activityId)).toBe('DONE');

  // Skip a required one: the API's refusal, word for word, and nothing changes.
  await requiredItem.getByRole('button', { name: `Skip "${REQUIRED}"` }).click();
  await expect(requiredItem.getByRole('alert').filter({ hasText: `"${REQUIRED}" is required and cannot be skipped` })).toBeVisible();
  expect(await requiredItem.locator('.state').textContent()).toBe('To do');
  expect(await stateOf(required.activityId)).toBe('PENDING');

  // The last 7 days: the API's totals (the application recorded above among them) and one row per day.
  const { learnerProgress, supportUrl } = await graphql<{ learnerProgress: { applications: number; interviews: number; daily: { date: string }[] }; supportUrl: string }>(
    learnerToken,
    'query($l: ID!) { learnerProgress(learnerId: $l, days: 7) { applications interviews daily { date } } supportUrl }',
    { l: learner.id },
  );
  expect(learnerProgress.applications).toBeGreaterThanOrEqual(1);
  expect(await page.getByTestId('applications-7d').textContent()).toBe(String(learnerProgress.applications));
  expect(await page.getByTestId('interviews-7d').textContent()).toBe(String(learnerProgress.interviews));
  const rows = page.locator('#last-7-days tbody tr');
  expect(await rows.count()).toBe(7);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-date')))).toEqual(learnerProgress.daily.map((d) => d.date));

  // This week's required activities, and the support desk.
  await expect(page.getByRole('heading', { name: /^This week's required activities/ })).toBeVisible();
  expect(await page.getByRole('link', { name: 'support desk' }).getAttribute('href')).toBe(supportUrl);

  // The token is kept for this tab, not in a cookie: a reload stays signed in.
  expect(await page.evaluate(() => document.cookie)).toBe('');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await browser.screenshot('reference-client');

  // Undo puts it back (and leaves the demo learner's day as it was).
  await skippableItem.getByRole('button', { name: `Undo "${SKIPPABLE}"` }).click();
  await expect(skippableItem.locator('.state strong', { hasText: 'To do' })).toBeVisible();
  expect(await stateOf(skippable.activityId)).toBe('PENDING');

  // Sign out ends the session on the server: the token the page kept no longer works.
  const kept = await page.evaluate(() => JSON.parse(sessionStorage.getItem('waypoint.example.progress.session') ?? '{}').token as string);
  expect(kept).toBeTruthy();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(graphql(kept, '{ supportUrl }')).rejects.toThrow(/GraphQL/);
  expect(problems).toEqual([]);
});
