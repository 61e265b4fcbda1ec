import { randomBytes } from 'node:crypto';
import os from 'node:os';
import autocannon from 'autocannon';
import { signToken } from '../src/auth/token';
import { fmt, scratchDatabase } from './scratch';
import { build, startServer } from './server';
import { childPids, rssSampler, startChild } from './compare-servers';
import { compareSizes, generateCompareData, POSTGRAPHILE_SQL, type CompareSizes } from './compare-data';
import { askFor, LIVE_PGL_SQL, queueVariants, reduce, SERVERS, type ServerName, type Variant, type Workload } from './live-data';
import { liveWriter } from './live-writes';
import { firstDifference, post } from './compare.bench';

/** What is measured: a workload while the program writes at a rate. */
interface Scenario {
  label: string;
  workload: Workload;
  writesPerSecond: number;
}

export interface Measured {
  rps: number;
  p50: number;
  p99: number;
  failed: number;
}

/** Issue 21's targets. */
const TARGETS = { overPostGraphile: 1.2, ofRaw: 0.8, overPostGraphile5: 1.0, p99Ms: 50, coldStartMs: 2000, rssMb: 250 };
const CONNECTIONS = 10;

const SCENARIOS: Scenario[] = [
  { label: 'queue pages, 5 writes/s', workload: 'queue', writesPerSecond: 5 },
  { label: 'queue pages, 50 writes/s', workload: 'queue', writesPerSecond: 50 },
  { label: 'progress of 200, 5 w/s', workload: 'progress', writesPerSecond: 5 },
  { label: 'progress of 200, 50 w/s', workload: 'progress', writesPerSecond: 50 },
  { label: 'one learner, 5 w/s', workload: 'learner', writesPerSecond: 5 },
  { label: 'nested learners, 5 w/s', workload: 'nested', writesPerSecond: 5 },
];

/**
 * autocannon at 10 connections over the variants in turn (each its own path, headers and body: the raw server's
 * statements and a learner's token differ by variant), a warm-up, then `seconds` measured.
 */
export async function load(url: string, asks: { path: string; body: string; headers: Record<string, string> }[], seconds: number, warmup: number): Promise<Measured> {
  let next = 0;
  const options: autocannon.Options = {
    url: url + asks[0].path,
    connections: CONNECTIONS,
    method: 'POST',
    headers: asks[0].headers,
    body: asks[0].body,
    requests: [{ method: 'POST', setupRequest: (req: any) => {
      const ask = asks[next++ % asks.length];
      return { ...req, path: ask.path, headers: ask.headers, body: ask.body };
    } }],
  };
  if (warmup > 0) await autocannon({ ...options, duration: warmup });
  const r = await autocannon({ ...options, duration: seconds });
  return { rps: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, failed: r.non2xx + r.errors + r.timeouts };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const num = (n: number, d = 1) => (Number.isFinite(n) ? n.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d }) : '-');

/** A label's median of `f` for `server` over the rounds. */
export function medianOf(results: Map<string, Measured[]>, label: string, server: string, f: keyof Measured): number {
  return median(results.get(`${label}|${server}`)!.map((m) => m[f]));
}

/** Waypoint's median requests/s over each peer's, for the targets' lines. */
export function ratiosOf(results: Map<string, Measured[]>, label: string): { r4: number; r5: number; raw: number } {
  const w = medianOf(results, label, 'Waypoint', 'rps');
  return { r4: w / medianOf(results, label, 'PostGraphile 4', 'rps'), r5: w / medianOf(results, label, 'PostGraphile 5', 'rps'), raw: w / medianOf(results, label, 'raw SQL', 'rps') };
}

/**
 * The rounds' table, one block of rows per label (scenario or list) with a row per server: requests/s min, median and
 * max, the median p50 and p99, and the requests that failed. `after` prints a line under a label's block. Shared by
 * live and lists, so both read the same way.
 */
export function printRounds<S extends string>(head: string, width: number, labels: string[], servers: readonly S[], results: Map<string, Measured[]>, after?: (label: string) => string) {
  const pad = (t: string, n: number) => t.padEnd(n);
  const med = (label: string, server: S, f: keyof Measured) => medianOf(results, label, server, f);
  console.log(`  ${pad(head, width)}${pad('server', 16)}${'req/s min'.padStart(10)}${'median'.padStart(9)}${'max'.padStart(9)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'failed'.padStart(8)}`);
  for (const label of labels) {
    servers.forEach((server, i) => {
      const ms = results.get(`${label}|${server}`)!;
      const rps = ms.map((m) => m.rps);
      console.log(
        `  ${pad(i === 0 ? label : '', width)}${pad(server, 16)}${num(Math.min(...rps)).padStart(10)}${num(median(rps)).padStart(9)}${num(Math.max(...rps)).padStart(9)}` +
          `${num(med(label, server, 'p50'), 0).padStart(8)}${num(med(label, server, 'p99'), 0).padStart(8)}${fmt(ms.reduce((n, m) => n + m.failed, 0)).padStart(8)}`,
      );
    });
    if (after) console.log(`  ${pad('', width)}${after(label)}`);
  }
}
const mark = (ok: boolean) => (ok ? '✓' : '✗');

/**
 * Issue 21: the four servers read while the program writes, interleaved (every server in turn in each round, the
 * first server rotating), at least three rounds; min/median/max of requests/s, median p50 and p99.
 */
export async function liveBench(seconds: number, warmup: number, rounds: number, sizes: CompareSizes = compareSizes()): Promise<void> {
  const db = await scratchDatabase();
  const secret = randomBytes(32).toString('base64url');
  const stops: (() => Promise<void>)[] = [];
  try {
    const load0 = os.loadavg()[0];
    console.log(`\nLive: ${fmt(sizes.learners)} learners, ${fmt(sizes.submissions)} submissions, ${fmt(sizes.activities)} job activities, ${db.server}`);
    console.log(`  machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, load average ${load0.toFixed(2)} at start`);
    const genStart = Date.now();
    const { staffId } = await generateCompareData(db.client, sizes);
    await db.client.query(POSTGRAPHILE_SQL + LIVE_PGL_SQL);
    console.log(`  generated in ${((Date.now() - genStart) / 1000).toFixed(1)} s`);
    const token = signToken(staffId, secret, 2, new Date()).token;
    const ids = (await db.client.query(`select id from learners order by md5(id::text) limit 500`)).rows.map((r) => r.id as string);

    build();
    const before = new Set(childPids('dist/main.js'));
    const coldStart = Date.now();
    const waypoint = await startServer(db.url, secret);
    stops.push(waypoint.stop);
    const urls = new Map<ServerName, string>([['Waypoint', waypoint.url]]);
    const noCursors = new Map<ServerName, (string | null)[]>();
    await post(waypoint.url, askFor('Waypoint', { workload: 'learner', id: ids[0] }, token, noCursors));
    const coldMs = Date.now() - coldStart;
    const waypointPid = childPids('dist/main.js').find((p) => !before.has(p));
    for (const [name, file] of [['PostGraphile 4', 'compare-postgraphile.ts'], ['PostGraphile 5', 'compare-postgraphile5.ts'], ['raw SQL', 'compare-raw.ts']] as const) {
      const child = await startChild(file, db.url);
      stops.push(child.stop);
      urls.set(name, child.url);
    }
    console.log(`  Waypoint cold start ${fmt(coldMs)} ms to the first answered query`);

    // Each server's own cursors for the progress pages, walked page by page before any load.
    const progressPages = Math.min(10, Math.ceil(sizes.learners / 200));
    const cursors = new Map<ServerName, (string | null)[]>();
    for (const server of SERVERS) {
      const list: (string | null)[] = [null];
      for (let page = 0; page < progressPages - 1; page++) {
        const { endCursor } = reduce(server, 'progress', await post(urls.get(server)!, askFor(server, { workload: 'progress', page }, token, new Map([[server, list]]))));
        list.push(endCursor ?? null);
      }
      cursors.set(server, list);
    }
    const variants: Record<Workload, Variant[]> = {
      queue: queueVariants(),
      progress: Array.from({ length: progressPages }, (_, page) => ({ workload: 'progress' as const, page })),
      learner: ids.map((id) => ({ workload: 'learner' as const, id })),
      nested: Array.from({ length: 10 }, (_, page) => ({ workload: 'nested' as const, page })),
    };

    // The same answers from all four before the load (no writes yet): a sample of each workload's requests.
    const problems: string[] = [];
    for (const workload of ['queue', 'progress', 'learner', 'nested'] as const) {
      const sample = workload === 'queue' ? variants.queue.filter((_, i) => i % 7 === 0) : variants[workload].slice(0, 10);
      for (const v of sample) {
        const answers: { server: ServerName; value?: unknown; error?: string }[] = [];
        for (const server of SERVERS) {
          try {
            answers.push({ server, value: reduce(server, workload, await post(urls.get(server)!, askFor(server, v, token, cursors))).value });
          } catch (e) {
            answers.push({ server, error: (e as Error).message });
          }
        }
        const [ref, ...others] = answers.filter((a) => !a.error);
        for (const a of answers) if (a.error) problems.push(`${workload} ${JSON.stringify(v)}: ${a.server} ${a.error}`);
        for (const o of others) {
          const d = firstDifference(ref.value, o.value);
          if (d) problems.push(`${workload} ${JSON.stringify(v)}: ${ref.server} and ${o.server} differ at ${d}`);
        }
      }
    }
    if (problems.length) {
      console.log(`\n  !!! MISMATCH: the servers do not give the same answers; the figures below compare different work !!!`);
      for (const p of problems.slice(0, 10)) console.log(`    ${p.slice(0, 300)}`);
    } else {
      console.log(`  answers checked: the same on all four for ${variants.queue.filter((_, i) => i % 7 === 0).length} queue tabs and pages, ${Math.min(10, progressPages)} progress pages, 10 learners, 10 nested pages`);
    }

    const writer = liveWriter(db.url, sizes.learners);
    const rss = rssSampler(waypointPid);
    rss.start();
    const results = new Map<string, Measured[]>();
    const writes = new Map<Scenario, number[]>();
    console.log(`  load: autocannon, ${CONNECTIONS} connections, ${warmup} s warm-up then ${seconds} s per scenario and server, ${rounds} rounds, servers interleaved\n`);
    for (let round = 0; round < rounds; round++) {
      for (const scenario of SCENARIOS) {
        writer.start(scenario.writesPerSecond);
        const order = SERVERS.map((_, i) => SERVERS[(i + round) % SERVERS.length]);
        for (const server of order) {
          const asks = variants[scenario.workload].map((v) => askFor(server, v, token, cursors));
          const key = `${scenario.label}|${server}`;
          results.set(key, [...(results.get(key) ?? []), await load(urls.get(server)!, asks, seconds, warmup)]);
        }
        await writer.stop();
        const c = writer.counts();
        writes.set(scenario, [...(writes.get(scenario) ?? []), c.done / c.seconds]);
      }
    }
    rss.stop();
    await writer.end();

    const pad = (s: string, n: number) => s.padEnd(n);
    printRounds('scenario', 26, SCENARIOS.map((s) => s.label), SERVERS, results, (label) =>
      `${pad('(writes done)', 16)}${num(median(writes.get(SCENARIOS.find((s) => s.label === label)!)!)).padStart(19)} /s`);

    console.log(`\n  against issue 21's targets (medians; ✓ met, ✗ missed):`);
    for (const s of SCENARIOS) {
      const { r4, r5, raw } = ratiosOf(results, s.label);
      const p99 = medianOf(results, s.label, 'Waypoint', 'p99');
      const pages = s.workload === 'queue' || s.workload === 'progress';
      const vs = pages
        ? `/PG4 ${num(r4, 2)}x ${mark(r4 >= TARGETS.overPostGraphile)}  /PG5 ${num(r5, 2)}x ${mark(r5 >= TARGETS.overPostGraphile)}  /raw ${num(raw, 2)}x ${mark(raw >= TARGETS.ofRaw)}`
        : `/PG4 ${num(r4, 2)}x    /PG5 ${num(r5, 2)}x ${mark(r5 >= TARGETS.overPostGraphile5)}  /raw ${num(raw, 2)}x  `;
      console.log(`  ${pad(s.label, 26)}${vs}   p99 ${num(p99, 0)} ms ${mark(p99 < TARGETS.p99Ms)}`);
    }
    console.log(`  targets: queue and progress >= ${TARGETS.overPostGraphile}x both PostGraphiles and >= ${TARGETS.ofRaw}x raw; one learner and nested >= ${TARGETS.overPostGraphile5}x PostGraphile 5; p99 < ${TARGETS.p99Ms} ms`);
    console.log(`  ${pad('Waypoint cold start', 26)}${fmt(coldMs)} ms ${mark(coldMs < TARGETS.coldStartMs)} (< ${fmt(TARGETS.coldStartMs)} ms, spawn to first answered query)`);
    const peak = rss.max();
    console.log(`  ${pad('Waypoint peak RSS', 26)}${peak === null ? 'not measured (no /proc)' : `${num(peak, 0)} MB ${mark(peak < TARGETS.rssMb)} (< ${TARGETS.rssMb} MB, sampled every 100 ms)`}`);
    console.log(`  load average ${load0.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end`);
    const failed = [...results].filter(([, ms]) => ms.some((m) => m.failed > 0));
    if (failed.length) console.log(`\n  !!! failed requests under load: ${failed.map(([k]) => k).join(', ')}`);
    if (problems.length) console.log(`\n  !!! ${problems.length} answer mismatch(es) found before the load (listed above)`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await db.drop();
  }
}
