/**
 * The signed-in session. Its token lives in an httpOnly cookie the server set (scripts never see it); what is
 * kept here, in localStorage so a reload stays signed in, is who signed in, until when, and the session's CSRF
 * token, which every request sends as X-CSRF-Token (a page on another site cannot read it).
 * No react-admin import here: the sign-in page must stay small.
 */
export type Role = 'STAFF' | 'COACH' | 'LEARNER';

export interface SessionUser {
  id: string;
  name: string;
  role: Role;
}

export interface Session {
  /** Sent as X-CSRF-Token: with the cookie, it proves a request comes from this console. */
  csrfToken: string;
  /** ISO date-time after which the API refuses the session */
  expiresAt: string;
  user: SessionUser;
}

const KEY = 'waypoint.session';

export function readSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Partial<Session>;
    if (!session.csrfToken || !session.expiresAt || !session.user?.id || !session.user.role) return null;
    return session as Session;
  } catch {
    return null;
  }
}

export function isExpired(session: Session, now: number = Date.now()): boolean {
  const expiresAt = Date.parse(session.expiresAt);
  return Number.isNaN(expiresAt) || expiresAt <= now;
}

/** The current session when present and not expired. */
export function validSession(now: number = Date.now()): Session | null {
  const session = readSession();
  return session && !isExpired(session, now) ? session : null;
}

export function saveSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}

/** The header that lets the session cookie count for a request, if signed in. */
export function sessionHeaders(): Record<string, string> {
  const session = readSession();
  return session ? { 'X-CSRF-Token': session.csrfToken } : {};
}
