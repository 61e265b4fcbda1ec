import { TestApp, expectError } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';

const REPORT = `query($cohort: String, $weeks: Int) { programReport(cohort: $cohort, weeks: $weeks) {
  cohorts { month learners } cohort
  funnel { learners applications interviews offers hired }
  statusByWeek { weekStart enrolled atRisk suspended paused hired withdrawn }
  coaches { coachId name learners reviewed withinTarget medianHoursToReview waiting }
  attendanceByWeek { weekStart sessionSignUps paired eventSeats attended absent } } }`;

describe('program reports for staff', () => {
  let t: TestApp;
  let staff: User;
  let coach: User;

  // Wednesday 25 November 2026.
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-25T12:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH, { name: 'Priya Natarajan' });
  });
  afterAll(() => t.stop());

  const ok = async (q: string, v: Record<string, unknown>, u: { id: string }) => {
    const res = await t.gql(q, v, t.tokenFor(u));
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };

  it('reports the funnel, the status mix week by week, coach workload and attendance, per cohort', async () => {
    const nov = await t.createLearner(coach, { moduleStartDate: '2026-11-16', createdAt: new Date('2026-11-16T06:00:00Z') });
    const nov2 = await t.createLearner(coach, { moduleStartDate: '2026-11-16', createdAt: new Date('2026-11-16T06:00:00Z') });
    await t.createLearner(coach, { moduleStartDate: '2026-10-05', createdAt: new Date('2026-10-04T12:00:00Z') });
    // Two applications and an interview for November learners.
    for (const [l, kind] of [[nov, 'APPLICATION'], [nov, 'INTERVIEW'], [nov2, 'APPLICATION']] as const) {
      await ok(`mutation($input: RecordJobActivityInput!) { recordJobActivity(input: $input) { id } }`, { input: { learnerId: l.learner.id, kind, company: 'Acme', role: 'Developer', occurredAt: '2026-11-20T10:00:00Z' } }, coach);
    }
    // nov2 went AT_RISK this week.
    await ok(`mutation($id: ID!) { setEnrollmentStatus(learnerId: $id, status: AT_RISK, reason: "Report test") { id } }`, { id: nov2.learner.id }, coach);
    // A submission reviewed in 2 hours, within its 48-hour target.
    const s = (await t.submit(nov, 'SMART_GOALS', '2026-11-24T08:00:00Z')).data!.submitAssignment;
    t.clock.set('2026-11-24T10:00:00Z');
    const claimed = await ok(`mutation($id: ID!) { claimSubmission(id: $id) { revision } }`, { id: s.id }, coach);
    await ok(`mutation($id: ID!, $r: Int!) { giveFeedback(submissionId: $id, decision: APPROVED, body: "Clear.", revision: $r) { id } }`, { id: s.id, r: claimed.claimSubmission.revision }, coach);
    t.clock.set('2026-11-25T12:00:00Z');

    const all = (await ok(REPORT, { weeks: 3 }, staff)).programReport;
    expect(all.cohorts).toEqual([{ month: '2026-11', learners: 2 }, { month: '2026-10', learners: 1 }]);
    expect(all.funnel).toEqual({ learners: 3, applications: 2, interviews: 1, offers: 0, hired: 0 });
    expect(all.statusByWeek.map((w: { weekStart: string }) => w.weekStart)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    // Week of 9 Nov: only the October learner existed; this week: one of three at risk.
    expect(all.statusByWeek[0]).toMatchObject({ enrolled: 1, atRisk: 0 });
    expect(all.statusByWeek[2]).toMatchObject({ enrolled: 2, atRisk: 1 });
    expect(all.coaches).toEqual([{ coachId: coach.id, name: 'Priya Natarajan', learners: 3, reviewed: 1, withinTarget: 1, medianHoursToReview: 2, waiting: 0 }]);
    expect(all.attendanceByWeek).toHaveLength(3);

    const october = (await ok(REPORT, { cohort: '2026-10', weeks: 3 }, staff)).programReport;
    expect(october).toMatchObject({ cohort: '2026-10', funnel: { learners: 1, applications: 0, interviews: 0 }, coaches: [{ learners: 1, reviewed: 0, medianHoursToReview: null }] });
  });

  it('is for staff, with checked arguments', async () => {
    expectError(await t.gql(REPORT, {}, t.tokenFor(coach)), 'FORBIDDEN');
    expectError(await t.gql(REPORT, { cohort: 'N'.repeat(61) }, t.tokenFor(staff)), 'BAD_USER_INPUT', 'cohort');
    expectError(await t.gql(REPORT, { weeks: 53 }, t.tokenFor(staff)), 'BAD_USER_INPUT', 'weeks');
  });
});
