import { AppError } from './errors';

/** Error codes and messages that mean "PostgreSQL cannot be reached right now", not "this request is wrong". */
const CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const MESSAGES = /Connection terminated|ECONNREFUSED|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed/i;

/** True when the error (or anything in its cause chain) says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 6; e = e.cause as typeof e, depth++) {
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
