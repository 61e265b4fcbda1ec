import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Pool } from 'pg';

/**
 * Request and sign-in limits, counted in PostgreSQL (rate-limiter-flexible, table rate_limits.hits from the
 * migrations), so they hold across every replica that shares the database.
 *
 * - Requests: `perMinute` a minute per verified caller (a signed-in user, an API client), or per address when the
 *   request carries no credential or one that does not check out: a random bearer string earns nothing.
 * - Sign-in: failed attempts per email and per address, in two tiers (a quarter of an hour, then a day), so the
 *   wait grows the longer someone keeps guessing. Each aliased `login` in a document counts.
 */
export function createLimits(pool: Pool, perMinute: number, onRefused: (limit: 'requests' | 'sign-in') => void = () => undefined) {
  const limiter = (keyPrefix: string, points: number, duration: number) =>
    new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', schemaName: 'rate_limits', tableName: 'hits', tableCreated: true, keyPrefix, points, duration });
  const requests = perMinute > 0 ? limiter('req', perMinute, 60) : null;
  const failures = [
    { byEmail: limiter('login-email-15m', 5, 15 * 60), byAddress: limiter('login-ip-15m', 30, 15 * 60) },
    { byEmail: limiter('login-email-day', 20, 24 * 3600), byAddress: limiter('login-ip-day', 200, 24 * 3600) },
  ];

  return {
    /** Counts a request against its caller; throws RATE_LIMITED (HTTP 429, Retry-After) past the limit. */
    async request(caller: string): Promise<void> {
      if (!requests) return;
      try {
        await requests.consume(caller);
      } catch (e) {
        const refusal = tooMany(e, `Too many requests: at most ${perMinute} a minute`);
        onRefused('requests');
        throw refusal;
      }
    },

    /** Refuses a sign-in while this email or address is held back by earlier failures. */
    async beforeSignIn(email: string, address: string): Promise<void> {
      for (const tier of failures) {
        for (const [limiter, key] of [[tier.byEmail, email], [tier.byAddress, address]] as const) {
          const state = await limiter.get(key);
          if (state && state.remainingPoints <= 0) {
            onRefused('sign-in');
            throw tooMany(state, 'Too many failed sign-ins');
          }
        }
      }
    },

    /** Counts a failed sign-in against the email and the address. */
    async failedSignIn(email: string, address: string): Promise<void> {
      for (const tier of failures) {
        await Promise.all([tier.byEmail.penalty(email, 1), tier.byAddress.penalty(address, 1)]);
      }
    },

    /** A successful sign-in clears the email's failures (the address keeps its count). */
    async signedIn(email: string): Promise<void> {
      await Promise.all(failures.map((tier) => tier.byEmail.delete(email)));
    },
  };
}

export type Limits = ReturnType<typeof createLimits>;

/** The coded error for a caller over a limit: HTTP 429 with Retry-After. */
function tooMany(cause: unknown, what: string): GraphQLError {
  if (!(cause instanceof RateLimiterRes)) throw cause;
  const wait = Math.max(1, Math.ceil(cause.msBeforeNext / 1000));
  return new GraphQLError(`${what}. Try again in ${wait} s.`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait, http: { status: 429, headers: new HeaderMap([['retry-after', String(wait)]]) } },
  });
}
