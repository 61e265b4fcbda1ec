import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { signToken } from '../src/auth/token';
import { ComplianceService } from '../src/modules/compliance/compliance.service';
import { fmt, scratchDatabase, type Scratch } from './scratch';
import { build, startServer } from './server';
import { generateCompareData, type CompareSizes } from './compare-data';
import { askFor, queueVariants, reduce, type ServerName, type Variant } from './live-data';
import { load, type Measured } from './live.bench';
import { post } from './compare.bench';
import { explainProgram, printExplained } from './explain';

/** Per learner, as the compare data set has them (10,000 learners, 100,000 submissions, 2,000,000 job activities over 120 days). */
const PER_LEARNER = { submissions: 10, activities: 200, days: 120 };

/** Issue 21: the weekly compliance run for 100,000 learners within 10 s; a page costs the same at every size. */
const TARGETS = { complianceLearners: 100_000, complianceMs: 10_000, flatRatio: 1.5 };

/** GROWTH_SIZES (learners, comma-separated; default 1,000, 10,000 and 100,000), smallest first. */
export function growthSizes(env: NodeJS.ProcessEnv = process.env): number[] {
  const sizes = (env.GROWTH_SIZES ?? '1000,10000,100000').split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 200)) throw new Error(`GROWTH_SIZES must be whole numbers of learners, each at least 200 (got ${env.GROWTH_SIZES})`);
  return [...new Set(sizes)].sort((a, b) => a - b);
}

/**
 * The compare data set's proportions for `learners`. Past `maxActivities` job activities (GROWTH_MAX_ACTIVITIES,
 * default 3,000,000: 20,000,000 at 100,000 learners would take generation well past a couple of minutes), each learner
 * gets fewer, over proportionally fewer days: the same activities a day, so the 7-day window a progress page
 * counts holds as many rows per learner at every size.
 */
export function programSizes(learners: number, maxActivities = Number(process.env.GROWTH_MAX_ACTIVITIES ?? 3_000_000)): CompareSizes {
  const activities = Math.min(learners * PER_LEARNER.activities, maxActivities);
  const activityDays = Math.max(7, Math.round((PER_LEARNER.days * activities) / (learners * PER_LEARNER.activities)));
  return { learners, submissions: learners * PER_LEARNER.submissions, activities, activityDays };
}

interface Program {
  sizes: CompareSizes;
  generatedS: number;
  db: Scratch;
  server: { url: string; stop(): Promise<void> };
  now: Date;
  ids: { staffId: string; coachId: string };
  asks: Record<Figure, Ask[]>;
}

type Figure = 'queue' | 'progress' | 'learner';
type Ask = ReturnType<typeof askFor>;

interface Row {
  sizes: CompareSizes;
  generatedS: number;
  figures: Record<Figure, Measured[]>;
  complianceMs: number;
  learnerWeeks: number;
  changes: number;
}

const num = (n: number, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d }) : '-');
const mark = (ok: boolean) => (ok ? '✓' : '✗');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * A program of `learners` on a scratch database of its own, served by Waypoint as `npm start` runs it, and the
 * requests live.bench makes of it: a coach's queue pages of 50 (those in `fullQueue`: a whole page at the
 * smallest size, so every size answers the same work), staff's progress pages of 200 (each after Waypoint's own
 * cursor), one learner's progress (500 learners in turn).
 */
async function startProgram(learners: number, fullQueue: Set<string> | null): Promise<{ program: Program; fullQueue: Set<string> }> {
  const db = await scratchDatabase();
  let server: Program['server'] | null = null;
  try {
    const secret = randomBytes(32).toString('base64url');
    const sizes = programSizes(learners);
    const genStart = Date.now();
    const ids = await generateCompareData(db.client, sizes);
    const { staffId, coachId } = ids;
    const generatedS = (Date.now() - genStart) / 1000;
    const perLearner = sizes.activities / learners;
    console.log(
      `  ${fmt(learners)} learners: ${fmt(sizes.submissions)} submissions, ${fmt(sizes.activities)} job activities` +
        (perLearner < PER_LEARNER.activities ? ` (${num(perLearner)} a learner over ${sizes.activityDays} days instead of ${PER_LEARNER.activities} over ${PER_LEARNER.days}: as many a day, generation kept to minutes)` : '') +
        `, generated in ${num(generatedS, 1)} s`,
    );
    const now = new Date();
    const coach = signToken(coachId, secret, 4, now).token;
    const staff = signToken(staffId, secret, 4, now).token;
    server = await startServer(db.url, secret);
    const url = server.url;
    const cursors: (string | null)[] = [null];
    const own = new Map<ServerName, (string | null)[]>([['Waypoint', cursors]]);
    const ask = (vs: Variant[], token: string) => vs.map((v) => askFor('Waypoint', v, token, own));
    const all = queueVariants();
    const pageSizes = await Promise.all(ask(all, coach).map(async (a) => (reduce('Waypoint', 'queue', await post(url, a)).value as unknown[]).length));
    const full = fullQueue ?? new Set(all.filter((_, i) => pageSizes[i] === 50).map((v) => JSON.stringify(v)));
    const queue = all.filter((v) => full.has(JSON.stringify(v)));
    const short = all.filter((v, i) => full.has(JSON.stringify(v)) && pageSizes[i] !== 50).length;
    if (short) console.log(`  !!! ${short} queue requests gave less than a page of 50 at ${fmt(learners)} learners`);
    // Waypoint's own cursors for the progress pages, walked before the load.
    const pages = Math.min(10, Math.floor(learners / 200));
    while (cursors.length < pages) {
      const answer = await post(url, askFor('Waypoint', { workload: 'progress', page: cursors.length - 1 }, staff, own));
      cursors.push(reduce('Waypoint', 'progress', answer).endCursor ?? null);
    }
    const learnerIds = (await db.client.query(`select id from learners order by md5(id::text) limit 500`)).rows.map((r) => r.id as string);
    const asks: Record<Figure, Ask[]> = {
      queue: ask(queue, coach),
      progress: ask(cursors.map((_, page) => ({ workload: 'progress', page })), staff),
      learner: ask(learnerIds.map((id) => ({ workload: 'learner', id })), staff),
    };
    return { program: { sizes, generatedS, db, server, now, ids, asks }, fullQueue: full };
  } catch (e) {
    await server?.stop().catch(() => undefined);
    await db.drop();
    throw e;
  }
}

/**
 * Issue 21's growth table. One program at each size, all served at once, each by its own Waypoint; then rounds in
 * which every size is loaded in turn (the first size rotating), as live.bench loads a server (10 connections, a
 * warm-up, then `seconds`), so whatever else the machine does falls on every size alike. Then, the servers
 * stopped, the weekly compliance run (ComplianceService.evaluate, as compliance.bench runs it) at each size, and
 * with GROWTH_EXPLAIN=1, before it, the plans of the list statements (explainBench's) at each size.
 */
export async function growthBench(seconds: number, warmup: number, rounds: number, sizes: number[] = growthSizes(), explainToo = process.env.GROWTH_EXPLAIN === '1'): Promise<void> {
  const started = Date.now();
  const load0 = os.loadavg()[0];
  console.log(`\nGrowth: ${sizes.map(fmt).join(', ')} learners, each with ${PER_LEARNER.submissions} submissions (feedback as they were reviewed) and ${PER_LEARNER.activities} job activities`);
  console.log(`  machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, load average ${load0.toFixed(2)} at start`);
  build();
  const programs: Program[] = [];
  try {
    let fullQueue: Set<string> | null = null;
    for (const learners of sizes) {
      const made = await startProgram(learners, fullQueue);
      programs.push(made.program);
      fullQueue = made.fullQueue;
    }
    console.log(`  PostgreSQL: ${programs[0]?.db.server}; queue: ${programs[0]?.asks.queue.length} of live's 75 queue requests (those with a whole page of 50 at the smallest size)`);
    console.log(`  load: autocannon, 10 connections, ${warmup} s warm-up then ${seconds} s per figure and size, ${rounds} rounds, sizes interleaved`);
    const figures = new Map<Program, Record<Figure, Measured[]>>(programs.map((p) => [p, { queue: [], progress: [], learner: [] }]));
    for (let round = 0; round < rounds; round++) {
      for (const figure of ['queue', 'progress', 'learner'] as const) {
        for (let i = 0; i < programs.length; i++) {
          const p = programs[(i + round) % programs.length];
          const m = await load(p.server.url, p.asks[figure], seconds, warmup);
          if (m.failed) console.log(`  !!! ${fmt(m.failed)} failed requests: ${figure} at ${fmt(p.sizes.learners)} learners`);
          figures.get(p)![figure].push(m);
        }
      }
    }
    const rows: Row[] = [];
    const plans: (() => void)[] = [];
    for (const p of programs) {
      await p.server.stop();
      if (explainToo) {
        const explained = await explainProgram(p.db, p.ids);
        plans.push(() => printExplained(p.sizes.learners, explained));
      }
      const clock = () => p.now;
      const t0 = process.hrtime.bigint();
      const run = await new ComplianceService(p.db.orm.em.fork(), clock).evaluate(p.now, 500);
      const complianceMs = Number(process.hrtime.bigint() - t0) / 1e6;
      rows.push({ sizes: p.sizes, generatedS: p.generatedS, figures: figures.get(p)!, complianceMs, learnerWeeks: run.learnerWeeksEvaluated, changes: run.statusChangeCount });
    }
    printTable(rows);
    if (plans.length) console.log(`\n  The list statements: EXPLAIN (ANALYZE, BUFFERS) of what Waypoint's compiled reads send (bench/explain.ts)`);
    for (const print of plans) print();
    console.log(`  load average ${load0.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end; ${num((Date.now() - started) / 60_000, 1)} minutes in all`);
  } finally {
    for (const p of programs) {
      await p.server.stop().catch(() => undefined);
      await p.db.drop();
    }
  }
}

function printTable(rows: Row[]): void {
  const p50 = (r: Row, f: Figure) => median(r.figures[f].map((m) => m.p50));
  const cell = (r: Row, f: Figure) => `${num(p50(r, f))} (${num(median(r.figures[f].map((m) => m.rps)))}/s)`;
  const head = ['learners', 'submissions', 'job activities', 'generated s', 'queue p50 ms', 'progress p50 ms', 'one learner p50', 'compliance s', 'learner-weeks'];
  const widths = [10, 13, 16, 13, 17, 17, 17, 14, 15];
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('')}`;
  console.log(`\n  p50 in ms under 10 connections, median of the rounds (requests/s in brackets); the compliance run's time and the learner-weeks it judged\n`);
  console.log(line(head));
  for (const r of rows) {
    console.log(line([
      fmt(r.sizes.learners), fmt(r.sizes.submissions), fmt(r.sizes.activities), num(r.generatedS, 1),
      cell(r, 'queue'), cell(r, 'progress'), cell(r, 'learner'), num(r.complianceMs / 1000, 2), fmt(r.learnerWeeks),
    ]));
  }
  const first = rows[0];
  const last = rows.at(-1)!;
  const target = rows.find((r) => r.sizes.learners === TARGETS.complianceLearners);
  console.log(`\n  against issue 21's targets (✓ met, ✗ missed):`);
  console.log(
    target
      ? `  ${'compliance, 100,000 learners'.padEnd(30)}${num(target.complianceMs / 1000, 2)} s ${mark(target.complianceMs < TARGETS.complianceMs)} (< ${TARGETS.complianceMs / 1000} s; ${fmt(target.changes)} status changes)`
      : `  ${'compliance, 100,000 learners'.padEnd(30)}not measured (GROWTH_SIZES has no ${TARGETS.complianceLearners})`,
  );
  if (rows.length < 2) return;
  const sizes = `${fmt(last.sizes.learners)}/${fmt(first.sizes.learners)} learners`;
  for (const [label, f] of [['queue p50', 'queue'], ['progress p50', 'progress'], ['one learner p50', 'learner']] as const) {
    const ratio = p50(last, f) / p50(first, f);
    console.log(`  ${`${label} flat`.padEnd(30)}${num(ratio, 2)}x at ${sizes} ${mark(ratio <= TARGETS.flatRatio)} (<= ${TARGETS.flatRatio}x: within this machine's noise)`);
  }
}

/**
 * npm run bench -- explain: the plans of the list statements Waypoint's compiled reads send (bench/explain.ts) on a
 * program of each of EXPLAIN_SIZES learners (default 1,000 and 100,000); EXPLAIN_FULL=1 prints the plans whole.
 */
export async function explainBench(sizes = growthSizes({ GROWTH_SIZES: process.env.EXPLAIN_SIZES ?? '1000,100000' })): Promise<void> {
  console.log(`\nThe list statements: EXPLAIN (ANALYZE, BUFFERS) of what Waypoint's compiled reads send, at ${sizes.map(fmt).join(' and ')} learners`);
  for (const learners of sizes) {
    const db = await scratchDatabase();
    try {
      const program = programSizes(learners);
      const started = Date.now();
      const ids = await generateCompareData(db.client, program);
      console.log(`\n  generated ${fmt(learners)} learners, ${fmt(program.submissions)} submissions, ${fmt(program.activities)} job activities in ${num((Date.now() - started) / 1000, 1)} s (${db.server})`);
      printExplained(learners, await explainProgram(db, ids));
    } finally {
      await db.drop();
    }
  }
}
