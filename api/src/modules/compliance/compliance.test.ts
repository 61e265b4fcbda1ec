import { TestApp, expectError } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';
import { EnrollmentStatus } from '../learners/enrollment-status';

const PREVIEW = `query($asOf: DateTimeISO) { compliancePreview(asOf: $asOf) { asOf dryRun learnerWeeksEvaluated statusChangeCount
  changes { learnerId moduleWeek from to missing learner { name } } } }`;
const EVALUATE = `mutation($asOf: DateTimeISO) { evaluateCompliance(asOf: $asOf) { dryRun learnerWeeksEvaluated statusChangeCount
  changes { learnerId moduleWeek from to missing } } }`;
const LEARNER = `query($id: ID!) { Learner(id: $id) { status moduleWeek
  requiredActivities { kind title met dueAt dueLocal moduleWeek submissionId }
  complianceHistory { moduleWeek missing allMet from to }
  statusHistory { from to reason source moduleWeek changedBy { id } } } }`;

describe('weekly compliance evaluation', () => {
  let t: TestApp;
  let staff: User;
  let coach: User;

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-02T00:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH);
  });
  afterAll(() => t.stop());

  const asStaff = () => t.tokenFor(staff);
  const evaluate = async (asOf: string) => {
    t.clock.set(asOf);
    const res = await t.gql(EVALUATE, { asOf }, asStaff());
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.evaluateCompliance;
  };
  const learnerView = async (id: string) => (await t.gql(LEARNER, { id }, asStaff())).data!.Learner;

  describe('week boundaries in the learner\'s own zone', () => {
    // Each learner's week 1 ends at local midnight after its 7th day. New York's week 1 contains the end of
    // daylight saving time (1 Nov 2026) and Berlin's contains theirs (25 Oct 2026): 169-hour weeks.
    const zones = [
      { zone: 'America/New_York', start: '2026-10-26', end: '2026-11-02T05:00:00Z' },
      { zone: 'Europe/Berlin', start: '2026-10-19', end: '2026-10-25T23:00:00Z' },
      { zone: 'Asia/Kolkata', start: '2026-11-02', end: '2026-11-08T18:30:00Z' },
    ];

    it.each(zones)('$zone: one minute before the end counts, one minute after does not', async ({ zone, start, end }) => {
      const endMs = Date.parse(end);
      const before = new Date(endMs - 60_000).toISOString();
      const after = new Date(endMs + 60_000).toISOString();
      t.clock.set(new Date(Date.parse(`${start}T00:00:00Z`) - 864e5).toISOString());
      const onTime = await t.createLearner(coach, { timeZone: zone, moduleStartDate: start });
      const late = await t.createLearner(coach, { timeZone: zone, moduleStartDate: start });
      await t.submit(onTime, 'SMART_GOALS', new Date(endMs - 3 * 864e5).toISOString());
      await t.submit(late, 'SMART_GOALS', new Date(endMs - 3 * 864e5).toISOString());
      await t.submit(onTime, 'WEEKLY_RETROSPECTIVE', before);

      // The week has not ended a minute before its end: nothing to evaluate for these two yet.
      t.clock.set(before);
      const early = await t.gql(PREVIEW, { asOf: before }, asStaff());
      expect(early.data!.compliancePreview.changes.map((c: { learnerId: string }) => c.learnerId)).not.toContain(late.learner.id);

      await t.submit(late, 'WEEKLY_RETROSPECTIVE', after);
      const run = await evaluate(new Date(endMs + 120_000).toISOString());
      const mine = run.changes.filter((c: { learnerId: string }) => [onTime.learner.id, late.learner.id].includes(c.learnerId));
      expect(mine).toEqual([{ learnerId: late.learner.id, moduleWeek: 1, from: 'ENROLLED', to: 'AT_RISK', missing: ['Weekly retrospective'] }]);

      const lateView = await learnerView(late.learner.id);
      expect(lateView.status).toBe('AT_RISK');
      expect(lateView.statusHistory[0]).toMatchObject({
        from: 'ENROLLED', to: 'AT_RISK', reason: 'missing: Weekly retrospective', source: 'EVALUATION', moduleWeek: 1, changedBy: null,
      });
      expect(lateView.complianceHistory).toEqual([{ moduleWeek: 1, missing: ['Weekly retrospective'], allMet: false, from: 'ENROLLED', to: 'AT_RISK' }]);
      // The late retrospective counts for week 2 instead.
      expect(lateView.requiredActivities).toEqual([expect.objectContaining({ kind: 'WEEKLY_RETROSPECTIVE', moduleWeek: 2, met: true })]);

      const onTimeView = await learnerView(onTime.learner.id);
      expect(onTimeView.status).toBe('ENROLLED');
      expect(onTimeView.complianceHistory).toEqual([{ moduleWeek: 1, missing: [], allMet: true, from: 'ENROLLED', to: 'ENROLLED' }]);
      expect(onTimeView.statusHistory).toHaveLength(1);
    });

    it('reports the due time as the learner reads it', async () => {
      t.clock.set('2026-10-27T12:00:00Z');
      const ny = await t.createLearner(coach, { timeZone: 'America/New_York', moduleStartDate: '2026-10-26' });
      const view = await learnerView(ny.learner.id);
      expect(view.requiredActivities.map((r: { kind: string }) => r.kind)).toEqual(['SMART_GOALS', 'WEEKLY_RETROSPECTIVE']);
      expect(view.requiredActivities[0]).toMatchObject({ moduleWeek: 1, dueAt: '2026-11-02T05:00:00.000Z', dueLocal: '2026-11-01 23:59 (America/New_York)', met: false });
    });
  });

  describe('status transitions', () => {
    // All start Monday 2 Nov 2026 in UTC; week 1 (SMART goals + retrospective) ends 9 Nov 00:00Z.
    const START = '2026-11-02';
    let learners: Record<string, Awaited<ReturnType<TestApp['createLearner']>>>;

    beforeAll(async () => {
      t.clock.set('2026-11-01T12:00:00Z');
      const make = (status: EnrollmentStatus) => t.createLearner(coach, { timeZone: 'UTC', moduleStartDate: START, status });
      learners = {
        enrolledMet: await make(EnrollmentStatus.ENROLLED),
        enrolledMissing: await make(EnrollmentStatus.ENROLLED),
        atRiskMet: await make(EnrollmentStatus.AT_RISK),
        atRiskMissing: await make(EnrollmentStatus.AT_RISK),
        suspendedMet: await make(EnrollmentStatus.SUSPENDED),
        suspendedMissing: await make(EnrollmentStatus.SUSPENDED),
        paused: await make(EnrollmentStatus.PAUSED),
        hired: await make(EnrollmentStatus.HIRED),
        withdrawn: await make(EnrollmentStatus.WITHDRAWN),
        halfDone: await make(EnrollmentStatus.ENROLLED),
      };
      for (const key of ['enrolledMet', 'atRiskMet', 'suspendedMet']) {
        await t.submit(learners[key], 'SMART_GOALS', '2026-11-03T10:00:00Z');
        await t.submit(learners[key], 'WEEKLY_RETROSPECTIVE', '2026-11-06T10:00:00Z');
      }
      await t.submit(learners.halfDone, 'WEEKLY_RETROSPECTIVE', '2026-11-06T10:00:00Z');
    });

    it('previews the changes without writing anything, then applies exactly those', async () => {
      t.clock.set('2026-11-09T00:10:00Z');
      const before = await t.snapshot();
      const preview = (await t.gql(PREVIEW, { asOf: '2026-11-09T00:05:00Z' }, asStaff())).data!.compliancePreview;
      expect(await t.snapshot()).toBe(before);
      expect(preview.dryRun).toBe(true);

      const run = await evaluate('2026-11-09T00:05:00Z');
      expect(run.dryRun).toBe(false);
      expect(run.changes).toEqual(preview.changes.map(({ learner: _l, ...c }: Record<string, unknown>) => c));
      expect(run.learnerWeeksEvaluated).toBe(preview.learnerWeeksEvaluated);
      expect(preview.changes.find((c: { learnerId: string }) => c.learnerId === learners.enrolledMissing.learner.id).learner.name).toBeTruthy();
    });

    it('moves each status as the rules say and leaves PAUSED, HIRED and WITHDRAWN alone', async () => {
      const expected: Record<string, [EnrollmentStatus, string[] | null]> = {
        enrolledMet: [EnrollmentStatus.ENROLLED, []],
        enrolledMissing: [EnrollmentStatus.AT_RISK, ['Reassess your job-searching SMART goals', 'Weekly retrospective']],
        atRiskMet: [EnrollmentStatus.ENROLLED, []],
        atRiskMissing: [EnrollmentStatus.SUSPENDED, ['Reassess your job-searching SMART goals', 'Weekly retrospective']],
        suspendedMet: [EnrollmentStatus.SUSPENDED, []],
        suspendedMissing: [EnrollmentStatus.SUSPENDED, ['Reassess your job-searching SMART goals', 'Weekly retrospective']],
        paused: [EnrollmentStatus.PAUSED, null],
        hired: [EnrollmentStatus.HIRED, null],
        withdrawn: [EnrollmentStatus.WITHDRAWN, null],
        halfDone: [EnrollmentStatus.AT_RISK, ['Reassess your job-searching SMART goals']],
      };
      for (const [key, [status, missing]] of Object.entries(expected)) {
        const view = await learnerView(learners[key].learner.id);
        expect({ key, status: view.status }).toEqual({ key, status });
        if (missing === null) {
          expect({ key, history: view.complianceHistory }).toEqual({ key, history: [] });
          expect(view.statusHistory).toHaveLength(1);
        } else {
          expect({ key, missing: view.complianceHistory[0]?.missing }).toEqual({ key, missing });
        }
      }
      const recovered = await learnerView(learners.atRiskMet.learner.id);
      expect(recovered.statusHistory[0]).toMatchObject({ from: 'AT_RISK', to: 'ENROLLED', reason: 'all required activities of week 1 met', source: 'EVALUATION' });
    });

    it('changes nothing when the same week is evaluated again', async () => {
      // Only the audit log notes that staff ran it again.
      const before = await t.snapshot({ except: ['audit_log'] });
      const again = await evaluate('2026-11-09T00:05:00Z');
      expect(again).toMatchObject({ learnerWeeksEvaluated: 0, statusChangeCount: 0, changes: [] });
      expect(await t.snapshot({ except: ['audit_log'] })).toBe(before);
    });

    it('writes one set of history rows when two runs start at once', async () => {
      // Week 2 of the same learners, evaluated by two requests in parallel.
      t.clock.set('2026-11-16T00:05:00Z');
      const historyBefore = await t.tableCounts();
      const [a, b] = await Promise.all([
        t.gql(EVALUATE, { asOf: '2026-11-16T00:01:00Z' }, asStaff()),
        t.gql(EVALUATE, { asOf: '2026-11-16T00:01:00Z' }, asStaff()),
      ]);
      const runs = [a.data!.evaluateCompliance, b.data!.evaluateCompliance];
      const winner = runs.find((r) => r.learnerWeeksEvaluated > 0);
      expect(runs.map((r) => r.learnerWeeksEvaluated).sort((x, y) => x - y)).toEqual([0, winner.learnerWeeksEvaluated]);
      const historyAfter = await t.tableCounts();
      expect(historyAfter.status_changes - historyBefore.status_changes).toBe(winner.statusChangeCount);
      // Nobody sent week 2's retrospective: every evaluated learner but the suspended moved one step down.
      const enrolledMet = await learnerView(learners.enrolledMet.learner.id);
      expect(enrolledMet.status).toBe('AT_RISK');
      const [rows] = await t.em().execute(`select count(*)::int as n, count(distinct (learner_id, module_week))::int as d from compliance_evaluations`);
      expect(rows.n).toBe(rows.d);
    });
  });

  describe('rules are data', () => {
    it('a rule added mid-week applies from the next week; a retired one stops applying', async () => {
      t.clock.set('2026-11-22T12:00:00Z');
      const l = await t.createLearner(coach, { timeZone: 'UTC', moduleStartDate: '2026-11-23' });
      t.clock.set('2026-11-25T12:00:00Z'); // Wednesday of week 1
      const created = await t.gql(
        `mutation { createRequiredActivity(input: { kind: APPLICATION_MATERIAL, title: "Share your CV" }) { id appliesFrom moduleWeek } }`,
        {},
        asStaff(),
      );
      expect(created.data!.createRequiredActivity).toMatchObject({ appliesFrom: '2026-11-25T12:00:00.000Z', moduleWeek: null });
      const week1 = (await t.gql(`query($id: ID!) { Learner(id: $id) { requiredActivities { kind } } }`, { id: l.learner.id }, asStaff())).data!.Learner;
      expect(week1.requiredActivities.map((r: { kind: string }) => r.kind)).toEqual(['SMART_GOALS', 'WEEKLY_RETROSPECTIVE']);
      const week2 = (await t.gql(`query($id: ID!) { Learner(id: $id) { requiredActivities(moduleWeek: 2) { kind title } } }`, { id: l.learner.id }, asStaff())).data!.Learner;
      expect(week2.requiredActivities.map((r: { title: string }) => r.title)).toEqual(['Weekly retrospective', 'Share your CV']);

      const retired = await t.gql(`mutation($id: ID!) { retireRequiredActivity(id: $id) { retiredAt } }`, { id: created.data!.createRequiredActivity.id }, asStaff());
      expect(retired.data!.retireRequiredActivity.retiredAt).toBe('2026-11-25T12:00:00.000Z');
      const after = (await t.gql(`query($id: ID!) { Learner(id: $id) { requiredActivities(moduleWeek: 2) { kind } } }`, { id: l.learner.id }, asStaff())).data!.Learner;
      expect(after.requiredActivities.map((r: { kind: string }) => r.kind)).toEqual(['WEEKLY_RETROSPECTIVE']);
      const rules = (await t.gql(`{ requiredActivities { title moduleWeek } }`, {}, asStaff())).data!.requiredActivities;
      expect(rules.map((r: { title: string }) => r.title)).toEqual(['Reassess your job-searching SMART goals', 'Analyze your job search', 'Weekly retrospective']);
    });

    it('filters the learners missing a required activity this week', async () => {
      t.clock.set('2026-11-29T12:00:00Z');
      const c2 = await t.createUser(Role.COACH);
      const done = await t.createLearner(c2, { timeZone: 'UTC', moduleStartDate: '2026-11-23' });
      const notDone = await t.createLearner(c2, { timeZone: 'UTC', moduleStartDate: '2026-11-23' });
      const notStarted = await t.createLearner(c2, { timeZone: 'UTC', moduleStartDate: '2026-12-07' });
      await t.createLearner(c2, { timeZone: 'UTC', moduleStartDate: '2026-11-23', status: EnrollmentStatus.PAUSED });
      await t.submit(done, 'SMART_GOALS', '2026-11-24T12:00:00Z');
      await t.submit(done, 'WEEKLY_RETROSPECTIVE', '2026-11-27T12:00:00Z');
      await t.submit(notDone, 'WEEKLY_RETROSPECTIVE', '2026-11-27T12:00:00Z');
      t.clock.set('2026-11-29T12:00:00Z');
      const list = async (missing: boolean) =>
        (await t.gql(`query($f: LearnerFilter) { allLearners(filter: $f, perPage: 200) { id } }`, { f: { coachId: c2.id, missingRequiredActivity: missing } }, t.tokenFor(c2)))
          .data!.allLearners.map((l: { id: string }) => l.id);
      expect(await list(true)).toEqual([notDone.learner.id]);
      expect((await list(false)).sort()).toEqual([done.learner.id, notStarted.learner.id].sort());
      // A paused learner owes nothing: neither list has them.
    });
  });

  describe('refused', () => {
    it('to coaches and learners (staff only), and for a future asOf', async () => {
      t.clock.set('2026-11-30T12:00:00Z');
      const l = await t.createLearner(coach);
      expectError(await t.gql(EVALUATE, {}, t.tokenFor(coach)), 'FORBIDDEN');
      expectError(await t.gql(PREVIEW, {}, l.token), 'FORBIDDEN');
      expectError(await t.gql(EVALUATE, {}), 'UNAUTHENTICATED');
      const before = await t.snapshot();
      expectError(await t.gql(EVALUATE, { asOf: '2026-12-01T00:00:00Z' }, asStaff()), 'BAD_USER_INPUT', 'asOf');
      expectError(await t.gql(EVALUATE, { asOf: 'next tuesday' }, asStaff()), 'BAD_USER_INPUT');
      expect(await t.snapshot()).toBe(before);
    });

    it('rule changes by coaches, and bad rules', async () => {
      expectError(await t.gql(`mutation { createRequiredActivity(input: { kind: SMART_GOALS, title: "x" }) { id } }`, {}, t.tokenFor(coach)), 'FORBIDDEN');
      expectError(await t.gql(`mutation { createRequiredActivity(input: { kind: SMART_GOALS, title: "  " }) { id } }`, {}, asStaff()), 'BAD_USER_INPUT', 'input.title');
      expectError(await t.gql(`mutation { createRequiredActivity(input: { kind: SMART_GOALS, title: "x", moduleWeek: 0 }) { id } }`, {}, asStaff()), 'BAD_USER_INPUT', 'input.moduleWeek');
      expectError(await t.gql(`mutation { retireRequiredActivity(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, asStaff()), 'NOT_FOUND', 'id');
      expectError(await t.gql(`query($id: ID!) { Learner(id: $id) { requiredActivities(moduleWeek: 0) { kind } } }`, { id: (await t.createLearner(coach)).learner.id }, asStaff()), 'BAD_USER_INPUT', 'moduleWeek');
    });
  });

  describe('who is judged for which week', () => {
    // Module start Monday 5 Oct 2026 (UTC); week 3 ends 26 Oct 00:00Z, week 4 on 2 Nov.
    const START = '2026-10-05';

    it('judges a learner added mid-module first for the week that began after they were added', async () => {
      const late = await t.createLearner(coach, { timeZone: 'UTC', moduleStartDate: START, createdAt: new Date('2026-10-21T10:00:00Z') });
      expect((await t.gql(`query($id: ID!) { Learner(id: $id) { firstJudgedWeek } }`, { id: late.learner.id }, asStaff())).data!.Learner.firstJudgedWeek).toBe(4);
      const week3 = await evaluate('2026-10-26T00:05:00Z');
      expect(week3.changes.map((c: { learnerId: string }) => c.learnerId)).not.toContain(late.learner.id);
      expect((await learnerView(late.learner.id)).status).toBe('ENROLLED');
      const week4 = await evaluate('2026-11-02T00:05:00Z');
      expect(week4.changes).toContainEqual(expect.objectContaining({ learnerId: late.learner.id, moduleWeek: 4, from: 'ENROLLED', to: 'AT_RISK' }));
    });

    it('judges from the week set at creation, for a learner who was in the program before Waypoint', async () => {
      t.clock.set('2026-11-04T09:00:00Z');
      const CREATE = `mutation($coachId: ID!, $w: Int) { createLearner(name: "Long Timer", email: "long.timer@example.org", timeZone: "UTC", moduleStartDate: "2026-10-12", coachId: $coachId, judgeFromWeek: $w) { id firstJudgedWeek } }`;
      expectError(await t.gql(CREATE, { coachId: coach.id, w: 0 }, asStaff()), 'BAD_USER_INPUT', 'judgeFromWeek');
      const created = (await t.gql(CREATE, { coachId: coach.id, w: 1 }, asStaff())).data!.createLearner;
      expect(created.firstJudgedWeek).toBe(1);
      const run = await evaluate('2026-11-09T00:05:00Z'); // week 4 has ended: judged, although added during it
      expect(run.changes).toContainEqual(expect.objectContaining({ learnerId: created.id, moduleWeek: 4, to: 'AT_RISK' }));
    });

    it('never lets an older week change a status a newer week decided', async () => {
      const learner = await t.createLearner(coach, { timeZone: 'UTC', moduleStartDate: '2026-09-07' }); // week 6 ends 19 Oct, week 5 on 12 Oct
      const newer = await evaluate('2026-10-19T00:05:00Z');
      expect(newer.changes).toContainEqual(expect.objectContaining({ learnerId: learner.learner.id, moduleWeek: 6, to: 'AT_RISK' }));
      // Staff evaluate a past instant: week 5 is judged and recorded, but AT_RISK stays (it would have become SUSPENDED).
      const older = await evaluate('2026-10-12T00:05:00Z');
      expect(older.changes.map((c: { learnerId: string }) => c.learnerId)).not.toContain(learner.learner.id);
      expect((await learnerView(learner.learner.id)).status).toBe('AT_RISK');
      const [row] = await t.em().getConnection().execute(`select from_status, to_status from compliance_evaluations where learner_id = ? and module_week = 5`, [learner.learner.id]);
      expect(row).toEqual({ from_status: 'AT_RISK', to_status: 'AT_RISK' });
    });

    it('lets a coach excuse one learner-week, with a reason (audited): it is recorded and the status stays', async () => {
      const learner = await t.createLearner(coach, { timeZone: 'UTC', moduleStartDate: '2026-08-03' }); // week 10 ends 12 Oct
      const EXCUSE = `mutation($l: ID!, $w: Int!, $r: String!) { excuseWeek(learnerId: $l, moduleWeek: $w, reason: $r) { moduleWeek reason excusedBy { id } } }`;
      const asCoach = t.tokenFor(coach);
      t.clock.set('2026-10-10T12:00:00Z');
      expectError(await t.gql(EXCUSE, { l: learner.learner.id, w: 10, r: '   ' }, asCoach), 'BAD_USER_INPUT', 'reason');
      expectError(await t.gql(EXCUSE, { l: learner.learner.id, w: 0, r: 'x' }, asCoach), 'BAD_USER_INPUT', 'moduleWeek');
      expectError(await t.gql(EXCUSE, { l: learner.learner.id, w: 10, r: 'Family emergency' }, t.tokenFor(learner.user)), 'FORBIDDEN');
      const excused = await t.gql(EXCUSE, { l: learner.learner.id, w: 10, r: 'Family emergency' }, asCoach);
      expect(excused.data!.excuseWeek).toEqual({ moduleWeek: 10, reason: 'Family emergency', excusedBy: { id: coach.id } });
      // Its author by name too (it was an internal error), and the learner's excuses, newest first.
      const listed = await t.gql(`query($id: ID!) { Learner(id: $id) { complianceExcuses { moduleWeek reason excusedBy { id name } } } }`, { id: learner.learner.id }, t.tokenFor(coach));
      expect(listed.errors).toBeUndefined();
      expect(listed.data!.Learner.complianceExcuses[0]).toEqual({ moduleWeek: 10, reason: 'Family emergency', excusedBy: { id: coach.id, name: coach.name } });
      expectError(await t.gql(EXCUSE, { l: learner.learner.id, w: 10, r: 'again' }, asCoach), 'CONFLICT', 'moduleWeek');

      const run = await evaluate('2026-10-12T00:05:00Z');
      expect(run.changes.map((c: { learnerId: string }) => c.learnerId)).not.toContain(learner.learner.id);
      expect((await learnerView(learner.learner.id)).status).toBe('ENROLLED');
      const [row] = await t.em().getConnection().execute(`select from_status, to_status from compliance_evaluations where learner_id = ? and module_week = 10`, [learner.learner.id]);
      expect(row).toEqual({ from_status: 'ENROLLED', to_status: 'ENROLLED' });
      // A judged week cannot be excused after the fact: the status is changed by hand then.
      expectError(await t.gql(EXCUSE, { l: learner.learner.id, w: 10, r: 'late' }, asCoach), 'CONFLICT', 'moduleWeek');
      const audit = (await t.gql(`{ auditLog(filter: { action: "excuseWeek" }) { subjectId details } }`, {}, asStaff())).data!.auditLog;
      expect(audit).toEqual([expect.objectContaining({ subjectId: learner.learner.id, details: { learnerId: learner.learner.id, moduleWeek: 10, reason: 'Family emergency' } })]);
    });
  });
});
