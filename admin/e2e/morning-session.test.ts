import { expect, test } from '@playwright/test';
import { apiToken, graphql, openBrowser, signIn, STAFF, type Browser } from './browser';

/**
 * A morning session in a real browser against a real server: three learners
 * sign up (through the API, as their own pages would), staff open the session,
 * see the sign-ups, pair them now, and see the groups and the odd one out.
 */
let browser: Browser;

test.beforeAll(async ({ browser: chromium }) => {
  browser = await openBrowser(chromium);
});

test.afterAll(async () => {
  await browser?.close();
});

const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const isoWeekday = (date: Date) => date.getUTCDay() || 7;

/** A coming date with a morning session not paired yet (adds a Saturday session when the template has none). */
async function comingSessionDate(token: string): Promise<string> {
  const { scheduleTemplate } = await graphql<{ scheduleTemplate: { days: { weekday: number; blocks: { kind: string }[] }[] } }>(
    token,
    '{ scheduleTemplate { days { weekday blocks { kind } } } }',
  );
  let weekdays = scheduleTemplate.days.filter((d) => d.blocks.some((b) => b.kind === 'MORNING_SESSION')).map((d) => d.weekday);
  if (weekdays.length === 0) {
    await graphql(token, 'mutation($input: ScheduleBlockInput!) { createScheduleBlock(input: $input) { id } }', {
      input: { weekday: 6, title: 'Morning session', kind: 'MORNING_SESSION', startTime: '09:00', endTime: '10:00', position: 0 },
    });
    weekdays = [6];
  }
  // From the day after tomorrow: safely before the cut-off in any program time zone.
  for (let days = 2; days < 60; days++) {
    const date = new Date(Date.now() + days * 86_400_000);
    if (!weekdays.includes(isoWeekday(date))) continue;
    const { morningSession } = await graphql<{ morningSession: { pairedAt: string | null } | null }>(
      token,
      'query($date: LocalDate!) { morningSession(date: $date) { pairedAt } }',
      { date: isoDate(date) },
    );
    if (morningSession && !morningSession.pairedAt) return isoDate(date);
  }
  throw new Error('No coming morning session left to pair');
}

test('staff pair a morning session and see the groups', async () => {
  const { page } = browser;
  const token = await apiToken(STAFF);
  const date = await comingSessionDate(token);
  const { allLearners } = await graphql<{ allLearners: { id: string; name: string }[] }>(
    token,
    '{ allLearners(filter: { status: ENROLLED }, perPage: 3, sortField: "name") { id name } }',
  );
  const practice = ['TECHNICAL', 'TECHNICAL', 'BEHAVIORAL'];
  for (const [i, learner] of allLearners.entries()) {
    await graphql(
      token,
      `mutation($date: LocalDate!, $learnerId: ID!, $practiceType: PracticeType!) {
        signUpForMorningSession(date: $date, learnerId: $learnerId, practiceType: $practiceType) { signUpCount }
      }`,
      { date, learnerId: learner.id, practiceType: practice[i] },
    );
  }

  await signIn(page, STAFF);
  await page.getByRole('menuitem', { name: 'Morning session' }).click();
  await page.getByLabel('Date').fill(date);
  await page.waitForURL(new RegExp(`date=${date}`));
  const signUps = page.getByRole('region', { name: 'Sign-ups' });
  for (const learner of allLearners) await expect(signUps.getByRole('row').filter({ hasText: learner.name })).toBeVisible();
  expect(Number(await page.getByLabel(/^Signed up: \d+$/).innerText())).toBeGreaterThanOrEqual(3);
  expect(await signUps.getByText('Waiting').count()).toBeGreaterThanOrEqual(3);
  await browser.screenshot('morning-01-sign-ups');

  await page.getByRole('button', { name: 'Pair now' }).click();
  await page.getByRole('dialog', { name: 'Pair now?' }).getByRole('button', { name: 'Pair now' }).click();
  const groups = page.getByRole('region', { name: 'Groups' });
  await expect(groups.getByTestId('morning-group').first()).toBeVisible();
  await expect(page.getByText(/^Paired at /)).toBeVisible();
  expect(await page.getByRole('button', { name: 'Pair now' }).count()).toBe(0);
  // Everyone who signed up is in a group or told they are the odd one out.
  for (const learner of allLearners) {
    const row = signUps.getByRole('row').filter({ hasText: learner.name });
    expect(await row.textContent()).toMatch(/Paired · group \d+|Odd one out/);
  }
  await browser.screenshot('morning-02-paired');
});
