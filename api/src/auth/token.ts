import { createHmac, createSecretKey, randomUUID, timingSafeEqual, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { UUID } from '../common/validators';

const ISSUER = 'waypoint';

export interface TokenClaims {
  /** The user's id. */
  sub: string;
  /** When it was issued (seconds since the epoch). */
  iat: number;
  /** The session it belongs to (a random UUID per sign-in): signOut ends this one alone. */
  sid: string;
  /** When it expires (seconds since the epoch). */
  exp: number;
}

/** A session's token: the user, an expiry `ttlHours` from now, and the session (a new one unless given). */
export function signToken(
  userId: string,
  secret: string,
  ttlHours: number,
  now: Date,
  sid: string = randomUUID(),
): { token: string; expiresAt: Date; sessionId: string } {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + ttlHours * 3600;
  const token = jwt.sign({ sub: userId, iat, exp, sid }, secret, { algorithm: 'HS256', issuer: ISSUER });
  return { token, expiresAt: new Date(exp * 1000), sessionId: sid };
}

/**
 * The CSRF token of a cookie session: bound to the session (an HMAC of its id), so it needs no storage, changes with
 * every sign-in, and cannot be made without the server's secret. The console sends it as X-CSRF-Token; a page on
 * another site can neither read it nor set that header on a request that carries the cookie.
 */
export function csrfTokenOf(sessionId: string, secret: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
}

export function csrfTokenMatches(given: string | undefined, sessionId: string, secret: string): boolean {
  if (!given) return false;
  const expected = Buffer.from(csrfTokenOf(sessionId, secret));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The secret as a key object, made once: jsonwebtoken would otherwise build one from the string on every request. */
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'expired' | 'invalid' };

/**
 * Tokens whose signature checked out, per secret, with their expiry: a client sends the same token on every
 * request, and checking the signature again (parse, HMAC, compare) gives the same answer until it expires.
 */
const verified = new Map<string, Map<string, { claims: TokenClaims; exp: number }>>();
const MAX_VERIFIED = 10_000;

export function verifyToken(token: string, secret: string, now: Date): TokenCheck {
  const clock = Math.floor(now.getTime() / 1000);
  let known = verified.get(secret);
  const hit = known?.get(token);
  if (hit) return clock >= hit.exp ? { ok: false, reason: 'expired' } : { ok: true, claims: hit.claims };
  try {
    const payload = jwt.verify(token, keyOf(secret), { algorithms: ['HS256'], issuer: ISSUER, clockTimestamp: clock }) as jwt.JwtPayload;
    const { sub, iat, sid, exp } = payload;
    if (typeof sub !== 'string' || typeof iat !== 'number' || typeof exp !== 'number' || typeof sid !== 'string' || !UUID.test(sid) || payload.nbf !== undefined) {
      return { ok: false, reason: 'invalid' };
    }
    const claims = { sub, iat, sid, exp };
    if (!known) verified.set(secret, (known = new Map()));
    if (known.size >= MAX_VERIFIED) known.clear();
    known.set(token, { claims, exp });
    return { ok: true, claims };
  } catch (e) {
    return { ok: false, reason: e instanceof jwt.TokenExpiredError ? 'expired' : 'invalid' };
  }
}
