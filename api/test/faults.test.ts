import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { Logger, makeWorkerUtils } from 'graphile-worker';
import { spawn, type ChildProcess } from 'node:child_process';
import { ormConfig } from '../src/db/orm.config';
import { migrate } from '../src/db/database';
import { loadConfig } from '../src/config';
import { createApp, type App } from '../src/app';
import { createLogger } from '../src/common/logger';
import { systemClock } from '../src/common/clock';
import { signToken } from '../src/auth/token';
import { superviseWorker } from '../src/jobs/worker';
import { freePort } from './free-port';

/**
 * PostgreSQL goes away while the API serves, then comes back: requests fail clearly (503, UNAVAILABLE,
 * nothing written) during the outage and succeed again after, without restarting the API; the job worker
 * picks up again. Runs on its own embedded PostgreSQL, so stopping it disturbs no other test.
 */
/** Starts the embedded PostgreSQL in a child process; stop() stops it (and waits). */
async function startPostgres(dataDir: string, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'test/embedded-pg-process.ts', dataDir, String(port)], {
    cwd: path.resolve(__dirname, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (${code})`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('a PostgreSQL restart', () => {
  let dir: string;
  let port: number;
  let pg: { url: string; stop(): Promise<void> };
  let orm: MikroORM;
  let app: App;
  let url: string;
  let worker: { stop(): Promise<void> };
  const config = { ...loadConfig({ NODE_ENV: 'test' }) };
  const silent = createLogger('silent');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-faults-'));
    if (process.getuid?.() === 0) chmodSync(dir, 0o755);
    port = await freePort();
    pg = await startPostgres(dir, port);
    orm = await MikroORM.init(ormConfig(pg.url, { debug: false, pool: { min: 0, max: 4, acquireTimeoutMillis: 3000 } }));
    await migrate(orm, pg.url);
    app = await createApp({ config: { ...config, databaseUrl: pg.url }, orm, clock: systemClock, log: silent });
    url = await app.listen(0, '127.0.0.1');
    worker = await superviseWorker({ orm, clock: systemClock, config, log: createLogger(process.env.FAULTS_DEBUG ? 'debug' : 'silent'), connectionString: pg.url }, 500);
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await app?.close();
    await orm?.close(true);
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const gql = async (query: string, token?: string) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] } };
  };

  it('answers 503 UNAVAILABLE while the database is down, writes nothing, and recovers by itself', async () => {
    const [staff] = await orm.em.fork().getConnection().execute(
      `insert into users (id, email, name, role) values (gen_random_uuid(), 'fault-staff@example.org', 'Fault Staff', 'STAFF') returning id`,
    );
    const token = signToken(staff.id, config.authSecret, 1, new Date()).token;
    expect((await gql('{ me { id } }', token)).body.data).toEqual({ me: { id: staff.id } });

    await pg.stop();
    const read = await gql('{ me { id } }', token);
    expect(read.status).toBe(503);
    expect(read.body.errors![0].extensions!.code).toBe('UNAVAILABLE');
    const write = await gql(`mutation { createUser(email: "during.outage@example.org", name: "Outage", role: COACH, password: "a long password") { id } }`, token);
    expect(write.status).toBe(503);
    expect(JSON.stringify(write.body)).not.toMatch(/ECONNREFUSED|select|insert|\.ts:\d+/i);
    expect((await fetch(`${url}/health`)).status).toBe(503);

    pg = await startPostgres(dir, port);
    let recovered = false;
    for (let i = 0; i < 50 && !recovered; i++) {
      const attempt = await gql('{ me { id } }', token);
      recovered = attempt.status === 200;
      if (!recovered && i % 10 === 0) console.log('recovering', attempt.status, JSON.stringify(attempt.body).slice(0, 200));
      if (!recovered) await new Promise((r) => setTimeout(r, 200));
    }
    expect(recovered).toBe(true);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const [{ n }] = await orm.em.fork().getConnection().execute(`select count(*)::int as n from users where email = 'during.outage@example.org'`);
    expect(n).toBe(0);

    // The job worker runs queued work again.
    const utils = await makeWorkerUtils({ connectionString: pg.url, logger: new Logger(() => () => undefined) });
    try {
      await utils.addJob('pair_morning_sessions', {});
    } finally {
      await utils.release();
    }
    let drained = false;
    for (let i = 0; i < 100 && !drained; i++) {
      const [{ n: left }] = await orm.em.fork().getConnection().execute(`select count(*)::int as n from graphile_worker.jobs`);
      drained = left === 0;
      if (!drained) await new Promise((r) => setTimeout(r, 200));
    }
    if (!drained) console.log(JSON.stringify(await orm.em.fork().getConnection().execute(`select task_identifier, attempts, last_error, locked_by, run_at from graphile_worker.jobs`)));
    expect(drained).toBe(true);
  }, 60_000);
});
