import '../supported-node';
import 'reflect-metadata';
import { loadConfig } from '../config';
import { createLogger } from '../common/logger';
import { openDatabase } from '../db/database';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../db/seed';

/** npm run seed: adds the demo program to an empty database (DATABASE_URL or the embedded one). */
async function main() {
  const config = loadConfig();
  const db = await openDatabase(config, createLogger('warn'), { shareRunning: true });
  try {
    const result = await seedDemo(db.orm.em.fork(), new Date());
    if (!result.seeded) console.log('The database already has users: nothing seeded.');
    else console.log(`Seeded ${result.learners} learners. Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_LOGINS.map((d) => d.email).join(', ')}`);
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
