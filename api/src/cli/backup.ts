import '../supported-node';
import 'reflect-metadata';
import { createWriteStream, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { createLogger } from '../common/logger';
import { openDatabase } from '../db/database';
import { backupDatabase } from '../db/backup';

/**
 * npm run db:backup [-- FILE]: a consistent backup of Waypoint's database (DATABASE_URL, or the embedded one,
 * while Waypoint runs on it or not) into FILE, by default .data/backups/waypoint-<time>.backup.gz. Needs nothing
 * installed: see src/db/backup.ts.
 */
async function main() {
  const config = loadConfig();
  const started = new Date();
  const here = process.env.INIT_CWD ?? process.cwd(); // npm runs workspace scripts in api/: paths are the caller's
  const file = path.resolve(here, process.argv[2] ?? path.join(config.dataDir, 'backups', `waypoint-${started.toISOString().replace(/[:.]/g, '-')}.backup.gz`));
  mkdirSync(path.dirname(file), { recursive: true });
  const db = await openDatabase(config, createLogger('warn'), { migrate: false, shareRunning: true });
  // Written beside, then renamed: a backup that failed halfway never looks like a whole one.
  const partial = `${file}.partial`;
  try {
    const report = await backupDatabase(db.url, createWriteStream(partial), {
      now: started,
      onTable: (table, rows) => void process.stdout.write(`  ${table.padEnd(28)} ${rows.toLocaleString('en').padStart(9)} rows\n`),
    });
    renameSync(partial, file);
    const total = Object.values(report.rows).reduce((a, b) => a + b, 0);
    console.log(
      `\nBacked up ${report.tables} tables, ${total.toLocaleString('en')} rows, in one snapshot, in ${((Date.now() - started.getTime()) / 1000).toFixed(1)} s:\n` +
        `  ${file} (${(statSync(file).size / 1024).toFixed(0)} kB)\nRestore it with: npm run db:restore -- ${path.relative(here, file)}`,
    );
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(`Backup failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
