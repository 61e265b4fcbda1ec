import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { createApp } from '../src/app';
import { systemClock } from '../src/common/clock';
import { createLogger } from '../src/common/logger';
import { openRequestOrm } from '../src/db/database';
import { signToken } from '../src/auth/token';
import { fmt, type Scratch } from './scratch';
import { WAYPOINT_DOCS } from './live-data';
import { post } from './compare.bench';

/** A statement as the app sent it to PostgreSQL. */
interface Sent {
  name?: string;
  text: string;
  values: unknown[];
}

/**
 * Every statement this process sends while capturing: the app runs in this process, so its pool's clients are this
 * module's pg.Client. Nothing in the app changes; the statements are the ones its compiled reads send.
 */
async function capture(during: () => Promise<unknown>): Promise<Sent[]> {
  const list: Sent[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args as [string | { name?: string; text: string; values?: unknown[] }, unknown];
    if (typeof first === 'string') list.push({ text: first, values: Array.isArray(second) ? second : [] });
    else if (first && typeof first === 'object' && 'text' in first) list.push({ name: first.name, text: first.text, values: first.values ?? [] });
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    await during();
  } finally {
    pg.Client.prototype.query = query;
  }
  return list;
}

/** The list statements of issue 21: what a client asks, and who asks it. */
const STATEMENTS: { label: string; doc: string; variables: Record<string, unknown>; as: 'coach' | 'staff' }[] = [
  { label: 'review queue, page 1 of 50', doc: WAYPOINT_DOCS.queue, variables: { page: 0, filter: {} }, as: 'coach' },
  { label: 'review queue, SUBMITTED, page 5', doc: WAYPOINT_DOCS.queue, variables: { page: 4, filter: { statuses: ['SUBMITTED'] } }, as: 'coach' },
  {
    label: 'allSubmissions(perPage: 50) with feedback',
    doc: `{ allSubmissions(perPage: 50) { id kind status submittedAt learner { id name } latestFeedback { decision body author { name } } } }`,
    variables: {},
    as: 'staff',
  },
  {
    label: 'learners(first: 50), by name',
    doc: `{ learners(first: 50) { edges { cursor node { id name status moduleWeek } } pageInfo { hasNextPage endCursor } } }`,
    variables: {},
    as: 'staff',
  },
  { label: 'progress(first: 200), page 1', doc: WAYPOINT_DOCS.progress, variables: { after: null }, as: 'staff' },
  // `id: null` stands for a learner of the program (the first in live.bench's order).
  { label: "one learner's progress", doc: WAYPOINT_DOCS.learner, variables: { id: null }, as: 'staff' },
];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Sort Method'?: string;
  Plans?: PlanNode[];
}

interface Explained {
  label: string;
  ms: number;
  buffers: number;
  rowsRead: number;
  plan: 'generic' | 'custom';
  scans: string[];
  /** Scans over (nearly) a whole table and sorts of many rows: what a page should not do. */
  whole: string[];
  text: string;
}

const literal = (client: pg.Client, v: unknown) =>
  v === null || v === undefined ? 'null' : typeof v === 'number' || typeof v === 'boolean' ? String(v) : client.escapeLiteral(v instanceof Date ? v.toISOString() : String(v));

/**
 * The rows each scan produced and dropped, per table and index; the scans that read nine tenths of a table of 1,000
 * rows or more (`tables`: rows per table, as PostgreSQL estimates them), and sorts of more than 1,000 rows.
 */
function summarize(root: PlanNode, tables: Map<string, number>): Pick<Explained, 'rowsRead' | 'scans' | 'whole'> {
  const scans = new Map<string, number>();
  const whole: string[] = [];
  let rowsRead = 0;
  const walk = (n: PlanNode) => {
    // Rows and rows filtered out are means per loop (fractional since PostgreSQL 18).
    const rows = Math.round((n['Actual Rows'] + (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Index Recheck'] ?? 0)) * n['Actual Loops']);
    if (n['Relation Name']) {
      rowsRead += rows;
      const key = `${n['Node Type']}${n['Index Name'] ? ` using ${n['Index Name']}` : ''} on ${n['Relation Name']}`;
      scans.set(key, (scans.get(key) ?? 0) + rows);
      const size = tables.get(n['Relation Name']) ?? 0;
      if (size >= 1000 && rows >= 0.9 * size) whole.push(`${key} read ${fmt(rows)} of its ${fmt(size)} rows`);
    }
    const sorted = Math.round(n['Actual Rows'] * n['Actual Loops']);
    if (n['Node Type'] === 'Sort' && sorted > 1000) whole.push(`Sort of ${fmt(sorted)} rows (${n['Sort Method']})`);
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(root);
  return { rowsRead, scans: [...scans].map(([k, rows]) => `${k}: ${fmt(rows)}`), whole };
}

/** Rows per table of the schema, as the last ANALYZE counted them. */
async function tableRows(client: pg.Client): Promise<Map<string, number>> {
  const { rows } = await client.query<{ name: string; n: number }>(
    `select c.relname as name, c.reltuples::float8 as n from pg_class c where c.relkind = 'r' and c.relnamespace = current_schema()::regnamespace`,
  );
  return new Map(rows.map((r) => [r.name, Number(r.n)]));
}

/**
 * The statement as the app runs it: prepared under its own name on a connection of our own and executed six
 * times, so PostgreSQL's plan cache picks a generic or a custom plan as it does for the app, then
 * EXPLAIN (ANALYZE, BUFFERS) of three more executions (the middle one's figures) and one to print.
 */
async function explain(db: Scratch, s: Sent, label: string): Promise<Explained> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const name = s.name ?? 'explained';
    const run = (extra = '') => client.query(`${extra}execute ${client.escapeIdentifier(name)}${s.values.length ? `(${s.values.map((v) => literal(client, v)).join(', ')})` : ''}`);
    await client.query({ name, text: s.text, values: s.values });
    for (let i = 0; i < 5; i++) await run();
    // The middle of three runs: one run's time moves with whatever else the machine does.
    const runs: { 'Execution Time': number; Plan: PlanNode & Record<string, number> }[] = [];
    for (let i = 0; i < 3; i++) runs.push((await run('explain (analyze, buffers, format json) ')).rows[0]['QUERY PLAN'][0]);
    const json = runs.sort((a, b) => a['Execution Time'] - b['Execution Time'])[1];
    const text = (await run('explain (analyze, buffers, costs off) ')).rows.map((r) => r['QUERY PLAN']).join('\n');
    const counts = (await client.query(`select generic_plans, custom_plans from pg_prepared_statements where name = $1`, [name])).rows[0];
    const top = json.Plan;
    return {
      label,
      ms: json['Execution Time'],
      buffers: (top['Shared Hit Blocks'] ?? 0) + (top['Shared Read Blocks'] ?? 0),
      plan: Number(counts?.generic_plans) > 0 ? 'generic' : 'custom',
      ...summarize(top, await tableRows(client)),
      text,
    };
  } finally {
    await client.end();
  }
}

/**
 * The statements Waypoint's compiled reads send for the list pages of issue 21, on a program `db` already holds,
 * with their plans: each document is asked through GraphQL of an app running in this process (production settings),
 * its statements captured as they go to PostgreSQL, and the page's statement (the compiled read) explained.
 */
export async function explainProgram(db: Scratch, ids: { staffId: string; coachId: string }): Promise<Explained[]> {
  const secret = randomBytes(32).toString('base64url');
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: db.url, AUTH_SECRET: secret, WORKER: 'off', SEED_DEMO: 'never', RATE_LIMIT_PER_MINUTE: '0' });
  const orm = await openRequestOrm(db.url, config.statementTimeoutMs);
  const app = await createApp({ config, orm, clock: systemClock, log: createLogger('warn') });
  const url = await app.listen(0, '127.0.0.1');
  const tokens = { coach: signToken(ids.coachId, secret, 2, new Date()).token, staff: signToken(ids.staffId, secret, 2, new Date()).token };
  const out: Explained[] = [];
  try {
    const [{ id: learnerId }] = (await db.client.query(`select id from learners order by md5(id::text) limit 1`)).rows;
    for (const st of STATEMENTS) {
      const variables = 'id' in st.variables ? { ...st.variables, id: learnerId } : st.variables;
      const ask = { path: '/graphql', body: JSON.stringify({ query: st.doc, variables }), headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[st.as]}` } };
      await post(url, ask); // the viewer and the statement prepared once, as on a warm server
      const list = await capture(() => post(url, ask));
      const page = list.find((s) => s.text.includes('viewer_ok'));
      if (!page) {
        console.log(`  !!! ${st.label}: no compiled read (answered through the resolvers): ${list.length} statements`);
        continue;
      }
      out.push(await explain(db, page, st.label));
    }
  } finally {
    await app.close();
    await orm.close(true);
  }
  return out;
}

/** What a plan says in a line or two: time, buffers, rows read, and the scans that read them. */
export function printExplained(learners: number, list: Explained[], full = process.env.EXPLAIN_FULL === '1'): void {
  console.log(`\n  ${fmt(learners)} learners: ms, shared buffers (hit + read), rows the scans read (returned + filtered out), by table and index`);
  for (const e of list) {
    console.log(`  ${e.label.padEnd(44)}${e.ms.toFixed(2).padStart(8)} ms ${fmt(e.buffers).padStart(7)} buffers ${fmt(e.rowsRead).padStart(9)} rows  (${e.plan} plan)`);
    for (const s of e.scans) console.log(`      ${s}`);
    for (const w of e.whole) console.log(`      !!! ${w}`);
    if (full) console.log(e.text.replace(/^/gm, '      | '));
  }
}
