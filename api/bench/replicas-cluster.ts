import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../src/db/orm.config';
import { migrate } from '../src/db/database';
import { seedDemo } from '../src/db/seed';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded';
import { serverFlags } from './server';

/**
 * The parts of the reliability drill (replicas.bench.ts): one PostgreSQL that can be taken away, Waypoint API
 * processes that can be killed and started again, and HAProxy in front of them. Everything started is registered
 * with a Teardown, so it is stopped however the drill ends.
 */

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the drill started, stopped in reverse order; a step that fails does not keep the others from running. */
export class Teardown {
  private readonly steps: { label: string; run: () => unknown }[] = [];

  add(label: string, run: () => unknown): void {
    this.steps.push({ label, run });
  }

  async run(): Promise<void> {
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step.run();
      } catch (e) {
        console.error(`  cleanup: ${step.label} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}

/** A folder for the drill's files (replica and HAProxy logs, HAProxy's config), removed at the end unless BENCH_KEEP=1. */
export function drillFolder(teardown: Teardown, prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  // The embedded PostgreSQL runs as "postgres" when we are root, and must reach its data folder.
  if (process.getuid?.() === 0) chmodSync(dir, 0o755);
  if (process.env.BENCH_KEEP === '1') teardown.add('keep', () => console.log(`  kept ${dir}`));
  else teardown.add(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface DrillDatabase {
  url: string;
  /** Where it runs, for the report. */
  label: string;
  /** Takes PostgreSQL away for `ms` and brings it back; says how it did it. */
  outage(ms: number): Promise<string>;
}

/**
 * The database the replicas share. As the other benches: DATABASE_URL set, a scratch database there (dropped
 * after); unset, an embedded PostgreSQL in a temporary folder. The drill's own server rather than scratch.ts's,
 * since it must stop and start it: DATABASE_URL's server is not ours to stop, so there every connection to the
 * drill's database is ended again and again instead.
 */
export async function drillDatabase(teardown: Teardown, port: number): Promise<DrillDatabase> {
  if (process.env.DATABASE_URL) {
    const name = `waypoint_drill_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    teardown.add('close the admin connection', () => admin.end());
    await admin.query(`create database ${name}`);
    teardown.add(`drop database ${name}`, () => admin.query(`drop database if exists ${name} with (force)`));
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      label: 'DATABASE_URL',
      async outage(ms) {
        let ended = 0;
        for (const until = Date.now() + ms; Date.now() < until; await sleep(250)) {
          const done = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
          ended += done.rowCount ?? 0;
        }
        return `not stopped (DATABASE_URL's server is not ours): ${ended} connections to the drill's database ended, every 250 ms`;
      },
    };
  }
  const dataDir = drillFolder(teardown, 'waypoint-drill-pg-');
  const start = () => startEmbeddedPostgres({ dataDir, port, database: 'waypoint' });
  let server: EmbeddedDatabase | null = await start();
  teardown.add('stop the embedded PostgreSQL', () => server?.stop());
  return {
    url: server.url,
    label: 'embedded',
    async outage(ms) {
      const down = server!;
      server = null;
      await down.stop();
      await sleep(ms);
      server = await start();
      return 'stopped (fast shutdown: every connection closed) and started again';
    },
  };
}

/** Migrates the database and seeds the demo program, as `npm start` does on an empty database. */
export async function prepareDatabase(url: string): Promise<number> {
  const orm = await MikroORM.init(ormConfig(url, { debug: false }));
  try {
    await migrate(orm, url);
    return (await seedDemo(orm.em.fork(), new Date())).learners;
  } finally {
    await orm.close(true);
  }
}

/** One Waypoint API process as `npm start` runs it (dist/main.js), killed and started again by the drill. */
export class Replica {
  private child: ChildProcess | null = null;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly main: string,
    private readonly env: Record<string, string>,
    readonly logFile: string,
  ) {}

  /** Starts the process and waits for /health; resolves with the milliseconds that took. */
  async start(): Promise<number> {
    const started = Date.now();
    const log = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, [...serverFlags, this.main], {
      cwd: path.resolve(__dirname, '..'),
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.child = child;
    while (Date.now() - started < 60_000) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`replica ${this.name} exited at start; its log:\n${this.tail(15)}`);
      if (await fetch(`http://127.0.0.1:${this.port}/health`).then((r) => r.ok, () => false)) return Date.now() - started;
      await sleep(100);
    }
    throw new Error(`replica ${this.name} did not answer /health in 60 s; its log:\n${this.tail(15)}`);
  }

  /** SIGKILL: no chance to finish requests, close connections or release jobs. */
  kill(): number | undefined {
    const pid = this.child?.pid;
    this.child?.kill('SIGKILL');
    return pid;
  }

  /** SIGTERM and wait (a graceful stop drains HTTP and the job worker); SIGKILL after 20 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const late = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(late);
  }

  /** The process's last log lines. */
  tail(lines: number): string {
    if (!existsSync(this.logFile)) return '';
    return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  }
}

/** The HAProxy binary (Debian installs it in /usr/sbin, which a non-root PATH may lack); null when missing. */
export function findHaproxy(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  const runs = (file: string) => existsSync(file) && spawnSync(file, ['-v']).status === 0;
  return dirs.map((dir) => path.join(dir, 'haproxy')).find(runs) ?? null;
}

/** HAProxy's configuration for the drill: round robin over the replicas, checked on /health. */
function haproxyConfig(port: number, socket: string, replicas: Replica[]): string {
  return `global
  maxconn 4000
  stats socket ${socket} mode 600 level admin
  # One line per request in haproxy.log, with how it ended (termination state, retries).
  log stdout format raw local0 info

defaults
  mode http
  log global
  option httplog
  timeout connect 2s
  timeout client 60s
  timeout server 40s
  timeout check 2s
  # A request that cannot reach a replica goes to another (redispatch on every retry).
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout

frontend waypoint
  bind 127.0.0.1:${port}
  option forwardfor
  # One request per connection. When a replica dies before answering a request that was not the first on its
  # client connection, HAProxy closes that connection without a word, unlogged, so that the client resends
  # (RFC 9112 9.3.1); fetch does not resend a POST, so the request would be lost silently. As the first request
  # of its connection it gets a 502 instead.
  option httpclose
  # Only a read is sent again once it reached a replica: a write may have been applied before the replica died.
  http-request disable-l7-retry if !METH_GET
  default_backend replicas

backend replicas
  balance roundrobin
  # A replica that answers is up; while PostgreSQL is away every replica answers 503 with a coded error, which
  # tells a client more than HAProxy's own "no server available" page would.
  option httpchk GET /health
  http-check expect rstatus ^(200|503)$
  default-server inter 500ms fastinter 250ms downinter 500ms fall 2 rise 2
  http-response set-header x-replica %s
${replicas.map((r) => `  server ${r.name} 127.0.0.1:${r.port} check`).join('\n')}
`;
}

export interface Haproxy {
  url: string;
  version: string;
  /** The backend's counters from HAProxy's stats socket: retries, redispatches, replicas marked down. */
  counters(): Promise<{ retries: number; redispatches: number; downs: Record<string, number> }>;
}

/** Starts HAProxy in front of the replicas and waits until it answers /health through one of them. */
export async function startHaproxy(bin: string, dir: string, port: number, replicas: Replica[], teardown: Teardown): Promise<Haproxy> {
  const config = path.join(dir, 'haproxy.cfg');
  const socket = path.join(dir, 'haproxy.sock');
  writeFileSync(config, haproxyConfig(port, socket, replicas));
  const check = spawnSync(bin, ['-c', '-q', '-f', config], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`HAProxy refused its configuration:\n${check.stdout}${check.stderr}`);
  const log = openSync(path.join(dir, 'haproxy.log'), 'a');
  const child = spawn(bin, ['-db', '-f', config], { stdio: ['ignore', log, log] });
  closeSync(log);
  teardown.add('stop HAProxy', async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`HAProxy exited: ${readFileSync(path.join(dir, 'haproxy.log'), 'utf8')}`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break;
    await sleep(100);
  }
  const version = /version (\S+)/.exec(spawnSync(bin, ['-v'], { encoding: 'utf8' }).stdout)?.[1] ?? '?';
  return {
    url,
    version,
    async counters() {
      const rows = await showStat(socket);
      const backend = rows.find((r) => r.pxname === 'replicas' && r.svname === 'BACKEND');
      const downs = Object.fromEntries(rows.filter((r) => r.pxname === 'replicas' && r.svname !== 'BACKEND').map((r) => [r.svname, Number(r.chkdown)]));
      return { retries: Number(backend?.wretr ?? 0), redispatches: Number(backend?.wredis ?? 0), downs };
    },
  };
}

/** `show stat` on HAProxy's stats socket, as one record per proxy and server. */
function showStat(socket: string): Promise<Record<string, string>[]> {
  return new Promise((resolve, reject) => {
    let text = '';
    const connection = net.createConnection(socket, () => connection.end('show stat\n'));
    connection.on('data', (chunk) => (text += chunk));
    connection.on('error', reject);
    connection.on('end', () => {
      const [header, ...lines] = text.trim().split('\n');
      const names = header.replace(/^# /, '').split(',');
      resolve(lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [names[i], value]))));
    });
  });
}
