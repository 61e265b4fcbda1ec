/**
 * npm run import:huntr -- <file.csv> [--dry-run]: imports applications and interviews from a Huntr CSV export
 * into the database DATABASE_URL names (or the embedded one), and prints the report.
 */
import '../supported-node';
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../config';
import { createLogger } from '../common/logger';
import { openDatabase } from '../db/database';
import { importJobActivities } from '../modules/job-search/csv-import';

async function main() {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('Usage: npm run import:huntr -- <file.csv> [--dry-run]');
    process.exit(2);
  }
  const config = loadConfig();
  const db = await openDatabase(config, createLogger('warn'), { shareRunning: true });
  try {
    const report = await importJobActivities(db.orm.em.fork(), readFileSync(file, 'utf8'), { dryRun: args.includes('--dry-run'), now: new Date(), userId: null });
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
