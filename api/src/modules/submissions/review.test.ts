import { TestApp, contentFor, expectError } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';
import { taskList } from '../../jobs/worker';
import { loadConfig } from '../../config';
import { createLogger } from '../../common/logger';

const SUBMIT = `mutation($input: SubmitAssignmentInput!) { submitAssignment(input: $input) {
  id kind status versionNumber revision reviewRequested openToAllAt previousVersion { id } } }`;
const ITEM = `id kind status revision versionNumber waitingMinutes dueAt breached nearBreach claimableByMe
  learner { id name moduleWeek status } assignedCoach { id name } claimedBy { id name }
  latestFeedback { decision body revision author { name } }`;
const QUEUE = `query($filter: SubmissionFilter, $perPage: Int, $page: Int) { reviewQueue(filter: $filter, perPage: $perPage, page: $page) { ${ITEM} } }`;
const CLAIM = `mutation($id: ID!) { claimSubmission(id: $id) { id status revision claimedBy { id name } } }`;
const FEEDBACK = `mutation($submissionId: ID!, $decision: FeedbackDecision!, $body: String!, $revision: Int!) {
  giveFeedback(submissionId: $submissionId, decision: $decision, body: $body, revision: $revision) { id status revision reviewedAt latestFeedback { decision body revision } } }`;

type L = Awaited<ReturnType<TestApp['createLearner']>>;

describe('submissions, the review queue and feedback', () => {
  let t: TestApp;
  let staff: User;
  let coach: User;
  let otherCoach: User;
  let learner: L;
  let stranger: L;

  // Tuesday 17 Nov 2026, 09:00 UTC.
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-17T09:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH, { name: 'Amara Okafor' });
    otherCoach = await t.createUser(Role.COACH, { name: 'Diego Ramírez' });
    learner = await t.createLearner(coach, { moduleStartDate: '2026-11-02', name: 'Ada Learner' });
    stranger = await t.createLearner(otherCoach, { moduleStartDate: '2026-11-02', name: 'Sam Stranger' });
  });
  afterAll(() => t.stop());

  const as = (u: { id: string }) => t.tokenFor(u);
  const ok = async (query: string, variables: Record<string, unknown>, token: string) => {
    const res = await t.gql(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const submit = (l: L, kind: string, extra: Record<string, unknown> = {}) =>
    ok(SUBMIT, { input: { learnerId: l.learner.id, kind, ...contentFor(kind), ...extra } }, as(l.user)).then((d) => d.submitAssignment);

  it('runs the life cycle: submit, claim, NEEDS_WORK, resubmit, claim, APPROVED; the learner reads both feedbacks', async () => {
    const v1 = await submit(learner, 'SMART_GOALS');
    expect(v1).toMatchObject({ status: 'SUBMITTED', versionNumber: 1, revision: 1, reviewRequested: true, openToAllAt: '2026-11-18T09:00:00.000Z' });

    const claimed = (await ok(CLAIM, { id: v1.id }, as(coach))).claimSubmission;
    expect(claimed).toMatchObject({ status: 'IN_REVIEW', revision: 2, claimedBy: { id: coach.id } });
    t.clock.set('2026-11-17T10:00:00Z');
    const reviewed = (await ok(FEEDBACK, { submissionId: v1.id, decision: 'NEEDS_WORK', body: 'Make networking measurable.', revision: 2 }, as(coach))).giveFeedback;
    expect(reviewed).toMatchObject({ status: 'CHANGES_REQUESTED', revision: 3, reviewedAt: '2026-11-17T10:00:00.000Z', latestFeedback: { decision: 'NEEDS_WORK', revision: 1 } });

    t.clock.set('2026-11-18T08:00:00Z');
    const v2 = await submit(learner, 'SMART_GOALS', { previousSubmissionId: v1.id });
    expect(v2).toMatchObject({ status: 'SUBMITTED', versionNumber: 2, previousVersion: { id: v1.id } });
    // A version is resubmitted once.
    expectError(await t.gql(SUBMIT, { input: { learnerId: learner.learner.id, kind: 'SMART_GOALS', ...contentFor('SMART_GOALS'), previousSubmissionId: v1.id } }, as(learner.user)), 'CONFLICT', 'input.previousSubmissionId');

    const queue = (await ok(QUEUE, { filter: { learnerId: learner.learner.id } }, as(coach))).reviewQueue;
    expect(queue.map((q: { id: string }) => q.id)).toEqual([v2.id]);
    const claimed2 = (await ok(CLAIM, { id: v2.id }, as(coach))).claimSubmission;
    await ok(FEEDBACK, { submissionId: v2.id, decision: 'APPROVED', body: 'Clear and measurable.', revision: claimed2.revision }, as(coach));

    const mine = await ok(
      `query($f: SubmissionFilter) { allSubmissions(filter: $f) { id versionNumber status smartGoals { goals { area weeklyTarget } }
        feedback { decision body author { name } } previousVersion { id } nextVersion { id } } }`,
      { f: { kind: 'SMART_GOALS' } },
      as(learner.user),
    );
    expect(mine.allSubmissions).toEqual([
      { id: v2.id, versionNumber: 2, status: 'REVIEWED', smartGoals: expect.objectContaining({}), feedback: [{ decision: 'APPROVED', body: 'Clear and measurable.', author: { name: 'Amara Okafor' } }], previousVersion: { id: v1.id }, nextVersion: null },
      { id: v1.id, versionNumber: 1, status: 'CHANGES_REQUESTED', smartGoals: expect.objectContaining({}), feedback: [{ decision: 'NEEDS_WORK', body: 'Make networking measurable.', author: { name: 'Amara Okafor' } }], previousVersion: null, nextVersion: { id: v2.id } },
    ]);
    expect(mine.allSubmissions[0].smartGoals.goals).toContainEqual({ area: 'APPLICATIONS', weeklyTarget: 15 });
    const history = (await ok(`query($id: ID!) { Learner(id: $id) { submissions { id versionNumber latestFeedback { decision } } } }`, { id: learner.learner.id }, as(coach))).Learner;
    expect(history.submissions.map((s: { id: string }) => s.id)).toEqual([v2.id, v1.id]);
    expect(history.submissions[1].latestFeedback).toEqual({ decision: 'NEEDS_WORK' });
  });

  it('keeps every feedback revision when a coach corrects it', async () => {
    const s = await submit(learner, 'APPLICATION_MATERIAL');
    const c = (await ok(CLAIM, { id: s.id }, as(coach))).claimSubmission;
    const r1 = (await ok(FEEDBACK, { submissionId: s.id, decision: 'APPROVED', body: 'Looks good', revision: c.revision }, as(coach))).giveFeedback;
    const correct = `mutation($submissionId: ID!, $decision: FeedbackDecision!, $body: String!, $revision: Int!) {
      correctFeedback(submissionId: $submissionId, decision: $decision, body: $body, revision: $revision) { status feedback { revision decision body } } }`;
    expectError(await t.gql(correct, { submissionId: s.id, decision: 'NEEDS_WORK', body: 'x', revision: r1.revision }, as(otherCoach)), 'FORBIDDEN');
    const r2 = (await ok(correct, { submissionId: s.id, decision: 'NEEDS_WORK', body: 'On second look: add your GitHub link', revision: r1.revision }, as(coach))).correctFeedback;
    expect(r2).toEqual({
      status: 'CHANGES_REQUESTED',
      feedback: [
        { revision: 2, decision: 'NEEDS_WORK', body: 'On second look: add your GitHub link' },
        { revision: 1, decision: 'APPROVED', body: 'Looks good' },
      ],
    });
  });

  it('records a retrospective without review unless the learner asks for one', async () => {
    const quiet = await submit(learner, 'WEEKLY_RETROSPECTIVE');
    const asked = await submit(learner, 'WEEKLY_RETROSPECTIVE', { requestReview: true });
    expect(quiet).toMatchObject({ status: 'NO_REVIEW', reviewRequested: false });
    expect(asked).toMatchObject({ status: 'SUBMITTED', reviewRequested: true });
    const queue = (await ok(QUEUE, { filter: { kind: 'WEEKLY_RETROSPECTIVE' } }, as(coach))).reviewQueue.map((q: { id: string }) => q.id);
    expect(queue).toEqual([asked.id]);
    expectError(await t.gql(CLAIM, { id: quiet.id }, as(coach)), 'BAD_USER_INPUT', 'id');
    // Both meet the week's retrospective.
    const week = (await ok(`query($id: ID!) { Learner(id: $id) { requiredActivities { kind met } } }`, { id: learner.learner.id }, as(coach))).Learner;
    expect(week.requiredActivities).toEqual([{ kind: 'WEEKLY_RETROSPECTIVE', met: true }]);
  });

  describe('the queue', () => {
    let fresh: L;
    beforeAll(async () => {
      const c = await t.createUser(Role.COACH, { name: 'Queue Coach' });
      fresh = await t.createLearner(c, { moduleStartDate: '2026-11-02', name: 'Queue Learner' });
    });

    it('lists the oldest waiting first with age, due time and breach, and sums it up', async () => {
      t.clock.set('2026-11-02T09:00:00Z'); // Monday
      const old = await submit(fresh, 'JOB_SEARCH_ANALYSIS');
      t.clock.set('2026-11-03T20:00:00Z');
      const middle = await submit(fresh, 'APPLICATION_MATERIAL');
      t.clock.set('2026-11-04T08:00:00Z');
      const recent = await submit(fresh, 'APPLICATION_MATERIAL');
      const queue = (await ok(QUEUE, { filter: { learnerId: fresh.learner.id } }, as(staff))).reviewQueue;
      expect(queue.map((q: { id: string }) => q.id)).toEqual([old.id, middle.id, recent.id]);
      expect(queue[0]).toMatchObject({ waitingMinutes: 47 * 60, dueAt: '2026-11-04T09:00:00.000Z', breached: false, nearBreach: true });
      expect(queue[1]).toMatchObject({ breached: false, nearBreach: false });
      expect(queue[2]).toMatchObject({ waitingMinutes: 0, breached: false, learner: { name: 'Queue Learner', moduleWeek: 1, status: 'ENROLLED' } });

      t.clock.set('2026-11-04T10:00:00Z');
      const breached = (await ok(QUEUE, { filter: { learnerId: fresh.learner.id, breached: true } }, as(staff))).reviewQueue;
      expect(breached.map((q: { id: string; breached: boolean }) => [q.id, q.breached])).toEqual([[old.id, true]]);

      // Staff move the target: a 12-hour target breaches the middle one too.
      const target = await ok(`mutation { setReviewTarget(kind: APPLICATION_MATERIAL, hours: 12) { kind hours } }`, {}, as(staff));
      expect(target.setReviewTarget).toEqual({ kind: 'APPLICATION_MATERIAL', hours: 12 });
      expectError(await t.gql(`mutation { setReviewTarget(kind: SMART_GOALS, hours: 0) { hours } }`, {}, as(staff)), 'BAD_USER_INPUT', 'hours');
      expectError(await t.gql(`mutation { setReviewTarget(kind: SMART_GOALS, hours: 5) { hours } }`, {}, as(coach)), 'FORBIDDEN');
      const after = (await ok(QUEUE, { filter: { learnerId: fresh.learner.id, breached: true } }, as(staff))).reviewQueue;
      expect(after.map((q: { id: string }) => q.id)).toEqual([old.id, middle.id]);
      await ok(`mutation { setReviewTarget(kind: APPLICATION_MATERIAL, hours: 48) { hours } }`, {}, as(staff));

      const summary = (await ok(`{ reviewQueueSummary { open unclaimed inReview breached oldestSubmittedAt oldestWaitingMinutes } }`, {}, as(coach))).reviewQueueSummary;
      expect(summary.open).toBeGreaterThanOrEqual(3);
      expect(summary.oldestSubmittedAt).toBe('2026-11-02T09:00:00.000Z');
      expect(summary.oldestWaitingMinutes).toBe(49 * 60);
      expect(summary.breached).toBeGreaterThanOrEqual(1);
    });

    it('opens a breached submission to every coach, even before the assigned coach\'s working day is over', async () => {
      // Friday 27 Nov 18:00 UTC with a 24-hour target: due Saturday 18:00, but reserved until Monday 18:00.
      await ok(`mutation { setReviewTarget(kind: JOB_SEARCH_ANALYSIS, hours: 24) { hours } }`, {}, as(staff));
      try {
        t.clock.set('2026-11-27T18:00:00Z');
        const s = await submit(stranger, 'JOB_SEARCH_ANALYSIS');
        expect(s.openToAllAt).toBe('2026-11-30T18:00:00.000Z');
        const view = `query($id: ID!) { Submission(id: $id) { dueAt breached claimableByMe suggestedCoach { id } } }`;
        t.clock.set('2026-11-28T17:59:00Z');
        expect((await ok(view, { id: s.id }, as(coach))).Submission).toMatchObject({ breached: false, claimableByMe: false, suggestedCoach: null });
        expectError(await t.gql(CLAIM, { id: s.id }, as(coach)), 'FORBIDDEN');
        t.clock.set('2026-11-28T18:01:00Z');
        const breached = (await ok(view, { id: s.id }, as(coach))).Submission;
        expect(breached).toMatchObject({ dueAt: '2026-11-28T18:00:00.000Z', breached: true, claimableByMe: true });
        expect(breached.suggestedCoach).not.toBeNull();
        const mine = (await ok(`{ reviewQueue(filter: { claimableByMe: true }, perPage: 200) { id } }`, {}, as(coach))).reviewQueue.map((q: { id: string }) => q.id);
        expect(mine).toContain(s.id);
        expect((await ok(CLAIM, { id: s.id }, as(coach))).claimSubmission.claimedBy.id).toBe(coach.id);
        await ok(`mutation($id: ID!) { releaseSubmission(id: $id) { id } }`, { id: s.id }, as(coach));
      } finally {
        await ok(`mutation { setReviewTarget(kind: JOB_SEARCH_ANALYSIS, hours: 48) { hours } }`, {}, as(staff));
      }
    });

    it('gives the assigned coach a working day first, then any coach, with a suggestion by load', async () => {
      // Friday 20 Nov 18:00 UTC: the assigned coach has until Monday 18:00 (a 96-hour target: not due before then).
      await ok(`mutation { setReviewTarget(kind: APPLICATION_MATERIAL, hours: 96) { hours } }`, {}, as(staff));
      t.clock.set('2026-11-20T18:00:00Z');
      const s = await submit(stranger, 'APPLICATION_MATERIAL');
      expect(s.openToAllAt).toBe('2026-11-23T18:00:00.000Z');
      t.clock.set('2026-11-23T17:59:00Z');
      const before = await t.snapshot();
      const reserved = await t.gql(CLAIM, { id: s.id }, as(coach));
      expectError(reserved, 'FORBIDDEN');
      expect(reserved.errors![0].extensions).toMatchObject({ openToAllAt: '2026-11-23T18:00:00.000Z', assignedCoach: { id: otherCoach.id, name: 'Diego Ramírez' } });
      expect(await t.snapshot()).toBe(before);
      const view = (await ok(`query($id: ID!) { Submission(id: $id) { claimableByMe suggestedCoach { id } } }`, { id: s.id }, as(coach))).Submission;
      expect(view).toEqual({ claimableByMe: false, suggestedCoach: null });
      t.clock.set('2026-11-23T18:00:00Z');
      const open = (await ok(`query($id: ID!) { Submission(id: $id) { claimableByMe suggestedCoach { id name } } }`, { id: s.id }, as(coach))).Submission;
      expect(open.claimableByMe).toBe(true);
      expect(open.suggestedCoach).not.toBeNull();
      // Claim-next limited to my own learners does not take another coach's item.
      const mineOnly = (await ok(`mutation { claimNextSubmission(assignedToMe: true) { id assignedCoach { id } } }`, {}, as(coach))).claimNextSubmission;
      expect(mineOnly?.id).not.toBe(s.id);
      if (mineOnly) {
        expect(mineOnly.assignedCoach.id).toBe(coach.id);
        await ok(`mutation($id: ID!) { releaseSubmission(id: $id) { id } }`, { id: mineOnly.id }, as(coach));
      }
      expect((await ok(CLAIM, { id: s.id }, as(coach))).claimSubmission.claimedBy.id).toBe(coach.id);
      expect((await ok(`query($id: ID!) { Submission(id: $id) { claimLapsesAt } }`, { id: s.id }, as(coach))).Submission.claimLapsesAt).toBe('2026-11-24T18:00:00.000Z');
      // Claiming what you hold returns it; releasing puts it back.
      expect((await ok(CLAIM, { id: s.id }, as(coach))).claimSubmission.status).toBe('IN_REVIEW');
      const released = (await ok(`mutation($id: ID!) { releaseSubmission(id: $id) { status claimedBy { id } } }`, { id: s.id }, as(coach))).releaseSubmission;
      expect(released).toEqual({ status: 'SUBMITTED', claimedBy: null });
      expectError(await t.gql(`mutation($id: ID!) { releaseSubmission(id: $id) { status } }`, { id: s.id }, as(coach)), 'CONFLICT', 'id');
      await ok(`mutation { setReviewTarget(kind: APPLICATION_MATERIAL, hours: 48) { hours } }`, {}, as(staff));
    });

    it('answers a page of 50 with learner, coaches and latest feedback in one statement (after the viewer\'s first request)', async () => {
      const c = await t.createUser(Role.COACH);
      t.clock.set('2026-11-24T09:00:00Z');
      const many = await Promise.all(Array.from({ length: 10 }, () => t.createLearner(c, { moduleStartDate: '2026-11-02' })));
      for (const l of many) for (let i = 0; i < 5; i++) await submit(l, 'APPLICATION_MATERIAL');
      t.resetQueryCount();
      const page = (await ok(QUEUE, { filter: { coachId: c.id }, perPage: 50 }, as(c))).reviewQueue;
      expect(page).toHaveLength(50);
      expect(t.queryCount).toBe(2); // the viewer, read on their first request, and the page
      expect(page[0].learner.name).toBeTruthy();
      expect(page[0].assignedCoach.id).toBe(c.id);
      t.resetQueryCount();
      expect((await ok(QUEUE, { filter: { coachId: c.id }, perPage: 50 }, as(c))).reviewQueue).toEqual(page);
      expect(t.queryCount).toBe(1); // the page, checking the viewer in the same statement
    });
  });

  describe('concurrency', () => {
    it('gives one item to exactly one of 20 coaches claiming at once', async () => {
      t.clock.set('2026-11-25T09:00:00Z');
      const s = await submit(learner, 'JOB_SEARCH_ANALYSIS');
      t.clock.set('2026-11-26T10:00:00Z'); // open to all
      const coaches = await Promise.all(Array.from({ length: 20 }, (_, i) => t.createUser(Role.COACH, { name: `Racer ${i}` })));
      const results = await Promise.all(coaches.map((c) => t.gql(CLAIM, { id: s.id }, as(c))));
      const winners = results.filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      const winner = winners[0].data!.claimSubmission.claimedBy;
      const losers = results.filter((r) => r.errors);
      expect(losers).toHaveLength(19);
      for (const l of losers) {
        expectError(l, 'CONFLICT', 'id');
        expect(l.errors![0].message).toBe(`${winner.name} is reviewing this submission`);
        expect(l.errors![0].extensions!.claimedBy).toEqual({ id: winner.id, name: winner.name });
      }
      const [row] = await t.em().execute(`select claimed_by_id, revision from submissions where id = ?`, [s.id]);
      expect(row).toEqual({ claimed_by_id: winner.id, revision: 2 });
    });

    it('hands 20 concurrent claim-next callers 20 different items', async () => {
      const c = await t.createUser(Role.COACH);
      t.clock.set('2026-11-25T09:00:00Z');
      const pool = await Promise.all(Array.from({ length: 6 }, () => t.createLearner(c, { moduleStartDate: '2026-11-02' })));
      for (const l of pool) for (let i = 0; i < 4; i++) await submit(l, 'APPLICATION_MATERIAL');
      t.clock.set('2026-11-27T10:00:00Z');
      // Everything else open is claimed first, so the 24 new items are all that is left.
      await t.em().execute(`update submissions set status = 'REVIEWED' where status = 'SUBMITTED' and assigned_coach_id <> ?`, [c.id]);
      const racers = await Promise.all(Array.from({ length: 20 }, () => t.createUser(Role.COACH)));
      const results = await Promise.all(racers.map((r) => t.gql(`mutation { claimNextSubmission { id claimedBy { id } } }`, {}, as(r))));
      const ids = results.map((r) => r.data!.claimNextSubmission.id);
      expect(new Set(ids).size).toBe(20);
      results.forEach((r, i) => expect(r.data!.claimNextSubmission.claimedBy.id).toBe(racers[i].id));
      const left = await t.gql(`mutation { claimNextSubmission(kind: SMART_GOALS) { id } }`, {}, as(racers[0]));
      expect(left.data!.claimNextSubmission).toBeNull();
    });

    it('refuses stale feedback with CONFLICT and writes nothing', async () => {
      t.clock.set('2026-11-27T11:00:00Z');
      const s = await submit(learner, 'APPLICATION_MATERIAL');
      const c1 = (await ok(CLAIM, { id: s.id }, as(coach))).claimSubmission;
      // Staff hand it to the other coach while the first still has the old page open.
      await ok(`mutation($id: ID!, $c: ID!) { reassignSubmission(id: $id, coachId: $c) { claimedBy { id } } }`, { id: s.id, c: otherCoach.id }, as(staff));
      const before = await t.snapshot();
      expectError(await t.gql(FEEDBACK, { submissionId: s.id, decision: 'APPROVED', body: 'ok', revision: c1.revision }, as(staff)), 'CONFLICT', 'revision');
      expectError(await t.gql(FEEDBACK, { submissionId: s.id, decision: 'APPROVED', body: 'ok', revision: c1.revision + 1 }, as(coach)), 'FORBIDDEN');
      expect(await t.snapshot()).toBe(before);
      const done = (await ok(FEEDBACK, { submissionId: s.id, decision: 'APPROVED', body: 'ok', revision: c1.revision + 1 }, as(otherCoach))).giveFeedback;
      expect(done.status).toBe('REVIEWED');
    });
  });

  describe('authorization and bad input', () => {
    it('keeps learners to their own submissions and out of the queue', async () => {
      const theirs = await submit(stranger, 'APPLICATION_MATERIAL');
      expectError(await t.gql(`query($id: ID!) { Submission(id: $id) { id } }`, { id: theirs.id }, as(learner.user)), 'FORBIDDEN');
      const all = (await ok(`{ allSubmissions(perPage: 200) { learnerId } }`, {}, as(learner.user))).allSubmissions;
      expect(new Set(all.map((s: { learnerId: string }) => s.learnerId))).toEqual(new Set([learner.learner.id]));
      expectError(await t.gql(QUEUE, {}, as(learner.user)), 'FORBIDDEN');
      expectError(await t.gql(`{ reviewQueueSummary { open } }`, {}, as(learner.user)), 'FORBIDDEN');
      expectError(await t.gql(CLAIM, { id: theirs.id }, as(learner.user)), 'FORBIDDEN');
      expectError(await t.gql(SUBMIT, { input: { learnerId: stranger.learner.id, kind: 'APPLICATION_MATERIAL', ...contentFor('APPLICATION_MATERIAL') } }, as(learner.user)), 'FORBIDDEN');
      expectError(await t.gql(`mutation($id: ID!, $c: ID!) { reassignSubmission(id: $id, coachId: $c) { id } }`, { id: theirs.id, c: coach.id }, as(coach)), 'FORBIDDEN');
      expectError(await t.gql(QUEUE, {}), 'UNAUTHENTICATED');
    });

    it('refuses malformed submissions and feedback with the field at fault, writing nothing', async () => {
      t.clock.set('2026-11-27T12:00:00Z');
      const s = await submit(learner, 'APPLICATION_MATERIAL');
      const before = await t.snapshot();
      const send = (input: Record<string, unknown>) => t.gql(SUBMIT, { input: { learnerId: learner.learner.id, ...input } }, as(learner.user));
      expectError(await send({ kind: 'SMART_GOALS', ...contentFor('JOB_SEARCH_ANALYSIS') }), 'BAD_USER_INPUT', 'input.analysis');
      expectError(await send({ kind: 'SMART_GOALS' }), 'BAD_USER_INPUT', 'input.smartGoals');
      const goals = (contentFor('SMART_GOALS').smartGoals as { goals: { area: string }[] }).goals;
      const noNetworking = { ...(contentFor('SMART_GOALS').smartGoals as object), goals: [...goals.slice(0, 3), { ...goals[0], statement: 'Apply more' }] };
      expectError(await send({ kind: 'SMART_GOALS', smartGoals: noNetworking }), 'BAD_USER_INPUT', 'input.smartGoals.goals');
      expectError(await send({ kind: 'SMART_GOALS', smartGoals: { ...noNetworking, goals: goals.map((g) => ({ ...g, weeklyTarget: -1 })) } }), 'BAD_USER_INPUT', 'input.smartGoals.goals.0.weeklyTarget');
      expectError(await send({ kind: 'WEEKLY_RETROSPECTIVE', retrospective: { achievements: ' ', challenges: 'x', nextWeekCommitments: 'x', doDifferently: 'x' } }), 'BAD_USER_INPUT', 'input.retrospective.achievements');
      expectError(await send({ kind: 'JOB_SEARCH_ANALYSIS', analysis: { ...(contentFor('JOB_SEARCH_ANALYSIS').analysis as object), diagnosis: 'x'.repeat(200_000) } }), 'BAD_USER_INPUT', 'input.analysis.diagnosis');
      expectError(await send({ kind: 'APPLICATION_MATERIAL', material: { materialType: 'CV', link: 'ftp://nope', note: '' } }), 'BAD_USER_INPUT', 'input.material.link');
      expectError(await send({ kind: 'APPLICATION_MATERIAL', ...contentFor('APPLICATION_MATERIAL'), previousSubmissionId: s.id }), 'CONFLICT', 'input.previousSubmissionId');
      // A megabyte of content never reaches the resolver: the body limit answers with a code.
      const huge = await send({ kind: 'JOB_SEARCH_ANALYSIS', analysis: { ...(contentFor('JOB_SEARCH_ANALYSIS').analysis as object), diagnosis: 'x'.repeat(1_100_000) } });
      expect(huge.status).toBe(413);
      expect(huge.errors![0].extensions!.code).toBe('BAD_REQUEST');

      expectError(await t.gql(FEEDBACK, { submissionId: s.id, decision: 'APPROVED', body: 'Fine', revision: 1 }, as(coach)), 'CONFLICT', 'submissionId');
      const c = (await ok(CLAIM, { id: s.id }, as(coach))).claimSubmission;
      const before2 = await t.snapshot();
      expectError(await t.gql(FEEDBACK, { submissionId: s.id, decision: 'APPROVED', body: '   ', revision: c.revision }, as(coach)), 'BAD_USER_INPUT', 'body');
      expectError(await t.gql(`mutation($id: ID!) { giveFeedback(submissionId: $id, body: "x", revision: 2) { id } }`, { id: s.id }, as(coach)), 'GRAPHQL_VALIDATION_FAILED');
      expectError(await t.gql(FEEDBACK, { submissionId: s.id, decision: 'MAYBE', body: 'x', revision: c.revision }, as(coach)), 'BAD_USER_INPUT');
      expectError(await t.gql(FEEDBACK, { submissionId: s.id, decision: 'APPROVED', body: 'x', revision: c.revision }, as(otherCoach)), 'FORBIDDEN');
      expectError(await t.gql(FEEDBACK, { submissionId: '00000000-0000-4000-8000-000000000000', decision: 'APPROVED', body: 'x', revision: 1 }, as(coach)), 'NOT_FOUND', 'submissionId');
      expect(await t.snapshot()).toBe(before2);
      expect(before).not.toBe(before2);
    });
  });

  it('lets a claim untouched for 24 hours lapse back into the queue (the job)', async () => {
    t.clock.set('2026-11-30T09:00:00Z');
    const s = await submit(learner, 'APPLICATION_MATERIAL');
    await ok(CLAIM, { id: s.id }, as(coach));
    const tasks = taskList({ orm: t.orm, clock: t.clock, config: loadConfig({ NODE_ENV: 'test' }), log: createLogger('silent') });
    const run = tasks.release_lapsed_claims as (p: unknown, h: unknown) => Promise<void>;
    t.clock.set('2026-12-01T08:59:00Z');
    await run({}, {});
    expect((await ok(`query($id: ID!) { Submission(id: $id) { status } }`, { id: s.id }, as(coach))).Submission.status).toBe('IN_REVIEW');
    t.clock.set('2026-12-01T09:01:00Z');
    await run({}, {});
    expect((await ok(`query($id: ID!) { Submission(id: $id) { status claimedBy { id } } }`, { id: s.id }, as(coach))).Submission).toEqual({ status: 'SUBMITTED', claimedBy: null });
  });
});
