import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

const repoRoot = path.resolve(__dirname, '../..');

/** Runs the API the way npm start does (console build skipped), collecting its output. */
function start(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let out = '';
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start on the embedded database', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-start-'));
    if (process.getuid?.() === 0) chmodSync(dataDir, 0o755);
    env = { ...process.env, NODE_ENV: 'development', WAYPOINT_DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()), SKIP_ADMIN_BUILD: '1', LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
  });
  afterAll(() => {
    spawnSync(process.execPath, ['scripts/db-stop.mjs'], { cwd: repoRoot, env });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds on the first run, explains a server left by a killed run, and reuses the data after', async () => {
    const first = start(env);
    await waitFor(() => first.output().includes('Press Ctrl-C'), 60_000);
    expect(first.output()).toMatch(/Console\s+http:\/\/127\.0\.0\.1:\d+\/admin\//);
    expect(first.output()).toContain('staff@waypoint.test');
    const health = await fetch(`http://127.0.0.1:${env.PORT}/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'reachable', migrations: 'applied', worker: 'running' });

    // Kill the API without letting it stop PostgreSQL: the server is orphaned.
    const apiPid = Number(spawnSync('pgrep', ['-f', '-P', String(first.child.pid), 'dist/main.js']).stdout.toString().trim());
    process.kill(apiPid, 'SIGKILL');
    await first.exited;

    const second = start(env);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/still running \(pid \d+/);
    expect(second.output()).toContain('npm run db:stop');

    const stop = spawnSync(process.execPath, ['scripts/db-stop.mjs'], { cwd: repoRoot, env });
    expect(stop.stdout.toString()).toMatch(/Stopped the embedded PostgreSQL/);

    const third = start(env);
    await waitFor(() => third.output().includes('Press Ctrl-C'), 60_000);
    const login = await fetch(`http://127.0.0.1:${env.PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(email: "coach@waypoint.test", password: "waypoint-demo") { user { name } } }' }),
    });
    expect((await login.json()).data.login.user.name).toBe('Amara Okafor');
    // Ctrl-C: the API drains, closes its pool and stops PostgreSQL, then exits cleanly.
    third.child.kill('SIGINT');
    expect(await third.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
