import { expect, test } from '@playwright/test';
import { COACH, openBrowser, signIn, STAFF, stamp, type Browser } from './browser';

/**
 * The schedule template in a real browser against a real server: staff build a
 * block with activities on Sunday (the demo template is Monday to Friday), see an
 * API error next to its field, rename and reorder, reload to see it all kept, then
 * delete; a coach reads the template without the editing buttons.
 */
let browser: Browser;

test.beforeAll(async ({ browser: chromium }) => {
  browser = await openBrowser(chromium);
});

test.afterAll(async () => {
  await browser?.close();
});

test('staff edit the schedule template and the changes are kept', async () => {
  const { page } = browser;
  const first = `Focus hour ${stamp()}`;
  const renamed = `Evening focus ${stamp()}`;

  await signIn(page, STAFF);
  await page.getByRole('menuitem', { name: 'Schedule' }).click();
  await page.getByRole('tab', { name: /^Sunday/ }).click();
  await page.waitForURL(/day=7/);
  const day = page.getByRole('tabpanel');
  await expect(day.getByRole('heading', { name: 'Sunday', exact: true })).toBeVisible();
  const blocksBefore = await day.getByTestId('schedule-block').count();
  await browser.screenshot('schedule-01-sunday');

  // A block whose end is before its start: the API's error lands next to End time.
  await page.getByRole('button', { name: 'Add block' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a block on Sunday' });
  await dialog.getByLabel('Title').fill(first);
  await dialog.getByLabel('Kind').selectOption('WORK_BLOCK');
  await dialog.getByLabel('Start time').fill('18:00');
  await dialog.getByLabel('End time').fill('17:30');
  await dialog.getByRole('button', { name: 'Add block' }).click();
  const endTime = dialog.getByLabel('End time');
  await expect(dialog.locator('input[aria-invalid="true"]')).toBeVisible();
  expect(await endTime.getAttribute('aria-invalid')).toBe('true');
  expect(await dialog.getByLabel('Start time').getAttribute('aria-invalid')).toBe('false');
  expect(await dialog.textContent()).toMatch(/after/i);
  await browser.screenshot('schedule-02-end-before-start');

  await endTime.fill('19:00');
  await dialog.getByRole('button', { name: 'Add block' }).click();
  await expect(dialog).toBeHidden();
  const block = day.getByRole('region', { name: first });
  await expect(block).toBeVisible();
  await expect(block.getByText('No activities in this block.')).toBeVisible();

  // Rename it.
  await block.getByRole('button', { name: `Edit block ${first}` }).click();
  const edit = page.getByRole('dialog', { name: 'Edit block' });
  expect(await edit.getByLabel('Title').inputValue()).toBe(first);
  await edit.getByLabel('Title').fill(renamed);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  const renamedBlock = day.getByRole('region', { name: renamed });
  await expect(renamedBlock).toBeVisible();
  expect(await day.getByRole('region', { name: first }).count()).toBe(0);

  // Two activities, the first one required; then the second goes first.
  await renamedBlock.getByRole('button', { name: 'Add activity' }).click();
  const add = page.getByRole('dialog', { name: `Add an activity to ${renamed}` });
  await add.getByLabel('Title').fill('Write a tailored cover letter');
  await add.getByLabel('Minutes').fill('45');
  await add.getByLabel('Required').check();
  await add.getByRole('button', { name: 'Add activity' }).click();
  await expect(add).toBeHidden();
  await renamedBlock.getByRole('button', { name: 'Add activity' }).click();
  await add.getByLabel('Title').fill('Read one engineering blog post');
  await add.getByLabel('Link').fill('https://example.org/blog');
  await add.getByRole('button', { name: 'Add activity' }).click();
  await expect(add).toBeHidden();
  const activities = renamedBlock.getByRole('listitem');
  await expect(activities.nth(1).getByText('Read one engineering blog post')).toBeVisible();

  await renamedBlock.getByRole('button', { name: 'Move activity Read one engineering blog post up' }).click();
  await expect(activities.first().getByText('Read one engineering blog post')).toBeVisible();
  await browser.screenshot('schedule-03-block-with-activities');

  // After a reload the page shows what the server kept.
  await page.reload();
  const kept = page.getByRole('tabpanel').getByRole('region', { name: renamed });
  await expect(kept).toBeVisible();
  expect(await page.getByRole('tab', { selected: true }).textContent()).toMatch(/^Sunday/);
  const titles = await kept.getByRole('listitem').evaluateAll((items) => items.map((li) => li.textContent ?? ''));
  expect(titles).toHaveLength(2);
  expect(titles[0]).toContain('Read one engineering blog post');
  expect(titles[1]).toContain('Write a tailored cover letter');
  expect(titles[1]).toContain('Required');
  expect(titles[1]).toContain('45 min');
  expect(titles[0]).not.toContain('Required');
  await expect(kept.getByText('18:00')).toBeVisible();
  await expect(kept.getByText('19:00')).toBeVisible();
  await browser.screenshot('schedule-04-after-reload');

  // Delete the block, after confirming.
  await kept.getByRole('button', { name: `Delete block ${renamed}` }).click();
  const confirm = page.getByRole('dialog', { name: `Delete the block "${renamed}"?` });
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(kept).not.toBeAttached();
  expect(await page.getByRole('tabpanel').getByTestId('schedule-block').count()).toBe(blocksBefore);
  if (blocksBefore === 0) await expect(page.getByText('No blocks on Sunday.')).toBeVisible();
  await browser.screenshot('schedule-05-deleted');
});

test('a coach reads the schedule without the editing buttons', async () => {
  const { page } = browser;
  await page.evaluate(() => localStorage.clear()); // signed out
  await signIn(page, COACH);
  await page.getByRole('menuitem', { name: 'Schedule' }).click();
  await page.getByRole('tab', { name: /^Monday/ }).click();
  await expect(page.getByText('only program staff can change it')).toBeVisible();
  const monday = page.getByRole('tabpanel');
  await expect(monday.getByTestId('schedule-block').first()).toBeVisible();
  expect(await page.getByRole('button', { name: 'Add block' }).count()).toBe(0);
  expect(await monday.getByRole('button', { name: /^(Edit|Delete|Move) / }).count()).toBe(0);
  expect(await monday.getByRole('button', { name: /^Add activity/ }).count()).toBe(0);
  await browser.screenshot('schedule-06-coach-reads-monday');
});
