import { rmSync } from 'node:fs';
import pg from 'pg';

export default async function globalTeardown() {
  const admin = new pg.Client({ connectionString: process.env.WAYPOINT_TEST_ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${process.env.WAYPOINT_TEST_TEMPLATE} with (force)`);
  await admin.end();
  const embedded = globalThis.__waypointEmbedded;
  if (embedded) {
    await embedded.db.stop();
    rmSync(embedded.dir, { recursive: true, force: true });
  }
}
