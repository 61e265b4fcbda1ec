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
    /**
     * Counts a request against its caller and returns what is left of the minute (null when requests are not
     * limited); throws RATE_LIMITED (HTTP 429, Retry-After and the same RateLimit headers) past the limit.
     */
    async request(caller: string): Promise<Quota | null> {
      if (!requests) return null;
      try {
        return quotaOf(perMinute, await requests.consume(caller));
      } catch (e) {
        const refusal = tooMany(e, `Too many requests: at most ${perMinute} a minute`, perMinute);
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

/** What is left of a caller's requests this minute. */
export interface Quota {
  /** Requests a minute. */
  limit: number;
  /** Requests left in the current window. */
  remaining: number;
  /** Seconds until the window starts afresh. */
  resetSeconds: number;
}

const quotaOf = (limit: number, res: RateLimiterRes): Quota => ({
  limit,
  remaining: Math.max(0, res.remainingPoints),
  resetSeconds: Math.max(0, Math.ceil(res.msBeforeNext / 1000)),
});

/**
 * The quota as the IETF httpapi draft's header fields (draft-ietf-httpapi-ratelimit-headers, the RateLimit-Limit /
 * -Remaining / -Reset form): the limit, what is left, and seconds until the window resets.
 */
export function rateLimitHeaders(quota: Quota): [string, string][] {
  return [
    ['ratelimit-limit', String(quota.limit)],
    ['ratelimit-remaining', String(quota.remaining)],
    ['ratelimit-reset', String(quota.resetSeconds)],
    ['ratelimit-policy', `${quota.limit};w=60`],
  ];
}

/** The coded error for a caller over a limit: HTTP 429 with Retry-After (and the RateLimit headers for the request limit). */
function tooMany(cause: unknown, what: string, limit?: number): GraphQLError {
  if (!(cause instanceof RateLimiterRes)) throw cause;
  const wait = Math.max(1, Math.ceil(cause.msBeforeNext / 1000));
  const headers = new HeaderMap([['retry-after', String(wait)]]);
  if (limit !== undefined) for (const [name, value] of rateLimitHeaders(quotaOf(limit, cause))) headers.set(name, value);
  return new GraphQLError(`${what}. Try again in ${wait} s.`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait, http: { status: 429, headers } },
  });
}
