import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../src/db/orm.config';
import { migrate } from '../src/db/database';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded';
import { freePort } from '../test/free-port';

/** SQL statements the ORM sent since the last reset. */
export const statements = { n: 0 };

export interface Scratch {
  url: string;
  orm: MikroORM;
  client: pg.Client;
  server: string;
  drop(): Promise<void>;
}

let embedded: { db: EmbeddedDatabase; dir: string } | undefined;

/** The server the bench runs on: DATABASE_URL, or an embedded PostgreSQL in a temporary folder. */
async function adminUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (!embedded) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-bench-'));
    if (process.getuid?.() === 0) chmodSync(dir, 0o755);
    embedded = { db: await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), database: 'postgres' }), dir };
  }
  return embedded.db.url;
}

/** A fresh, migrated database for one scenario, dropped afterwards. */
export async function scratchDatabase(): Promise<Scratch> {
  const base = await adminUrl();
  const name = `waypoint_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const orm = await MikroORM.init(ormConfig(url.toString(), { debug: ['query'], logger: () => void statements.n++ }));
  await migrate(orm, url.toString());
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const server = `PostgreSQL ${(await client.query('show server_version')).rows[0].server_version} (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded'})`;
  return {
    url: url.toString(),
    orm,
    client,
    server,
    async drop() {
      await client.end();
      await orm.close(true);
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export async function stopServer(): Promise<void> {
  if (!embedded) return;
  await embedded.db.stop();
  rmSync(embedded.dir, { recursive: true, force: true });
  embedded = undefined;
}

export async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  statements.n = 0;
  const start = process.hrtime.bigint();
  const result = await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`  ${label.padEnd(50)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${String(statements.n).padStart(3)} SQL statements`);
  return result;
}

export const fmt = (n: number) => n.toLocaleString('en');
