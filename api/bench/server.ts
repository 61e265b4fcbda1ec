import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../test/free-port';
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { build, serverFlags } = require('../scripts/build.cjs') as { build(): { main: string; compiled: number; ms: number }; serverFlags: string[] };

/**
 * The real server as `npm start` runs it (src compiled to dist/main.js, production settings, no worker, no rate
 * limit; `env` adds settings) in its own process, so the load generator does not share its CPU. BENCH_CPU_PROF=<dir> writes a CPU
 * profile of it there.
 */
export async function startServer(databaseUrl: string, secret: string, env: Record<string, string> = {}): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const { main } = build();
  const child = spawn(process.execPath, [...serverFlags, ...profile, main], {
    cwd: path.resolve(__dirname, '..'),
    env: {
      ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), NODE_ENV: 'production', AUTH_SECRET: secret,
      WORKER: 'off', SEED_DEMO: 'never', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error('the server exited');
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return { url, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error('the server did not start in 30 s');
}
