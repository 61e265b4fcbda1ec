import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { apiToken, expectAccessible, graphql, openBrowser, signIn, STAFF, withFailureScreenshot, type Browser } from './browser';

/**
 * Issue 20, program reports for staff: the cohort funnel, the status mix week by week, coach workload and attendance
 * drawn with MUI X Charts over the seeded program, a cohort chosen, each part downloadable as CSV.
 */
let browser: Browser;

test.beforeAll(async ({ browser: chromium }) => {
  browser = await openBrowser(chromium);
});

test.afterAll(async () => {
  await browser?.close();
});

test('staff read the program reports by cohort, and download each part as CSV', async () => {
  await withFailureScreenshot(browser, 'reports', async () => {
    const { page } = browser;
    const staff = await apiToken(STAFF);
    const { programReport } = await graphql<{ programReport: { cohorts: { month: string; learners: number }[]; coaches: { name: string; reviewed: number }[]; funnel: { applications: number } } }>(
      staff,
      '{ programReport { cohorts { month learners } coaches { name reviewed } funnel { applications } } }',
    );
    expect(programReport.funnel.applications).toBeGreaterThan(0);
    await signIn(page, STAFF);
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
});
