import { TestApp, expectError } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';
import { EnrollmentStatus } from './enrollment-status';

const GET = `query($id: ID!) { Learner(id: $id) { id name email status moduleWeek coach { id } statusHistory { from to reason source changedBy { id } moduleWeek } } }`;
const LIST = `query($filter: LearnerFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: String) {
  allLearners(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { id name status moduleWeek }
  _allLearnersMeta(filter: $filter) { count }
}`;
const CREATE = `mutation($name: String!, $email: String!, $timeZone: String!, $moduleStartDate: LocalDate!, $coachId: ID!, $password: String) {
  createLearner(name: $name, email: $email, timeZone: $timeZone, moduleStartDate: $moduleStartDate, coachId: $coachId, password: $password) {
    id name email timeZone moduleStartDate moduleWeek status coach { id } statusHistory { from to source }
  }
}`;
const UPDATE = `mutation($id: ID!, $name: String, $email: String, $timeZone: String, $moduleStartDate: LocalDate, $coachId: ID) {
  updateLearner(id: $id, name: $name, email: $email, timeZone: $timeZone, moduleStartDate: $moduleStartDate, coachId: $coachId) { id name email timeZone coach { id } }
}`;
const SET_STATUS = `mutation($learnerId: ID!, $status: EnrollmentStatus!, $reason: String!) {
  setEnrollmentStatus(learnerId: $learnerId, status: $status, reason: $reason) { id status statusHistory { from to reason source changedBy { id } moduleWeek } }
}`;
const SET_STATUSES = `mutation($learnerIds: [ID!]!, $status: EnrollmentStatus!, $reason: String!) {
  setEnrollmentStatuses(learnerIds: $learnerIds, status: $status, reason: $reason) { id status }
}`;

describe('learners and enrollment status', () => {
  let t: TestApp;
  let staff: User;
  let coach: User;
  let otherCoach: User;
  let ada: Awaited<ReturnType<TestApp['createLearner']>>;
  let bo: Awaited<ReturnType<TestApp['createLearner']>>;
  let tokens: Record<'staff' | 'coach' | 'otherCoach', string>;

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH, { name: 'Amara Okafor' });
    otherCoach = await t.createUser(Role.COACH, { name: 'Diego Ramírez' });
    ada = await t.createLearner(coach, { name: 'Ada Lovelace', timeZone: 'Europe/London', moduleStartDate: '2026-11-02' });
    bo = await t.createLearner(otherCoach, { name: 'Bo Chen', timeZone: 'Asia/Manila', moduleStartDate: '2026-10-26', status: EnrollmentStatus.AT_RISK });
    tokens = { staff: t.tokenFor(staff), coach: t.tokenFor(coach), otherCoach: t.tokenFor(otherCoach) };
  });
  afterAll(() => t.stop());

  describe('who may do what', () => {
    type Actor = 'anonymous' | 'learnerSelf' | 'learnerOther' | 'coach' | 'otherCoach' | 'staff';
    const token = (a: Actor) =>
      ({ anonymous: undefined, learnerSelf: ada.token, learnerOther: bo.token, coach: tokens.coach, otherCoach: tokens.otherCoach, staff: tokens.staff })[a];

    it.each<[Actor, string | null]>([
      ['anonymous', 'UNAUTHENTICATED'],
      ['learnerSelf', null],
      ['learnerOther', 'FORBIDDEN'],
      ['coach', null],
      ['otherCoach', null],
      ['staff', null],
    ])('Learner(id) of Ada as %s', async (actor, code) => {
      const res = await t.gql(GET, { id: ada.learner.id }, token(actor));
      if (code) {
        expectError(res, code);
        expect(res.data?.Learner ?? null).toBeNull();
      } else expect(res.data!.Learner.name).toBe('Ada Lovelace');
    });

    it('lets a learner read their own record with the id in upper case', async () => {
      const res = await t.gql(GET, { id: ada.learner.id.toUpperCase() }, ada.token);
      expect(res.data!.Learner.id).toBe(ada.learner.id);
    });

    it('allLearners shows a learner only themselves, whatever the filter', async () => {
      const own = await t.gql(LIST, {}, ada.token);
      expect(own.data!.allLearners.map((l: { id: string }) => l.id)).toEqual([ada.learner.id]);
      expect(own.data!._allLearnersMeta.count).toBe(1);
      const sneaky = await t.gql(LIST, { filter: { ids: [bo.learner.id] } }, ada.token);
      expect(sneaky.data!.allLearners).toEqual([]);
      expect(sneaky.data!._allLearnersMeta.count).toBe(0);
    });

    it.each<[Actor, string | null]>([
      ['anonymous', 'UNAUTHENTICATED'],
      ['learnerSelf', 'FORBIDDEN'],
      ['learnerOther', 'FORBIDDEN'],
      ['coach', null],
      ['otherCoach', null],
      ['staff', null],
    ])('setEnrollmentStatus as %s', async (actor, code) => {
      const before = await t.snapshot();
      const target = await t.createLearner(coach);
      const snapshotAfterSetup = await t.snapshot();
      const res = await t.gql(SET_STATUS, { learnerId: target.learner.id, status: 'PAUSED', reason: 'Leave' }, actor === 'learnerSelf' ? target.token : token(actor));
      if (code) {
        expectError(res, code);
        expect(await t.snapshot()).toBe(snapshotAfterSetup);
      } else expect(res.data!.setEnrollmentStatus.status).toBe('PAUSED');
      expect(before).not.toBe(snapshotAfterSetup);
    });

    it.each<[Actor, string | null]>([
      ['anonymous', 'UNAUTHENTICATED'],
      ['learnerSelf', 'FORBIDDEN'],
      ['coach', null],
      ['staff', null],
    ])('createLearner and updateLearner as %s', async (actor, code) => {
      const email = `new-${actor}@test.example`;
      const created = await t.gql(CREATE, { name: 'New One', email, timeZone: 'Africa/Lagos', moduleStartDate: '2026-11-16', coachId: coach.id }, token(actor));
      const updated = await t.gql(UPDATE, { id: ada.learner.id, name: 'Ada Lovelace' }, token(actor));
      if (code) {
        expectError(created, code);
        expectError(updated, code);
      } else {
        expect(created.data!.createLearner.email).toBe(email);
        expect(updated.data!.updateLearner.name).toBe('Ada Lovelace');
      }
    });

    it('keeps users (accounts) to staff and coaches, and account changes to staff', async () => {
      expectError(await t.gql('{ allUsers { id } }', {}, ada.token), 'FORBIDDEN');
      expectError(await t.gql('{ allUsers { id } }'), 'UNAUTHENTICATED');
      expect((await t.gql('{ allUsers { id } }', {}, tokens.coach)).data!.allUsers.length).toBeGreaterThan(2);
      const create = `mutation { createUser(email: "c9@test.example", name: "C", role: COACH, password: "long enough password") { id } }`;
      expectError(await t.gql(create, {}, tokens.coach), 'FORBIDDEN');
      expectError(await t.gql(create, {}, ada.token), 'FORBIDDEN');
      expect((await t.gql(create, {}, tokens.staff)).data!.createUser.id).toBeTruthy();
    });
  });

  describe('enrollment', () => {
    it('creates the login, the learner and the first history row together', async () => {
      const res = await t.gql(
        CREATE,
        { name: ' Chidi Nwosu ', email: 'Chidi@Example.org', timeZone: 'africa/lagos', moduleStartDate: '2026-11-09', coachId: coach.id, password: 'a long password' },
        tokens.coach,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.createLearner).toMatchObject({
        name: 'Chidi Nwosu',
        email: 'chidi@example.org',
        timeZone: 'Africa/Lagos',
        moduleStartDate: '2026-11-09',
        moduleWeek: 2,
        status: 'ENROLLED',
        coach: { id: coach.id },
        statusHistory: [{ from: null, to: 'ENROLLED', source: 'ENROLLMENT' }],
      });
      const login = await t.gql(`mutation { login(email: "chidi@example.org", password: "a long password") { user { role learner { id } } } }`);
      expect(login.data!.login.user).toEqual({ role: 'LEARNER', learner: { id: res.data!.createLearner.id } });
    });

    it('refuses an email already taken in any case with CONFLICT, writing nothing', async () => {
      const before = await t.snapshot();
      const res = await t.gql(CREATE, { name: 'Dup', email: 'CHIDI@example.org', timeZone: 'UTC', moduleStartDate: '2026-11-09', coachId: coach.id }, tokens.staff);
      expectError(res, 'CONFLICT', 'email');
      expect(await t.snapshot()).toBe(before);
    });

    it.each<[string, Record<string, unknown>, string, string]>([
      ['empty name', { name: '   ' }, 'BAD_USER_INPUT', 'name'],
      ['100 kB name', { name: 'x'.repeat(100_000) }, 'BAD_USER_INPUT', 'name'],
      ['bad email', { email: 'not-an-email' }, 'BAD_USER_INPUT', 'email'],
      ['unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'BAD_USER_INPUT', 'timeZone'],
      ['offset instead of zone', { timeZone: '+03:00' }, 'BAD_USER_INPUT', 'timeZone'],
      ['malformed coach id', { coachId: 'abc' }, 'BAD_USER_INPUT', 'coachId'],
      ['unknown coach', { coachId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', 'coachId'],
      ['a learner as coach', { coachId: 'LEARNER' }, 'BAD_USER_INPUT', 'coachId'],
      ['start date far away', { moduleStartDate: '1900-01-01' }, 'BAD_USER_INPUT', 'moduleStartDate'],
      ['short password', { password: 'short' }, 'BAD_USER_INPUT', 'password'],
    ])('refuses %s with a coded error naming the field, writing nothing', async (_label, change, code, field) => {
      const vars = { name: 'Valid Name', email: `valid-${Math.random()}@test.example`, timeZone: 'UTC', moduleStartDate: '2026-11-09', coachId: coach.id, ...change };
      if (vars.coachId === 'LEARNER') vars.coachId = ada.user.id;
      const before = await t.snapshot();
      const res = await t.gql(CREATE, vars, tokens.staff);
      expectError(res, code, field);
      expect(await t.snapshot()).toBe(before);
    });

    it('refuses a malformed date and a missing field before anything runs', async () => {
      const before = await t.snapshot();
      const bad = await t.gql(CREATE, { name: 'X', email: 'x@test.example', timeZone: 'UTC', moduleStartDate: '2026-02-30', coachId: coach.id }, tokens.staff);
      expectError(bad, 'BAD_USER_INPUT');
      const missing = await t.gql(`mutation { createLearner(name: "X", email: "x@test.example", timeZone: "UTC", coachId: "${coach.id}") { id } }`, {}, tokens.staff);
      expect(missing.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(await t.snapshot()).toBe(before);
    });

    it('updates the profile and reassigns the coach', async () => {
      const res = await t.gql(UPDATE, { id: bo.learner.id, timeZone: 'America/Bogota', coachId: coach.id }, tokens.staff);
      expect(res.data!.updateLearner).toMatchObject({ timeZone: 'America/Bogota', coach: { id: coach.id } });
      expectError(await t.gql(UPDATE, { id: '00000000-0000-4000-8000-000000000000', name: 'Nobody' }, tokens.staff), 'NOT_FOUND', 'id');
      expectError(await t.gql(UPDATE, { id: 'nope', name: 'Nobody' }, tokens.staff), 'BAD_USER_INPUT', 'id');
      expectError(await t.gql(UPDATE, { id: bo.learner.id, email: ada.user.email }, tokens.staff), 'CONFLICT', 'email');
    });
  });

  describe('status history', () => {
    it('keeps three changes as three rows, newest first, with who, why and the module week', async () => {
      const { learner } = await t.createLearner(coach, { timeZone: 'Africa/Lagos', moduleStartDate: '2026-11-02' });
      const steps: [EnrollmentStatus, string][] = [
        [EnrollmentStatus.AT_RISK, 'Missed two retrospectives'],
        [EnrollmentStatus.PAUSED, 'Medical leave'],
        [EnrollmentStatus.ENROLLED, 'Back from leave'],
      ];
      for (const [status, reason] of steps) {
        const res = await t.gql(SET_STATUS, { learnerId: learner.id, status, reason }, tokens.coach);
        expect(res.errors).toBeUndefined();
      }
      const res = await t.gql(GET, { id: learner.id }, tokens.staff);
      expect(res.data!.Learner.status).toBe('ENROLLED');
      expect(res.data!.Learner.statusHistory).toEqual([
        { from: 'PAUSED', to: 'ENROLLED', reason: 'Back from leave', source: 'MANUAL', changedBy: { id: coach.id }, moduleWeek: 3 },
        { from: 'AT_RISK', to: 'PAUSED', reason: 'Medical leave', source: 'MANUAL', changedBy: { id: coach.id }, moduleWeek: 3 },
        { from: 'ENROLLED', to: 'AT_RISK', reason: 'Missed two retrospectives', source: 'MANUAL', changedBy: { id: coach.id }, moduleWeek: 3 },
        { from: null, to: 'ENROLLED', reason: 'Enrolled', source: 'ENROLLMENT', changedBy: null, moduleWeek: null },
      ]);
    });

    it.each([
      ['an empty reason', { reason: '' }, 'reason'],
      ['a blank reason', { reason: '  \n ' }, 'reason'],
      ['an over-long reason', { reason: 'r'.repeat(2001) }, 'reason'],
      ['the current status', { status: 'ENROLLED' }, 'status'],
      ['a malformed id', { learnerId: 'x' }, 'learnerId'],
    ])('refuses %s, writing nothing', async (_label, change, field) => {
      const { learner } = await t.createLearner(coach);
      const before = await t.snapshot();
      const res = await t.gql(SET_STATUS, { learnerId: learner.id, status: 'AT_RISK', reason: 'ok', ...change }, tokens.coach);
      expectError(res, 'BAD_USER_INPUT', field);
      expect(await t.snapshot()).toBe(before);
    });

    it('refuses an unknown learner and an unknown status value', async () => {
      expectError(await t.gql(SET_STATUS, { learnerId: '00000000-0000-4000-8000-000000000000', status: 'AT_RISK', reason: 'x' }, tokens.coach), 'NOT_FOUND', 'learnerId');
      expectError(await t.gql(SET_STATUS, { learnerId: ada.learner.id, status: 'EXPELLED', reason: 'x' }, tokens.coach), 'BAD_USER_INPUT');
    });

    it('changes many learners with one reason, all or nothing', async () => {
      const a = await t.createLearner(coach);
      const b = await t.createLearner(coach, { status: EnrollmentStatus.HIRED });
      const c = await t.createLearner(otherCoach);
      const res = await t.gql(SET_STATUSES, { learnerIds: [a.learner.id, b.learner.id, c.learner.id], status: 'HIRED', reason: 'Cohort placed with a partner' }, tokens.staff);
      expect(res.data!.setEnrollmentStatuses.map((l: { status: string }) => l.status)).toEqual(['HIRED', 'HIRED', 'HIRED']);
      const history = await t.em().getConnection().execute(`select learner_id from status_changes where reason = 'Cohort placed with a partner'`);
      expect(history).toHaveLength(2); // b was already HIRED: no row for it

      const before = await t.snapshot();
      const partial = await t.gql(SET_STATUSES, { learnerIds: [a.learner.id, '00000000-0000-4000-8000-000000000000'], status: 'WITHDRAWN', reason: 'x' }, tokens.staff);
      expectError(partial, 'NOT_FOUND', 'learnerIds');
      expect(await t.snapshot()).toBe(before);
      expectError(await t.gql(SET_STATUSES, { learnerIds: [], status: 'WITHDRAWN', reason: 'x' }, tokens.staff), 'BAD_USER_INPUT', 'learnerIds');
    });

    it('answers each of several mutations in one request with what the one before wrote', async () => {
      const { learner } = await t.createLearner(coach);
      const res = await t.gql(
        `mutation($id: ID!) {
          a: setEnrollmentStatus(learnerId: $id, status: AT_RISK, reason: "one") { statusHistory { to } }
          b: setEnrollmentStatus(learnerId: $id, status: PAUSED, reason: "two") { statusHistory { to } }
        }`,
        { id: learner.id },
        tokens.coach,
      );
      expect(res.data!.a.statusHistory.map((h: { to: string }) => h.to)).toEqual(['AT_RISK', 'ENROLLED']);
      expect(res.data!.b.statusHistory.map((h: { to: string }) => h.to)).toEqual(['PAUSED', 'AT_RISK', 'ENROLLED']);
    });

    it('is append-only in the database itself', async () => {
      const conn = t.em().getConnection();
      await expect(conn.execute(`update status_changes set reason = 'rewritten'`)).rejects.toThrow(/append-only/);
      await expect(conn.execute(`delete from status_changes`)).rejects.toThrow(/append-only/);
    });
  });

  describe('lists', () => {
    it('filters by status, coach, text and module week, and counts the same rows', async () => {
      const byStatus = await t.gql(LIST, { filter: { status: 'AT_RISK' }, perPage: 200 }, tokens.coach);
      expect(byStatus.data!.allLearners.every((l: { status: string }) => l.status === 'AT_RISK')).toBe(true);
      expect(byStatus.data!._allLearnersMeta.count).toBe(byStatus.data!.allLearners.length);

      const byText = await t.gql(LIST, { filter: { q: 'lovel' } }, tokens.coach);
      expect(byText.data!.allLearners.map((l: { name: string }) => l.name)).toEqual(['Ada Lovelace']);
      const wildcard = await t.gql(LIST, { filter: { q: '%' } }, tokens.coach);
      expect(wildcard.data!.allLearners).toEqual([]);

      const byCoach = await t.gql(LIST, { filter: { coachId: otherCoach.id }, perPage: 200 }, tokens.coach);
      const ids = byCoach.data!.allLearners.map((l: { id: string }) => l.id);
      expect(ids).not.toContain(ada.learner.id);

      // Ada started 2026-11-02 (London): on 2026-11-18 she is in week 3.
      const week3 = await t.gql(LIST, { filter: { moduleWeek: 3, q: 'Ada' } }, tokens.coach);
      expect(week3.data!.allLearners.map((l: { moduleWeek: number }) => l.moduleWeek)).toEqual([3]);
      const week2 = await t.gql(LIST, { filter: { moduleWeek: 2, q: 'Ada' } }, tokens.coach);
      expect(week2.data!.allLearners).toEqual([]);
    });

    it('pages and sorts in one statement per list, however many rows', async () => {
      for (let i = 0; i < 12; i++) await t.createLearner(otherCoach, { name: `Paged ${String(i).padStart(2, '0')}` });
      t.resetQueryCount();
      const page1 = await t.gql(
        `query { allLearners(page: 0, perPage: 10, sortField: "name", sortOrder: "DESC", filter: { q: "Paged" }) { id name email coach { name } statusHistory { to changedBy { name } } } }`,
        {},
        tokens.coach,
      );
      // statusHistory has no SQL declaration, so this goes through the resolvers: 1 viewer lookup + the page's ids
      // (learnerConditions, the SQL the compiled list uses) + those learners with user and coach + 1 batched history.
      expect(t.queryCount).toBeLessThanOrEqual(4);
      expect(page1.data!.allLearners.map((l: { name: string }) => l.name)).toEqual(
        Array.from({ length: 10 }, (_, i) => `Paged ${String(11 - i).padStart(2, '0')}`),
      );
      const page2 = await t.gql(LIST, { filter: { q: 'Paged' }, page: 1, perPage: 10, sortField: 'name' }, tokens.coach);
      expect(page2.data!.allLearners.map((l: { name: string }) => l.name)).toEqual(['Paged 10', 'Paged 11']);
    });

    it('refuses pages over 200 rows, unknown sort fields and sort orders', async () => {
      expectError(await t.gql(LIST, { perPage: 201 }, tokens.coach), 'BAD_USER_INPUT', 'perPage');
      expectError(await t.gql(LIST, { perPage: 0 }, tokens.coach), 'BAD_USER_INPUT', 'perPage');
      expectError(await t.gql(LIST, { page: -1 }, tokens.coach), 'BAD_USER_INPUT', 'page');
      expectError(await t.gql(LIST, { sortField: 'passwordHash' }, tokens.coach), 'BAD_USER_INPUT', 'sortField');
      expectError(await t.gql(LIST, { sortOrder: 'sideways' }, tokens.coach), 'BAD_USER_INPUT', 'sortOrder');
      expectError(await t.gql(LIST, { filter: { moduleWeek: 0 } }, tokens.coach), 'BAD_USER_INPUT', 'filter.moduleWeek');
    });
  });
});
