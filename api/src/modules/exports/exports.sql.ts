import { dueAtSql } from '../submissions/review.sql';
import { firstJudgedWeekSql } from '../learners/learner.read';

/**
 * What staff export, each as one statement whose columns are the CSV's (in order, named as the header): the
 * program's records for reports and audits outside Waypoint. `?` is the request's instant where one is needed.
 */
export interface ExportSql {
  description: string;
  sql: string;
}

const iso = (expr: string) => `to_char((${expr}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export const EXPORTS: Record<string, ExportSql> = {
  learners: {
    description: 'Every learner with their status, coach and module.',
    sql: `select l.id as learner_id, u.name, u.email, c.name as coach, l.status, ${iso('l.status_changed_at')} as status_changed_at,
                 l.module_start_date::text as module_start_date, l.time_zone, ${iso('l.created_at')} as added_at, ${firstJudgedWeekSql('l')} as first_judged_week
            from learners l join users u on u.id = l.user_id join users c on c.id = l.coach_id
           order by u.name, l.id`,
  },
  'status-history': {
    description: "Every enrollment status change: by hand (who, why) or by the weekly evaluation.",
    sql: `select l.id as learner_id, u.name as learner, ${iso('s.created_at')} as changed_at, s.from_status as "from", s.to_status as "to",
                 s.source, coalesce(b.name, '') as changed_by, s.module_week, s.reason
            from status_changes s join learners l on l.id = s.learner_id join users u on u.id = l.user_id left join users b on b.id = s.changed_by_id
           order by s.seq`,
  },
  compliance: {
    description: 'Every judged learner-week: what was missing and what it decided.',
    sql: `select l.id as learner_id, u.name as learner, e.module_week, ${iso('e.week_start')} as week_start, ${iso('e.week_end')} as week_end,
                 array_to_string(e.missing, '; ') as missing, e.from_status as "from", e.to_status as "to", ${iso('e.evaluated_at')} as evaluated_at
            from compliance_evaluations e join learners l on l.id = e.learner_id join users u on u.id = l.user_id
           order by e.evaluated_at, u.name, e.module_week`,
  },
  attendance: {
    description: 'Every RSVP to a coaching event, with whether the learner came.',
    sql: `select e.id as event_id, e.title as event, e.type, ${iso('e.starts_at')} as starts_at, e.status as event_status, f.name as facilitator,
                 l.id as learner_id, u.name as learner, r.status as rsvp, coalesce(r.attendance::text, '') as attendance
            from event_rsvps r join coaching_events e on e.id = r.event_id join users f on f.id = e.facilitator_id
            join learners l on l.id = r.learner_id join users u on u.id = l.user_id
           order by e.starts_at, e.id, u.name`,
  },
  'review-sla': {
    description: "Reviews per coach and kind: how many, the median time from submission to the first feedback, and how many came after the due time.",
    sql: `with first as (
            select s.id, s.kind, s.submitted_at, ${dueAtSql('s')} as due_at,
                   (select f.created_at from feedback f where f.submission_id = s.id order by f.revision limit 1) as reviewed_at,
                   (select f.author_id from feedback f where f.submission_id = s.id order by f.revision limit 1) as author_id
              from submissions s)
          select c.name as coach, x.kind, count(*)::int as reviewed,
                 round((percentile_cont(0.5) within group (order by extract(epoch from x.reviewed_at - x.submitted_at)) / 60)::numeric, 1) as median_minutes_to_review,
                 count(*) filter (where x.reviewed_at > x.due_at)::int as reviewed_after_due
            from first x join users c on c.id = x.author_id
           where x.reviewed_at is not null
           group by c.name, c.id, x.kind
           order by c.name, x.kind`,
  },
};
