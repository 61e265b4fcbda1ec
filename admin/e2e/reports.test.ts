import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { apiToken, BASE_URL, COACH, expectAccessible, graphql, openBrowser, signIn, STAFF, stamp, type Browser } from './browser';

/**
 * Issue 20, program reports for staff: the cohort funnel, the status mix week by week, coach workload and attendance
 * drawn with MUI X Charts over the seeded program, a cohort chosen, each part downloadable as CSV; a cohort staff set on a
 * learner in the console (and clear again, leaving the demo data as it was), and named when staff add a learner.
 */
let browser: Browser;

/** A month cohort as the console writes it: "2026-11" is "November 2026". */
const monthName = (month: string) => new Date(`${month}-15T12:00:00Z`).toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

test.beforeAll(async ({ browser: chromium }) => {
  browser = await openBrowser(chromium);
  await signIn(browser.page, STAFF);
});

test.afterAll(async () => {
  await browser?.close();
});

test('staff read the program reports by cohort, and download each part as CSV', async () => {
  const { page } = browser;
  const staff = await apiToken(STAFF);
  const { programReport } = await graphql<{ programReport: { cohorts: { month: string; learners: number }[]; coaches: { name: string; reviewed: number }[]; funnel: { applications: number } } }>(
    staff,
    '{ programReport { cohorts { month learners } coaches { name reviewed } funnel { applications } } }',
  );
  expect(programReport.funnel.applications).toBeGreaterThan(0);
  await page.getByRole('menuitem', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Program reports' })).toBeVisible();
  for (const part of ['Cohort funnel', 'Status mix week by week', 'Coach workload and review target', 'Attendance week by week']) {
    await expect(page.getByRole("region", { name: part, exact: true })).toBeVisible();
  }
  // The charts are drawn (SVG), and the coach table has the API's rows.
  expect(await page.locator('section svg').count()).toBeGreaterThanOrEqual(3);
  const coachRows = await page.getByTestId('report-coach').allInnerTexts();
  expect(coachRows.map((r) => r.split('\t')[0].split('\n')[0])).toEqual(programReport.coaches.map((c) => c.name));
  await expectAccessible(page, 'reports');

  // A cohort narrows everything to its learners.
  const cohort = programReport.cohorts[0];
  await page.getByRole('combobox', { name: 'Cohort' }).click();
  await page.getByRole('option', { name: new RegExp(`\\(${cohort.learners}\\)$`) }).first().click();
  await expect(page.getByRole('combobox', { name: 'Cohort' }).filter({ hasText: `(${cohort.learners})` })).toBeVisible();

  // Each part downloads as CSV, named for the cohort.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV: Coach workload and review target' }).click()]);
  expect(download.suggestedFilename()).toBe(`coaches-${cohort.month}-8w.csv`);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  expect(csv.split(/\r?\n/)[0]).toBe('coachId,name,learners,reviewed,withinTarget,medianHoursToReview,waiting');
});

test('staff put a learner in a cohort from the learner edit; reports offer it and group by it; clearing it puts them back in their month', async () => {
  const { page } = browser;
  const staff = await apiToken(STAFF);
  const cohortName = `E2E evening ${stamp()}`;
  const { allLearners } = await graphql<{ allLearners: { id: string; name: string; moduleStartDate: string; cohort: string | null }[] }>(
    staff,
    '{ allLearners(perPage: 1, sortField: "name") { id name moduleStartDate cohort } }',
  );
  const learner = allLearners[0];
  expect(learner.cohort).toBeNull();
  const month = learner.moduleStartDate.slice(0, 7);
  const monthCount = async () =>
    (await graphql<{ programReport: { cohorts: { name: string; learners: number }[] } }>(staff, '{ programReport { cohorts { name learners } } }')).programReport.cohorts.find(
      (c) => c.name === month,
    )?.learners ?? 0;
  const inMonthBefore = await monthCount();

  // Set it in the learner's edit form: trimmed, shown on their page.
  await page.goto(`${BASE_URL}/admin/learners/${learner.id}`);
  const cohort = page.getByRole('textbox', { name: 'Cohort' });
  await expect(cohort).toBeEditable();
  await cohort.fill(`  ${cohortName}  `);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/show$/);
  const profile = page.getByRole('region', { name: 'Profile' });
  await expect(profile.getByText(cohortName, { exact: true })).toBeVisible();
  await expectAccessible(page, 'learner page with a cohort');

  // Too long is refused on the field, before it reaches the API.
  await page.goto(`${BASE_URL}/admin/learners/${learner.id}`);
  await cohort.fill('x'.repeat(61));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/Must be 60 characters or less/)).toBeVisible();

  // The reports offer it, and narrow to its one learner; the month's cohort lost them.
  await page.getByRole('menuitem', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Program reports' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Cohort' }).click();
  await page.getByRole('option', { name: `${cohortName} (1)`, exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Cohort' })).toHaveText(`${cohortName} (1)`);
  expect(await monthCount()).toBe(inMonthBefore - 1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV: Coach workload and review target' }).click()]);
  expect(download.suggestedFilename()).toBe(`coaches-${cohortName.replace(/[^\w-]+/g, '-')}-8w.csv`);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const learnersInCsv = csv.trim().split(/\r?\n/).slice(1).map((line) => Number(line.split(',')[2]));
  expect(learnersInCsv.reduce((a, b) => a + b, 0)).toBe(1);
  await browser.screenshot('reports-cohort');

  // Cleared in the edit form: back in their month's cohort, and the named one is gone from the choices.
  await page.goto(`${BASE_URL}/admin/learners/${learner.id}`);
  await expect(cohort).toHaveValue(cohortName);
  await cohort.fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/show$/);
  await expect(profile.getByText(`${monthName(month)}, by module start month`)).toBeVisible();
  expect(await monthCount()).toBe(inMonthBefore);
  await page.getByRole('menuitem', { name: 'Reports' }).click();
  await page.getByRole('combobox', { name: 'Cohort' }).click();
  await expect(page.getByRole('option', { name: /\(\d+\)$/ }).first()).toBeVisible();
  await expect(page.getByRole('option', { name: new RegExp(cohortName) })).toHaveCount(0);
  await page.keyboard.press('Escape');
});

test('staff name the cohort when they add a learner; a coach reads it on the edit form without changing it', async ({ browser: chromium }) => {
  const { page } = browser;
  const staff = await apiToken(STAFF);
  const cohortName = `E2E new intake ${stamp()}`;
  const email = `e2e-cohort-${stamp()}@example.org`;
  // Another coach than the demo coach: the demo coach's lists stay as the other suites expect them.
  const { allUsers } = await graphql<{ allUsers: { id: string; name: string; email: string }[] }>(
    staff,
    '{ allUsers(filter: { role: COACH, active: true }, perPage: 50, sortField: "name") { id name email } }',
  );
  const coach = allUsers.find((u) => u.email !== COACH)!;

  await page.goto(`${BASE_URL}/admin/learners/create`);
  await page.getByRole('textbox', { name: 'Name' }).fill('Zoe Intake');
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('combobox', { name: 'Time zone' }).fill('Europe/Lisbon');
  await page.getByRole('option', { name: 'Europe/Lisbon' }).click();
  await page.getByLabel('Module start date').fill('2026-11-16');
  await page.getByRole('combobox', { name: 'Coach' }).fill(coach.name);
  await page.getByRole('option', { name: coach.name }).click();
  const cohort = page.getByRole('textbox', { name: 'Cohort' });
  // Too long is refused on the field, as on the edit form.
  await cohort.fill('x'.repeat(61));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/Must be 60 characters or less/)).toBeVisible();
  await cohort.fill(` ${cohortName} `);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/learners\/[^/]+\/show$/);
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-2)!);
  try {
    await expect(page.getByRole('region', { name: 'Profile' }).getByText(cohortName, { exact: true })).toBeVisible();
    const { Learner } = await graphql<{ Learner: { cohort: string | null } }>(staff, 'query($id: ID!) { Learner(id: $id) { cohort } }', { id });
    expect(Learner.cohort).toBe(cohortName);

    // Their coach reads it on the edit form, where only staff may change it.
    const asCoach = await openBrowser(chromium);
    try {
      await signIn(asCoach.page, coach.email);
      await asCoach.page.goto(`${BASE_URL}/admin/learners/${encodeURIComponent(id)}`);
      await expect(asCoach.page.getByRole('textbox', { name: 'Name' })).toHaveValue('Zoe Intake');
      await expect(asCoach.page.getByText('Cohort (set by staff)')).toBeVisible();
      await expect(asCoach.page.getByText(cohortName, { exact: true })).toBeVisible();
      await expect(asCoach.page.getByRole('textbox', { name: 'Cohort' })).toHaveCount(0);
    } finally {
      await asCoach.close();
    }
  } finally {
    // Out of the reports' named cohorts and off the active lists again.
    await graphql(staff, 'mutation($id: ID!) { updateLearner(id: $id, cohort: null) { id } }', { id });
    await graphql(staff, 'mutation($id: ID!) { setEnrollmentStatus(learnerId: $id, status: WITHDRAWN, reason: "Browser test learner") { id } }', { id });
  }
});
