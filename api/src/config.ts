import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { canonicalTimeZone, isValidTimeZone } from './common/module-time';

/** The repository root: api/src/config.ts → ../.. (works from src and from a tsc build in dist/src). */
export const repoRoot = findRepoRoot(__dirname);

/** Where npm run docs writes the API reference served at /docs (inside api/dist, so the Docker image carries it). */
export const docsDir = path.join(repoRoot, 'api', 'dist', 'api-reference');

function findRepoRoot(from: string): string {
  let dir = from;
  while (dir !== path.dirname(dir)) {
    if (existsSync(path.join(dir, 'api')) && existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export type SeedMode = 'auto' | 'always' | 'never';

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Set: use this PostgreSQL. Unset: run PostgreSQL embedded under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  authSecret: string;
  tokenTtlHours: number;
  seedDemo: SeedMode;
  logLevel: string;
  /** Human-readable log lines (LOG_FORMAT=pretty, or development at a terminal) instead of JSON. */
  logPretty: boolean;
  adminDist: string;
  /** The API reference's files (npm run docs), served at /docs. */
  docsDist: string;
  /** GraphiQL's built files (npm run build), served at /graphiql: to anyone in development, to staff otherwise. */
  graphiqlDist: string;
  /** The reference client's built files (examples/progress), served at /examples/progress/ outside production. */
  progressExampleDist: string;
  /** Where learners reach coaches outside Waypoint (Zendesk). */
  supportUrl: string;
  /** IANA zone the schedule template's clock times (e.g. the 09:00 morning session) are in. */
  programTimeZone: string;
  /** Minutes before a morning session starts that sign-ups close and learners are paired. */
  morningCutoffMinutes: number;
  /** The address users reach Waypoint at, for links it hands out (calendar feeds); unset: the request's host. */
  publicUrl?: string;
  /** Requests per minute one caller (a token, or an address when anonymous) may make; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Longest an HTTP request may take. */
  requestTimeoutMs: number;
  /** Longest any one SQL statement of a request may run (jobs and migrations are not bounded). */
  statementTimeoutMs: number;
  /** Largest GraphQL answer sent, in bytes (RESPONSE_LIMIT_BYTES). */
  responseLimitBytes: number;
  /** The secret Huntr signs webhook deliveries with; unset: /webhooks/huntr answers 503 (not configured). */
  huntrWebhookSecret?: string;
  /** Huntr Organization API access token for the pull-sync (HUNTR_API_TOKEN); unset: the sync does not pull. */
  huntrApiToken?: string;
  /** Base URL of Huntr's Organization API (HUNTR_API_URL), e.g. https://api.huntr.co/org. */
  huntrApiUrl: string;
  /** Run the background job worker (weekly evaluation, morning-session pairing) in this process. */
  worker: boolean;
  /** Who may read /metrics: IPs or CIDRs of the connection (METRICS_ALLOW, default loopback). */
  metricsAllow: string[];
  /** A bearer token that also opens /metrics (METRICS_TOKEN), for scrapers outside METRICS_ALLOW. */
  metricsToken?: string;
  /** Where email goes (SMTP_URL, smtp:// or smtps://); unset: a mail catcher runs embedded in development, email is off in production. */
  smtpUrl?: string;
  /** The From address of Waypoint's email (MAIL_FROM). */
  mailFrom: string;
  /** Where learners' notifications link to: the program's learner-facing page (LEARNER_APP_URL); unset: Waypoint's own page for learners. */
  learnerAppUrl?: string;
  /** Answer queries that compile to SQL with one statement (src/compiled); off: every query runs through the resolvers. */
  compiledReads: boolean;
}

export class ConfigError extends Error {}

function int(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

/** A development secret kept in the data folder so tokens survive restarts; never used in production. */
function localSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function publicUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(value)) throw new ConfigError(`PUBLIC_URL must be an http(s) URL such as https://waypoint.example.org (got "${value}")`);
  return value.replace(/\/+$/, '');
}

function programZone(value: string | undefined): string {
  if (!value) return 'UTC';
  if (!isValidTimeZone(value)) throw new ConfigError(`PROGRAM_TIME_ZONE must be an IANA time zone such as America/New_York (got "${value}")`);
  return canonicalTimeZone(value);
}

function metricsAllow(value: string | undefined): string[] {
  const list = (value || '127.0.0.1,::1').split(',').map((a) => a.trim()).filter(Boolean);
  const address = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)(\/\d{1,3})?$/;
  const bad = list.filter((a) => !address.test(a));
  if (bad.length) throw new ConfigError(`METRICS_ALLOW must list IP addresses or CIDRs, comma-separated (got "${bad.join(', ')}")`);
  return list;
}

function metricsToken(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.length < 24 || /\s/.test(value)) throw new ConfigError('METRICS_TOKEN must be at least 24 characters, without spaces');
  return value;
}

function smtpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError('SMTP_URL must be a URL such as smtp://user:password@mail.example.org:587 or smtps://…:465');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') throw new ConfigError(`SMTP_URL must start with smtp:// or smtps:// (got "${parsed.protocol}//")`);
  return value;
}

function mailFrom(value: string | undefined): string {
  const from = value || 'Waypoint <no-reply@waypoint.invalid>';
  if (!/^([^<>@]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/.test(from.trim())) throw new ConfigError(`MAIL_FROM must be an address such as "Waypoint <coaching@example.org>" (got "${from}")`);
  return from.trim();
}

function learnerAppUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(value)) throw new ConfigError(`LEARNER_APP_URL must be an http(s) URL (got "${value}")`);
  return value;
}

function huntrToken(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (/\s/.test(value) || value.length > 4096) throw new ConfigError('HUNTR_API_TOKEN must be the access token alone (no spaces, no "Bearer ")');
  return value;
}

function huntrApiUrl(value: string | undefined, mode: Config['env']): string {
  const url = value || 'https://api.huntr.co/org';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`HUNTR_API_URL must be an absolute http(s) URL (got "${url}")`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigError(`HUNTR_API_URL must be an http(s) URL (got "${url}")`);
  // The bearer token goes with every request: only over TLS in production.
  if (mode === 'production' && parsed.protocol !== 'https:') throw new ConfigError('HUNTR_API_URL must use https in production');
  return url.replace(/\/+$/, '');
}

/** Reads and validates every setting once; the rest of the code never touches process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = oneOf('NODE_ENV', env.NODE_ENV, ['development', 'production', 'test'] as const, 'development');
  const dataDir = path.resolve(repoRoot, env.WAYPOINT_DATA_DIR || '.data');
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  let authSecret = env.AUTH_SECRET ?? '';
  if (authSecret && authSecret.length < 32) throw new ConfigError('AUTH_SECRET must be at least 32 characters');
  if (!authSecret) {
    if (mode === 'production') throw new ConfigError('AUTH_SECRET is required in production (32+ random characters)');
    authSecret = mode === 'test' ? randomBytes(32).toString('base64url') : localSecret(dataDir);
  }
  const requestTimeoutMs = int('REQUEST_TIMEOUT_MS', env.REQUEST_TIMEOUT_MS, 30_000, 1_000, 600_000);
  return {
    env: mode,
    port: int('PORT', env.PORT, 4000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    dataDir,
    embeddedPgPort: int('EMBEDDED_PG_PORT', env.EMBEDDED_PG_PORT, 5454, 1024, 65535),
    authSecret,
    tokenTtlHours: int('TOKEN_TTL_HOURS', env.TOKEN_TTL_HOURS, 12, 1, 24 * 30),
    seedDemo: oneOf('SEED_DEMO', env.SEED_DEMO, ['auto', 'always', 'never'] as const, 'auto'),
    logLevel: env.LOG_LEVEL || (mode === 'test' ? 'silent' : 'info'),
    logPretty: oneOf('LOG_FORMAT', env.LOG_FORMAT, ['json', 'pretty'] as const, mode === 'development' && process.stdout.isTTY ? 'pretty' : 'json') === 'pretty',
    adminDist: path.join(repoRoot, 'admin', 'dist'),
    docsDist: docsDir,
    graphiqlDist: path.join(repoRoot, 'admin', 'graphiql', 'dist'),
    progressExampleDist: path.join(repoRoot, 'examples', 'progress', 'dist'),
    supportUrl: env.SUPPORT_URL || 'https://support.example.org/hc/requests/new',
    programTimeZone: programZone(env.PROGRAM_TIME_ZONE),
    morningCutoffMinutes: int('MORNING_CUTOFF_MINUTES', env.MORNING_CUTOFF_MINUTES, 15, 0, 24 * 60),
    publicUrl: publicUrl(env.PUBLIC_URL),
    huntrWebhookSecret: env.HUNTR_WEBHOOK_SECRET || undefined,
    huntrApiToken: huntrToken(env.HUNTR_API_TOKEN),
    huntrApiUrl: huntrApiUrl(env.HUNTR_API_URL, mode),
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, mode === 'test' ? 0 : 600, 0, 1_000_000),
    requestTimeoutMs,
    statementTimeoutMs: int('STATEMENT_TIMEOUT_MS', env.STATEMENT_TIMEOUT_MS, Math.min(10_000, requestTimeoutMs), 100, requestTimeoutMs),
    responseLimitBytes: int('RESPONSE_LIMIT_BYTES', env.RESPONSE_LIMIT_BYTES, 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    worker: oneOf('WORKER', env.WORKER, ['on', 'off'] as const, mode === 'test' ? 'off' : 'on') === 'on',
    metricsAllow: metricsAllow(env.METRICS_ALLOW),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    smtpUrl: smtpUrl(env.SMTP_URL),
    mailFrom: mailFrom(env.MAIL_FROM),
    learnerAppUrl: learnerAppUrl(env.LEARNER_APP_URL),
    compiledReads: oneOf('COMPILED_READS', env.COMPILED_READS, ['on', 'off'] as const, 'on') === 'on',
  };
}
