import { mkdtempSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import pg from 'pg';
import { execFileSync } from 'node:child_process';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded';

declare global {
  // eslint-disable-next-line no-var
  var __waypointEmbedded: { db: EmbeddedDatabase; dir: string } | undefined;
}


/**
 * Starts PostgreSQL (embedded, in a throwaway folder, unless DATABASE_URL is set) and builds one
 * migrated template database; every test file then gets its own copy (CREATE DATABASE … TEMPLATE).
 */
export default async function globalSetup() {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-test-'));
    if (process.getuid?.() === 0) chmodSync(dir, 0o755);
    const db = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), database: 'postgres' });
    globalThis.__waypointEmbedded = { db, dir };
    adminUrl = db.url;
  }
  const template = `waypoint_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  await admin.end();

  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  // Migrated in a child process, by the same command operators use: the ORM stays out of Jest's own process.
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'src/cli/migrate.ts'], {
    cwd: path.resolve(__dirname, '..'),
    env: { ...process.env, DATABASE_URL: url.toString(), NODE_ENV: 'test' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  process.env.WAYPOINT_TEST_ADMIN_URL = adminUrl;
  process.env.WAYPOINT_TEST_TEMPLATE = template;
}
