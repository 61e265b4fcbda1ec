import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';

/**
 * Fixed one-minute windows per key, in this process. With several replicas each counts its own share,
 * so the effective limit is per replica: put a shared limiter in front (or Redis) if that matters.
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; returns the seconds to wait when over the limit, else 0. */
  take(key: string): number {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 100_000) this.sweep(now);
    }
    w.count++;
    return w.count > this.limit ? Math.ceil((w.start + this.windowMs - now) / 1000) : 0;
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}

/** The caller a request counts against: its bearer token (a user or an API key), else its address. */
export function callerKey(authorization: string | undefined, ip: string | undefined): string {
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return token ? `t:${createHash('sha256').update(token).digest('base64url').slice(0, 22)}` : `ip:${ip ?? 'unknown'}`;
}

/** 429 with Retry-After and a GraphQL-shaped error once a caller exceeds requestsPerMinute (0 turns it off). */
export function rateLimit(requestsPerMinute: number): RequestHandler {
  if (requestsPerMinute <= 0) return (_req, _res, next) => next();
  const limiter = new RateLimiter(requestsPerMinute, 60_000);
  return (req, res, next) => {
    const wait = limiter.take(callerKey(req.headers.authorization, req.ip));
    if (!wait) return next();
    res.setHeader('retry-after', String(wait));
    res.status(429).json({
      errors: [{ message: `Too many requests: at most ${requestsPerMinute} a minute. Try again in ${wait} s.`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait } }],
    });
  };
}
