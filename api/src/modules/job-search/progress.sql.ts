import type { EntityManager } from '@mikro-orm/postgresql';
import { EnrollmentStatus } from '../learners/enrollment-status';
import { Role } from '../users/user.entity';
import type { Viewer } from '../../auth/viewer';
import { badInput } from '../../common/errors';
import { pgArray } from '../../common/sql';

/**
 * The SQL job-search progress is built from: the rolling window of learner-local days (the last `days` days,
 * today included, up to now; local dates worked out in PostgreSQL), the series and counts over it, which learners a
 * viewer's page holds, and the coach funnel. progress.read.ts puts each LearnerProgress field together from them.
 */

/** How many module weeks back the weekly series goes. */
export const WEEKLY_SERIES_WEEKS = 12;

export interface Funnel {
  applications: number;
  phoneScreens: number;
  interviews: number;
  offers: number;
}

/**
 * The CTEs `args` (now, days), `page` (the learners: condition, after the cursor, in id order, up to the limit;
 * with the columns `w` needs, since joining learners again made PostgreSQL plan a scan of the whole table for the
 * page of 201 at 1k and 10k learners) and `w` (each learner with its local today, window start and module week), with `?` parameters in
 * this order: now, days, the condition's, the cursor (when `withAfter`), the limit.
 */
export function windowCtes(condition: string, withAfter: boolean): string {
  return `args as (select ?::timestamptz as now, ?::int as days),
       page as (select l.id, l.time_zone, l.module_start_date, l.status from learners l
                where ${condition} ${withAfter ? 'and l.id > ?' : ''} order by l.id limit ?),
       w as (
         select l.id, l.time_zone, l.module_start_date, l.status, t.today, t.today - (args.days - 1) as first_day,
                ((t.today - (args.days - 1))::timestamp at time zone l.time_zone) as window_start,
                case when t.today >= l.module_start_date then (t.today - l.module_start_date) / 7 + 1 end as module_week
         from page l cross join args
         cross join lateral (select (args.now at time zone l.time_zone)::date as today) t
       )`;
}

/** Applications and interviews of the activities `a` matching a condition, as two int columns. */
const COUNTS = `count(*) filter (where a.kind = 'APPLICATION')::int as applications, count(*) filter (where a.kind = 'INTERVIEW')::int as interviews`;

/**
 * Rows (date, applications, interviews): one per learner-local day of the window of `w`, zeros included; the
 * activities come from an index range scan. Over `w` (the learner with its local today and window) and `args`.
 */
export const DAILY_ROWS = `select d.day::date::text as date, coalesce(x.applications, 0) as applications, coalesce(x.interviews, 0) as interviews
           from generate_series(w.first_day, w.today, interval '1 day') d(day)
           left join (select (a.occurred_at at time zone w.time_zone)::date as day, ${COUNTS}
                      from job_activities a where a.learner_id = w.id and a.occurred_at >= w.window_start and a.occurred_at <= args.now
                      group by 1) x on x.day = d.day::date`;

/** Rows (module_week, applications, interviews): the last WEEKLY_SERIES_WEEKS module weeks of `w` up to the current one. */
export const WEEKLY_ROWS = `select g.wk as module_week, coalesce(x.applications, 0) as applications, coalesce(x.interviews, 0) as interviews
            from generate_series(greatest(1, w.module_week - ${WEEKLY_SERIES_WEEKS - 1}), w.module_week) g(wk)
            left join (select ((a.occurred_at at time zone w.time_zone)::date - w.module_start_date) / 7 + 1 as wk, ${COUNTS}
                       from job_activities a
                       where a.learner_id = w.id and a.occurred_at <= args.now
                         and a.occurred_at >= ((w.module_start_date + 7 * (greatest(1, w.module_week - ${WEEKLY_SERIES_WEEKS - 1}) - 1))::timestamp at time zone w.time_zone)
                       group by 1) x on x.wk = g.wk`;

/** The window's applications and interviews of `w`, as two int columns. */
export const WINDOW_COUNTS = `select ${COUNTS} from job_activities a where a.learner_id = w.id and a.occurred_at >= w.window_start and a.occurred_at <= args.now`;

export interface ProgressFilter {
  ids?: string[];
  coachId?: string;
  status?: EnrollmentStatus;
}

/** BAD_USER_INPUT on `days` unless it is 1 to 366. */
export function checkDays(days: number): void {
  if (!Number.isInteger(days) || days < 1 || days > 366) throw badInput('days', 'days must be from 1 to 366');
}

/** Which learners `l` a viewer's page holds (learners: themselves; a key limited to a coach: that coach's), as SQL with `?` parameters. */
export function progressConditions(viewer: Viewer, filter: ProgressFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (viewer.role === Role.LEARNER) {
    where.push('l.id = ?');
    params.push(viewer.learnerId);
  }
  if (filter.ids?.length) {
    where.push('l.id = any(?::uuid[])');
    params.push(pgArray(filter.ids));
  }
  if (filter.coachId) {
    where.push('l.coach_id = ?');
    params.push(filter.coachId);
  }
  if (filter.status) {
    where.push('l.status = ?');
    params.push(filter.status);
  }
  if (viewer.client?.coachId) {
    where.push('l.coach_id = ?');
    params.push(viewer.client.coachId);
  }
  return { where, params };
}

/** The funnel summed over a coach's learners (or all learners), in one statement. */
export async function coachFunnel(em: EntityManager, coachId: string | null): Promise<Funnel> {
  const [row] = await em.execute<Funnel[]>(
    `select count(*) filter (where a.kind = 'APPLICATION')::int as "applications",
            count(*) filter (where a.kind = 'INTERVIEW' and a.stage = 'PHONE_SCREEN')::int as "phoneScreens",
            count(*) filter (where a.kind = 'INTERVIEW' and a.stage is distinct from 'PHONE_SCREEN')::int as "interviews",
            (select count(*)::int from coach_alerts o join learners ol on ol.id = o.learner_id where ?::uuid is null or ol.coach_id = ?::uuid) as "offers"
     from job_activities a join learners l on l.id = a.learner_id
     where ?::uuid is null or l.coach_id = ?::uuid`,
    [coachId, coachId, coachId, coachId],
  );
  return row;
}
