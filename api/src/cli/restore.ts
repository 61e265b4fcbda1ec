import '../supported-node';
import 'reflect-metadata';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { createLogger } from '../common/logger';
import { openDatabase, runningEmbeddedUrl } from '../db/database';
import { restoreDatabase, RestoreError } from '../db/backup';

/**
 * npm run db:restore -- FILE [--force]: restores a backup made by db:backup into Waypoint's database
 * (DATABASE_URL, or the embedded one). It must hold no program yet, unless --force, which replaces everything.
 * Stop Waypoint first: a running server would go on with what it had read.
 */
async function main() {
  const args = process.argv.slice(2);
  const given = args.find((a) => !a.startsWith('--'));
  // npm runs workspace scripts in api/: the path is the caller's.
  const file = given && path.resolve(process.env.INIT_CWD ?? process.cwd(), given);
  if (!file || !existsSync(file)) throw new RestoreError(`Usage: npm run db:restore -- FILE [--force] (${given ? `${given} does not exist` : 'no file given'})`);
  const config = loadConfig();
  if (!config.databaseUrl && runningEmbeddedUrl(config)) {
    throw new RestoreError('Waypoint is running on the embedded database: stop it (Ctrl-C, or npm run db:stop) before restoring into it.');
  }
  const db = await openDatabase(config, createLogger('warn'), { migrate: false });
  try {
    const started = Date.now();
    const report = await restoreDatabase(db.url, createReadStream(file), { force: args.includes('--force') });
    const total = Object.values(report.rows).reduce((a, b) => a + b, 0);
    console.log(`Restored ${report.tables} tables, ${total.toLocaleString('en')} rows, in ${((Date.now() - started) / 1000).toFixed(1)} s. Start Waypoint with npm start.`);
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof RestoreError ? e.message : `Restore failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
