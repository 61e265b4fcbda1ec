/**
 * The console's lists as the raw SQL→JSON server (compare-raw.ts) answers them: one hand-written statement a list and
 * filter that builds the whole response, with Waypoint's response keys, so it reduces as Waypoint's answer does. The
 * physical limit for `bench -- lists`. A filtered request has a statement of its own, as Waypoint writes one per
 * filter: `$1 is null or …` would leave PostgreSQL's generic plan without the filter's index.
 */

const iso = (x: string) => `to_char((${x}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const moduleWeek = (l: string, at: string) =>
  `case when (${at} at time zone ${l}.time_zone)::date >= ${l}.module_start_date then ((${at} at time zone ${l}.time_zone)::date - ${l}.module_start_date) / 7 + 1 end`;
const rows = (object: string, from: string, order: string) => `(select coalesce(json_agg(${object} order by ${order}), '[]') from ${from})`;
const body = (pairs: string) => `select json_build_object('data', json_build_object(${pairs})) as body`;

/** The required activities of learner `l`'s week today and whether each is met (requiredActivitiesSql's rule, compliance.read.ts). */
const REQUIRED = `(select coalesce(json_agg(json_build_object('requiredActivityId', r.id, 'met', exists (
      select 1 from submissions s where s.learner_id = l.id and s.kind = r.kind and s.submitted_at >= w.ws and s.submitted_at < w.we))
    order by r.module_week nulls last, r.kind, r.title), '[]')
  from (select w.week, ((l.module_start_date + 7 * (w.week - 1))::timestamp at time zone l.time_zone) as ws,
               ((l.module_start_date + 7 * w.week)::timestamp at time zone l.time_zone) as we
          from (select ${moduleWeek('l', 'now()')} as week) w where w.week is not null) w
  join required_activities r on (r.module_week is null or r.module_week = w.week) and r.applies_from <= w.ws and (r.retired_at is null or r.retired_at >= w.we))`;

// $1 the status (filtered), $2 the offset
const learners = (where: string) =>
  body(`'items', ${rows(
    `json_build_object('id', l.id, 'userId', l.user_id, 'name', l.name, 'email', l.email, 'timeZone', l.time_zone, 'moduleStartDate', l.module_start_date::text,
      'moduleWeek', ${moduleWeek('l', 'now()')}, 'status', l.status, 'statusChangedAt', ${iso('l.status_changed_at')}, 'coachId', l.coach_id,
      'coach', (select json_build_object('id', c.id, 'name', c.name) from users c where c.id = l.coach_id), 'createdAt', ${iso('l.created_at')}, 'updatedAt', ${iso('l.updated_at')},
      'requiredActivities', ${REQUIRED},
      'quietInHuntr', not exists (select 1 from huntr_actions h where h.learner_id = l.id and h.received_at > now() - interval '5 days'))`,
    `(select l.*, u.name, u.email from learners l join users u on u.id = l.user_id where ${where} order by u.name, l.id limit 50 offset $2::int) l`,
    'l.name, l.id',
  )}, 'total', json_build_object('count', (select count(*) from learners l where ${where}))`);

// $1 the statuses (filtered), $2 the offset, $3 the viewer (the "mine" tab)
const meetings = (where: string) =>
  body(`'items', ${rows(
    `json_build_object('id', m.id, 'topic', m.topic, 'note', m.note, 'status', m.status, 'urgent', m.topic = 'OFFER' and m.status = 'REQUESTED',
      'startsAt', ${iso('m.starts_at')}, 'endsAt', ${iso('m.ends_at')}, 'requestedAt', ${iso('m.requested_at')}, 'updatedAt', ${iso('m.updated_at')},
      'windows', (select json_agg(json_build_object('startsAt', ${iso("(w ->> 'startsAt')::timestamptz")}, 'endsAt', ${iso("(w ->> 'endsAt')::timestamptz")}) order by n)
                  from jsonb_array_elements(m.windows) with ordinality x(w, n)),
      'learner', (select json_build_object('id', l.id, 'name', u.name, 'timeZone', l.time_zone) from learners l join users u on u.id = l.user_id where l.id = m.learner_id),
      'coach', (select json_build_object('id', c.id, 'name', c.name, 'timeZone', c.time_zone) from users c where c.id = m.coach_id))`,
    // Numbered after the page is cut: a window over the filter's rows would sort every meeting first.
    `(select q.*, row_number() over () as n from (select * from meetings m where ${where}
      order by (case when topic = 'OFFER' and status = 'REQUESTED' then 0 else 1 end), requested_at, id limit 50 offset $2::int) q) m`,
    'm.n',
  )},
    'requested', json_build_object('count', (select count(*) from meetings where status = 'REQUESTED')),
    'scheduled', json_build_object('count', (select count(*) from meetings where status = 'SCHEDULED')),
    'mine', json_build_object('count', (select count(*) from meetings where coach_id = $3::uuid)),
    'all', json_build_object('count', (select count(*) from meetings))`);

// $1 the role (filtered), $2 the offset
const users = (where: string) =>
  body(`'items', ${rows(
    `json_build_object('id', u.id, 'email', u.email, 'name', u.name, 'role', u.role, 'active', u.active, 'timeZone', u.time_zone, 'createdAt', ${iso('u.created_at')})`,
    `(select * from users u where ${where} order by name, id limit 50 offset $2::int) u`,
    'u.name, u.id',
  )}, 'total', json_build_object('count', (select count(*) from users u where ${where}))`);

// $1 the action (filtered), $2 the offset
const audit = (where: string) =>
  body(`'data', ${rows(
    `json_build_object('id', a.id, 'at', ${iso('a.at')}, 'action', a.action, 'subjectId', a.subject_id, 'details', a.details, 'requestId', a.request_id,
      'actor', (select json_build_object('id', u.id, 'name', u.name, 'email', u.email) from users u where u.id = a.actor_id))`,
    `(select * from audit_log a where ${where} order by seq desc limit 50 offset $2::int) a`,
    'a.seq desc',
  )}`);

// $1 the status (filtered)
const deliveries = (where: string) =>
  body(`'data', ${rows(
    `json_build_object('id', d.id, 'channel', d.channel, 'status', d.status, 'attempts', d.attempts, 'lastError', d.last_error, 'durationMs', d.duration_ms,
      'dueAt', ${iso('d.due_at')}, 'sentAt', ${iso('d.sent_at')}, 'createdAt', ${iso('d.created_at')},
      'notification', (select json_build_object('id', n.id, 'kind', n.kind, 'title', n.title) from notifications n where n.id = d.notification_id))`,
    `(select * from notification_deliveries d where ${where} order by created_at desc, id desc limit 50) d`,
    'd.created_at desc, d.id desc',
  )}`);

// $1 the endpoint, $2 the status (filtered)
const webhooks = (where: string) =>
  body(`'data', ${rows(
    `json_build_object('id', d.id, 'endpointId', d.endpoint_id, 'eventId', d.notification_id, 'eventType', d.event_type, 'status', d.status, 'attempts', d.attempts,
      'responseStatus', d.response_status, 'durationMs', d.duration_ms, 'lastError', d.last_error, 'replayOf', d.replay_of,
      'payload', coalesce(d.posted_body, compact_json(d.payload)), 'dueAt', ${iso('d.due_at')}, 'sentAt', ${iso('d.sent_at')}, 'createdAt', ${iso('d.created_at')})`,
    `(select * from webhook_deliveries d where d.endpoint_id = $1::uuid and ${where} order by created_at desc, id desc limit 50) d`,
    'd.created_at desc, d.id desc',
  )}`);

/** One statement per list and filter (the keys ConsoleList.raw names). */
export const LISTS_RAW_SQL: Record<string, string> = {
  learners: learners('$1::text is null'),
  learnersByStatus: learners('l.status = $1::enrollment_status'),
  // $1 the learner
  submissions: body(`'data', ${rows(
    `json_build_object('id', s.id, 'kind', s.kind, 'status', s.status, 'versionNumber', s.version_number, 'submittedAt', ${iso('s.submitted_at')},
      'moduleWeek', (select ${moduleWeek('l', 's.submitted_at')} from learners l where l.id = s.learner_id),
      'latestFeedback', (select json_build_object('decision', f.decision, 'createdAt', ${iso('f.created_at')}) from feedback f where f.submission_id = s.id order by f.revision desc limit 1))`,
    `(select * from submissions where learner_id = $1::uuid order by submitted_at desc, id limit 200) s`,
    's.submitted_at desc, s.id',
  )}`),
  meetings: meetings('$1::text[] is null'),
  meetingsByStatus: meetings('m.status = any($1::meeting_status[])'),
  users: users('$1::text is null'),
  usersByRole: users('u.role = $1::role'),
  audit: audit('$1::text is null'),
  auditByAction: audit('a.action = $1::text'),
  caughtMails: body(`'data', ${rows(
    `json_build_object('id', m.id, 'messageId', m.message_id, 'from', m."from", 'to', m."to", 'subject', m.subject, 'text', m.text, 'html', m.html,
      'listUnsubscribe', m.list_unsubscribe, 'receivedAt', ${iso('m.received_at')})`,
    `(select * from caught_mails order by received_at desc, id desc limit 50) m`,
    'm.received_at desc, m.id desc',
  )}`),
  // $1 the learner's user: their newest 10 in-app notifications and both counts (admin/src/notifications/data.ts).
  bell: body(`'data', json_build_object('nodes', ${rows(
    `json_build_object('id', n.id, 'kind', n.kind, 'title', n.title, 'body', n.body, 'link', 'http://raw' || n.path, 'read', n.read_at is not null,
      'readAt', ${iso('n.read_at')}, 'createdAt', ${iso('n.created_at')})`,
    `(select * from notifications where recipient_id = $1::uuid and in_app order by created_at desc, id desc limit 10) n`,
    'n.created_at desc, n.id desc',
  )}, 'totalCount', (select count(*) from notifications where recipient_id = $1::uuid and in_app),
    'unreadCount', (select count(*) from notifications where recipient_id = $1::uuid and in_app and read_at is null))`),
  deliveries: deliveries('$1::text is null'),
  deliveriesByStatus: deliveries('d.status = $1::delivery_status'),
  endpoints: body(`'data', ${rows(
    `json_build_object('id', e.id, 'url', e.url, 'description', e.description, 'eventTypes', e.event_types, 'enabled', e.enabled, 'disabledReason', e.disabled_reason,
      'createdAt', ${iso('e.created_at')})`,
    `webhook_endpoints e`,
    'e.created_at desc, e.id desc',
  )}`),
  webhooks: webhooks('$2::text is null'),
  webhooksByStatus: webhooks('d.status = $2::delivery_status'),
  failedJobs: body(`'data', ${rows(
    `json_build_object('id', j.id::text, 'task', t.identifier, 'attempts', j.attempts, 'maxAttempts', j.max_attempts,
      'lastError', left(split_part(j.last_error, E'\\n', 1), 500), 'failedAt', ${iso('j.updated_at')},
      'nextAttemptAt', case when j.attempts >= j.max_attempts then null else ${iso('j.run_at')} end, 'createdAt', ${iso('j.created_at')})`,
    `(select * from graphile_worker._private_jobs where last_error is not null order by updated_at desc, id desc limit 50) j join graphile_worker._private_tasks t on t.id = j.task_id`,
    'j.updated_at desc, j.id desc',
  )}`),
  alerts: body(`'data', ${rows(
    `json_build_object('id', c.id, 'message', c.message, 'createdAt', ${iso('c.created_at')},
      'learner', (select json_build_object('id', l.id, 'name', u.name) from learners l join users u on u.id = l.user_id where l.id = c.learner_id))`,
    `(select * from coach_alerts where resolved_at is null) c`,
    'c.created_at desc, c.id desc',
  )}`),
};
