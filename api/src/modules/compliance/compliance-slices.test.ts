import { TestApp } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';
import { EnrollmentStatus } from '../learners/enrollment-status';
import { ComplianceService } from './compliance.service';

/**
 * The weekly run judges the program in slices of learners (by id). The scheduled job commits each slice on its own,
 * two at a time; the evaluateCompliance mutation runs them one after another in its transaction. Either way the
 * run must decide exactly what one statement over the whole program decides (compliancePreview's), once per
 * learner-week. Slices of 5 here, so 23 judged learners make 5 of them.
 */
describe('weekly compliance evaluation, slice by slice', () => {
  let t: TestApp;
  let coach: User;
  let learners: Awaited<ReturnType<TestApp['createLearner']>>[];
  const SLICE = 5;
  // Week 1 (SMART goals and the retrospective) of learners starting Monday 2 Nov 2026 in UTC ends 9 Nov 00:00Z.
  const WEEK_1 = new Date('2026-11-09T00:05:00Z');
  const WEEK_2 = new Date('2026-11-16T00:05:00Z');
  const service = (em = t.em()) => new ComplianceService(em, () => t.clock.now(), SLICE);

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-01T12:00:00Z' });
    coach = await t.createUser(Role.COACH);
    const statuses = [EnrollmentStatus.ENROLLED, EnrollmentStatus.AT_RISK, EnrollmentStatus.SUSPENDED, EnrollmentStatus.ENROLLED, EnrollmentStatus.PAUSED];
    learners = [];
    for (let i = 0; i < 28; i++) learners.push(await t.createLearner(coach, { timeZone: 'UTC', moduleStartDate: '2026-11-02', status: statuses[i % statuses.length] }));
    // Every third learner does week 1's work; the others miss some or all of it.
    for (const [i, l] of learners.entries()) {
      if (i % 3 === 0) await t.submit(l, 'SMART_GOALS', '2026-11-03T10:00:00Z');
      if (i % 3 !== 2) await t.submit(l, 'WEEKLY_RETROSPECTIVE', '2026-11-06T10:00:00Z');
    }
    t.clock.set('2026-11-16T00:10:00Z');
  });
  afterAll(() => t.stop());

  const statuses = async () =>
    Object.fromEntries((await t.em().execute<{ id: string; status: string }[]>(`select id, status from learners`)).map((r) => [r.id, r.status]));
  const failFor = async (learnerId: string | null) => {
    if (learnerId === null) return t.em().execute(`drop trigger if exists fail_evaluation on compliance_evaluations`);
    await t.em().execute(`create or replace function fail_evaluation() returns trigger language plpgsql as $$
      begin if new.learner_id = '${learnerId}' then raise exception 'injected failure'; end if; return new; end $$`);
    await t.em().execute(`create trigger fail_evaluation before insert on compliance_evaluations for each row execute function fail_evaluation()`);
  };

  it('the scheduled run decides what one statement over the whole program decides, one transaction a slice', async () => {
    const whole = await service().preview(WEEK_1, 7);
    expect(whole.learnerWeeksEvaluated).toBe(23); // the PAUSED ones are not judged
    const before = await statuses();

    const run = await service().evaluate(WEEK_1, 7);
    expect(run).toMatchObject({ dryRun: false, learnerWeeksEvaluated: 23, statusChangeCount: whole.statusChangeCount });
    // The first seven changes by learner id, across the first slices.
    expect(run.changes).toEqual(whole.changes);
    const after = await statuses();
    const all = await service().preview(WEEK_1, 100); // nothing left: judged once
    expect(all.learnerWeeksEvaluated).toBe(0);
    const moved = Object.keys(after).filter((id) => after[id] !== before[id]);
    expect(moved).toHaveLength(whole.statusChangeCount);
    // Each judged slice committed on its own: five transactions, each a run of at most five consecutive ids.
    const slices = await t.em().execute<{ tx: string; n: number; first: number; last: number }[]>(
      `select xmin::text as tx, count(*)::int as n, min(k)::int as first, max(k)::int as last
         from (select e.xmin, row_number() over (order by e.learner_id) as k from compliance_evaluations e) s group by xmin order by 3`,
    );
    expect(slices.map((s) => [s.first, s.last])).toEqual([[1, 5], [6, 10], [11, 15], [16, 20], [21, 23]]);
    // One history row and one notice to the learner per change; their coach hears of each AT_RISK and SUSPENDED.
    const [counts] = await t.em().execute(
      `select (select count(*) from status_changes where source = 'EVALUATION')::int as history,
              (select count(*) from notifications where kind = 'STATUS_CHANGED')::int as told,
              (select count(*) from notifications where kind = 'LEARNER_AT_RISK' and recipient_id = ?)::int as coach`,
      [coach.id],
    );
    expect(counts).toEqual({ history: moved.length, told: moved.length, coach: moved.filter((id) => after[id] !== 'ENROLLED').length });
  });

  it('a scheduled run that fails part-way keeps the slices it finished; the next run judges the rest, once', async () => {
    t.clock.set('2026-11-16T00:10:00Z');
    const whole = await service().preview(WEEK_2, 100);
    // The 13th judged learner by id, in the third slice.
    const [{ id: failing }] = await t.em().execute<{ id: string }[]>(
      `select id from learners where status in ('ENROLLED', 'AT_RISK', 'SUSPENDED') order by id offset 12 limit 1`,
    );
    const noticesOf = async (learnerId: string) => (await t.em().execute(`select id from notifications where subject_id = ?`, [learnerId])).length;
    const noticesBefore = await noticesOf(failing);
    await failFor(failing);
    try {
      await expect(service().evaluate(WEEK_2, 100)).rejects.toThrow(/injected failure/);
    } finally {
      await failFor(null);
    }
    const judged = async () => (await t.em().execute<{ learner_id: string }[]>(`select learner_id from compliance_evaluations where module_week = 2 order by learner_id`)).map((r) => r.learner_id);
    const partly = await judged();
    // The two slices before the failing one were taken first and finished; the failing slice wrote nothing.
    expect(partly.length).toBeGreaterThanOrEqual(10);
    expect(partly.length).toBeLessThan(whole.learnerWeeksEvaluated);
    expect(partly).not.toContain(failing);
    expect(await noticesOf(failing)).toBe(noticesBefore);

    const rest = await service().evaluate(WEEK_2, 100);
    expect(rest.learnerWeeksEvaluated).toBe(whole.learnerWeeksEvaluated - partly.length);
    expect(await judged()).toHaveLength(whole.learnerWeeksEvaluated);
    // Between the two runs, every change the whole-program preview foresaw, each written once.
    const [{ history, learners: changed }] = await t.em().execute(
      `select count(*)::int as history, count(distinct learner_id)::int as learners from status_changes where source = 'EVALUATION' and module_week = 2`,
    );
    expect({ history, changed }).toEqual({ history: whole.statusChangeCount, changed: whole.statusChangeCount });
  });

  it('in a transaction (the mutation and its audit entry) the slices run in it: one failing slice writes nothing at all', async () => {
    t.clock.set('2026-11-23T00:10:00Z');
    const week3 = new Date('2026-11-23T00:05:00Z');
    const whole = await service().preview(week3, 100);
    expect(whole.learnerWeeksEvaluated).toBeGreaterThan(2 * SLICE);
    const [{ id: last }] = await t.em().execute<{ id: string }[]>(
      `select id from learners where status in ('ENROLLED', 'AT_RISK', 'SUSPENDED') order by id desc limit 1`,
    );
    const before = await t.snapshot();
    await failFor(last); // in the last slice, after the others have run
    try {
      await expect(t.em().transactional((em) => service(em).evaluate(week3, 100))).rejects.toThrow(/injected failure/);
    } finally {
      await failFor(null);
    }
    expect(await t.snapshot()).toBe(before);

    const run = await t.em().transactional((em) => service(em).evaluate(week3, 100));
    expect({ evaluated: run.learnerWeeksEvaluated, changed: run.statusChangeCount, changes: run.changes }).toEqual({
      evaluated: whole.learnerWeeksEvaluated,
      changed: whole.statusChangeCount,
      changes: whole.changes,
    });
  });
});
