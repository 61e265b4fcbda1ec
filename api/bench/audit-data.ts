import type pg from 'pg';

/**
 * The staff pages' audit log for bench:ab (`audit`): AUDIT_ROWS entries (default 500,000 x BENCH_SCALE) by the
 * bench's coaches and staff, and the requests a staff member makes reading it: the first 5 pages of 50, all actions
 * and two of them.
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
