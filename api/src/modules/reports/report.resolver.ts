import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Role } from '../users/user.entity';
import type { Context } from '../../context';
import { badInput } from '../../common/errors';
import { dueAtSql } from '../submissions/review.sql';
import { cohortOf } from '../learners/learner.service';
import { ProgramReport } from './report.types';

/** A learner `l`'s cohort: the one staff set, else their module start month (YYYY-MM). */
const COHORT_OF = (l: string) => `coalesce(${l}.cohort, to_char(${l}.module_start_date, 'YYYY-MM'))`;

/** A learner `l` of the cohort in parameter `?` (null: every learner). */
const IN_COHORT = `(?::text is null or ${COHORT_OF('l')} = ?::text)`;

/**
 * Program reports for staff: each part one statement over the program's records, grouped in SQL (no row per learner
 * reaches Node). Weeks are Monday to Sunday in UTC, the last one the week containing the request's instant.
 */
@Resolver(() => ProgramReport)
export class ReportResolver {
  @Authorized(Role.STAFF)
  @Query(() => ProgramReport, { description: 'The program at a glance (staff): the cohort funnel, status mix week by week, coach workload and review-target attainment, attendance.' })
  async programReport(
    @Arg('cohort', () => String, {
      nullable: true,
      description: "A cohort's name as `cohorts` lists it: one staff set on learners, or a module start month (YYYY-MM) for learners without one; omit for every learner.",
    })
    cohort: string | undefined,
    @Arg('weeks', () => Int, { defaultValue: 8, description: 'How many weeks back the weekly parts go, 1 to 52.' }) weeks: number,
    @Ctx() ctx: Context,
  ): Promise<ProgramReport> {
    const c = cohortOf(cohort ?? null);
    if (cohort !== undefined && cohort !== null && !c) throw badInput('cohort', 'cohort must not be blank: omit it for every learner');
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52) throw badInput('weeks', 'weeks must be from 1 to 52');
    const now = ctx.clock.now();
    const em = ctx.em;
    const weeksSql = `select generate_series(date_trunc('week', ?::timestamptz at time zone 'UTC') - interval '1 week' * (?::int - 1), date_trunc('week', ?::timestamptz at time zone 'UTC'), interval '1 week') as week_start`;
    const [cohorts, [funnel], statusRows, coaches, attendance] = await Promise.all([
      // Cohorts staff named first (by name), then module start months, newest first.
      em.execute<{ name: string; by_month: boolean; learners: number }[]>(
        `select ${COHORT_OF('l')} as name, bool_and(l.cohort is null) as by_month, count(*)::int as learners from learners l
          group by 1 order by 2, case when bool_and(l.cohort is null) then ${COHORT_OF('l')} end desc, 1`,
      ),
      em.execute<{ learners: number; applications: number; interviews: number; offers: number; hired: number }[]>(
        `select (select count(*)::int from learners l where ${IN_COHORT}) as learners,
                (select count(*)::int from job_activities a join learners l on l.id = a.learner_id where a.kind = 'APPLICATION' and ${IN_COHORT}) as applications,
                (select count(*)::int from job_activities a join learners l on l.id = a.learner_id where a.kind = 'INTERVIEW' and ${IN_COHORT}) as interviews,
                (select count(*)::int from coach_alerts o join learners l on l.id = o.learner_id where ${IN_COHORT}) as offers,
                (select count(*)::int from learners l where l.status = 'HIRED' and ${IN_COHORT}) as hired`,
        [c, c, c, c, c, c, c, c, c, c],
      ),
      em.execute<{ week_start: string; status: string; n: number }[]>(
        `with weeks as (${weeksSql})
         -- Each learner added by the week's end, in the status its last change before then set (ENROLLED, as every
         -- learner starts, when none was recorded yet).
         select to_char(w.week_start, 'YYYY-MM-DD') as week_start, coalesce(s.to_status::text, 'ENROLLED') as status, count(*)::int as n
           from weeks w join learners l on l.created_at < (w.week_start + interval '1 week') at time zone 'UTC'
           left join lateral (select sc.to_status from status_changes sc where sc.learner_id = l.id and sc.created_at < (w.week_start + interval '1 week') at time zone 'UTC'
                                order by sc.seq desc limit 1) s on true
          where ${IN_COHORT}
          group by 1, 2`,
        [now, weeks, now, c, c],
      ),
      em.execute<{ coach_id: string; name: string; learners: number; reviewed: number; within_target: number; median_hours: number | null; waiting: number }[]>(
        `with since as (select date_trunc('week', ?::timestamptz at time zone 'UTC') at time zone 'UTC' - interval '1 week' * (?::int - 1) as t),
         first as (
           select s.id, s.submitted_at, ${dueAtSql('s')} as due_at, f.created_at as reviewed_at, f.author_id
             from submissions s join learners l on l.id = s.learner_id
             join lateral (select f.created_at, f.author_id from feedback f where f.submission_id = s.id order by f.revision limit 1) f on true
            where ${IN_COHORT})
         select u.id as coach_id, u.name,
                (select count(*)::int from learners l where l.coach_id = u.id and ${IN_COHORT}) as learners,
                count(x.id)::int as reviewed,
                (count(x.id) filter (where x.reviewed_at <= x.due_at))::int as within_target,
                round((percentile_cont(0.5) within group (order by extract(epoch from x.reviewed_at - x.submitted_at) / 3600))::numeric, 1)::float8 as median_hours,
                (select count(*)::int from submissions s join learners l on l.id = s.learner_id
                  where s.status in ('SUBMITTED', 'IN_REVIEW') and coalesce(s.claimed_by_id, s.assigned_coach_id) = u.id and ${IN_COHORT}) as waiting
           from users u left join first x on x.author_id = u.id and x.reviewed_at >= (select t from since)
          where u.role = 'COACH' and u.active
          group by u.id, u.name
          order by u.name, u.id`,
        [now, weeks, c, c, c, c, c, c],
      ),
      em.execute<{ week_start: string; session_sign_ups: number; paired: number; event_seats: number; attended: number; absent: number }[]>(
        `with weeks as (${weeksSql})
         select to_char(w.week_start, 'YYYY-MM-DD') as week_start,
                (select count(*)::int from morning_session_signups g join morning_sessions m on m.id = g.session_id join learners l on l.id = g.learner_id
                  where m.date >= w.week_start::date and m.date < (w.week_start + interval '1 week')::date and ${IN_COHORT}) as session_sign_ups,
                (select count(*)::int from morning_session_signups g join morning_sessions m on m.id = g.session_id join learners l on l.id = g.learner_id
                  where g.group_number is not null and m.date >= w.week_start::date and m.date < (w.week_start + interval '1 week')::date and ${IN_COHORT}) as paired,
                (select count(*)::int from event_rsvps r join coaching_events e on e.id = r.event_id join learners l on l.id = r.learner_id
                  where r.status = 'SEATED' and e.starts_at >= w.week_start at time zone 'UTC' and e.starts_at < (w.week_start + interval '1 week') at time zone 'UTC' and ${IN_COHORT}) as event_seats,
                (select count(*)::int from event_rsvps r join coaching_events e on e.id = r.event_id join learners l on l.id = r.learner_id
                  where r.attendance = 'ATTENDED' and e.starts_at >= w.week_start at time zone 'UTC' and e.starts_at < (w.week_start + interval '1 week') at time zone 'UTC' and ${IN_COHORT}) as attended,
                (select count(*)::int from event_rsvps r join coaching_events e on e.id = r.event_id join learners l on l.id = r.learner_id
                  where r.attendance = 'ABSENT' and e.starts_at >= w.week_start at time zone 'UTC' and e.starts_at < (w.week_start + interval '1 week') at time zone 'UTC' and ${IN_COHORT}) as absent
           from weeks w order by w.week_start`,
        [now, weeks, now, c, c, c, c, c, c, c, c, c, c],
      ),
    ]);
    const weekStarts = [...new Set(attendance.map((a) => a.week_start))];
    const statusByWeek = weekStarts.map((weekStart) => {
      const n = (status: string) => statusRows.find((r) => r.week_start === weekStart && r.status === status)?.n ?? 0;
      return { weekStart, enrolled: n('ENROLLED'), atRisk: n('AT_RISK'), suspended: n('SUSPENDED'), paused: n('PAUSED'), hired: n('HIRED'), withdrawn: n('WITHDRAWN') };
    });
    return {
      cohorts: cohorts.map((r) => ({ name: r.name, month: r.name, byMonth: r.by_month, learners: r.learners })),
      cohort: c,
      funnel,
      statusByWeek,
      coaches: coaches.map((r) => ({ coachId: r.coach_id, name: r.name, learners: r.learners, reviewed: r.reviewed, withinTarget: r.within_target, medianHoursToReview: r.median_hours, waiting: r.waiting })),
      attendanceByWeek: attendance.map((a) => ({ weekStart: a.week_start, sessionSignUps: a.session_sign_ups, paired: a.paired, eventSeats: a.event_seats, attended: a.attended, absent: a.absent })),
    };
  }
}
