/**
 * npm run bench [-- compliance|review-queue|races|progress|compare]: measures Waypoint on a real PostgreSQL with generated data.
 * DATABASE_URL set: scratch databases on that server (dropped after). Unset: an embedded PostgreSQL in a
 * temporary folder. BENCH_LEARNERS scales the compliance scenario (default 100,000); BENCH_SCALE scales the
 * review queue (1 = 5,000 learners and 100,000 submissions); BENCH_SECONDS sets how long the load runs;
 * BENCH_CLIENTS how many clients race (default 50). compare: Waypoint against PostGraphile 4 and 5 and raw SQL on 10,000 learners,
 * 100,000 submissions and 2,000,000 job activities times BENCH_SCALE (or COMPARE_LEARNERS, COMPARE_SUBMISSIONS,
 * COMPARE_ACTIVITIES), BENCH_WARMUP seconds of warm-up (default 2).
 */
import 'reflect-metadata';
import os from 'node:os';
import { complianceBench } from './compliance.bench';
import { reviewQueueBench } from './review-queue.bench';
import { racesBench } from './races.bench';
import { progressBench } from './progress.bench';
import { compareBench } from './compare.bench';
import { stopServer } from './scratch';

const scenarios: Record<string, () => Promise<void>> = {
  compliance: () => complianceBench(Number(process.env.BENCH_LEARNERS ?? 100_000)),
  'review-queue': () => reviewQueueBench(Number(process.env.BENCH_SCALE ?? 1), Number(process.env.BENCH_SECONDS ?? 10)),
  races: () => racesBench(Number(process.env.BENCH_SECONDS ?? 30), Number(process.env.BENCH_CLIENTS ?? 50)),
  progress: () =>
    progressBench(Math.round(10_000 * Number(process.env.BENCH_SCALE ?? 1)), 200, Number(process.env.BENCH_SECONDS ?? 10)),
  compare: () => compareBench(Number(process.env.BENCH_SECONDS ?? 10), Number(process.env.BENCH_WARMUP ?? 2)),
};

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !scenarios[w]);
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; choose from ${Object.keys(scenarios).join(', ')}`);
  console.log(`Waypoint bench on ${os.cpus().length} cores, Node ${process.version}`);
  try {
    for (const name of wanted.length ? wanted : Object.keys(scenarios)) await scenarios[name]();
  } finally {
    await stopServer();
  }
  console.log('');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
