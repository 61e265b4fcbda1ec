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

export function verifyToken(token: string, secret: string, now: Date): TokenCheck {
  try {
    const claims = jwt.verify(token, keyOf(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      clockTimestamp: Math.floor(now.getTime() / 1000),
    }) as jwt.JwtPayload;
    if (typeof claims.sub !== 'string' || typeof claims.iat !== 'number') return { ok: false, reason: 'invalid' };
    return { ok: true, claims: { sub: claims.sub, iat: claims.iat } };
  } catch (e) {
    return { ok: false, reason: e instanceof jwt.TokenExpiredError ? 'expired' : 'invalid' };
  }
}
