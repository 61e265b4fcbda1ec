import { expect, test } from '@playwright/test';
import { apiToken, COACH, graphql, openBrowser, signIn, STAFF, stamp, type Browser } from './browser';

/**
 * The Settings page in a real browser against a real server: staff add a required
 * activity and see it listed, set a review target and see it kept after a reload; the
 * coach sets working hours for one weekday (an end before the start shows next to that
 * row first) and sees them after a reload. What the suite changed is put back after it,
 * so the other suites meet the demo seed.
 */
let browser: Browser;
let staffToken: string;
let coachToken: string;
let coachId: string;
let ruleId: string | undefined;
let targetBefore: number | undefined;

const KIND = 'APPLICATION_MATERIAL';

test.beforeAll(async ({ browser: chromium }) => {
  browser = await openBrowser(chromium);
  staffToken = await apiToken(STAFF);
  coachToken = await apiToken(COACH);
  coachId = (await graphql<{ me: { id: string } }>(coachToken, '{ me { id } }')).me.id;
  const { reviewTargets } = await graphql<{ reviewTargets: { kind: string; hours: number }[] }>(staffToken, '{ reviewTargets { kind hours } }');
  targetBefore = reviewTargets.find((t) => t.kind === KIND)?.hours;
});

test.afterAll(async () => {
  if (ruleId) await graphql(staffToken, 'mutation($id: ID!) { retireRequiredActivity(id: $id) { id } }', { id: ruleId }).catch(() => undefined);
  await graphql(staffToken, 'mutation($kind: SubmissionKind!, $hours: Int!) { setReviewTarget(kind: $kind, hours: $hours) { kind } }', {
    kind: KIND,
    hours: targetBefore ?? 48,
  }).catch(() => undefined);
  // The demo coach has no working hours: no limit for the meeting suites.
  await graphql(coachToken, 'mutation($coachId: ID!) { setWorkingHours(coachId: $coachId, hours: []) { weekday } }', { coachId }).catch(() => undefined);
  await browser?.close();
});

test('staff add a required activity and set a review target', async () => {
  const { page } = browser;
  const title = `Informational interview ${stamp()}`;

  await signIn(page, STAFF);
  await page.getByRole('menuitem', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  const section = page.getByRole('tabpanel');
  await expect(section.getByTestId('required-activity-rule').first()).toBeVisible();
  await browser.screenshot('settings-01-required-activities');

  await page.getByRole('button', { name: 'Add required activity' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a required activity' });
  await expect(dialog.getByText(/applies from each learner's next module week/)).toBeVisible();
  await dialog.getByLabel('Kind').selectOption(KIND);
  await dialog.getByLabel('Module week').fill('3');
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Description').fill('Talk to someone working where you want to work.');
  await browser.screenshot('settings-02-add-dialog');
  await dialog.getByRole('button', { name: 'Add required activity' }).click();
  await expect(dialog).toBeHidden();
  const row = section.getByTestId('required-activity-rule').filter({ hasText: title });
  await expect(row).toBeVisible();
  expect(await row.textContent()).toMatch(/Week 3/);
  expect(await row.textContent()).toMatch(/Application material/);
  const { requiredActivities } = await graphql<{ requiredActivities: { id: string; title: string }[] }>(
    staffToken,
    '{ requiredActivities { id title } }',
  );
  ruleId = requiredActivities.find((r) => r.title === title)?.id;
  expect(ruleId).toBeTruthy();

  // Retiring asks first, saying what it does; backing out keeps the rule.
  await row.getByRole('button', { name: `Retire ${title}` }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm.getByText(/stops applying to every learner-week that ends after now/)).toBeVisible();
  await browser.screenshot('settings-03-retire-confirm');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toBeVisible();

  // Review targets: out of range is refused in place, a valid value is kept after a reload.
  await page.getByRole('tab', { name: 'Review targets' }).click();
  await page.waitForURL(/tab=targets/);
  const hours = page.getByLabel('Application material hours');
  await hours.fill('721');
  await expect(section.getByText('Whole hours, 1 to 720.')).toBeVisible();
  expect(await page.getByRole('button', { name: 'Save Application material target' }).isDisabled()).toBe(true);
  const target = targetBefore === 72 ? '96' : '72';
  await hours.fill(target);
  await page.getByRole('button', { name: 'Save Application material target' }).click();
  await expect(page.getByText(`reviews are now due within ${target} h`)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Application material hours')).toBeVisible();
  expect(await page.getByLabel('Application material hours').inputValue()).toBe(target);
  await browser.screenshot('settings-04-review-target-kept');
});

test('the coach sets their working hours for a weekday', async () => {
  const { page } = browser;
  await page.evaluate(() => window.localStorage.clear());
  await signIn(page, COACH);
  await page.getByRole('menuitem', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Working hours' }).click();
  await page.waitForURL(/tab=hours/);
  // Coaches read the rules without the editing buttons.
  expect(await page.getByRole('button', { name: 'Add required activity' }).count()).toBe(0);
  await expect(page.getByTestId('working-hours-zone').getByText(/Africa\/Lagos/)).toBeVisible();

  const tuesday = page.getByTestId('working-hours-2');
  await tuesday.getByLabel('Tuesday: working').check();
  await tuesday.getByLabel('Tuesday start').fill('10:00');
  await tuesday.getByLabel('Tuesday end').fill('09:30');
  await page.getByRole('button', { name: 'Save working hours' }).click();
  await expect(tuesday.getByText('The end must be after the start.')).toBeVisible();
  await browser.screenshot('settings-05-working-hours-error');

  await tuesday.getByLabel('Tuesday end').fill('16:30');
  await page.getByRole('button', { name: 'Save working hours' }).click();
  await expect(page.getByText('Working hours saved.')).toBeVisible();
  await page.reload();
  const after = page.getByTestId('working-hours-2');
  await expect(after.getByLabel('Tuesday start')).toBeVisible();
  expect(await after.getByLabel('Tuesday start').inputValue()).toBe('10:00');
  expect(await after.getByLabel('Tuesday end').inputValue()).toBe('16:30');
  expect(await page.getByTestId('working-hours-1').getByText('Off').count()).toBe(1);
  await browser.screenshot('settings-06-working-hours-kept');
});
