import { AppError } from './errors';

/** Error codes and messages that mean "PostgreSQL cannot be reached right now", not "this request is wrong". */
const CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const MESSAGES = /Connection terminated|ECONNREFUSED|ECONNRESET|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed/i;

/** True when the error (or anything in its cause chain) says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown } | undefined, depth = 0; e && depth < 6; e = (e.cause ?? e.originalError) as typeof e, depth++) {
    if (typeof e.code === 'string' && CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** What a client gets while the database is away: code UNAVAILABLE and HTTP 503, so it knows to retry. */
export const databaseUnavailable = () =>
  new AppError('UNAVAILABLE', 'Waypoint cannot reach its database right now. Nothing was changed; try again in a few seconds.', {
    retryable: true,
    http: { status: 503 },
  });

/** True when PostgreSQL stopped one of the request's statements at STATEMENT_TIMEOUT_MS (SQLSTATE 57014). */
export function isStatementTimeout(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 6; e = e.cause as typeof e, depth++) {
    if (e.code === '57014' || (typeof e.message === 'string' && /canceling statement due to statement timeout/.test(e.message))) return true;
  }
  return false;
}

/**
 * What a client gets when a statement of its request ran past the limit: code TIMEOUT and HTTP 503. A mutation's
 * transaction is rolled back with it, so nothing was changed.
 */
export const statementTimedOut = (limitMs: number) =>
  new AppError('TIMEOUT', `The request was stopped after ${limitMs.toLocaleString('en')} ms in the database. Nothing was changed; ask for smaller pages or fewer fields, or try again later.`, {
    limitMs,
    http: { status: 503 },
  });
