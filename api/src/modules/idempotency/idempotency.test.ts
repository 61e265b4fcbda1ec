import { randomUUID } from 'node:crypto';
import { TestApp, expectError } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';

const RECORD = `mutation($input: RecordJobActivityInput!, $key: String) { recordJobActivity(input: $input, idempotencyKey: $key) { id company } }`;

describe('idempotency keys on creating mutations', () => {
  let t: TestApp;
  let staff: User;
  let coach: User;
  let learner: Awaited<ReturnType<TestApp['createLearner']>>;

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH);
    learner = await t.createLearner(coach);
  });
  afterAll(() => t.stop());

  const activity = (company = 'Acme') => ({ learnerId: learner.learner.id, kind: 'APPLICATION', company, role: 'Developer', occurredAt: '2026-11-18T10:00:00Z' });
  const count = async (table: string) => Number((await t.em().execute(`select count(*)::int as n from ${table}`))[0].n);

  it('answers a retry with the first answer and writes nothing new', async () => {
    const key = randomUUID();
    const first = await t.gql(RECORD, { input: activity(), key }, learner.token);
    expect(first.errors).toBeUndefined();
    const before = await t.fingerprint();
    const again = await t.gql(RECORD, { input: activity(), key }, learner.token);
    expect(again.errors).toBeUndefined();
    expect(again.data!.recordJobActivity).toEqual(first.data!.recordJobActivity);
    expect(await t.fingerprint()).toBe(before);
    // Without a key, the same call writes again: keys are the client's choice.
    const plain = await t.gql(RECORD, { input: activity() }, learner.token);
    expect(plain.data!.recordJobActivity.id).not.toBe(first.data!.recordJobActivity.id);
    // Neither the key nor the answer is kept in the clear.
    const [row] = await t.em().execute(`select * from idempotency_keys where operation = 'recordJobActivity'`);
    expect(JSON.stringify(row)).not.toContain(key);
    expect(row.answer).not.toContain(first.data!.recordJobActivity.id);
    expect(row.principal).toBe(`user:${learner.user.id}`);
    expect(new Date(row.expires_at).toISOString()).toBe('2026-11-19T12:00:00.000Z');
  });

  it('refuses the same key with other arguments, or for another mutation, with CONFLICT on idempotencyKey', async () => {
    const key = randomUUID();
    expect((await t.gql(RECORD, { input: activity('Acme') }, learner.token)).errors).toBeUndefined();
    expect((await t.gql(RECORD, { input: activity('Acme'), key }, learner.token)).errors).toBeUndefined();
    const before = await t.fingerprint();
    expectError(await t.gql(RECORD, { input: activity('Globex'), key }, learner.token), 'CONFLICT', 'idempotencyKey');
    expectError(
      await t.gql(`mutation($input: RequestMeetingInput!, $key: String) { requestMeeting(input: $input, idempotencyKey: $key) { id } }`, {
        input: { learnerId: learner.learner.id, topic: 'GENERAL', windows: [{ startsAt: '2026-12-01T14:00:00Z', endsAt: '2026-12-01T16:00:00Z' }] },
        key,
      }, learner.token),
      'CONFLICT',
      'idempotencyKey',
    );
    expect(await t.fingerprint()).toBe(before);
  });

  it('keeps one key per user or API client: the same key from someone else is their own', async () => {
    const key = randomUUID();
    const mine = await t.gql(RECORD, { input: activity(), key }, learner.token);
    const coachs = await t.gql(RECORD, { input: activity(), key }, t.tokenFor(coach));
    expect(coachs.errors).toBeUndefined();
    expect(coachs.data!.recordJobActivity.id).not.toBe(mine.data!.recordJobActivity.id);
  });

  it('keeps nothing for a call that failed, so the corrected retry with the same key goes through', async () => {
    const key = randomUUID();
    const before = await t.fingerprint();
    expectError(await t.gql(RECORD, { input: { ...activity(), occurredAt: '2027-01-01T00:00:00Z' }, key }, learner.token), 'BAD_USER_INPUT', 'input.occurredAt');
    expectError(await t.gql(RECORD, { input: activity(), key }, t.tokenFor(await t.createUser(Role.LEARNER))), 'FORBIDDEN');
    expect(await t.fingerprint()).not.toBe(before); // the user just created
    const afterUser = await t.fingerprint();
    expectError(await t.gql(RECORD, { input: { ...activity(), occurredAt: '2027-01-01T00:00:00Z' }, key }, learner.token), 'BAD_USER_INPUT');
    expect(await t.fingerprint()).toBe(afterUser);
    expect((await t.gql(RECORD, { input: activity(), key }, learner.token)).errors).toBeUndefined();
  });

  it('refuses a key that is empty, too long or not visible ASCII', async () => {
    for (const key of ['', 'x'.repeat(256), 'with space', 'clé']) {
      expectError(await t.gql(RECORD, { input: activity(), key }, learner.token), 'BAD_USER_INPUT', 'idempotencyKey');
    }
  });

  it('writes once when 20 retries with one key arrive at the same time, and all get the same answer', async () => {
    const key = randomUUID();
    const before = await count('job_activities');
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.gql(RECORD, { input: activity('Initech'), key }, learner.token)));
    expect(answers.map((a) => a.errors)).toEqual(answers.map(() => undefined));
    expect(new Set(answers.map((a) => a.data!.recordJobActivity.id)).size).toBe(1);
    expect(await count('job_activities')).toBe(before + 1);
  });

  it('frees a key after 24 hours', async () => {
    const key = randomUUID();
    const first = (await t.gql(RECORD, { input: activity(), key }, learner.token)).data!.recordJobActivity.id;
    const at = async (instant: string, company = 'Acme') => {
      t.clock.set(instant);
      return t.gql(RECORD, { input: activity(company), key }, t.tokenFor(learner.user));
    };
    try {
      expect((await at('2026-11-19T11:59:00Z')).data!.recordJobActivity.id).toBe(first);
      const later = await at('2026-11-19T12:00:00Z');
      expect(later.data!.recordJobActivity.id).not.toBe(first);
      // The new use holds it for another 24 hours: other arguments are refused again.
      expectError(await at('2026-11-19T12:00:00Z', 'Other'), 'CONFLICT', 'idempotencyKey');
    } finally {
      t.clock.set('2026-11-18T12:00:00Z');
    }
  });

  it('replays a new API key (kept encrypted) and writes one audit entry for an audited mutation', async () => {
    const key = randomUUID();
    const create = () =>
      t.gql(`mutation($k: String) { createApiClient(name: "Retried partner", scopes: ["progress:read"], idempotencyKey: $k) { key client { id name } } }`, { k: key }, t.tokenFor(staff));
    const first = (await create()).data!.createApiClient;
    const again = (await create()).data!.createApiClient;
    expect(again).toEqual(first);
    expect(await t.snapshot()).not.toContain(first.key.slice(3));
    const audit = await t.em().execute(`select details from audit_log where action = 'createApiClient' and subject_id = ?`, [first.client.id]);
    expect(audit).toEqual([{ details: { name: 'Retried partner', scopes: ['progress:read'] } }]);
    // The replayed key works.
    expect((await t.gql(`{ progress { totalCount } }`, {}, again.key)).errors).toBeUndefined();
  });

  it('makes submitAssignment, requestMeeting, rsvpEvent and createLearner safe to retry', async () => {
    const event = (await t.gql(
      `mutation($input: CoachingEventInput!) { createCoachingEvent(input: $input) { id } }`,
      { input: { type: 'WORKSHOP', title: 'Negotiation', facilitatorId: coach.id, startsAt: '2026-12-02T15:00:00Z', durationMinutes: 60, capacity: 10 } },
      t.tokenFor(staff),
    )).data!.createCoachingEvent;
    const calls: [string, Record<string, unknown>, string][] = [
      [
        `mutation($input: SubmitAssignmentInput!, $key: String) { op: submitAssignment(input: $input, idempotencyKey: $key) { id } }`,
        { input: { learnerId: learner.learner.id, kind: 'WEEKLY_RETROSPECTIVE', retrospective: { achievements: 'Applied to 10', challenges: 'Time', nextWeekCommitments: '15', doDifferently: 'Mornings' } } },
        learner.token,
      ],
      [
        `mutation($input: RequestMeetingInput!, $key: String) { op: requestMeeting(input: $input, idempotencyKey: $key) { id } }`,
        { input: { learnerId: learner.learner.id, topic: 'GENERAL', windows: [{ startsAt: '2026-12-01T14:00:00Z', endsAt: '2026-12-01T16:00:00Z' }] } },
        learner.token,
      ],
      [`mutation($e: ID!, $l: ID!, $key: String) { op: rsvpEvent(eventId: $e, learnerId: $l, idempotencyKey: $key) { id } }`, { e: event.id, l: learner.learner.id }, learner.token],
      [
        `mutation($key: String) { op: createLearner(name: "Retried Learner", email: "retried@example.org", coachId: "${coach.id}", moduleStartDate: "2026-11-23", timeZone: "UTC", idempotencyKey: $key) { id } }`,
        {},
        t.tokenFor(staff),
      ],
    ];
    for (const [query, variables, token] of calls) {
      const key = randomUUID();
      const first = await t.gql(query, { ...variables, key }, token);
      expect(first.errors).toBeUndefined();
      const before = await t.fingerprint();
      const again = await t.gql(query, { ...variables, key }, token);
      expect(again.errors).toBeUndefined();
      expect(again.data!.op.id).toBe(first.data!.op.id);
      expect(await t.fingerprint()).toBe(before);
    }
  });
});
