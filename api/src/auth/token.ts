import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

const ISSUER = 'waypoint';

export interface TokenClaims {
  /** The user's id. */
  sub: string;
  /** When it was issued (seconds since the epoch). */
  iat: number;
}

export function signToken(userId: string, secret: string, ttlHours: number, now: Date): { token: string; expiresAt: Date } {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + ttlHours * 3600;
  const token = jwt.sign({ sub: userId, iat, exp }, secret, { algorithm: 'HS256', issuer: ISSUER });
  return { token, expiresAt: new Date(exp * 1000) };
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
    if (typeof payload.sub !== 'string' || typeof payload.iat !== 'number' || payload.nbf !== undefined) return { ok: false, reason: 'invalid' };
    const claims = { sub: payload.sub, iat: payload.iat };
    if (!known) verified.set(secret, (known = new Map()));
    if (known.size >= MAX_VERIFIED) known.clear();
    known.set(token, { claims, exp: typeof payload.exp === 'number' ? payload.exp : Infinity });
    return { ok: true, claims };
  } catch (e) {
    return { ok: false, reason: e instanceof jwt.TokenExpiredError ? 'expired' : 'invalid' };
  }
}
