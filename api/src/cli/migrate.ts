import '../supported-node';
import 'reflect-metadata';
import { loadConfig } from '../config';
import { createLogger } from '../common/logger';
import { migrate, openDatabase } from '../db/database';

/** npm run migrate: applies pending migrations to DATABASE_URL (or the embedded database) and exits. */
async function main() {
  const config = loadConfig();
  const db = await openDatabase(config, createLogger(process.env.LOG_LEVEL || 'warn'), { migrate: false });
  try {
    const applied = await migrate(db.orm, db.url);
    console.log(applied.length ? `Applied ${applied.join(', ')}` : 'No pending migrations.');
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
