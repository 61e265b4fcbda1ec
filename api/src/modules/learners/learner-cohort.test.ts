import { TestApp, expectError } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';

const SET_COHORT = `mutation($id: ID!, $cohort: String) { updateLearner(id: $id, cohort: $cohort) { id cohort } }`;
const GET = `query($id: ID!) { Learner(id: $id) { id cohort } }`;
const CREATE = `mutation($email: String!, $coachId: ID!, $cohort: String) {
  createLearner(name: "Cy Dee", email: $email, coachId: $coachId, timeZone: "UTC", moduleStartDate: "2026-11-16", cohort: $cohort) { id cohort }
}`;
const REPORT = `query($cohort: String) { programReport(cohort: $cohort, weeks: 2) { cohorts { name byMonth month learners } cohort funnel { learners } coaches { learners } } }`;

describe("a learner's cohort, set by staff", () => {
  let t: TestApp;
  let staff: User;
  let coach: User;
  let ada: Awaited<ReturnType<TestApp['createLearner']>>;
  let bo: Awaited<ReturnType<TestApp['createLearner']>>;

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-25T12:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH);
    ada = await t.createLearner(coach, { moduleStartDate: '2026-11-16' });
    bo = await t.createLearner(coach, { moduleStartDate: '2026-11-16' });
    await t.createLearner(coach, { moduleStartDate: '2026-10-05' });
  });
  afterAll(() => t.stop());

  const as = (u: User) => t.tokenFor(u);

  it('staff set it (trimmed) and clear it (null or blank); the learner reads it back', async () => {
    const set = await t.gql(SET_COHORT, { id: ada.learner.id, cohort: '  2027 spring evening ' }, as(staff));
    expect(set.errors).toBeUndefined();
    expect(set.data!.updateLearner.cohort).toBe('2027 spring evening');
    expect((await t.gql(GET, { id: ada.learner.id }, as(staff))).data!.Learner.cohort).toBe('2027 spring evening');

    expect((await t.gql(SET_COHORT, { id: ada.learner.id, cohort: '   ' }, as(staff))).data!.updateLearner.cohort).toBeNull();
    await t.gql(SET_COHORT, { id: ada.learner.id, cohort: 'Evening' }, as(staff));
    expect((await t.gql(SET_COHORT, { id: ada.learner.id, cohort: null }, as(staff))).data!.updateLearner.cohort).toBeNull();
    // Not sent: left as it is.
    await t.gql(SET_COHORT, { id: ada.learner.id, cohort: 'Evening' }, as(staff));
    const renamed = await t.gql(`mutation($id: ID!) { updateLearner(id: $id, name: "Ada L.") { cohort } }`, { id: ada.learner.id }, as(staff));
    expect(renamed.data!.updateLearner.cohort).toBe('Evening');
  });

  it('refuses more than 60 characters on cohort, and changes nothing', async () => {
    const before = (await t.gql(GET, { id: ada.learner.id }, as(staff))).data!.Learner.cohort;
    expectError(await t.gql(SET_COHORT, { id: ada.learner.id, cohort: 'x'.repeat(61) }, as(staff)), 'BAD_USER_INPUT', 'cohort');
    expect((await t.gql(SET_COHORT, { id: ada.learner.id, cohort: ` ${'y'.repeat(60)} ` }, as(staff))).data!.updateLearner.cohort).toBe('y'.repeat(60));
    await t.gql(SET_COHORT, { id: ada.learner.id, cohort: before }, as(staff));
  });

  it('a coach may send the current value back but not change it', async () => {
    const current = (await t.gql(GET, { id: ada.learner.id }, as(staff))).data!.Learner.cohort;
    const same = await t.gql(SET_COHORT, { id: ada.learner.id, cohort: current }, as(coach));
    expect(same.errors).toBeUndefined();
    expectError(await t.gql(SET_COHORT, { id: ada.learner.id, cohort: 'Mine' }, as(coach)), 'FORBIDDEN');
    expectError(await t.gql(SET_COHORT, { id: ada.learner.id, cohort: null }, as(coach)), 'FORBIDDEN');
    expect((await t.gql(GET, { id: ada.learner.id }, as(staff))).data!.Learner.cohort).toBe(current);
  });

  it('is in the audit log with who set it', async () => {
    await t.gql(SET_COHORT, { id: bo.learner.id, cohort: 'Audit cohort' }, as(staff));
    const log = (await t.gql(`{ auditLog(filter: { action: "updateLearner" }) { subjectId details actor { id } } }`, {}, as(staff))).data!.auditLog;
    expect(log).toContainEqual({ subjectId: bo.learner.id, details: { id: bo.learner.id, cohort: 'Audit cohort' }, actor: { id: staff.id } });
    await t.gql(SET_COHORT, { id: bo.learner.id, cohort: null }, as(staff));
  });

  it('program reports group by it, falling back to the module start month, and offer each as a choice', async () => {
    await t.gql(SET_COHORT, { id: ada.learner.id, cohort: 'Evening' }, as(staff));
    const all = (await t.gql(REPORT, {}, as(staff))).data!.programReport;
    expect(all.cohorts).toEqual([
      { name: 'Evening', byMonth: false, month: 'Evening', learners: 1 },
      { name: '2026-11', byMonth: true, month: '2026-11', learners: 1 },
      { name: '2026-10', byMonth: true, month: '2026-10', learners: 1 },
    ]);
    const evening = (await t.gql(REPORT, { cohort: ' Evening ' }, as(staff))).data!.programReport;
    expect(evening).toMatchObject({ cohort: 'Evening', funnel: { learners: 1 }, coaches: [{ learners: 1 }] });
    // Ada left the month's cohort for hers.
    expect((await t.gql(REPORT, { cohort: '2026-11' }, as(staff))).data!.programReport.funnel.learners).toBe(1);
    expect((await t.gql(REPORT, { cohort: 'Nobody' }, as(staff))).data!.programReport.funnel.learners).toBe(0);
    expectError(await t.gql(REPORT, { cohort: 'z'.repeat(61) }, as(staff)), 'BAD_USER_INPUT', 'cohort');
    expectError(await t.gql(REPORT, { cohort: '  ' }, as(staff)), 'BAD_USER_INPUT', 'cohort');
  });

  it('staff may name it when they enrol a learner, checked as updateLearner checks it; a coach may not', async () => {
    const email = (n: string) => `cohort-create-${n}@example.org`;
    const created = await t.gql(CREATE, { email: email('a'), coachId: coach.id, cohort: '  Spring evening ' }, as(staff));
    expect(created.errors).toBeUndefined();
    expect(created.data!.createLearner.cohort).toBe('Spring evening');
    expect((await t.gql(GET, { id: created.data!.createLearner.id }, as(staff))).data!.Learner.cohort).toBe('Spring evening');
    // Blank or left out: the module start month's cohort.
    expect((await t.gql(CREATE, { email: email('b'), coachId: coach.id, cohort: '   ' }, as(staff))).data!.createLearner.cohort).toBeNull();
    expect((await t.gql(CREATE, { email: email('c'), coachId: coach.id }, as(staff))).data!.createLearner.cohort).toBeNull();
    // Too long: refused, and nobody is enrolled (the email is still free).
    expectError(await t.gql(CREATE, { email: email('d'), coachId: coach.id, cohort: 'x'.repeat(61) }, as(staff)), 'BAD_USER_INPUT', 'cohort');
    expectError(await t.gql(CREATE, { email: email('e'), coachId: coach.id, cohort: 'Mine' }, as(coach)), 'FORBIDDEN');
    const count = `select count(*)::int as n from users where email in ('${email('d')}', '${email('e')}')`;
    expect((await t.em().getConnection().execute(count))[0].n).toBe(0);
    // A coach enrols their own learners without one.
    const byCoach = await t.gql(CREATE, { email: email('e'), coachId: coach.id, cohort: null }, as(coach));
    expect(byCoach.errors).toBeUndefined();
    expect(byCoach.data!.createLearner.cohort).toBeNull();
    // Reports count the new learner in the cohort named (last in this file: the learners added here change the counts above).
    expect((await t.gql(REPORT, { cohort: 'Spring evening' }, as(staff))).data!.programReport.funnel.learners).toBe(1);
  });
});
