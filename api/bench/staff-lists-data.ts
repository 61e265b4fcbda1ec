import type pg from 'pg';

/**
 * The staff pages' lists for bench:ab and `bench -- lists`. `audit`: AUDIT_ROWS entries (default 500,000 x BENCH_SCALE)
 * by the bench's coaches and staff, read as a staff member does: the first 5 pages of 50, all actions and two of them.
 * `webhooks`: WEBHOOK_ROWS deliveries (default 200,000 x BENCH_SCALE) to 4 endpoints, with payloads as notify() builds
 * them, read as the console's delivery log asks: each endpoint's newest 50, all and the failed ones. The mail logs,
 * coach alerts and failed jobs below are for `lists` (bench/lists-data.ts).
 */
const ACTIONS = `array['setEnrollmentStatus', 'giveFeedback', 'claimSubmission', 'updateLearner', 'scheduleMeeting', 'createUser']`;

/** Fills audit_log with `rows` entries (AUDIT_ROWS, default 500,000 x BENCH_SCALE), actors among the coaches and staff. */
export async function generateAuditLog(client: pg.Client, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const rows = Math.round(env.AUDIT_ROWS !== undefined ? Number(env.AUDIT_ROWS) : 500_000 * Number(env.BENCH_SCALE ?? 1));
  await client.query(
    `with actors as (select array_agg(id order by id) as ids from users where role in ('COACH', 'STAFF'))
     insert into audit_log (id, at, actor_id, action, subject_id, details, request_id)
     select gen_random_uuid(), now() - (($1::int - g) || ' seconds')::interval, a.ids[1 + g % cardinality(a.ids)], (${ACTIONS})[1 + g % 6],
            md5('subject-' || g % 5000)::uuid::text, jsonb_build_object('id', md5('subject-' || g % 5000)::uuid, 'reason', 'Bench entry ' || g, 'status', 'PAUSED'),
            'req-' || g
       from generate_series(1, $1::int) g, actors a`,
    [rows],
  );
  await client.query('analyze audit_log');
  return rows;
}

const AUDIT_DOC = `query($page: Int, $filter: AuditFilter) { auditLog(page: $page, perPage: 50, filter: $filter) { id at action subjectId details requestId actor { id name email } } }`;

/** The audit log requests, as bodies for autocannon. */
export function auditAsks(token: string): { path: string; headers: Record<string, string>; body: string }[] {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  return [undefined, 'setEnrollmentStatus', 'giveFeedback'].flatMap((action) =>
    [0, 1, 2, 3, 4].map((page) => ({ path: '/graphql', headers, body: JSON.stringify({ query: AUDIT_DOC, variables: { page, filter: action ? { action } : null } }) })),
  );
}

/** Four webhook endpoints and WEBHOOK_ROWS deliveries to them (default 200,000 x BENCH_SCALE), 2 % failed. */
export async function generateWebhookLog(client: pg.Client, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const rows = Math.round(env.WEBHOOK_ROWS !== undefined ? Number(env.WEBHOOK_ROWS) : 200_000 * Number(env.BENCH_SCALE ?? 1));
  await client.query(
    `insert into webhook_endpoints (id, url, description, event_types, secret, created_by_id, created_at)
     select ('00000000-0000-4000-8000-00000000000' || g)::uuid, 'https://platform-' || g || '.example.org/events', 'Platform ' || g, '{}', 'whsec_bench', u.id, now()
       from generate_series(1, 4) g, (select id from users where role = 'STAFF' limit 1) u`,
  );
  // The notifications themselves are not needed by the log (eventId is the column): written without them, unchecked.
  await client.query(`set session_replication_role = replica`).catch(() => undefined);
  await client.query(
    // Each was posted (SENT or FAILED), so it keeps the text it posted (posted_body), written here by row_to_json,
    // which writes JSON as JSON.stringify does; the jsonb payload is that text.
    `insert into webhook_deliveries (id, endpoint_id, notification_id, event_type, payload, posted_body, status, attempts, due_at, sent_at, response_status, duration_ms, last_error, created_at)
     select gen_random_uuid(), ('00000000-0000-4000-8000-00000000000' || (1 + g % 4))::uuid, n.id, 'STATUS_CHANGED', p.body::jsonb, p.body,
            case when g % 50 = 0 then 'FAILED' else 'SENT' end::delivery_status, 1 + (g % 50 = 0)::int * 9, now(), now(),
            case when g % 50 = 0 then 500 else 200 end, 40 + g % 60, case when g % 50 = 0 then 'Internal Server Error' end,
            now() - ((($1::int - g) / 3) || ' seconds')::interval
       from generate_series(1, $1::int) g, lateral (select md5('notification-' || g)::uuid as id) n,
       lateral (select row_to_json(e)::text as body from (
         select n.id, 'STATUS_CHANGED' as type, to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
                (select row_to_json(d) from (
                   select (select row_to_json(r) from (select md5('u' || g)::uuid as "userId", 'LEARNER' as role, md5('l' || g)::uuid as "learnerId") r) as recipient,
                          md5('l' || g)::uuid::text as "subjectId", 'Your status changed to PAUSED' as title,
                          E'Your coach set your status to PAUSED: "Family leave".\nYou can still log in.' as body) d) as data) e) p`,
    [rows],
  );
  await client.query(`set session_replication_role = origin`).catch(() => undefined);
  await client.query('analyze webhook_deliveries');
  return rows;
}

const WEBHOOK_DOC = `query webhookDeliveries($endpointId: ID, $status: DeliveryStatus, $first: Int!) {
  data: webhookDeliveries(endpointId: $endpointId, status: $status, first: $first) {
    id endpointId eventId eventType status attempts responseStatus durationMs lastError replayOf payload dueAt sentAt createdAt } }`;

/** The console's delivery log requests (its own document), as bodies for autocannon. */
export function webhookAsks(token: string): { path: string; headers: Record<string, string>; body: string }[] {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  return [1, 2, 3, 4].flatMap((e) =>
    [null, 'FAILED'].map((status) => ({ path: '/graphql', headers, body: JSON.stringify({ query: WEBHOOK_DOC, variables: { endpointId: `00000000-0000-4000-8000-00000000000${e}`, status, first: 50 } }) })),
  );
}

/** The console's bell (admin/src/notifications/data.ts: the newest 10 with the counts), one learner per token. */
const BELL_DOC = `query notifications($first: Int!) { data: notifications(first: $first) { nodes { ...Notification } totalCount unreadCount } }
fragment Notification on Notification { id kind title body link read readAt createdAt }`;

export function bellAsks(tokens: string[]): { path: string; headers: Record<string, string>; body: string }[] {
  const body = JSON.stringify({ query: BELL_DOC, variables: { first: 10 } });
  return tokens.map((token) => ({ path: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body }));
}

/**
 * The notification delivery log and the mail catcher's mails: `notifications` notifications to the learners (one in
 * three a status change, the others feedback and reminders), each with an EMAIL delivery (2 % failed, 2 % pending), and
 * `mails` caught mails with a text and an HTML part of the size notify()'s templates write. Without per-row key checks
 * (the rows are right by construction).
 */
export async function generateMailLogs(client: pg.Client, notifications: number, mails: number): Promise<void> {
  await client.query(`set session_replication_role = replica`).catch(() => undefined);
  await client.query(
    `insert into notifications (id, recipient_id, kind, title, body, path, subject_id, in_app, created_at)
     select md5('lists-notification-' || g)::uuid, l.user_id, k.kind, k.title || ' (' || g || ')',
            E'Hello,\\n\\n' || k.title || E'. Open Waypoint to see what to do next.\\n\\nYour coaching team', '/learners/' || l.id, l.id::text, true,
            now() - (($1::int - g) * interval '20 seconds')
       from generate_series(1, $1::int) g
       join learners l on l.id = md5('compare-learner-' || (1 + g % (select count(*) from learners)::int))::uuid
       cross join lateral (select (array['STATUS_CHANGED', 'FEEDBACK_GIVEN', 'ACTIVITIES_MISSING'])[1 + g % 3]::notification_kind as kind,
                                  (array['Your status changed to PAUSED', 'Feedback on your CV', 'Two activities are still missing this week'])[1 + g % 3] as title) k`,
    [notifications],
  );
  await client.query(
    `insert into notification_deliveries (id, notification_id, channel, status, attempts, due_at, sent_at, last_error, duration_ms, created_at)
     select md5('lists-delivery-' || g)::uuid, md5('lists-notification-' || g)::uuid, 'EMAIL', x.status,
            case x.status when 'SENT' then 1 when 'FAILED' then 9 else 0 end, n.created_at,
            case when x.status = 'SENT' then n.created_at + interval '3 seconds' end,
            case when x.status = 'FAILED' then '550 5.1.1 mailbox unavailable' end, case when x.status <> 'PENDING' then 30 + g % 200 end, n.created_at
       from generate_series(1, $1::int) g
       join notifications n on n.id = md5('lists-notification-' || g)::uuid
       cross join lateral (select (case when g % 50 = 0 then 'FAILED' when g % 50 = 1 then 'PENDING' else 'SENT' end)::delivery_status as status) x`,
    [notifications],
  );
  await client.query(
    `insert into caught_mails (id, message_id, "from", "to", subject, text, html, list_unsubscribe, received_at)
     select md5('lists-mail-' || g)::uuid, '<' || md5('lists-mail-' || g) || '@waypoint.example.org>', 'Waypoint <no-reply@waypoint.example.org>',
            'learner-' || g || '@example.org', 'Feedback on your CV (' || g || ')',
            repeat(E'Your coach gave feedback on your CV: make the summary two lines and lead with results.\\n', 6),
            '<!doctype html><html><body><p>' || repeat('Your coach gave feedback on your CV: make the summary two lines and lead with results. ', 12) || '</p></body></html>',
            '<https://waypoint.example.org/unsubscribe/' || md5('u' || g) || '>', now() - (($1::int - g) * interval '1 minute')
       from generate_series(1, $1::int) g`,
    [mails],
  );
  await client.query(`set session_replication_role = origin`).catch(() => undefined);
  await client.query('analyze notifications; analyze notification_deliveries; analyze caught_mails');
}

/** `alerts` offer alerts raised for the learners' coaches over the last 120 days; one in 20 still open (the coaches act on the rest). */
export async function generateCoachAlerts(client: pg.Client, alerts: number): Promise<void> {
  await client.query(
    `insert into coach_alerts (id, learner_id, coach_id, message, source_key, created_at, resolved_at)
     select md5('lists-alert-' || g)::uuid, l.id, l.coach_id, 'Offer received: Role ' || g % 13 || ' at Company ' || g % 97, 'lists-alert-' || g,
            now() - (($1::int - g) * (120 * 86400 / $1::int) || ' seconds')::interval,
            case when g % 20 <> 0 then now() - (($1::int - g) * (120 * 86400 / $1::int) || ' seconds')::interval + interval '1 day' end
       from generate_series(1, $1::int) g
       join learners l on l.id = md5('compare-learner-' || (1 + (g * 7) % (select count(*) from learners)::int))::uuid`,
    [alerts],
  );
  await client.query('analyze coach_alerts');
}

/**
 * graphile-worker's queue as a failed-jobs page sees it: `failed` jobs whose last attempt failed (a stack trace as
 * last_error, some out of attempts) among 4 x as many waiting to run. The bench's servers run no worker.
 */
export async function generateFailedJobs(client: pg.Client, failed: number): Promise<void> {
  await client.query(
    `insert into graphile_worker._private_tasks (identifier)
     select unnest(array['deliver_notifications', 'evaluate_compliance', 'send_reminders', 'deliver_webhooks']) on conflict do nothing`,
  );
  await client.query(
    `insert into graphile_worker._private_jobs (task_id, payload, run_at, attempts, max_attempts, last_error, created_at, updated_at)
     select t.id, json_build_object('n', g), now() + (g % 600) * interval '1 second',
            case when f then 1 + g % 25 else 0 end, 25,
            case when f then E'Error: connect ECONNREFUSED 127.0.0.1:587\\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1637:16)' end,
            now() - (g % 10000) * interval '1 minute', now() - (($1::int * 5 - g) * interval '30 seconds')
       from generate_series(1, $1::int * 5) g
       cross join lateral (select g % 5 = 0 as f) x
       join graphile_worker._private_tasks t on t.identifier = (array['deliver_notifications', 'evaluate_compliance', 'send_reminders', 'deliver_webhooks'])[1 + g % 4]`,
    [failed],
  );
  await client.query('analyze graphile_worker._private_jobs');
}
