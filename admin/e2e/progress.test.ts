import { expect, test } from '@playwright/test';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiToken, BASE_URL, COACH, graphql, openBrowser, signIn, STAFF, stamp, type Browser } from './browser';

/**
 * Job-search progress in a real browser against a real server: the coach records two
 * applications for one of their learners and sees them on the Dashboard and the learner's
 * page; staff create an API client (the key shown once), the key reads progress over
 * GraphQL, and once revoked in the console it is refused; a Huntr CSV is checked (dry run).
 * The activities the suite recorded are deleted after it, so the other suites meet the demo seed.
 */
let browser: Browser;
let coachToken: string;
const activityIds: string[] = [];
let tmp: string | undefined;

test.beforeAll(async ({ browser: chromium }) => {
  browser = await openBrowser(chromium);
  coachToken = await apiToken(COACH);
});

test.afterAll(async () => {
  for (const id of activityIds) {
    await graphql(coachToken, 'mutation($id: ID!) { deleteJobActivity(id: $id) { id } }', { id }).catch(() => undefined);
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  await browser?.close();
});

/** GraphQL with an API key: the answer's errors, or none. */
async function withKey(key: string, query: string) {
  const response = await fetch(`${BASE_URL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: { progress?: { totalCount: number } } | null; errors?: unknown[] };
  return { status: response.status, body };
}

test('the coach sees applications recorded for a learner on the Dashboard and the learner page', async () => {
  const { page } = browser;
  const me = (await graphql<{ me: { id: string } }>(coachToken, '{ me { id } }')).me;
  const { allLearners } = await graphql<{ allLearners: { id: string; name: string }[] }>(
    coachToken,
    'query($coachId: ID!) { allLearners(filter: { coachId: $coachId }, perPage: 5, sortField: "name") { id name } }',
    { coachId: me.id },
  );
  expect(allLearners.length).toBeGreaterThan(0);
  const learner = allLearners[0];
  const before = await graphql<{ learnerProgress: { applications: number } }>(
    coachToken,
    'query($id: ID!) { learnerProgress(learnerId: $id) { applications } }',
    { id: learner.id },
  );
  for (const company of [`Acme ${stamp()}`, `Globex ${stamp()}`]) {
    const { recordJobActivity } = await graphql<{ recordJobActivity: { id: string } }>(
      coachToken,
      'mutation($input: RecordJobActivityInput!) { recordJobActivity(input: $input) { id } }',
      { input: { learnerId: learner.id, kind: 'APPLICATION', company, role: 'Frontend Developer', occurredAt: new Date(Date.now() - 3_600_000).toISOString() } },
    );
    activityIds.push(recordJobActivity.id);
  }
  const expected = before.learnerProgress.applications + 2;

  await signIn(page, COACH);
  await page.getByRole('menuitem', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  const row = page.getByTestId('progress-row').filter({ hasText: learner.name });
  await expect(row).toBeVisible();
  expect((await row.locator('td').first().textContent())?.trim()).toMatch(new RegExp(`^${expected}\\b`));
  expect(await page.getByTestId('summary-card').count()).toBe(4);
  expect(await page.getByText(/No Huntr activity/).count()).toBeGreaterThan(0);
  await browser.screenshot('progress-01-dashboard');

  await row.getByRole('link', { name: learner.name }).click();
  const jobSearch = page.getByTestId('job-search');
  await expect(jobSearch.getByText('Applications, last 7 days')).toBeVisible();
  expect(await jobSearch.getByText(String(expected), { exact: true }).count()).toBeGreaterThan(0);
  await jobSearch.scrollIntoViewIfNeeded();
  await browser.screenshot('progress-02-learner-job-search');
});

test('staff create an API client, its key reads progress, rotate it without a gap, and once revoked it is refused', async () => {
  const { page } = browser;
  const name = `Progress page ${stamp()}`;
  await page.evaluate(() => window.localStorage.clear());
  await signIn(page, STAFF);
  await page.getByRole('menuitem', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'API clients' }).click();
  await page.waitForURL(/tab=api-clients/);

  await page.getByRole('button', { name: 'Create API client' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create an API client' });
  await dialog.getByLabel('Name').fill(name);
  await browser.screenshot('progress-03-create-api-client');
  await dialog.getByRole('button', { name: 'Create API client' }).click();
  const keyDialog = page.getByRole('dialog', { name: `Key for ${name}` });
  await expect(keyDialog.getByText(/you will not see it again/)).toBeVisible();
  const key = await keyDialog.getByTestId('new-api-key').inputValue();
  expect(key).toMatch(/^wp_/);
  await browser.screenshot('progress-04-key-shown-once');
  await keyDialog.getByRole('button', { name: 'I have stored the key' }).click();
  await expect(keyDialog).toBeHidden();
  // The key is gone from the page for good; the list shows only its prefix.
  expect(await page.getByText(key).count()).toBe(0);

  const ok = await withKey(key, '{ progress(first: 5) { totalCount } }');
  expect(ok.body.errors).toBeUndefined();
  expect(ok.body.data?.progress?.totalCount).toBeGreaterThan(0);

  const row = page.getByTestId('api-client').filter({ hasText: name });
  await expect(row.getByText('progress:read')).toBeVisible();

  // Rotation: a second key, shown once; both work until the old one is revoked.
  await row.getByRole('button', { name: `Rotate the key of ${name}` }).click();
  const rotate = page.getByRole('dialog', { name: `Rotate the key of ${name}?` });
  await rotate.getByRole('button', { name: 'Issue a new key' }).click();
  const newKeyDialog = page.getByRole('dialog', { name: `New key for ${name}` });
  const newKey = await newKeyDialog.getByTestId('new-api-key').inputValue();
  expect(newKey).toMatch(/^wp_/);
  expect(newKey).not.toBe(key);
  await newKeyDialog.getByRole('button', { name: 'I have stored the key' }).click();
  await expect(newKeyDialog).toBeHidden();
  await expect(row.getByTestId('api-key').nth(1)).toBeVisible();
  expect((await withKey(key, '{ progress(first: 5) { totalCount } }')).body.errors).toBeUndefined();
  expect((await withKey(newKey, '{ progress(first: 5) { totalCount } }')).body.errors).toBeUndefined();
  await browser.screenshot('progress-04b-api-client-two-keys');
  await row.getByRole('button', { name: `Revoke key ${key.slice(0, 10)}` }).click();
  const revokeKey = page.getByRole('dialog', { name: `Revoke key ${key.slice(0, 10)}…?` });
  await revokeKey.getByRole('button', { name: 'Revoke key' }).click();
  // The console says so once the API has answered. The row's button alone proves nothing: while the dialog is
  // open the page behind it is hidden from the accessibility tree, so the button is "gone" before the revoke is.
  await expect(page.getByText(`Key ${key.slice(0, 10)}… revoked.`)).toBeVisible();
  await expect(revokeKey).toBeHidden();
  await expect(row.getByRole('button', { name: `Revoke key ${key.slice(0, 10)}` })).not.toBeAttached();
  expect((await withKey(key, '{ progress(first: 5) { totalCount } }')).body.data?.progress).toBeFalsy();
  expect((await withKey(newKey, '{ progress(first: 5) { totalCount } }')).body.errors).toBeUndefined();

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole('dialog', { name: `Revoke ${name}?` });
  await expect(confirm.getByText(/refused from the next request/)).toBeVisible();
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await expect(row.getByText(/^Revoked/)).toBeVisible();
  await browser.screenshot('progress-05-api-client-revoked');

  const refused = await withKey(newKey, '{ progress(first: 5) { totalCount } }');
  expect(refused.body.data?.progress).toBeFalsy();
  expect(refused.status === 401 || (refused.body.errors?.length ?? 0) > 0).toBe(true);
});

test('staff check a Huntr CSV: the dry run reports rejected lines and saves nothing', async () => {
  const { page } = browser;
  tmp = mkdtempSync(path.join(os.tmpdir(), 'waypoint-huntr-'));
  const file = path.join(tmp, 'huntr-export.csv');
  writeFileSync(
    file,
    [
      'Activity ID,Member Email,Activity Category,Company,Job Title,Completed,Completed At,Start At',
      `e2e-${stamp()},nobody-${stamp()}@example.org,Apply,Acme,Frontend Developer,true,2026-01-10T10:00:00Z,`,
      `e2e-${stamp()}-2,learner@waypoint.test,Apply,Acme,Frontend Developer,true,not-a-date,`,
    ].join('\n'),
  );
  await page.getByRole('tab', { name: 'Huntr import' }).click();
  await page.waitForURL(/tab=huntr/);
  // How the Huntr connection stands comes first: the webhook, the pull-sync (off without HUNTR_API_TOKEN).
  const status = page.getByTestId('huntr-status');
  await expect(status.getByText(/Last delivery/)).toBeVisible();
  await expect(status.getByText(/HUNTR_API_TOKEN/)).toBeVisible();
  await expect(page.getByText(/Actions waiting for a mapping/)).toBeVisible();
  await page.getByTestId('huntr-file').setInputFiles(file);
  await expect(page.getByText('huntr-export.csv')).toBeVisible();
  await page.getByRole('button', { name: 'Check' }).click();
  const report = page.getByTestId('import-report');
  await expect(report.getByText(/Check only, nothing saved/)).toBeVisible();
  await expect(report.getByTestId('rejected-line').filter({ hasText: 'bad or missing date' })).toBeVisible();
  expect(await page.getByRole('button', { name: 'Import' }).isEnabled()).toBe(true);
  // Let the buttons' color transition out of their busy (disabled) look before the picture.
  await page.waitForTimeout(400);
  await browser.screenshot('progress-06-huntr-check');
});
