import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
  apiToken,
  BASE_URL,
  COACH,
  expectAccessible,
  graphql,
  openBrowser,
  PASSWORD,
  signIn,
  STAFF,
  type Browser,
} from './browser';

/**
 * What issues 18 and 20 left for the console, in a real browser against the seeded demo: coaches open the learners
 * list on their own learners; a coach excuses a learner-week and each refusal lands on its field; staff download the
 * CSV exports (fetched with the session's CSRF header); a learner who signs in reaches a page that says the console
 * is not for them and links their progress and the support desk; dates in one format, the staff's own zone on the
 * compliance page, and the required activities' start said in words.
 */
let browser: Browser;

test.beforeAll(async ({ browser: chromium }) => {
  browser = await openBrowser(chromium);
});

test.afterAll(async () => {
  await browser?.close();
});

// Each test starts signed out, whatever the one before left.
test.beforeEach(async () => {
  await signOutHere();
});

const LEARNER = 'learner@waypoint.test';
const learnerRows = () => browser.page.locator('table tbody tr').filter({ has: browser.page.locator('[data-status]') });

async function signOutHere() {
  await browser.page.goto(`${BASE_URL}/admin/`);
  await browser.page.evaluate(() => localStorage.clear());
  await browser.page.context().clearCookies();
}

test('a coach opens the learners list on their own learners; staff on everyone', async () => {
  const { page } = browser;
  await signIn(page, COACH);
  await page.goto(`${BASE_URL}/admin/learners`);
  await expect(learnerRows().first()).toBeVisible();
  const me = (await graphql<{ me: { name: string } }>(await apiToken(COACH), '{ me { name } }')).me.name;
  // The Coach filter is set to them, and every row is theirs.
  const coachFilter = page.getByRole('combobox', { name: 'Coach' });
  await page.waitForFunction((name) => [...document.querySelectorAll('input')].some((i) => i.value === name), me);
  expect(await coachFilter.inputValue()).toBe(me);
  const rows = await learnerRows().allInnerTexts();
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.includes(me))).toBe(true);
  await browser.screenshot('leftovers-01-coach-learners');

  await signOutHere();
  await signIn(page, STAFF);
  await page.goto(`${BASE_URL}/admin/learners`);
  await expect(learnerRows().first()).toBeVisible();
  expect(page.url()).not.toMatch(/coachId/);
  // The Coach column (the 8th, after the row's checkbox) names more than one coach.
  const coaches = await learnerRows().evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[7]?.textContent ?? ''));
  expect(new Set(coaches).size).toBeGreaterThan(1);
  await signOutHere();
});

test('a coach excuses a learner-week; a judged week and an empty reason are refused on their fields', async () => {
  const { page } = browser;
  const token = await apiToken(COACH);
  const { me } = await graphql<{ me: { id: string } }>(token, '{ me { id } }');
  const { allLearners } = await graphql<{ allLearners: { id: string; name: string; moduleWeek: number | null; complianceHistory: { moduleWeek: number }[] }[] }>(
    token,
    'query($coachId: ID!) { allLearners(filter: { coachId: $coachId, status: ENROLLED }, perPage: 50) { id name moduleWeek complianceHistory { moduleWeek } } }',
    { coachId: me.id },
  );
  const learner = allLearners.find((l) => l.complianceHistory.length > 0 && l.moduleWeek != null)!;
  expect(learner).toBeDefined();
  const judged = learner.complianceHistory[0].moduleWeek;
  const nextWeek = learner.moduleWeek! + 1;

  await signIn(page, COACH);
  await page.goto(`${BASE_URL}/admin/learners/${encodeURIComponent(learner.id)}/show`);
  const history = page.getByRole('region', { name: 'Compliance history' });
  await expect(history.getByTestId('compliance-evaluation').first()).toBeVisible();
  await history.getByRole('button', { name: 'Excuse a week' }).click();
  const dialog = page.getByRole('dialog', { name: `Excuse a week of ${learner.name}` });
  await expect(dialog).toBeVisible();
  // Offered first: this week.
  expect(await dialog.getByLabel('Module week').inputValue()).toBe(String(learner.moduleWeek));
  await expectAccessible(page, 'excuse-week dialog');

  // A week already judged: the API's CONFLICT, under the week.
  await dialog.getByLabel('Module week').fill(String(judged));
  await dialog.getByLabel('Reason').fill('Interviews on site all week');
  await dialog.getByRole('button', { name: 'Excuse week' }).click();
  const week = dialog.getByRole('spinbutton', { name: 'Module week' });
  await page.waitForFunction(() => document.querySelector('input[type="number"]')?.getAttribute('aria-invalid') === 'true');
  const weekHelp = await week.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
  expect(weekHelp).toMatch(new RegExp(`Week ${judged} was already judged`));
  expect(weekHelp).toMatch(/judged on [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M/); // the API's instant, in the console's words
  expect(await dialog.getByLabel('Reason').getAttribute('aria-invalid')).not.toBe('true');
  await browser.screenshot('leftovers-02-excuse-judged');

  // An empty reason (spaces): the API's BAD_USER_INPUT, under the reason.
  await week.fill(String(nextWeek));
  await dialog.getByLabel('Reason').fill('   ');
  await dialog.getByRole('button', { name: 'Excuse week' }).click();
  const reason = dialog.getByRole('textbox', { name: 'Reason' });
  await page.waitForFunction(() => document.querySelector('[role="dialog"] textarea[aria-invalid="true"]') !== null);
  const reasonHelp = await reason.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
  expect(reasonHelp).toMatch(/reason/i);
  expect(await week.getAttribute('aria-invalid')).not.toBe('true');

  await reason.fill('Final-round interviews in Lisbon next week, agreed on a 1:1');
  await dialog.getByRole('button', { name: 'Excuse week' }).click();
  await expect(dialog).toBeHidden();
  await expect(history.getByTestId('excused-week').filter({ hasText: `Week ${nextWeek} excused` })).toBeVisible();
  await browser.screenshot('leftovers-03-excused');

  // The API keeps it: excusing the same week again is refused.
  await expect(
    graphql(token, 'mutation($id: ID!, $w: Int!) { excuseWeek(learnerId: $id, moduleWeek: $w, reason: "again") { moduleWeek } }', { id: learner.id, w: nextWeek }),
  ).rejects.toThrow(/already excused/);
  await signOutHere();
});

test('staff download the CSV exports from Settings and the compliance page', async () => {
  const { page } = browser;
  await signIn(page, STAFF);
  await page.goto(`${BASE_URL}/admin/settings`);
  await page.getByRole('tab', { name: 'Exports' }).click();
  await page.waitForURL(/tab=exports/);
  await expect(page.getByTestId('export').first()).toBeVisible();
  expect(await page.getByTestId('export').count()).toBe(5);
  await expectAccessible(page, 'settings exports');
  await browser.screenshot('leftovers-04-exports');

  const today = new Date().toISOString().slice(0, 10);
  for (const [button, name, header] of [
    ['Download learners', 'learners', 'learner_id,name,email,coach,status'],
    ['Download review sla', 'review-sla', 'coach,kind,reviewed'],
  ] as const) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    expect(download.suggestedFilename()).toBe(`waypoint-${name}-${today}.csv`);
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    expect(text.split('\n')[0]).toContain(header);
    expect(text.trim().split('\n').length).toBeGreaterThan(1);
  }

  // Where staff look for them too: the compliance page, the events list (attendance), the learners list.
  for (const [menu, button, name] of [
    ['Compliance', 'Download compliance history (CSV)', 'compliance'],
    ['Events', 'Export attendance', 'attendance'],
    ['Learners', 'Export CSV', 'learners'],
  ] as const) {
    await page.getByRole('menuitem', { name: menu }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    expect(download.suggestedFilename()).toBe(`waypoint-${name}-${today}.csv`);
  }
});

test("staff's own zone on the compliance page, and the rules' start in words", async () => {
  const { page } = browser;
  const staffZone = (await graphql<{ me: { timeZone: string } }>(await apiToken(STAFF), '{ me { timeZone } }')).me.timeZone;
  expect(staffZone).toBe('Europe/London');
  await signIn(page, STAFF);
  await page.goto(`${BASE_URL}/admin/compliance`);
  const help = page.getByText(/^Your time, /);
  await expect(help).toBeVisible();
  await page.waitForFunction(() => /Europe\/London/.test(document.body.innerText));
  expect(await help.innerText()).toMatch(/Your time, Europe\/London \((GMT|BST|GMT\+1|UTC)\)/);

  await page.goto(`${BASE_URL}/admin/settings?tab=required`);
  const rules = page.getByTestId('required-activity-rule');
  await expect(rules.first()).toBeVisible();
  const text = (await rules.allInnerTexts()).join('\n');
  expect(text).toContain('Every week, from the start of the module');
  expect(text).not.toMatch(/2000/);
  await signOutHere();
});

test("one date format on a learner's page: due, met, status since, module start", async () => {
  const { page } = browser;
  await signIn(page, COACH);
  await page.goto(`${BASE_URL}/admin/learners`);
  await learnerRows().first().locator('td').nth(1).click();
  const panel = page.getByRole('region', { name: "This week's required activities" });
  await expect(panel.getByText(/^Due by/)).toBeVisible();
  const due = await panel.getByText(/^Due by/).innerText();
  // "Due by Dec 13, 2026, 11:59 PM (Africa/Lagos (GMT+1)), the learner's time.": never "2026-12-13 23:59".
  const medium = /[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M/;
  expect(due).toMatch(medium);
  expect(due).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  const profile = page.getByRole('region', { name: 'Profile' });
  expect(await profile.innerText()).toMatch(new RegExp(`since ${medium.source}`));
  expect(await profile.innerText()).toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}/);
  expect(await page.locator('main').innerText()).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);

  // The 1:1 requests' windows write the clock the same way ("2:00 PM", never "02:00 PM").
  await page.getByRole('menuitem', { name: '1:1 meetings' }).click();
  const windows = page.getByRole('list', { name: 'Preferred windows' });
  await expect(windows.first()).toBeVisible();
  const times = (await windows.allInnerTexts()).join(' ');
  expect(times).toMatch(/\b\d{1,2}:\d{2}\s?[AP]M/);
  expect(times).not.toMatch(/\b0\d:\d{2}/);
  await signOutHere();
});

test('a learner who signs in reaches a page for them: the console is for coaches and staff, their progress, the support desk', async () => {
  const { page } = browser;
  await page.goto(`${BASE_URL}/admin/login`);
  await page.getByLabel('Email').fill(LEARNER);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'This console is for coaches and staff', level: 1 })).toBeVisible();
  const support = page.getByRole('link', { name: /Contact the support desk/ });
  await expect(support).toBeVisible();
  expect(await support.getAttribute('href')).toBe('https://support.example.org/hc/requests/new');
  expect(await support.getAttribute('target')).toBe('_blank');
  await expectAccessible(page, 'learner landing');
  await browser.screenshot('leftovers-05-learner-landing');

  await page.getByRole('link', { name: 'See your progress' }).click();
  await page.waitForURL(/\/admin\/progress$/);
  const progress = page.getByTestId('learner-progress');
  await expect(progress.getByText('Applications, last 7 days')).toBeVisible();
  // The demo learner has applications in Huntr this week.
  const applications = Number(await progress.locator('dt', { hasText: 'Applications, last 7 days' }).locator('xpath=following-sibling::dd').innerText());
  expect(applications).toBeGreaterThan(0);
  await expectAccessible(page, 'learner progress');
  await browser.screenshot('leftovers-06-learner-progress');

  // A reload keeps them there; signing out brings back the sign-in form.
  await page.reload();
  await expect(progress.getByText('Applications, last 7 days')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Email')).toBeVisible();
  expect(await page.getByRole('menuitem', { name: 'Learners' }).count()).toBe(0);
});
