// Starts a throwaway Waypoint server (embedded PostgreSQL, fresh data dir, demo seed)
// unless WAYPOINT_URL points at one already. Its URL reaches the tests (Playwright's workers) through WAYPOINT_URL.
const { spawn } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const START_TIMEOUT_MS = 120_000;

/** A port nobody listens on right now (held until all are chosen, so two calls never collide). */
async function freePorts(count) {
  const servers = await Promise.all(
    Array.from({ length: count }, () =>
      new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server));
      }),
    ),
  );
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

async function healthy(url) {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

module.exports = async function globalSetup() {
  if (process.env.WAYPOINT_URL) {
    console.log(`\nBrowser tests against ${process.env.WAYPOINT_URL}`);
    return;
  }
  const [port, pgPort] = await freePorts(2);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-e2e-'));
  const env = { ...process.env, PORT: String(port), WAYPOINT_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) };
  delete env.DATABASE_URL;
  // Run as a user would: a NODE_ENV=test from the caller would give a test-mode API and a development React build.
  delete env.NODE_ENV;
  delete env.HOST;

  const output = [];
  const server = spawn(process.execPath, ['scripts/start.mjs'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (chunk) => output.push(chunk));
  server.stderr.on('data', (chunk) => output.push(chunk));
  let exited = null;
  const exit = new Promise((resolve) => server.once('exit', (code, signal) => resolve((exited = { code, signal }))));
  globalThis.__WAYPOINT_SERVER__ = { server, exit, dataDir, output };

  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  console.log(`\nStarting Waypoint on ${url} (data in ${dataDir})…`);
  while (!(await healthy(url))) {
    const failed = exited
      ? `the server exited (code ${exited.code}, signal ${exited.signal})`
      : Date.now() - started > START_TIMEOUT_MS
        ? `GET ${url}/health did not answer 200 within ${START_TIMEOUT_MS / 1000} s`
        : null;
    if (failed) {
      if (!exited) {
        server.kill('SIGINT');
        await Promise.race([exit, new Promise((r) => setTimeout(r, 15_000).unref())]);
      }
      throw new Error(`Waypoint did not start: ${failed}.\n--- server output ---\n${Buffer.concat(output).toString()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`Waypoint is up after ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  process.env.WAYPOINT_URL = url;
};
