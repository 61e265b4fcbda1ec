import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import pg, { type Pool, type PoolClient, type QueryResultRow } from 'pg';

/**
 * A PostgreSQL array literal for a bound parameter (`= any(?::uuid[])`, `unnest(?::text[])`): every element
 * quoted, with quotes and backslashes escaped, so ids, numbers and free text all travel as one value.
 */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** Each `?` placeholder (as em.execute takes them) replaced by `next(i)` for the i-th; a `?` inside a quoted literal is left alone. */
export function replacePlaceholders(sql: string, next: (i: number) => string): string {
  let i = 0;
  return sql.replace(/'(?:[^']|'')*'|\?/g, (m) => (m === '?' ? next(i++) : m));
}

/** `?` placeholders as `$1, $2, …`. */
export function numberedPlaceholders(sql: string): string {
  return replacePlaceholders(sql, (i) => `$${i + 1}`);
}

/** Each statement's name and numbered text, worked out once (the SQL of a page is a few kB). */
const prepared = new Map<string, { name: string; text: string }>();

/** What a statement stopped because its client went away rejects with. */
export class ClientGone extends Error {
  constructor() {
    super('the client closed the request; its statement was cancelled');
  }
}

/**
 * Stops the statement `client`'s backend is running, so a page nobody waits for stops reading rows. On a
 * connection of its own, outside the pool (whose every connection may be taken by the requests that queue behind
 * it); best effort: the statement timeout stops it anyway.
 */
function cancelRunning(pool: Pool, client: PoolClient): void {
  const pid = (client as unknown as { processID?: number }).processID;
  if (!pid) return;
  const canceller = new pg.Client(pool.options);
  canceller
    .connect()
    .then(() => canceller.query('select pg_cancel_backend($1)', [pid]))
    .catch(() => undefined)
    .finally(() => void canceller.end().catch(() => undefined));
}

/**
 * A hot read statement (a list page, the viewer lookup) as a named prepared statement on a pooled connection:
 * PostgreSQL parses and plans it once per connection instead of on every request (planning a page statement
 * cost about as much as running it). Same `?` placeholders and rows as em.execute, and logged the same way;
 * inside a transaction it simply runs through the entity manager. With `signal` (the request's client, see
 * graphql-http.ts), the statement is cancelled when the client goes away, and rejects with ClientGone.
 */
export async function preparedQuery<T>(em: EntityManager, sql: string, params: unknown[], signal?: AbortSignal): Promise<T[]> {
  if (em.isInTransaction()) return em.execute<T[]>(sql, params);
  if (signal?.aborted) throw new ClientGone();
  let statement = prepared.get(sql);
  if (!statement) {
    const numbered = numberedPlaceholders(sql);
    statement = { name: `wp_${createHash('sha1').update(numbered).digest('base64url').slice(0, 24)}`, text: numbered };
    if (prepared.size < 1000) prepared.set(sql, statement);
  }
  const { name, text } = statement;
  const pool = (await em.getConnection().getNativeClient()) as Pool;
  const started = Date.now();
  const client = await pool.connect();
  const cancel = () => cancelRunning(pool, client);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    if (signal?.aborted) throw new ClientGone();
    const result = await client.query<T & QueryResultRow>({ name, text, values: params });
    em.config.getLogger().logQuery({ query: text, took: Date.now() - started, results: result.rowCount ?? 0, level: 'info' });
    return result.rows;
  } catch (e) {
    throw signal?.aborted ? new ClientGone() : e;
  } finally {
    signal?.removeEventListener('abort', cancel);
    // A cancel request lands on whatever the backend runs when it arrives, perhaps the next request's statement:
    // a connection that may have one on its way is closed, not handed to another request.
    client.release(signal?.aborted || undefined);
  }
}
