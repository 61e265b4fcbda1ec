import './supported-node';
import { stopTracing } from './tracing'; // before anything loads http or pg
import 'reflect-metadata';
import { loadConfig, ConfigError, type Config } from './config';
import { createLogger } from './common/logger';
import { systemClock } from './common/clock';
import { openDatabase, openRequestOrm } from './db/database';
import { EmbeddedDatabaseError } from './db/embedded';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from './db/seed';
import { createApp } from './app';
import { superviseWorker } from './jobs/worker';

/** Start: config → database (embedded or DATABASE_URL, migrated) → demo seed when asked → job worker → HTTP. */
async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const log = createLogger(config.logLevel, { pretty: config.logPretty });

  const db = await openDatabase(config, log);
  // Demo logins have a published password: never seeded in production unless SEED_DEMO=always says so.
  const shouldSeed = config.seedDemo === 'always' || (config.seedDemo === 'auto' && !config.databaseUrl && config.env !== 'production');
  const seed = shouldSeed ? await seedDemo(db.orm.em.fork(), systemClock.now()) : { seeded: false, learners: 0 };
  if (seed.seeded) log.info({ learners: seed.learners }, 'demo data seeded');

  // No SMTP_URL outside production: mail goes to an embedded catcher, as the database is embedded (staff read it in
  // the console). In production without SMTP_URL, email stays off and the deliveries wait in the log.
  // Loaded only then: its SMTP server and mail parser are a tenth of a second of a production start.
  const catcher = !config.smtpUrl && config.env !== 'production'
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports
      await (require('./modules/notifications/mail-catcher') as typeof import('./modules/notifications/mail-catcher')).startMailCatcher({ em: () => db.orm.em.fork(), log })
    : null;
  if (catcher) config = { ...config, smtpUrl: catcher.url };

  const worker = config.worker ? await superviseWorker({ orm: db.orm, clock: systemClock, config, log, connectionString: db.url }) : null;
  const requests = await openRequestOrm(db.url, config.statementTimeoutMs);
  const app = await createApp({ config, orm: requests, clock: systemClock, log, worker });
  const url = await app.listen(config.port, config.host);

  const demo = shouldSeed
    ? `\n  Demo logins (password "${DEMO_PASSWORD}"):\n${DEMO_LOGINS.map((d) => `    ${d.role.padEnd(8)} ${d.email}`).join('\n')}\n`
    : '';
  console.log(
    `\nWaypoint is ready in ${process.uptime().toFixed(1)} s\n` +
      `  Console   ${url}/admin/\n  GraphQL   ${url}/graphql\n  Health    ${url}/health\n` +
      `  Node      ${process.version}\n` +
      `  Database  ${config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL (${config.dataDir}, port ${config.embeddedPgPort})`}\n` +
      `  Mail      ${catcher ? `caught by the embedded mail catcher (${catcher.url}): staff read it in the console, Settings → Mail` : config.smtpUrl ? 'SMTP_URL' : 'off (SMTP_URL unset)'}\n` +
      `  Jobs      ${worker ? 'weekly compliance evaluation and reminders every 15 min, notifications delivered as they are written, morning-session pairing every minute, lapsed review claims every 5 min' : 'off (WORKER=off)'}\n` +
      demo +
      `\nPress Ctrl-C to stop.\n`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    try {
      await app.close();
      await worker?.stop();
      await catcher?.close();
      await requests.close(true);
      await db.close();
      await stopTracing();
      log.info('stopped');
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));
}

main().catch((e) => {
  if (e instanceof EmbeddedDatabaseError) console.error(`\n${e.message}\n`);
  else if ((e as NodeJS.ErrnoException)?.code === 'EADDRINUSE') console.error(`\nPort taken: ${(e as Error).message}. Set PORT to a free port.\n`);
  else console.error(e);
  process.exit(1);
});
