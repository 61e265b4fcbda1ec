import { createHmac, timingSafeEqual } from 'node:crypto';
import { NotificationKind } from './notification-kind';

/**
 * One-click unsubscribe links (RFC 8058): the link names a user and a kind and carries an HMAC of both under the
 * server's secret, so it works without signing in and cannot be forged for someone else. It only ever turns email
 * off: for that one kind, or, from a daily digest (`DIGEST`), for every kind the digest carries.
 */
export const DIGEST = 'DIGEST';
export type UnsubscribeTarget = NotificationKind | typeof DIGEST;

function mac(secret: string, userId: string, kind: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${userId}:${kind}`).digest('base64url').slice(0, 32);
}

export function unsubscribeUrl(base: string, secret: string, userId: string, kind: UnsubscribeTarget): string {
  const q = new URLSearchParams({ u: userId, k: kind, signature: mac(secret, userId, kind) });
  return `${base}/notifications/unsubscribe?${q}`;
}

/** The user and kind a link names, when its signature is right; null otherwise. */
export function verifyUnsubscribe(secret: string, q: { u?: unknown; k?: unknown; signature?: unknown }): { userId: string; kind: UnsubscribeTarget } | null {
  const { u, k, signature: s } = q;
  if (typeof u !== 'string' || typeof k !== 'string' || typeof s !== 'string') return null;
  if (!/^[0-9a-f-]{36}$/.test(u) || (k !== DIGEST && !Object.hasOwn(NotificationKind, k))) return null;
  const want = Buffer.from(mac(secret, u, k));
  const got = Buffer.from(s);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  return { userId: u, kind: k as UnsubscribeTarget };
}
