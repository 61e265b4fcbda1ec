import { TestApp, expectError } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';

const NOTES = `query($id: ID!) { Learner(id: $id) { id coachNotes { id body author { name } createdAt updatedAt } } }`;

describe("coaches' notes on a learner and saved feedback snippets", () => {
  let t: TestApp;
  let staff: User;
  let coach: User;
  let other: User;
  let learner: Awaited<ReturnType<TestApp['createLearner']>>;

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-17T12:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH, { name: 'Priya Natarajan' });
    other = await t.createUser(Role.COACH, { name: 'Diego Ramírez' });
    learner = await t.createLearner(coach, { name: 'Chidi Nwosu' });
  });
  afterAll(() => t.stop());

  const as = (u: { id: string }) => t.tokenFor(u);
  const ok = async (q: string, v: Record<string, unknown>, u: { id: string }) => {
    const res = await t.gql(q, v, as(u));
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };

  it('keeps notes private to coaches and staff; only the author edits, the author or staff delete', async () => {
    const add = `mutation($l: ID!, $b: String!) { addCoachNote(learnerId: $l, body: $b) { id body author { name } } }`;
    const first = (await ok(add, { l: learner.learner.id, b: '  Nervous about salary talks; practise negotiation.  ' }, coach)).addCoachNote;
    expect(first).toMatchObject({ body: 'Nervous about salary talks; practise negotiation.', author: { name: 'Priya Natarajan' } });
    t.clock.set('2026-11-17T13:00:00Z');
    await ok(add, { l: learner.learner.id, b: 'Has an interview at Acme on Friday.' }, other);
    // Coaches and staff read them, newest first.
    for (const reader of [coach, other, staff]) {
      expect((await ok(NOTES, { id: learner.learner.id }, reader)).Learner.coachNotes.map((n: { body: string }) => n.body)).toEqual([
        'Has an interview at Acme on Friday.',
        'Nervous about salary talks; practise negotiation.',
      ]);
    }
    // The learner never does, nor an API key.
    const mine = await t.gql(NOTES, { id: learner.learner.id }, as(learner.user));
    expect(mine.data!.Learner).toEqual({ id: learner.learner.id, coachNotes: null });
    expect(mine.errors![0].extensions!.code).toBe('FORBIDDEN');
    const key = (await ok(`mutation { createApiClient(name: "Notes", scopes: ["learners:read"]) { key } }`, {}, staff)).createApiClient.key;
    const byKey = await t.gql(NOTES, { id: learner.learner.id }, key);
    expect(byKey.errors![0].extensions!.code).toBe('FORBIDDEN');
    expectError(await t.gql(add, { l: learner.learner.id, b: 'x' }, as(learner.user)), 'FORBIDDEN');

    // Bad input names the argument; nothing is written.
    expectError(await t.gql(add, { l: learner.learner.id, b: '   ' }, as(coach)), 'BAD_USER_INPUT', 'body');
    expectError(await t.gql(add, { l: learner.learner.id, b: 'x'.repeat(5001) }, as(coach)), 'BAD_USER_INPUT', 'body');
    expectError(await t.gql(add, { l: '00000000-0000-4000-8000-000000000000', b: 'Lost' }, as(coach)), 'NOT_FOUND', 'learnerId');

    // Only the author edits; the author or staff delete.
    const update = `mutation($id: ID!, $b: String!) { updateCoachNote(id: $id, body: $b) { body updatedAt } }`;
    expectError(await t.gql(update, { id: first.id, b: 'Mine now' }, as(other)), 'FORBIDDEN');
    expectError(await t.gql(update, { id: first.id, b: 'Mine now' }, as(staff)), 'FORBIDDEN');
    t.clock.set('2026-11-17T14:00:00Z');
    expect((await ok(update, { id: first.id, b: 'Practised negotiation: confident now.' }, coach)).updateCoachNote).toEqual({
      body: 'Practised negotiation: confident now.',
      updatedAt: '2026-11-17T14:00:00.000Z',
    });
    const del = `mutation($id: ID!) { deleteCoachNote(id: $id) { id body } }`;
    expectError(await t.gql(del, { id: first.id }, as(other)), 'FORBIDDEN');
    expect((await ok(del, { id: first.id }, staff)).deleteCoachNote).toEqual({ id: first.id, body: 'Practised negotiation: confident now.' });
    expect((await ok(NOTES, { id: learner.learner.id }, coach)).Learner.coachNotes).toHaveLength(1);
    expectError(await t.gql(del, { id: first.id }, as(coach)), 'NOT_FOUND');
  });

  it("keeps each coach's feedback snippets their own, titles unique per coach", async () => {
    const save = `mutation($id: ID, $t: String!, $b: String!) { saveFeedbackSnippet(id: $id, title: $t, body: $b) { id title body } }`;
    const mine = (await ok(save, { t: 'Measurable goals', b: 'Make each goal measurable: a number and a date.' }, coach)).saveFeedbackSnippet;
    await ok(save, { t: 'Great funnel', b: 'Your funnel analysis is clear.' }, coach);
    // Another coach may use the same title; the same coach may not.
    await ok(save, { t: 'Measurable goals', b: 'Numbers, please.' }, other);
    expectError(await t.gql(save, { t: 'Measurable goals', b: 'Again' }, as(coach)), 'CONFLICT', 'title');
    expectError(await t.gql(save, { t: '', b: 'Body' }, as(coach)), 'BAD_USER_INPUT', 'title');
    expectError(await t.gql(save, { t: 'x'.repeat(81), b: 'Body' }, as(coach)), 'BAD_USER_INPUT', 'title');
    expect((await ok(`{ myFeedbackSnippets { title } }`, {}, coach)).myFeedbackSnippets).toEqual([{ title: 'Great funnel' }, { title: 'Measurable goals' }]);
    expect((await ok(`{ myFeedbackSnippets { body } }`, {}, other)).myFeedbackSnippets).toEqual([{ body: 'Numbers, please.' }]);
    // Changing or deleting someone else's is NOT_FOUND: it is not yours.
    expectError(await t.gql(save, { id: mine.id, t: 'Taken', b: 'Taken' }, as(other)), 'NOT_FOUND');
    expectError(await t.gql(`mutation($id: ID!) { deleteFeedbackSnippet(id: $id) { id } }`, { id: mine.id }, as(other)), 'NOT_FOUND');
    expect((await ok(save, { id: mine.id, t: 'Measurable goals', b: 'A number and a date for each goal.' }, coach)).saveFeedbackSnippet.body).toBe('A number and a date for each goal.');
    await ok(`mutation($id: ID!) { deleteFeedbackSnippet(id: $id) { id } }`, { id: mine.id }, coach);
    expect((await ok(`{ myFeedbackSnippets { title } }`, {}, coach)).myFeedbackSnippets).toEqual([{ title: 'Great funnel' }]);
    expectError(await t.gql(`{ myFeedbackSnippets { id } }`, {}, as(learner.user)), 'FORBIDDEN');
  });
});
