/**
 * npm run bench:ab -- <queue|progress|learner|nested|audit|webhooks|bell> <old main.js | raw>: what a change buys, measured with the old
 * build and the new one serving at the same time (or, with `raw`, how far the build is from the raw SQL→JSON
 * server of the live bench, bench/compare-raw.ts: the same page without GraphQL around it). Beside each server's
 * CPU, the CPU its statements cost PostgreSQL (its backends' CPU, per request). Both read the live bench's data (compare-data.ts at
 * BENCH_SCALE) and are loaded by autocannon at once, 10 connections each, BENCH_ROUNDS rounds (default 4) of
 * BENCH_SECONDS (default 5): whatever else the machine does, it does to both. `audit` and `webhooks` read the staff
 * pages' audit log and webhook delivery log (bench/staff-lists-data.ts) instead; `bell`, 200 learners each asking for
 * their own notifications as the console's bell does (BELL_NOTIFICATIONS, default 200,000 over the 10,000 learners). Prints each round's requests/s and
 * the CPU time each server process spent per request (from /proc), its peak resident memory, and the medians.
 * BENCH_CPU_PROF=<dir> writes a CPU profile of each server there.
 *
 * The old build: copy api/dist somewhere inside api/ (so it finds node_modules) before changing the code, e.g.
  * `npm run build -w api && cp -r api/dist api/dist-before`, then pass api/dist-before/main.js (relative to where npm runs).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { signToken } from '../src/auth/token';
import { freePort } from '../test/free-port';
import { scratchDatabase, stopServer } from './scratch';
import { build, serverFlags } from './server';
import { compareSizes, generateCompareData, POSTGRAPHILE_SQL } from './compare-data';
import { askFor, LIVE_PGL_SQL, queueVariants, type Variant, type Workload } from './live-data';
import { rssSampler, startChild } from './compare-servers';
import { auditAsks, bellAsks, generateAuditLog, generateMailLogs, generateWebhookLog, webhookAsks } from './staff-lists-data';

/** CPU milliseconds (user and system) a process has used, from /proc/<pid>/stat. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100); // clock ticks of 10 ms
}

/**
 * PostgreSQL backends serving a process's pool: its connections to the database's port (ss), matched to
 * pg_stat_activity's client ports. Their CPU is what the process's statements cost PostgreSQL.
 */
async function backendsOf(pid: number, client: { query(sql: string): Promise<{ rows: { pid: number; client_port: number }[] }> }, pgPort: number): Promise<number[]> {
  const ports = new Set(
    execFileSync('ss', ['-tnpH'], { encoding: 'utf8' }).split('\n')
      .filter((line) => line.includes(`pid=${pid},`) && line.includes(`:${pgPort} `))
      .map((line) => Number(line.trim().split(/\s+/)[3].split(':').pop())),
  );
  const { rows } = await client.query('select pid, client_port from pg_stat_activity where datname = current_database()');
  return rows.filter((r) => ports.has(r.client_port)).map((r) => r.pid);
}

/** A backend's CPU milliseconds, 0 once it has exited. */
function backendCpuMs(pid: number): number {
  try {
    return cpuMs(pid);
  } catch {
    return 0;
  }
}

/**
 * AB_BEFORE / AB_AFTER ("--node-flag KEY=value ..."): Node flags and environment for one side only, to measure a flag
 * or a setting on one build (V8's flags are not allowed in NODE_OPTIONS). The old build's own flags, when they differ.
 */
function side(name: 'AB_BEFORE' | 'AB_AFTER'): { flags: string[]; env: Record<string, string> } {
  const words = (process.env[name] ?? '').split(/\s+/).filter(Boolean);
  const env = words.filter((w) => !w.startsWith('--')).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]);
  return { flags: words.filter((w) => w.startsWith('--')), env: Object.fromEntries(env) };
}

async function serve(main: string, databaseUrl: string, secret: string, extra: { flags: string[]; env: Record<string, string> }) {
  const port = await freePort();
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const child = spawn(process.execPath, [...serverFlags, ...extra.flags, ...profile, main], {
    cwd: path.resolve(__dirname, '..'),
    env: {
      ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), NODE_ENV: 'production', AUTH_SECRET: secret,
      WORKER: 'off', SEED_DEMO: 'never', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ...extra.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${main} exited with ${child.exitCode}`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) {
      const stop = () => new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      return { url, pid: child.pid!, stop };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${main} did not start in 30 s`);
}

async function main() {
  const [workload, before] = process.argv.slice(2) as [Workload | 'audit' | 'webhooks' | 'bell', string];
  if (!['queue', 'progress', 'learner', 'nested', 'audit', 'webhooks', 'bell'].includes(workload) || !before) throw new Error('usage: bench/ab.ts <queue|progress|learner|nested|audit|webhooks|bell> <old main.js | raw>');
  const raw = before === 'raw';
  const ownLists = workload === 'audit' || workload === 'webhooks' || workload === 'bell';
  if (raw && ownLists) throw new Error('the raw SQL server has no staff lists or bell: compare them with an old build');
  const db = await scratchDatabase();
  const stops: (() => Promise<void>)[] = [];
  try {
    const { staffId } = await generateCompareData(db.client, compareSizes());
    await db.client.query(POSTGRAPHILE_SQL + LIVE_PGL_SQL);
    if (workload === 'audit') console.log(`  audit log: ${(await generateAuditLog(db.client)).toLocaleString('en')} entries`);
    if (workload === 'webhooks') console.log(`  webhook delivery log: ${(await generateWebhookLog(db.client)).toLocaleString('en')} deliveries`);
    const bellSize = Number(process.env.BELL_NOTIFICATIONS ?? 200_000);
    if (workload === 'bell') {
      await generateMailLogs(db.client, bellSize, 0);
      console.log(`  notifications: ${bellSize.toLocaleString('en')} over the learners`);
    }
    const secret = randomBytes(32).toString('base64url');
    const token = signToken(staffId, secret, 2, new Date()).token;
    const servers = {
      before: raw ? await startChild('compare-raw.ts', db.url) : await serve(path.resolve(process.env.INIT_CWD ?? process.cwd(), before), db.url, secret, side('AB_BEFORE')),
      after: await serve(build().main, db.url, secret, side('AB_AFTER')),
    };
    stops.push(servers.before.stop, servers.after.stop);
    const ids = (await db.client.query(`select id from learners order by id limit 200`)).rows.map((r) => r.id as string);
    const variants: Variant[] =
      ownLists ? []
        : workload === 'queue' ? queueVariants()
        : workload === 'learner' ? ids.map((id) => ({ workload, id }))
          : workload === 'nested' ? Array.from({ length: 10 }, (_, page) => ({ workload, page }))
            : [{ workload: 'progress', page: 0 }];
    const learnerUsers = (await db.client.query(`select user_id from learners order by id limit 200`)).rows.map((r) => r.user_id as string);
    const asks =
      workload === 'audit' ? auditAsks(token)
        : workload === 'webhooks' ? webhookAsks(token)
          : workload === 'bell' ? bellAsks(learnerUsers.map((u) => signToken(u, secret, 2, new Date()).token))
            : variants.map((v) => askFor('Waypoint', v, token, new Map()));
    const beforeAsks = raw ? variants.map((v) => askFor('raw SQL', v, token, new Map())) : asks;
    if (!raw) {
      // Both builds give the same answers, with data and no errors, before any load (a refused request is a 200 too).
      for (const ask of asks.slice(0, 5)) {
        // Compared as values, each server's own address (in links) taken out.
        const [a, b] = await Promise.all([servers.before.url, servers.after.url].map(async (u) => JSON.stringify(await (await fetch(`${u}${ask.path}`, { method: 'POST', headers: ask.headers, body: ask.body })).json()).replaceAll(u, '<server>')));
        if (a !== b || !JSON.parse(b).data || JSON.parse(b).errors) throw new Error(`the two builds answer differently, or with an error:\n${a.slice(0, 500)}\n${b.slice(0, 500)}`);
      }
      console.log(`  answers: the same from both builds for ${Math.min(5, asks.length)} requests`);
    }
    const cpu: Record<'before' | 'after', number[]> = { before: [], after: [] };
    const pgCpu: Record<'before' | 'after', number[]> = { before: [], after: [] };
    const pgPort = Number(new URL(db.url).port || 5432);
    const peak = { before: 0, after: 0 };
    const seconds = Number(process.env.BENCH_SECONDS ?? 5);
    const one = async (name: 'before' | 'after') => {
      let next = 0;
      const { url, pid } = servers[name];
      const mine = name === 'before' ? beforeAsks : asks;
      const options: autocannon.Options = {
        url: `${url}${mine[0].path}`, connections: 10, method: 'POST', headers: mine[0].headers, body: mine[0].body,
        requests: [{ method: 'POST', setupRequest: (req: any) => {
          const ask = mine[next++ % mine.length];
          return { ...req, path: ask.path, headers: ask.headers, body: ask.body };
        } }],
      };
      await autocannon({ ...options, duration: 1 });
      const backends = await backendsOf(pid, db.client, pgPort);
      const start = cpuMs(pid);
      const pgStart = new Map(backends.map((b) => [b, backendCpuMs(b)]));
      const rss = rssSampler(pid);
      rss.start();
      const r = await autocannon({ ...options, duration: seconds });
      rss.stop();
      const perRequest = (cpuMs(pid) - start) / Math.max(1, r.requests.total);
      // Backends the pool opened during the run count whole.
      const pgPerRequest = (await backendsOf(pid, db.client, pgPort)).reduce((sum, b) => sum + backendCpuMs(b) - (pgStart.get(b) ?? 0), 0) / Math.max(1, r.requests.total);
      cpu[name].push(perRequest);
      pgCpu[name].push(pgPerRequest);
      peak[name] = Math.max(peak[name], rss.max() ?? 0);
      return `${raw && name === 'before' ? 'raw SQL' : name} ${(r.requests.total / r.duration).toFixed(0)} req/s, p99 ${r.latency.p99} ms, ${r.non2xx + r.errors} failed, ${(perRequest * 1000).toFixed(0)} µs CPU a request (PostgreSQL ${(pgPerRequest * 1000).toFixed(0)} µs), ${(rss.max() ?? 0).toFixed(0)} MB`;
    };
    for (let round = 0; round < Number(process.env.BENCH_ROUNDS ?? 4); round++) console.log(`  ${(await Promise.all([one('before'), one('after')])).join('  |  ')}`);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(`  ${workload}: median CPU a request ${(median(cpu.before) * 1000).toFixed(0)} µs ${raw ? 'raw SQL' : 'before'}, ${(median(cpu.after) * 1000).toFixed(0)} µs after (${(median(cpu.after) / median(cpu.before)).toFixed(2)}x); PostgreSQL's CPU a request ${(median(pgCpu.before) * 1000).toFixed(0)} µs and ${(median(pgCpu.after) * 1000).toFixed(0)} µs; peak RSS ${peak.before.toFixed(0)} MB ${raw ? 'raw SQL' : 'before'}, ${peak.after.toFixed(0)} MB after`);
  } finally {
    await Promise.all(stops.map((stop) => stop()));
    await db.drop();
    await stopServer();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
