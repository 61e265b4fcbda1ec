#!/usr/bin/env node
// npm run db:stop: stops an embedded PostgreSQL left running by a killed `npm start`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pgDir = path.resolve(root, process.env.WAYPOINT_DATA_DIR || '.data', 'pg');
const pidFile = path.join(pgDir, 'postmaster.pid');
if (!existsSync(pidFile)) {
  console.log(`No embedded PostgreSQL is running for ${pgDir}.`);
  process.exit(0);
}
const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
try {
  process.kill(pid, 'SIGINT'); // PostgreSQL's "fast" shutdown: ends sessions, writes a checkpoint.
} catch {
  console.log(`The pid file names ${pid}, which is not running: nothing to stop (PostgreSQL clears the stale file itself).`);
  process.exit(0);
}
for (let i = 0; i < 100 && existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
console.log(existsSync(pidFile) ? `Asked PostgreSQL (pid ${pid}) to stop; it is still shutting down.` : `Stopped the embedded PostgreSQL (pid ${pid}).`);
