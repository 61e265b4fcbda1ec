import { firstJudgedWeekSql } from '../learners/learner.read';
import { ruleApplies, weekEnd, weekStart } from './compliance.read';

/**
 * What the weekly evaluation decides, as SQL: for a slice of the learners (or the whole program), each learner-week
 * due and the status it leads to. The service previews it (compliancePreview) and applies it (evaluate).
 */

/** The statuses the weekly evaluation judges. */
export const JUDGED = `('ENROLLED', 'AT_RISK', 'SUSPENDED')`;

/**
 * Learners with ids in (after, upTo]; an open end is no bound. The scheduled run judges the program slice by slice
 * (evaluate); the bounds go into the SQL as constants, so the planner sizes each slice's statement from the ids'
 * statistics.
 */
export interface Slice {
  after: string | null;
  upTo: string | null;
}

/** The whole program: no bound (compliancePreview). */
export const WHOLE: Slice = { after: null, upTo: null };

/** SQL and its parameters: learner `alias` is in `slice`. */
function inSlice(alias: string, slice: Slice): { sql: string; params: string[] } {
  let sql = '';
  const params: string[] = [];
  if (slice.after !== null) {
    sql += ` and ${alias}.id > ?::uuid`;
    params.push(slice.after);
  }
  if (slice.upTo !== null) {
    sql += ` and ${alias}.id <= ?::uuid`;
    params.push(slice.upTo);
  }
  return { sql, params };
}

/**
 * Every learner-week of `slice` due for evaluation at ?::timestamptz, with what it decides: for each learner in an
 * evaluated status, the last module week that has ended, unless already evaluated. One statement, set-based. Its
 * parameters: the instant, then `params`.
 */
export function decisions(slice: Slice): { sql: string; params: string[] } {
  const [starts, due] = [inSlice('learners', slice), inSlice('l', slice)];
  return { sql: decisionsSql(starts.sql, due.sql), params: [...starts.params, ...due.params] };
}

const decisionsSql = (startsInSlice: string, dueInSlice: string) => `
  params as (select ?::timestamptz as as_of),
  -- The last ended week of each (time zone, start date): learners share a few hundred of these, so the time-zone
  -- arithmetic runs once per pair instead of several times per learner.
  starts as materialized (
    select k.time_zone, k.module_start_date, k.week, ${weekStart('k', 'k.week')} as week_start, ${weekEnd('k', 'k.week')} as week_end
    from (
      select s.time_zone, s.module_start_date, (p.as_of at time zone s.time_zone)::date - s.module_start_date as days,
             ((p.as_of at time zone s.time_zone)::date - s.module_start_date) / 7 as week
      from (select distinct time_zone, module_start_date from learners where status in ${JUDGED}${startsInSlice}
            offset 0) s cross join params p -- offset 0: the week filter stays above the distinct, once per pair
    ) k
    where k.days >= 7
  ),
  due as (
    select l.id as learner_id, l.status, k.week, k.week_start, k.week_end
    from learners l join starts k on k.time_zone = l.time_zone and k.module_start_date = l.module_start_date
    where l.status in ${JUDGED}${dueInSlice}
      -- Weeks that began before the learner was in Waypoint are not judged.
      and k.week >= ${firstJudgedWeekSql('l')}
  ),
  w as (
    select d.*,
           -- A newer week already judged decided the status; judging an older one (an evaluation asked for a past
           -- instant) records it but changes nothing.
           exists (select 1 from compliance_evaluations e where e.learner_id = d.learner_id and e.module_week > d.week) as superseded,
           -- A coach excused this learner-week (excuseWeek): recorded, and the status stays. IN, not EXISTS: the few
           -- excuses are hashed once instead of searched per learner.
           (d.learner_id, d.week) in (select x.learner_id, x.module_week from compliance_excuses x) as excused
    from due d
    where not exists (select 1 from compliance_evaluations e where e.learner_id = d.learner_id and e.module_week = d.week)
  ),
  unmet as (
    select w.learner_id, array_agg(r.title order by r.module_week nulls last, r.kind, r.title) as missing
    from w join required_activities r on ${ruleApplies('r', 'w')}
    where not exists (
      select 1 from submissions s
      where s.learner_id = w.learner_id and s.kind = r.kind and s.submitted_at >= w.week_start and s.submitted_at < w.week_end)
    group by w.learner_id
  ),
  decided as (
    select w.learner_id, w.week, w.week_start, w.week_end, w.status as from_status, coalesce(u.missing, '{}') as missing,
      (case
        when w.superseded or w.excused then w.status::text
        when u.missing is null then case w.status when 'AT_RISK' then 'ENROLLED' else w.status::text end
        else case w.status when 'ENROLLED' then 'AT_RISK' when 'AT_RISK' then 'SUSPENDED' else w.status::text end
      end)::enrollment_status as to_status
    from w left join unmet u on u.learner_id = w.learner_id
  )`;
