import type pg from 'pg';

/**
 * The staff pages' lists for bench:ab. `audit`: AUDIT_ROWS entries (default 500,000 x BENCH_SCALE) by the bench's
 * coaches and staff, read as a staff member does: the first 5 pages of 50, all actions and two of them. `webhooks`:
 * WEBHOOK_ROWS deliveries (default 200,000 x BENCH_SCALE) to 4 endpoints, with payloads as notify() builds them, read
 * as the console's delivery log asks: each endpoint's newest 50, all and the failed ones.
 */
const ACTIONS = `array['setEnrollmentStatus', 'giveFeedback', 'claimSubmission', 'updateLearner', 'scheduleMeeting', 'createUser']`;

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
    `insert into webhook_deliveries (id, endpoint_id, notification_id, event_type, payload, status, attempts, due_at, sent_at, response_status, duration_ms, last_error, created_at)
     select gen_random_uuid(), ('00000000-0000-4000-8000-00000000000' || (1 + g % 4))::uuid, n.id, 'STATUS_CHANGED',
            jsonb_build_object('id', n.id, 'type', 'STATUS_CHANGED', 'createdAt', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'data', jsonb_build_object('recipient', jsonb_build_object('userId', md5('u' || g)::uuid, 'role', 'LEARNER', 'learnerId', md5('l' || g)::uuid),
                                         'subjectId', md5('l' || g)::uuid::text, 'title', 'Your status changed to PAUSED',
                                         'body', E'Your coach set your status to PAUSED: "Family leave".\nYou can still log in.')),
            case when g % 50 = 0 then 'FAILED' else 'SENT' end::delivery_status, 1 + (g % 50 = 0)::int * 9, now(), now(),
            case when g % 50 = 0 then 500 else 200 end, 40 + g % 60, case when g % 50 = 0 then 'Internal Server Error' end,
            now() - ((($1::int - g) / 3) || ' seconds')::interval
       from generate_series(1, $1::int) g, lateral (select md5('notification-' || g)::uuid as id) n`,
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

