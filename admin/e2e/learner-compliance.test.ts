import { expect, test } from '@playwright/test';
import { apiToken, COACH, graphql, openBrowser, signIn, STAFF, stamp, type Browser } from './browser';

/**
 * Required activities and the weekly compliance evaluation, in a real browser
 * against a real server: a coach finds a learner missing a required activity,
 * sees it missing, and met once the learner sends it; staff preview and run the
 * evaluation and see its result on the learner's page.
 */
let browser: Browser;

test.beforeAll(async ({ browser: chromium }) => {
  browser = await openBrowser(chromium);
});

test.afterAll(async () => {
  await browser?.close();
});

/** The content each kind of submission must carry. */
const CONTENT: Record<string, Record<string, unknown>> = {
  WEEKLY_RETROSPECTIVE: {
    retrospective: {
      achievements: '12 applications, one mock interview.',
      challenges: 'Take-home tests.',
      nextWeekCommitments: '15 applications.',
      doDifferently: 'Timebox take-homes.',
    },
  },
  SMART_GOALS: {
    smartGoals: {
      longTermGoal: 'A backend role within 4 months.',
      midTermGoal: '8 first-round interviews within 6 weeks.',
      goals: [
        { area: 'APPLICATIONS', statement: 'Apply to 15 jobs a week', weeklyTarget: 15 },
        { area: 'PORTFOLIO_PROJECTS', statement: 'Ship one feature a week', weeklyTarget: 1 },
        { area: 'INTERVIEW_PRACTICE', statement: 'Two mock interviews a week', weeklyTarget: 2 },
        { area: 'NETWORKING', statement: 'Meet 5 developers a week', weeklyTarget: 5 },
      ],
    },
  },
  JOB_SEARCH_ANALYSIS: {
    analysis: {
      applications: 40, responses: 6, phoneScreens: 2, interviews: 1, offers: 0,
      failingStage: 'RESPONSES', diagnosis: 'Few responses: my CV needs numbers.',
    },
  },
};

const learnerRows = () => browser.page.locator('table tbody tr').filter({ has: browser.page.locator('[data-status]') });

test("a coach sees a learner's required activities of the week, missing then met", async () => {
  const { page } = browser;
  await signIn(page, COACH);
  await page.getByRole('menuitem', { name: 'Learners' }).click(); // coaches land on the review queue

  // Only learners missing something this week.
  await page.getByLabel('Missing a required activity this week').check();
  await page.waitForURL(/missingRequiredActivity/);
  await page.waitForFunction(() => {
    const chips = [...document.querySelectorAll('table tbody [data-testid="required-this-week"]')];
    return chips.length > 0 && chips.every((chip) => {
      const [met, total] = (chip.textContent ?? '').split('/').map(Number);
      return met < total;
    });
  });
  await browser.screenshot('learner-01-missing-filter');

  const row = learnerRows().first();
  const name = (await row.locator('td').nth(1).innerText()).trim();
  await row.locator('td').nth(1).click();
  const panel = page.getByRole('region', { name: "This week's required activities" });
  await expect(panel).toBeVisible();
  await expect(page.getByRole('region', { name: 'Profile' }).getByText(name).first()).toBeVisible();
  const missingItem = panel.getByRole('listitem').filter({ hasText: 'Missing' }).first();
  await expect(missingItem).toBeVisible();
  const title = (await missingItem.locator('p').first().innerText()).trim();
  expect(await missingItem.textContent()).toContain('Not sent yet');
  // The due time in the one date format the console uses (as "Met …" below), in the learner's named zone.
  expect(await panel.textContent()).toMatch(/Due by [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M \([A-Za-z_/ ]+ \([^)]+\)\)/);
  await expect(page.getByRole('region', { name: 'Compliance history' })).toBeVisible();
  await browser.screenshot('learner-02-required-missing');

  // The learner sends it (recorded here through the API, as the learner's own page would).
  const learnerId = decodeURIComponent(/\/learners\/([^/]+)\/show/.exec(page.url())![1]);
  const token = await apiToken(COACH);
  const { Learner } = await graphql<{ Learner: { requiredActivities: { title: string; kind: string; met: boolean }[] } }>(
    token,
    'query($id: ID!) { Learner(id: $id) { requiredActivities { title kind met } } }',
    { id: learnerId },
  );
  const required = Learner.requiredActivities.find((a) => a.title === title && !a.met);
  expect(required).toBeDefined();
  await graphql(token, 'mutation($input: SubmitAssignmentInput!) { submitAssignment(input: $input) { id } }', {
    input: { learnerId, kind: required!.kind, text: 'Sent during the browser test.', ...CONTENT[required!.kind] },
  });

  await page.reload();
  const metItem = page
    .getByRole('region', { name: "This week's required activities" })
    .getByRole('listitem')
    .filter({ hasText: title });
  await expect(metItem.locator('[data-met="true"]')).toBeVisible();
  expect(await metItem.textContent()).toMatch(/Met [A-Z][a-z]{2} \d{1,2}, \d{4}/);
  expect(await metItem.textContent()).not.toContain('Not sent yet');
  await browser.screenshot('learner-03-required-met');
});

test('staff preview the weekly evaluation, run it, and see it on the learner', async () => {
  const { page } = browser;
  // A learner three weeks into the module whose past weeks were never evaluated: in the program before Waypoint,
  // so judged from week 1 (a learner added today is judged only from next week).
  const token = await apiToken(STAFF);
  const { allUsers } = await graphql<{ allUsers: { id: string }[] }>(token, '{ allUsers(filter: { role: COACH, active: true }, perPage: 1) { id } }');
  const name = `E2E Late Starter ${stamp()}`;
  const start = new Date(Date.now() - 21 * 86_400_000).toISOString().slice(0, 10);
  await graphql(
    token,
    `mutation($name: String!, $email: String!, $start: LocalDate!, $coachId: ID!) {
      createLearner(name: $name, email: $email, timeZone: "UTC", moduleStartDate: $start, coachId: $coachId, judgeFromWeek: 1) { id }
    }`,
    { name, email: `${name.replace(/\W+/g, '.').toLowerCase()}@example.org`, start, coachId: allUsers[0].id },
  );

  await page.evaluate(() => localStorage.clear()); // signed out
  await signIn(page, STAFF);
  await page.getByRole('menuitem', { name: 'Compliance' }).click();
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview).toBeVisible();
  const previewRow = preview.getByTestId('compliance-change').filter({ hasText: name });
  await expect(previewRow).toBeVisible();
  expect(await previewRow.textContent()).toMatch(/Week 3.*Enrolled.*At risk.*Weekly retrospective/);
  expect(await page.getByRole('button', { name: 'Run evaluation' }).isEnabled()).toBe(true);
  await browser.screenshot('compliance-01-preview');

  await page.getByRole('button', { name: 'Run evaluation' }).click();
  const confirm = page.getByRole('dialog', { name: 'Run the compliance evaluation?' });
  await confirm.getByRole('button', { name: 'Run evaluation' }).click();
  const done = page.getByRole('region', { name: 'Evaluation done' });
  await expect(done.getByTestId('compliance-change').filter({ hasText: name })).toBeVisible();
  expect(await page.getByRole('region', { name: 'Preview' }).count()).toBe(0);
  await browser.screenshot('compliance-02-done');

  await done.getByRole('link', { name }).click();
  const history = page.getByRole('region', { name: 'Compliance history' });
  await expect(history).toBeVisible();
  const week3 = history.getByTestId('compliance-evaluation').filter({ hasText: 'Week 3' });
  await expect(week3).toBeVisible();
  expect(await week3.textContent()).toMatch(/Missed.*Weekly retrospective.*Enrolled.*At risk/);
  await expect(page.getByRole('region', { name: 'Profile' }).locator('[data-status="AT_RISK"]')).toBeVisible();
  await browser.screenshot('compliance-03-learner-history');

  // Preview again: that learner-week is evaluated once, ever.
  await page.getByRole('menuitem', { name: 'Compliance' }).click();
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('region', { name: 'Preview' })).toBeVisible();
  expect(await page.getByRole('region', { name: 'Preview' }).getByTestId('compliance-change').filter({ hasText: name }).count()).toBe(0);
});
