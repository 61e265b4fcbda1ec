import '../supported-node';
import 'reflect-metadata';
import path from 'node:path';
import { loadConfig, repoRoot } from '../config';
import { createLogger } from '../common/logger';
import { openDatabase } from '../db/database';

/**
 * Writes a migration with the difference between the entities and the database (after applying
 * the existing migrations). Add the new class to src/db/migrations/index.ts.
 * Usage: npm run migration:create -w api [-- --initial]
 */
async function main() {
  const config = loadConfig();
  const db = await openDatabase(config, createLogger('warn'));
  try {
    const migrator = db.orm.migrator;
    const result = await migrator.create(path.join(repoRoot, 'api/src/db/migrations'), false, process.argv.includes('--initial'));
    if (!result.fileName) console.log('No changes: the database already matches the entities.');
    else console.log(`Wrote src/db/migrations/${result.fileName}; add it to src/db/migrations/index.ts.\n${result.diff.up.join('\n')}`);
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
