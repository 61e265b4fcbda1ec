import { expect, test } from '@playwright/test';
import { apiToken, BASE_URL, COACH, graphql, openBrowser, signIn, STAFF, type Browser } from './browser';

/**
 * Issue 20, defect 4: a coach's unsent feedback is kept per submission (localStorage, keyed by submission and
 * user) through going back to the queue and a reload, the console asks before leaving a panel with unsent words
 * (its own dialog in the console, the browser's on a reload), and sending clears the draft.
 */

let browser: Browser;

test.beforeAll(async ({ browser: chromium }) => {
  browser = await openBrowser(chromium);
});

test.afterAll(async () => {
  await browser?.close();
});

/** A new submission of one of another coach's learners, handed to the demo coach by staff: it is in review in their name. */
async function submissionHeldByTheDemoCoach(): Promise<{ id: string; learner: string }> {
  const staff = await apiToken(STAFF);
  const coach = await apiToken(COACH);
  const { me } = await graphql<{ me: { id: string } }>(coach, '{ me { id } }');
  const { allLearners } = await graphql<{ allLearners: { id: string; name: string; coach: { id: string } | null }[] }>(
    staff,
    '{ allLearners(filter: { status: ENROLLED }, perPage: 200) { id name coach { id } } }',
  );
  const learner = allLearners.find((l) => l.coach && l.coach.id !== me.id) ?? allLearners[0];
  const { submitAssignment } = await graphql<{ submitAssignment: { id: string } }>(
    staff,
    'mutation($input: SubmitAssignmentInput!) { submitAssignment(input: $input) { id } }',
    { input: { learnerId: learner.id, kind: 'APPLICATION_MATERIAL', material: { materialType: 'CV', link: 'https://example.org/drafts-cv.pdf', note: 'Drafts suite' } } },
  );
  await graphql(staff, 'mutation($id: ID!, $coachId: ID!) { reassignSubmission(id: $id, coachId: $coachId) { id } }', { id: submitAssignment.id, coachId: me.id });
  return { id: submitAssignment.id, learner: learner.name };
}

test('a feedback draft survives the queue and a reload, leaving asks first, and sending clears it', async () => {
  const { page } = browser;
  const held = await submissionHeldByTheDemoCoach();
  await signIn(page, COACH);
  const panel = `${BASE_URL}/admin/review-queue/${encodeURIComponent(held.id)}/show`;
  await page.goto(panel);
  const feedback = page.getByRole('textbox', { name: 'Feedback to the learner' });
  await expect(feedback).toBeVisible();
  const words = `Strong CV. Put the portfolio link at the top (drafts ${Date.now()}).`;
  await page.getByRole('radio', { name: /Request changes/ }).check();
  await feedback.fill(words);

  // Kept in localStorage under this submission and this user.
  const stored = await page.evaluate(
    ({ id }) => {
      const userId = JSON.parse(localStorage.getItem('waypoint.session') ?? '{}').user?.id;
      return localStorage.getItem(`waypoint.feedbackDraft.${userId}.${id}`);
    },
    { id: held.id },
  );
  expect(JSON.parse(stored ?? '{}')).toMatchObject({ decision: 'NEEDS_WORK', body: words, correcting: false });

  // Back to the queue: the console asks first. Stay keeps the panel; Leave goes.
  await page.getByRole('link', { name: 'Back to queue' }).first().click();
  const ask = page.getByRole('dialog', { name: 'Leave without sending?' });
  await expect(ask).toBeVisible();
  expect(await ask.innerText()).toContain('kept as a draft');
  await browser.screenshot('drafts-01-leave-dialog');
  await ask.getByRole('button', { name: 'Stay' }).click();
  await expect(ask).toBeHidden();
  expect(new URL(page.url()).pathname).toContain(held.id);
  await page.getByRole('link', { name: 'Back to queue' }).first().click();
  await ask.getByRole('button', { name: 'Leave' }).click();
  await page.waitForURL(/\/admin\/review-queue(\?|$)/);

  // Back to the panel: the words and the decision are there.
  await page.goto(panel);
  await expect(feedback).toBeVisible();
  expect(await feedback.inputValue()).toBe(words);
  expect(await page.getByRole('radio', { name: /Request changes/ }).isChecked()).toBe(true);

  // A reload: the browser asks (beforeunload); once accepted, the draft is still there.
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.type();
    void dialog.accept();
  });
  await feedback.press('End'); // the page has been used: browsers only ask then
  await page.reload();
  expect(asked).toBe('beforeunload');
  await expect(feedback).toBeVisible();
  expect(await feedback.inputValue()).toBe(words);

  // Sent: the draft is gone, and leaving asks nothing.
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await expect(page.getByTestId('feedback-sent')).toBeVisible();
  const after = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('waypoint.feedbackDraft.')));
  expect(after.filter((k) => k.endsWith(held.id))).toEqual([]);
  await page.getByTestId('feedback-sent').getByRole('link', { name: 'Back to queue' }).click();
  await page.waitForURL(/\/admin\/review-queue(\?|$)/);
  expect(await ask.count()).toBe(0);
});
