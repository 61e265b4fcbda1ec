import { TestApp } from '../../test/harness';
import { seedDemo } from './seed';

/**
 * The demo a newcomer meets on the first `npm start`: every screen has something to show (issue 18). Counted in
 * SQL on the seeded database, at a fixed instant.
 */
describe('demo seed', () => {
  let t: TestApp;
  let seconds = 0;
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
    const started = Date.now();
    await seedDemo(t.em(), t.clock.now());
    seconds = (Date.now() - started) / 1000;
  }, 120_000);
  afterAll(() => t.stop());

  const one = async <T = Record<string, number>>(sql: string, params: unknown[] = []): Promise<T> =>
    ((await t.em().getConnection().execute(sql, params)) as T[])[0];

  it('seeds in a few seconds, once', async () => {
    console.log(`demo seeded in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(60);
    expect((await seedDemo(t.em(), t.clock.now())).seeded).toBe(false);
  });

  it('has weeks of job search from Huntr: applications, interviews, offers, a hire, and learners quiet for 5+ days', async () => {
    const now = t.clock.now();
    const counts = await one(
      `select count(*) filter (where kind = 'APPLICATION')::int as applications,
              count(*) filter (where kind = 'INTERVIEW')::int as interviews,
              count(*) filter (where kind = 'APPLICATION' and occurred_at > ?::timestamptz - interval '7 days')::int as last_week,
              count(distinct learner_id)::int as learners,
              min(occurred_at) < ?::timestamptz - interval '14 days' as weeks_back
       from job_activities where source = 'HUNTR'`,
      [now, now],
    );
    expect(counts.applications).toBeGreaterThan(300);
    expect(counts.interviews).toBeGreaterThan(20);
    expect(counts.last_week).toBeGreaterThan(50);
    expect(counts.learners).toBeGreaterThan(30);
    expect(counts.weeks_back).toBe(true);
    // Every action went in through the webhook's path and was applied.
    expect(await one(`select count(*)::int as kept from huntr_kept_actions`)).toEqual({ kept: 0 });
    expect((await one<{ n: number }>(`select count(*)::int as n from huntr_actions where outcome <> 'APPLIED'`)).n).toBe(0);

    const offers = await one(`select count(*)::int as alerts, count(distinct coach_id)::int as coaches from coach_alerts`);
    expect(offers.alerts).toBeGreaterThanOrEqual(3);
    const hired = await one(
      `select count(*)::int as hired,
              count(*) filter (where exists (select 1 from coach_alerts a where a.learner_id = l.id and a.created_at < l.status_changed_at))::int as with_offer
       from learners l where status = 'HIRED'`,
    );
    expect(hired.hired).toBeGreaterThan(0);
    expect(hired.with_offer).toBe(hired.hired);

    // Quiet in Huntr: active learners whose last action is 5+ days old, among them one of the demo coach's.
    const quiet = await one(
      `select count(*)::int as quiet,
              count(*) filter (where u.email = 'coach@waypoint.test')::int as the_coach_s
       from learners l join users u on u.id = l.coach_id
       where l.status in ('ENROLLED', 'AT_RISK')
         and not exists (select 1 from huntr_actions h where h.learner_id = l.id and h.received_at > ?::timestamptz - interval '5 days')`,
      [now],
    );
    expect(quiet.quiet).toBeGreaterThan(0);
    expect(quiet.the_coach_s).toBeGreaterThan(0);
    const demoLearner = await one(
      `select count(*)::int as n from job_activities a join learners l on l.id = a.learner_id join users u on u.id = l.user_id
       where u.email = 'learner@waypoint.test'`,
    );
    expect(demoLearner.n).toBeGreaterThan(0);
  });

  it('has submissions of every kind waiting, claimed, breached, with feedback and resubmitted', async () => {
    const now = t.clock.now();
    const s = await one<Record<string, number | string[]>>(
      `select count(*) filter (where status = 'SUBMITTED')::int as waiting,
              count(*) filter (where status = 'IN_REVIEW')::int as claimed,
              count(*) filter (where status = 'REVIEWED')::int as approved,
              count(*) filter (where status = 'CHANGES_REQUESTED')::int as changes_requested,
              count(*) filter (where status = 'NO_REVIEW')::int as no_review,
              count(*) filter (where status in ('SUBMITTED', 'IN_REVIEW') and submitted_at < ?::timestamptz - interval '48 hours')::int as breached,
              count(*) filter (where previous_id is not null)::int as resubmitted,
              count(*) filter (where previous_id is not null and status = 'SUBMITTED')::int as resubmitted_waiting,
              array_agg(distinct kind::text order by kind::text) as kinds
       from submissions`,
      [now],
    );
    for (const key of ['waiting', 'claimed', 'approved', 'changes_requested', 'no_review', 'breached', 'resubmitted']) {
      expect({ [key]: s[key] }).toEqual({ [key]: expect.any(Number) });
      expect(s[key]).toBeGreaterThan(0);
    }
    expect(s.kinds).toEqual(['APPLICATION_MATERIAL', 'JOB_SEARCH_ANALYSIS', 'SMART_GOALS', 'WEEKLY_RETROSPECTIVE']);
    const feedback = await one(`select count(*)::int as n from feedback`);
    expect(feedback.n).toBeGreaterThan(0);
  });

  it('has 1:1 requests, scheduled and past meetings, events with a waitlist and attendance, and an excused week', async () => {
    const m = await one(
      `select count(*) filter (where status = 'REQUESTED')::int as requested, count(*) filter (where status = 'SCHEDULED')::int as scheduled,
              count(*) filter (where status = 'COMPLETED')::int as completed, count(*) filter (where status = 'NO_SHOW')::int as no_show,
              count(*) filter (where status = 'DECLINED')::int as declined
       from meetings`,
    );
    for (const value of Object.values(m)) expect(value).toBeGreaterThan(0);
    const e = await one(
      `select count(*) filter (where status = 'WAITLISTED')::int as waitlisted, count(*) filter (where attendance = 'ATTENDED')::int as attended,
              count(*) filter (where attendance = 'ABSENT')::int as absent
       from event_rsvps`,
    );
    for (const value of Object.values(e)) expect(value).toBeGreaterThan(0);
    // No coach is double-booked by the demo: meetings and facilitated events never overlap.
    const clashes = await one(
      `with busy as (
         select coach_id, starts_at, ends_at from meetings where status in ('SCHEDULED', 'COMPLETED', 'NO_SHOW')
         union all select facilitator_id, starts_at, ends_at from coaching_events)
       select count(*)::int as n from busy a join busy b on a.coach_id = b.coach_id and a.starts_at < b.ends_at and b.starts_at < a.ends_at
       and (a.starts_at, a.ends_at) <> (b.starts_at, b.ends_at)`,
    );
    expect(clashes.n).toBe(0);
    expect((await one(`select count(*)::int as n from compliance_excuses`)).n).toBe(1);
  });
});
