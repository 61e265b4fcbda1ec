import type { IncomingMessage } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';

/**
 * The console's session: its token in a cookie scripts cannot read (HttpOnly), sent only with requests from this
 * site (SameSite=Strict), over HTTPS only in production (Secure). Requests it authenticates must also carry the
 * session's CSRF token in this header (auth/token.ts csrfTokenOf). API clients keep sending bearer tokens and keys.
 */
export const SESSION_COOKIE = 'waypoint_session';
export const CSRF_HEADER = 'x-csrf-token';

/** The session token a Cookie header carries, if any. */
export function sessionCookieOf(header: string | undefined): string | undefined {
  return header ? parseCookie(header)[SESSION_COOKIE] || undefined : undefined;
}

/** Set-Cookie for a session token, gone when the token expires. */
export function sessionCookie(token: string, expiresAt: Date, now: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return stringifySetCookie({ name: SESSION_COOKIE, value: token, httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge });
}

/** Set-Cookie that removes the session cookie (signed out). */
export function clearedSessionCookie(secure: boolean): string {
  return stringifySetCookie({ name: SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: 0, expires: new Date(0) });
}

/** What a request presents to sign in: its Authorization header, else the session cookie with its CSRF header. */
export function credentialsOf(req: IncomingMessage): { authorization?: string; cookie?: string; csrf?: string } {
  const csrf = req.headers[CSRF_HEADER];
  return { authorization: req.headers.authorization, cookie: req.headers.cookie, csrf: Array.isArray(csrf) ? csrf[0] : csrf };
}
