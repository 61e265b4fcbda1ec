import { randomBytes } from 'node:crypto';
import os from 'node:os';
import autocannon from 'autocannon';
import { signToken } from '../src/auth/token';
import { fmt, scratchDatabase } from './scratch';
import { build, startServer } from './server';
import { childPids, rssSampler, startChild } from './compare-servers';
import { compareSizes, generateCompareData, POSTGRAPHILE_QUERIES, POSTGRAPHILE_SQL, WAYPOINT_QUERIES, type CompareSizes } from './compare-data';

type QueryName = 'queue' | 'progress' | 'learner';
type ServerName = 'Waypoint' | 'PostGraphile 4' | 'PostGraphile 5' | 'raw SQL';

const QUERY_LABELS: Record<QueryName, string> = {
  queue: '(a) review queue, 50',
  progress: '(b) progress of 200',
  learner: '(c) one learner',
};

/** The issue's figures (issue 7). */
const TARGETS = { overPostGraphile: 1.2, ofRaw: 0.7, p99Ms: 100, coldStartMs: 3000, rssMb: 300 };

interface Endpoint {
  name: ServerName;
  /** The request for a query; `id` is the learner of (c). */
  request(query: QueryName, id: string): { path: string; body: string; headers: Record<string, string> };
  /** The answer reduced to the same plain shape on every server. */
  normalize(query: QueryName, body: any): unknown;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failed: number;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

const graphql = (query: string, variables: Record<string, unknown> | undefined, headers: Record<string, string>) => ({
  path: '/graphql',
  body: JSON.stringify(variables ? { query, variables } : { query }),
  headers: { ...JSON_HEADERS, ...headers },
});

/** The shape all three answers are reduced to before comparing. */
const queueItem = (s: any) => ({
  id: s.id, kind: s.kind, status: s.status,
  learner: { id: s.learner.id, name: s.learner.name, status: s.learner.status, moduleWeek: s.learner.moduleWeek ?? null },
  latestFeedback: s.latestFeedback ? { decision: s.latestFeedback.decision, body: s.latestFeedback.body, author: s.latestFeedback.author.name } : null,
});
const counts = (applications: unknown, interviews: unknown) => ({ applications: Number(applications), interviews: Number(interviews) });
const days = (list: any[]) => list.map((d) => ({ date: String(d.date).slice(0, 10), ...counts(d.applications, d.interviews) }));

function endpoints(token: string): Endpoint[] {
  const waypoint: Endpoint = {
    name: 'Waypoint',
    request: (q, id) => graphql(WAYPOINT_QUERIES[q], q === 'learner' ? { id } : undefined, { authorization: `Bearer ${token}` }),
    normalize(q, body) {
      const d = body.data;
      if (q === 'queue') return d.reviewQueue.map(queueItem);
      if (q === 'progress') return { total: d.progress.totalCount, nodes: d.progress.nodes.map((n: any) => ({ id: n.learnerId, ...counts(n.applications, n.interviews) })) };
      return { ...counts(d.learnerProgress.applications, d.learnerProgress.interviews), daily: days(d.learnerProgress.daily) };
    },
  };
  const postgraphile: Endpoint = {
    name: 'PostGraphile 4',
    request: (q, id) => graphql(POSTGRAPHILE_QUERIES[q], q === 'learner' ? { id } : undefined, {}),
    normalize(q, body) {
      const d = body.data;
      if (q === 'queue') return d.allOpenSubmissions.nodes.map(queueItem);
      if (q === 'progress') return { total: d.allLearners.totalCount, nodes: d.allLearners.nodes.map((n: any) => ({ id: n.id, ...counts(n.progress.applications, n.progress.interviews) })) };
      return { ...counts(d.learnerById.progress.applications, d.learnerById.progress.interviews), daily: days(d.learnerById.daily.nodes) };
    },
  };
  // V5 through its v4-compatibility preset (compare-postgraphile5.ts): the same documents, the same answer shape.
  const postgraphile5: Endpoint = { ...postgraphile, name: 'PostGraphile 5' };
  const raw: Endpoint = {
    name: 'raw SQL',
    request: (q, id) => ({ path: `/${q}`, body: JSON.stringify(q === 'learner' ? { variables: { id } } : {}), headers: JSON_HEADERS }),
    normalize: waypoint.normalize,
  };
  return [waypoint, postgraphile, postgraphile5, raw];
}

export async function post(base: string, r: { path: string; body: string; headers: Record<string, string> }): Promise<any> {
  const res = await fetch(base + r.path, { method: 'POST', headers: r.headers, body: r.body });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`answered ${res.status} with no JSON: ${text.slice(0, 200)}`);
  }
  if (res.status !== 200 || body.errors || !body.data) throw new Error(`answered ${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 400)}`);
  return body;
}

/** Asks every server the same questions and compares the reduced answers; returns the problems found. */
async function verify(servers: { endpoint: Endpoint; url: string }[], learnerIds: string[]): Promise<string[]> {
  const problems: string[] = [];
  const checks: { query: QueryName; id: string }[] = [
    { query: 'queue', id: '' },
    { query: 'progress', id: '' },
    ...learnerIds.slice(0, 20).map((id) => ({ query: 'learner' as const, id })),
  ];
  for (const { query, id } of checks) {
    const answers: { name: ServerName; value?: unknown; error?: string }[] = [];
    for (const { endpoint, url } of servers) {
      try {
        answers.push({ name: endpoint.name, value: endpoint.normalize(query, await post(url, endpoint.request(query, id))) });
      } catch (e) {
        answers.push({ name: endpoint.name, error: (e as Error).message });
      }
    }
    for (const a of answers) if (a.error) problems.push(`${QUERY_LABELS[query]}${id ? ` ${id}` : ''}: ${a.name} ${a.error}`);
    const [reference, ...others] = answers.filter((a) => !a.error);
    for (const other of others) {
      const diff = firstDifference(reference.value, other.value);
      if (diff) problems.push(`${QUERY_LABELS[query]}${id ? ` ${id}` : ''}: ${reference.name} and ${other.name} differ at ${diff}`);
    }
    if (query === 'queue' && reference && (reference.value as unknown[]).length !== 50) problems.push(`(a) returned ${(reference.value as unknown[]).length} items, not 50`);
  }
  return problems;
}

export function firstDifference(a: unknown, b: unknown, at = ''): string | null {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return a === b ? null : `${at || '.'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference((a as any)[k], (b as any)[k], `${at}.${k}`);
    if (d) return d;
  }
  return null;
}

/** autocannon at 10 connections: a warm-up, then `seconds` measured. (c) rotates over the learners. */
async function load(base: string, endpoint: Endpoint, query: QueryName, ids: string[], seconds: number, warmup: number): Promise<Measured> {
  const first = endpoint.request(query, ids[0]);
  let next = 0;
  const options: autocannon.Options = {
    url: base + first.path,
    connections: 10,
    method: 'POST',
    headers: first.headers,
    body: first.body,
    ...(query === 'learner'
      ? { requests: [{ method: 'POST', setupRequest: (req: any) => ({ ...req, body: endpoint.request(query, ids[next++ % ids.length]).body }) }] }
      : {}),
  };
  if (warmup > 0) await autocannon({ ...options, duration: warmup });
  const r = await autocannon({ ...options, duration: seconds });
  return {
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    failed: r.non2xx + r.errors + r.timeouts,
  };
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : NaN);
const mark = (ok: boolean) => (ok ? '✓' : '✗');

/**
 * Waypoint against PostGraphile 4.14.1, PostGraphile 5 and a raw http + pg endpoint, on one generated database, the same three
 * queries, the same answers (checked first), 10 connections each; with Waypoint's cold start and peak RSS.
 */
export async function compareBench(seconds: number, warmup: number, sizes: CompareSizes = compareSizes()): Promise<void> {
  const db = await scratchDatabase();
  const secret = randomBytes(32).toString('base64url');
  const stops: (() => Promise<void>)[] = [];
  try {
    console.log(`\nCompare: ${fmt(sizes.learners)} learners, ${fmt(sizes.submissions)} submissions, ${fmt(sizes.activities)} job activities, ${db.server}`);
    console.log(`  machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, load average ${os.loadavg()[0].toFixed(2)} at start\n`);
    const genStart = Date.now();
    const { staffId } = await generateCompareData(db.client, sizes);
    const made = (await db.client.query(
      `select (select count(*) from submissions)::int s, (select count(*) from submissions where status in ('SUBMITTED', 'IN_REVIEW'))::int o,
              (select count(*) from feedback)::int f, (select count(*) from job_activities)::int a`,
    )).rows[0];
    console.log(`  generated ${fmt(made.s)} submissions (${fmt(made.o)} waiting), ${fmt(made.f)} feedbacks, ${fmt(made.a)} job activities in ${((Date.now() - genStart) / 1000).toFixed(1)} s (with VACUUM ANALYZE and a checkpoint)`);
    await db.client.query(POSTGRAPHILE_SQL);

    const token = signToken(staffId, secret, 2, new Date()).token;
    const [waypoint, postgraphile, postgraphile5, raw] = endpoints(token);
    const ids = (await db.client.query(`select id from learners order by md5(id::text) limit 500`)).rows.map((r) => r.id as string);

    // Cold start: process spawn to the first answered GraphQL query, database migrated and filled.
    build(); // compiled before the clock starts, as a deployed server would be
    const before = new Set(childPids('dist/main.js'));
    const coldStart = Date.now();
    const server = await startServer(db.url, secret);
    stops.push(server.stop);
    await post(server.url, waypoint.request('learner', ids[0]));
    const coldMs = Date.now() - coldStart;
    const waypointPid = childPids('dist/main.js').find((p) => !before.has(p));
    console.log(`  Waypoint cold start ${fmt(coldMs)} ms to the first answered query (startServer polls /health every 100 ms)`);

    const pgStart = Date.now();
    const pgl = await startChild('compare-postgraphile.ts', db.url);
    stops.push(pgl.stop);
    await post(pgl.url, postgraphile.request('learner', ids[0]));
    console.log(`  PostGraphile 4 ready in ${fmt(Date.now() - pgStart)} ms (introspection of schema pgl)`);
    const pg5Start = Date.now();
    const pgl5 = await startChild('compare-postgraphile5.ts', db.url);
    stops.push(pgl5.stop);
    await post(pgl5.url, postgraphile5.request('learner', ids[0]));
    console.log(`  PostGraphile 5 ready in ${fmt(Date.now() - pg5Start)} ms (introspection of schema pgl)`);
    const rawServer = await startChild('compare-raw.ts', db.url);
    stops.push(rawServer.stop);

    const servers = [
      { endpoint: waypoint, url: server.url },
      { endpoint: postgraphile, url: pgl.url },
      { endpoint: postgraphile5, url: pgl5.url },
      { endpoint: raw, url: rawServer.url },
    ];
    const problems = await verify(servers, ids);
    if (problems.length) {
      console.log(`\n  !!! MISMATCH: the servers do not give the same answers; the figures below compare different work !!!`);
      for (const p of problems.slice(0, 15)) console.log(`    ${p}`);
      if (problems.length > 15) console.log(`    ... and ${problems.length - 15} more`);
      console.log('');
    } else {
      console.log(`  answers checked: (a) the same 50 items, (b) the same counts for 200 learners, (c) the same series for 20 learners, on all four`);
    }

    const rss = rssSampler(waypointPid);
    const results: Record<QueryName, Partial<Record<ServerName, Measured>>> = { queue: {}, progress: {}, learner: {} };
    console.log(`  load: autocannon, 10 connections, ${warmup} s warm-up then ${seconds} s per query and server\n`);
    for (const query of ['queue', 'progress', 'learner'] as const) {
      for (const { endpoint, url } of servers) {
        if (endpoint === waypoint) rss.start();
        results[query][endpoint.name] = await load(url, endpoint, query, ids, seconds, warmup);
        if (endpoint === waypoint) rss.stop();
      }
    }
    const pad = (s: string, n: number) => s.padEnd(n);
    const num = (n: number, d = 1) => (Number.isFinite(n) ? n.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d }) : '-');
    console.log(`  ${pad('query', 24)}${pad('server', 16)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'requests'.padStart(10)}${'failed'.padStart(8)}`);
    for (const query of ['queue', 'progress', 'learner'] as const) {
      for (const name of ['Waypoint', 'PostGraphile 4', 'PostGraphile 5', 'raw SQL'] as const) {
        const m = results[query][name];
        if (!m) continue;
        console.log(`  ${pad(name === 'Waypoint' ? QUERY_LABELS[query] : '', 24)}${pad(name, 16)}${num(m.rps).padStart(9)}${num(m.p50, 0).padStart(9)}${num(m.p99, 0).padStart(9)}${fmt(m.requests).padStart(10)}${fmt(m.failed).padStart(8)}`);
      }
    }
    console.log(`\n  against the issue's figures (✓ met, ✗ missed):`);
    for (const query of ['queue', 'progress', 'learner'] as const) {
      const w = results[query].Waypoint!;
      const overPgl = ratio(w.rps, results[query]['PostGraphile 4']!.rps);
      const ofRaw = ratio(w.rps, results[query]['raw SQL']!.rps);
      const gated = query !== 'learner';
      console.log(
        `  ${pad(QUERY_LABELS[query], 24)}` +
          `Waypoint/PostGraphile 4 ${num(overPgl, 2)}x ${gated ? `${mark(overPgl >= TARGETS.overPostGraphile)} (>= ${TARGETS.overPostGraphile}x)` : '  (no target)'}   ` +
          `Waypoint/raw ${num(ofRaw, 2)}x ${gated ? `${mark(ofRaw >= TARGETS.ofRaw)} (>= ${TARGETS.ofRaw}x)` : '  (no target)'}   ` +
          `p99 ${num(w.p99, 0)} ms ${mark(w.p99 < TARGETS.p99Ms)} (< ${TARGETS.p99Ms} ms)`,
      );
    }
    // PostGraphile 5 beside the issue's figures, which were set against 4.14.1: no target of its own.
    const over5 = (['queue', 'progress', 'learner'] as const).map((q) => `${QUERY_LABELS[q].slice(0, 3)} ${num(ratio(results[q].Waypoint!.rps, results[q]['PostGraphile 5']!.rps), 2)}x`);
    console.log(
      `  ${pad('Waypoint/PostGraphile 5', 24)}${over5.join('   ')}   (no target)`,
    );
    console.log(`  ${pad('Waypoint cold start', 24)}${fmt(coldMs)} ms ${mark(coldMs < TARGETS.coldStartMs)} (< ${fmt(TARGETS.coldStartMs)} ms, spawn to first answered query)`);
    const peak = rss.max();
    console.log(
      `  ${pad('Waypoint max RSS', 24)}${peak === null ? 'not measured (no /proc)' : `${num(peak, 0)} MB ${mark(peak < TARGETS.rssMb)} (< ${TARGETS.rssMb} MB, sampled every 100 ms under load)`}`,
    );
    const failed = Object.values(results).flatMap((r) => Object.entries(r)).filter(([, m]) => m!.failed > 0);
    if (failed.length) console.log(`\n  !!! failed requests under load: ${failed.map(([n, m]) => `${n} ${fmt(m!.failed)}`).join(', ')}`);
    if (problems.length) console.log(`\n  !!! ${problems.length} answer mismatch(es) found before the load (listed above)`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await db.drop();
  }
}
