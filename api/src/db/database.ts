import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Config } from '../config';
import { ormConfig } from './orm.config';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runningServerPid, startEmbeddedPostgres, type EmbeddedDatabase } from './embedded';
import { createLogger, type Logger } from '../common/logger';
import { migrateWorker } from '../jobs/worker';

export interface Database {
  orm: MikroORM;
  url: string;
  /** The embedded server, when we started one (DATABASE_URL unset). */
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
}

// Any constant works: it keeps two replicas starting at once from migrating together.
const MIGRATION_LOCK = 74_510_201;

/**
 * Applies pending migrations under an advisory lock, so replicas starting together migrate once: ours, then
 * graphile-worker's own (schema graphile_worker), so jobs can be queued as soon as the API is up.
 */
export async function migrate(orm: MikroORM, url: string, log?: Logger): Promise<string[]> {
  // The lock lives on its own connection: a pooled one could be handed back before the unlock.
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await orm.migrator.up();
    await migrateWorker(url, log ?? createLogger('silent'));
    return applied.map((m) => m.name);
  } finally {
    await lock.end();
  }
}

/**
 * The ORM requests run on, beside the database's own (migrations, seed, jobs, tools: unbounded): its own pool,
 * where PostgreSQL stops any statement after `statementTimeoutMs` (set per connection at start-up, so it costs no
 * round trip), and the request gets TIMEOUT instead of holding a connection long after its client gave up.
 */
export function openRequestOrm(url: string, statementTimeoutMs: number): Promise<MikroORM> {
  return MikroORM.init(ormConfig(url, { debug: false, ...requestBounds(statementTimeoutMs) }));
}

export const requestBounds = (statementTimeoutMs: number) => ({ driverOptions: { statement_timeout: statementTimeoutMs } });

/**
 * The embedded PostgreSQL Waypoint is running now (its pid file names a live server), for command-line tools
 * that work beside it (backups, imports, creating a user); undefined when none runs.
 */
export function runningEmbeddedUrl(config: Config): string | undefined {
  const pgDir = path.join(config.dataDir, 'pg');
  if (!runningServerPid(pgDir)) return undefined;
  const port = Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
  const password = readFileSync(path.join(config.dataDir, 'pg-password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port || config.embeddedPgPort}/waypoint`;
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL, then applies migrations. */
export async function openDatabase(config: Config, logger: Logger, opts: { migrate?: boolean; shareRunning?: boolean } = {}): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl ?? (opts.shareRunning ? runningEmbeddedUrl(config) : undefined);
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      database: 'waypoint',
      log: (line) => logger.debug({ postgres: line }, 'embedded postgres'),
    });
    url = embedded.url;
    logger.info({ port: config.embeddedPgPort, dataDir: config.dataDir, fresh: embedded.freshlyInitialised }, 'embedded PostgreSQL started');
  }
  let orm: MikroORM;
  try {
    orm = await MikroORM.init(ormConfig(url, { debug: false }));
    if (opts.migrate !== false) {
      const applied = await migrate(orm, url, logger);
      if (applied.length) logger.info({ applied }, 'migrations applied');
    }
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
  return {
    orm,
    url,
    embedded,
    async close() {
      await orm.close(true);
      await embedded?.stop();
    },
  };
}
