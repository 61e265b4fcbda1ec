import { expect, test } from '@playwright/test';
import { apiToken, BASE_URL, COACH, graphql, openBrowser, PASSWORD, signIn, STAFF, type Browser } from './browser';

/**
 * The review queue, in a real browser against a real server: a coach lands on the queue,
 * claims the oldest item they may claim, requests changes with a comment, and the learner
 * then reads that feedback over GraphQL with their own token. Around it: a stale revision
 * reloads and keeps the draft, "Next item" claims the next one, release gives it back, a
 * claim lost to someone else names the holder, and the learner page lists the submission.
 */
let browser: Browser;

test.beforeAll(async ({ browser: chromium }) => {
  browser = await openBrowser(chromium);
});

test.afterAll(async () => {
  await browser?.close();
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const queueRows = () => browser.page.getByTestId('queue-item');

interface QueueRow {
  id: string;
  breached: boolean;
  nearBreach: boolean;
  learner: { name: string };
}

async function oldestClaimable(token: string): Promise<QueueRow> {
  const { reviewQueue } = await graphql<{ reviewQueue: QueueRow[] }>(
    token,
    '{ reviewQueue(filter: { claimableByMe: true }, perPage: 1) { id breached nearBreach learner { name } } }',
  );
  expect(reviewQueue).toHaveLength(1);
  return reviewQueue[0];
}

/** Application material from one of the coach's own learners: claimable by that coach at once, whatever the day. */
async function freshSubmission(coachToken: string, note: string): Promise<string> {
  const { me } = await graphql<{ me: { id: string } }>(coachToken, '{ me { id } }');
  const { allLearners } = await graphql<{ allLearners: { id: string }[] }>(
    coachToken,
    'query($coachId: ID!) { allLearners(filter: { coachId: $coachId, status: ENROLLED }, perPage: 1) { id } }',
    { coachId: me.id },
  );
  const { submitAssignment } = await graphql<{ submitAssignment: { id: string } }>(
    coachToken,
    'mutation($input: SubmitAssignmentInput!) { submitAssignment(input: $input) { id } }',
    {
      input: {
        learnerId: allLearners[0].id,
        kind: 'APPLICATION_MATERIAL',
        material: { materialType: 'COVER_LETTER', link: 'https://example.org/cover-letter.pdf', note },
      },
    },
  );
  return submitAssignment.id;
}

test('a coach claims the oldest item, requests changes, and the learner reads the feedback', async () => {
  const { page } = browser;
  const coachToken = await apiToken(COACH);
  // Two of the coach's own, so "Next item" and the lost claim below always have something to work on.
  await freshSubmission(coachToken, 'Is the opening paragraph too long?');
  const contested = await freshSubmission(coachToken, 'Does it sound like me?');
  const oldest = await oldestClaimable(coachToken);

  // Coaches land on the review queue, "Claimable by me" first.
  await signIn(page, COACH);
  await page.waitForURL(/\/admin\/review-queue/);
  await expect(page.getByRole('heading', { name: 'Review queue', level: 1 })).toBeVisible();
  expect(await page.getByRole('tab', { name: /Claimable by me/ }).getAttribute('aria-selected')).toBe('true');
  await expect(queueRows().first()).toBeVisible();
  // The summary strip: counts and the oldest wait as days and hours.
  await expect(page.getByLabel(/^Open: \d+$/)).toBeVisible();
  expect(await page.getByLabel(/^Oldest waiting: /).textContent()).toMatch(/^(\d+ d( \d+ h)?|\d+ h( \d+ min)?|\d+ min)$/);
  // Oldest first, as the API orders it, with its due state as a colored chip.
  const first = queueRows().first();
  expect(await first.getAttribute('data-submission-id')).toBe(oldest.id);
  const state = oldest.breached ? 'breached' : oldest.nearBreach ? 'near' : 'ok';
  expect(await first.getAttribute('data-due-state')).toBe(state);
  expect(await first.locator(`[data-due-state="${state}"]`).textContent()).toMatch(oldest.breached ? /^Overdue / : /^Due /);
  await browser.screenshot('review-01-queue');

  // Claim the oldest: its review panel opens, with the feedback form.
  const learnerName = (await first.locator('td').first().innerText()).trim();
  expect(learnerName).toBe(oldest.learner.name);
  await first.getByRole('button', { name: /^Claim / }).click();
  const submissionId = oldest.id;
  await page.waitForURL(new RegExp(`/admin/review-queue/${submissionId}/show`));
  await expect(page.getByRole('heading', { name: new RegExp(`^${escapeRegExp(learnerName)}: .+ v\\d+$`), level: 1 })).toBeVisible();
  const review = page.getByTestId('review-card');
  await expect(review.getByRole('heading', { name: 'Your review' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Learner' }).getByRole('link', { name: learnerName })).toBeVisible();
  // Beside the feedback: the learner's week (required activities, met or missing) and their last 7 days' job search.
  await expect(page.getByRole('region', { name: 'Learner' }).getByText(/\d+ applications, \d+ interviews/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Learner' }).getByText(/(done|missing)|No required activities/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'What the learner sent' })).toBeVisible();
  await browser.screenshot('review-02-claimed');

  // Someone changes the submission under the form (release and claim again moves its revision on):
  // sending gets the stale-revision message, the panel reloads, and the draft stays.
  const comment = `Tighten the summary: lead with the career change and one measurable result (e2e ${Date.now()}).`;
  await review.getByLabel(/^Request changes/).check();
  await review.getByLabel('Feedback to the learner').fill(comment);
  await graphql(coachToken, 'mutation($id: ID!) { releaseSubmission(id: $id) { id } }', { id: submissionId });
  await graphql(coachToken, 'mutation($id: ID!) { claimSubmission(id: $id) { id } }', { id: submissionId });
  await review.getByRole('button', { name: 'Send feedback' }).click();
  await expect(page.getByTestId('feedback-notice').getByText(/This submission changed since you opened it/)).toBeVisible();
  expect(await review.getByLabel('Feedback to the learner').inputValue()).toBe(comment);
  expect(await review.getByLabel(/^Request changes/).isChecked()).toBe(true);
  await browser.screenshot('review-03-stale-revision');

  // Send again, now with the reloaded revision.
  await review.getByRole('button', { name: 'Send feedback' }).click();
  const sent = page.getByTestId('feedback-sent');
  await expect(sent).toBeVisible();
  expect(await sent.textContent()).toContain('Feedback sent: needs work.');
  await expect(review.getByTestId('feedback-entry').getByText(comment)).toBeVisible();
  expect(await review.locator('[data-decision]').first().getAttribute('data-decision')).toBe('NEEDS_WORK');
  await expect(page.locator('h1 ~ div [data-submission-status="CHANGES_REQUESTED"]').first()).toBeVisible();
  // Focus moves to "Next item", ready for the next one.
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Next item');
  await browser.screenshot('review-04-feedback-sent');

  // The learner signs in with their own password and reads it on their submission.
  const { Submission: seenByCoach } = await graphql<{ Submission: { learner: { email: string } } }>(
    coachToken,
    'query($id: ID!) { Submission(id: $id) { learner { email } } }',
    { id: submissionId },
  );
  const { login } = await graphql<{ login: { token: string; user: { role: string } } }>(
    null,
    'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token user { role } } }',
    { email: seenByCoach.learner.email, password: PASSWORD },
  );
  expect(login.user.role).toBe('LEARNER');
  const { Submission: seenByLearner } = await graphql<{ Submission: { status: string; latestFeedback: { decision: string; body: string } } }>(
    login.token,
    'query($id: ID!) { Submission(id: $id) { status latestFeedback { decision body } } }',
    { id: submissionId },
  );
  expect(seenByLearner).toEqual({ status: 'CHANGES_REQUESTED', latestFeedback: { decision: 'NEEDS_WORK', body: comment } });

  // "Next item" claims the next oldest and opens it; release gives it back.
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => /\/review-queue\/[^/]+\/show/.test(url.pathname) && !url.pathname.includes(submissionId));
  await expect(page.getByTestId('review-card').getByRole('heading', { name: 'Your review' })).toBeVisible();
  const nextId = decodeURIComponent(/\/review-queue\/([^/]+)\/show/.exec(page.url())![1]);
  expect(nextId).not.toBe(submissionId);
  await page.getByRole('button', { name: 'Release' }).click();
  await expect(page.getByTestId('review-card').getByRole('button', { name: 'Claim', exact: true })).toBeVisible();
  const { Submission: released } = await graphql<{ Submission: { status: string } }>(
    coachToken,
    'query($id: ID!) { Submission(id: $id) { status } }',
    { id: nextId },
  );
  expect(released.status).toBe('SUBMITTED');

  // The reviewed one left the queue.
  await page.getByRole('link', { name: 'Back to queue' }).first().click();
  await expect(queueRows().first()).toBeVisible();
  expect(await page.locator(`[data-submission-id="${submissionId}"]`).count()).toBe(0);

  // Staff take an item while this page still offers it: claiming it says who holds it.
  const staffToken = await apiToken(STAFF);
  const contestedRow = page.locator(`[data-submission-id="${contested}"]`);
  await expect(contestedRow.getByRole('button', { name: /^Claim / })).toBeVisible();
  await graphql(staffToken, 'mutation($id: ID!) { claimSubmission(id: $id) { id } }', { id: contested });
  await contestedRow.getByRole('button', { name: /^Claim / }).click();
  await expect(page.getByText('Nadia Haddad is reviewing this submission')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/admin/review-queue');
  await browser.screenshot('review-05-claim-conflict');
  await graphql(staffToken, 'mutation($id: ID!) { releaseSubmission(id: $id) { id } }', { id: contested });

  // A deep link to the reviewed one; from there, the learner page lists it with the decision.
  await page.goto(`${BASE_URL}/admin/review-queue/${submissionId}/show`);
  await page.getByRole('region', { name: 'Learner' }).getByRole('link', { name: learnerName }).click();
  const submissions = page.getByRole('region', { name: 'Submissions' });
  const row = submissions.getByTestId('learner-submission').filter({ has: page.locator(`a[href$="/review-queue/${submissionId}/show"]`) });
  await expect(row).toBeVisible();
  expect(await row.locator('[data-decision]').getAttribute('data-decision')).toBe('NEEDS_WORK');
  expect(await row.locator('[data-submission-status]').getAttribute('data-submission-status')).toBe('CHANGES_REQUESTED');
  await browser.screenshot('review-06-learner-submissions');

  // From the queue, the N key claims the next item and opens it.
  await page.getByRole('menuitem', { name: 'Review queue' }).click();
  await expect(queueRows().first()).toBeVisible();
  const nextOldest = await oldestClaimable(coachToken);
  await page.keyboard.press('n');
  await page.waitForURL(new RegExp(`/admin/review-queue/${nextOldest.id}/show`));
  await expect(page.getByTestId('review-card').getByRole('heading', { name: 'Your review' })).toBeVisible();
  await page.getByRole('button', { name: 'Release' }).click();
  await expect(page.getByTestId('review-card').getByRole('button', { name: 'Claim', exact: true })).toBeVisible();
});
