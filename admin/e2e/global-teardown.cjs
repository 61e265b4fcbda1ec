// Stops the server global-setup started: SIGINT (the API stops its PostgreSQL), then waits for it.
const { rmSync } = require('node:fs');

module.exports = async function globalTeardown() {
  const started = globalThis.__WAYPOINT_SERVER__;
  if (!started) return;
  const { server, exit, dataDir, output } = started;
  const t0 = Date.now();
  if (server.exitCode === null && server.signalCode === null) {
    server.kill('SIGINT');
    let timer;
    const stopped = await Promise.race([exit.then(() => true), new Promise((r) => (timer = setTimeout(() => r(false), 60_000)))]);
    clearTimeout(timer); // a pending timer would keep the runner alive
    if (!stopped) {
      console.error(`Waypoint (pid ${server.pid}) did not stop within 60 s of SIGINT; killing it. Its PostgreSQL may be left running on ${dataDir}.`);
      server.kill('SIGKILL');
      await exit;
    }
  }
  console.log(`Waypoint stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
  if (process.env.E2E_KEEP_SERVER_LOG === '1') console.log(Buffer.concat(output).toString());
  if (process.env.E2E_KEEP_DATA === '1') console.log(`Kept the test data in ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
};
