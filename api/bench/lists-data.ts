/**
 * The console's lists bench (`npm run bench -- lists`, issue 21): the data its lists read, and what PostGraphile needs
 * to serve the same rows. The compare data set (compare-data.ts: learners, their users and coaches, submissions and
 * feedback) with fewer job activities (no list reads them), and beside it the staff pages' logs
 * (staff-lists-data.ts), meetings and Huntr actions (the learners list's quietInHuntr).
 */
import type pg from 'pg';
import { compareSizes, generateCompareData, type CompareSizes } from './compare-data';
import { generateAuditLog, generateCoachAlerts, generateFailedJobs, generateMailLogs, generateWebhookLog } from './staff-lists-data';

/** How many rows each list's table holds: LISTS_<NAME> when set, else the default times BENCH_SCALE. */
export interface ListsSizes extends CompareSizes {
  audit: number;
  webhooks: number;
  notifications: number;
  mails: number;
  alerts: number;
  failedJobs: number;
  meetings: number;
  huntrActions: number;
}

/** The sizes from the environment: the compare data's (job activities default to 10 a learner) and each log's. */
export function listsSizes(env: NodeJS.ProcessEnv = process.env): ListsSizes {
  const scale = Number(env.BENCH_SCALE ?? 1);
  const learners = compareSizes(env).learners;
  const base = compareSizes({ COMPARE_ACTIVITIES: String(10 * learners), ...env });
  const size = (name: string, n: number) => Math.max(1, Math.round(env[name] !== undefined ? Number(env[name]) : n * scale));
  return {
    ...base,
    audit: size('AUDIT_ROWS', 500_000),
    webhooks: size('WEBHOOK_ROWS', 200_000),
    notifications: size('LISTS_NOTIFICATIONS', 200_000),
    mails: size('LISTS_MAILS', 20_000),
    alerts: size('LISTS_ALERTS', 5_000),
    failedJobs: size('LISTS_FAILED_JOBS', 500),
    meetings: size('LISTS_MEETINGS', 20_000),
    huntrActions: size('LISTS_HUNTR_ACTIONS', 200_000),
  };
}

/**
 * `meetings` 1:1 meetings of the learners with their coaches over the last 180 days (an OFFER request in 8; 10 %
 * still requested, with one to three windows ahead, the rest scheduled or done), and `huntr` Huntr actions over the
 * last 20 days for two learners in three (the others are quiet in Huntr).
 */
async function generateMeetingsAndHuntr(client: pg.Client, meetings: number, huntr: number): Promise<void> {
  await client.query(`set session_replication_role = replica`).catch(() => undefined);
  await client.query(
    `insert into meetings (id, learner_id, coach_id, topic, note, windows, status, starts_at, ends_at, video_link, reason, outcome_notes, requested_at, updated_at)
     select md5('lists-meeting-' || g)::uuid, l.id, l.coach_id,
            (case when g % 8 = 0 then 'OFFER' else (array['INTERVIEW_PREP', 'APPLICATION_MATERIAL', 'GENERAL'])[1 + g % 3] end)::meeting_topic,
            'Can we go over my interview next week?', w.windows, x.status,
            case when x.status <> 'REQUESTED' then x.at + interval '3 days' end, case when x.status <> 'REQUESTED' then x.at + interval '3 days 30 minutes' end,
            case when x.status <> 'REQUESTED' then 'https://meet.example.org/' || md5('m' || g) end,
            case when x.status in ('DECLINED', 'CANCELLED') then 'Moved to a group session' end,
            case when x.status = 'COMPLETED' then 'Went through the offer; negotiating salary.' end, x.at, x.at + interval '1 hour'
       from generate_series(1, $1::int) g
       join learners l on l.id = md5('compare-learner-' || (1 + (g * 13) % (select count(*) from learners)::int))::uuid
       cross join lateral (select
           (case when g % 10 = 0 then 'REQUESTED' when g % 10 in (1, 2) then 'SCHEDULED' when g % 20 = 3 then 'DECLINED'
                 when g % 20 = 13 then 'CANCELLED' when g % 20 = 5 then 'NO_SHOW' else 'COMPLETED' end)::meeting_status as status,
           case when g % 10 = 0 then now() - (g % 7000) * interval '1 minute' else now() - (($1::int - g) * (180 * 86400 / $1::int) || ' seconds')::interval end as at) x
       cross join lateral (select jsonb_agg(jsonb_build_object(
           'startsAt', to_char(date_trunc('hour', now()) at time zone 'UTC' + (2 + k) * interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'endsAt', to_char(date_trunc('hour', now()) at time zone 'UTC' + (2 + k) * interval '1 day' + interval '2 hours', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) order by k) as windows
         from generate_series(1, 1 + g % 3) k) w`,
    [meetings],
  );
  await client.query(
    `insert into huntr_actions (id, action_type, member_email, learner_id, outcome, payload, received_at, arrived_at, source, subject)
     select 'lists-huntr-' || g, 'JOB_APPLIED', 'compare-learner-' || li || '@example.org', md5('compare-learner-' || li)::uuid, 'APPLIED',
            jsonb_build_object('id', 'lists-huntr-' || g), now() - (abs(hashtext('h' || g)) % (20 * 1440)) * interval '1 minute', now(), 'WEBHOOK', 'job-' || g
       from generate_series(1, $1::int) g
       cross join lateral (select 1 + (g * 3 / 2) % (select count(*) from learners)::int as li) x
      where li % 3 <> 0`,
    [huntr],
  );
  await client.query(`set session_replication_role = origin`).catch(() => undefined);
}

/** Every list's rows, then VACUUM (ANALYZE) and a checkpoint, as the compare bench does; the staff user's id for the token. */
export async function generateListsData(client: pg.Client, sizes: ListsSizes): Promise<{ staffId: string }> {
  const { staffId } = await generateCompareData(client, sizes);
  const env = { AUDIT_ROWS: String(sizes.audit), WEBHOOK_ROWS: String(sizes.webhooks) };
  await generateAuditLog(client, env);
  await generateWebhookLog(client, env);
  await generateMailLogs(client, sizes.notifications, sizes.mails);
  // About a third of them read, so the bell's two counts differ.
  await client.query(`update notifications set read_at = created_at + interval '1 hour' where id::text < '5'`);
  await generateCoachAlerts(client, sizes.alerts);
  await generateFailedJobs(client, sizes.failedJobs);
  await generateMeetingsAndHuntr(client, sizes.meetings, sizes.huntrActions);
  await client.query('vacuum (analyze)');
  await client.query('checkpoint').catch(() => undefined);
  return { staffId };
}

const MODULE_WEEK = (l: string, at: string) =>
  `case when (${at} at time zone ${l}.time_zone)::date >= ${l}.module_start_date then ((${at} at time zone ${l}.time_zone)::date - ${l}.module_start_date) / 7 + 1 end`;

/**
 * Schema `pgl` for PostGraphile 4 and 5 (the only schema they expose; in the scratch database only, never in Waypoint's
 * migrations): a view per list with the columns the console reads, smart comments for keys and relations, and the
 * learner's two rules as computed columns, written as Waypoint states them (required activities of this module week
 * and whether each is met: requiredActivitiesSql in compliance.read.ts; quiet in Huntr: huntr-freshness.ts).
 */
export const LISTS_PGL_SQL = `
  create schema pgl;
  create view pgl.users as select id, email, name, role, active, time_zone, created_at from public.users;
  comment on view pgl.users is E'@primaryKey id';
  create view pgl.learners as
    select l.id, l.user_id, u.name, u.email, l.time_zone, l.module_start_date, ${MODULE_WEEK('l', 'now()')} as module_week,
           l.status, l.status_changed_at, l.coach_id, l.created_at, l.updated_at
    from public.learners l join public.users u on u.id = l.user_id;
  comment on view pgl.learners is E'@primaryKey id\\n@foreignKey (coach_id) references pgl.users (id)';
  create type pgl.required_activity_state as (required_activity_id uuid, met boolean);
  create function pgl.learners_required_activities(l pgl.learners) returns setof pgl.required_activity_state language sql stable as
    $$ with w as (select ((l.module_start_date + 7 * (l.module_week - 1))::timestamp at time zone l.time_zone) as week_start,
                         ((l.module_start_date + 7 * l.module_week)::timestamp at time zone l.time_zone) as week_end
                  where l.module_week is not null)
       select r.id, exists (select 1 from public.submissions s
                            where s.learner_id = l.id and s.kind = r.kind and s.submitted_at >= w.week_start and s.submitted_at < w.week_end)
       from w join public.required_activities r
         on (r.module_week is null or r.module_week = l.module_week) and r.applies_from <= w.week_start and (r.retired_at is null or r.retired_at >= w.week_end)
       order by r.module_week nulls last, r.kind, r.title $$;
  create function pgl.learners_quiet_in_huntr(l pgl.learners) returns boolean language sql stable as
    $$ select not exists (select 1 from public.huntr_actions h where h.learner_id = l.id and h.received_at > now() - interval '5 days') $$;
  create view pgl.feedback as select id, submission_id, decision, created_at from public.feedback;
  comment on view pgl.feedback is E'@primaryKey id';
  create view pgl.submissions as
    select s.id, s.learner_id, s.kind, s.status, s.version_number, s.submitted_at,
           (select ${MODULE_WEEK('l', 's.submitted_at')} from public.learners l where l.id = s.learner_id) as module_week,
           (select f.id from public.feedback f where f.submission_id = s.id order by f.revision desc limit 1) as latest_feedback_id
    from public.submissions s;
  comment on view pgl.submissions is E'@primaryKey id\\n@foreignKey (learner_id) references pgl.learners (id)\\n@foreignKey (latest_feedback_id) references pgl.feedback (id)';
  create view pgl.meetings as
    select id, learner_id, coach_id, topic, note, status, (topic = 'OFFER' and status = 'REQUESTED') as urgent, starts_at, ends_at, requested_at, updated_at, windows
    from public.meetings;
  comment on view pgl.meetings is E'@primaryKey id\\n@foreignKey (learner_id) references pgl.learners (id)\\n@foreignKey (coach_id) references pgl.users (id)';
  create view pgl.audit_entries as select id, at, actor_id, action, subject_id, details, request_id, seq from public.audit_log;
  comment on view pgl.audit_entries is E'@primaryKey id\\n@foreignKey (actor_id) references pgl.users (id)';
  create view pgl.caught_mails as select id, message_id, "from", "to", subject, text, html, list_unsubscribe, received_at from public.caught_mails;
  comment on view pgl.caught_mails is E'@primaryKey id';
  create view pgl.bell_notifications as
    select id, recipient_id, kind, title, body, path as link, read_at is not null as read, read_at, created_at from public.notifications where in_app;
  comment on view pgl.bell_notifications is E'@primaryKey id';
  create view pgl.notifications as select id, kind, title from public.notifications;
  comment on view pgl.notifications is E'@primaryKey id';
  create view pgl.notification_deliveries as
    select id, notification_id, channel, status, attempts, last_error, duration_ms, due_at, sent_at, created_at from public.notification_deliveries;
  comment on view pgl.notification_deliveries is E'@primaryKey id\\n@foreignKey (notification_id) references pgl.notifications (id)';
  create view pgl.webhook_endpoints as select id, url, description, event_types, enabled, disabled_reason, created_at from public.webhook_endpoints;
  comment on view pgl.webhook_endpoints is E'@primaryKey id';
  create view pgl.webhook_deliveries as
    select id, endpoint_id, notification_id as event_id, event_type, status, attempts, response_status, duration_ms, last_error, replay_of,
           payload, due_at, sent_at, created_at
    from public.webhook_deliveries;
  comment on view pgl.webhook_deliveries is E'@primaryKey id';
  create view pgl.failed_jobs as
    select j.id, t.identifier as task, j.attempts, j.max_attempts, left(split_part(j.last_error, E'\\n', 1), 500) as last_error,
           j.updated_at as failed_at, case when j.attempts >= j.max_attempts then null else j.run_at end as next_attempt_at, j.created_at
    from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where j.last_error is not null;
  comment on view pgl.failed_jobs is E'@primaryKey id';
  create view pgl.open_coach_alerts as select id, learner_id, message, created_at from public.coach_alerts where resolved_at is null;
  comment on view pgl.open_coach_alerts is E'@primaryKey id\\n@foreignKey (learner_id) references pgl.learners (id)';
`;
