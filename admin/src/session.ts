/**
 * The signed-in session, kept in localStorage so a reload stays signed in.
 * No react-admin import here: the sign-in page must stay small.
 */
export type Role = 'STAFF' | 'COACH' | 'LEARNER';

export interface SessionUser {
  id: string;
  name: string;
  role: Role;
}

export interface Session {
  token: string;
  /** ISO date-time after which the API refuses the token */
  expiresAt: string;
  user: SessionUser;
}

const KEY = 'waypoint.session';

export function readSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Partial<Session>;
    if (!session.token || !session.expiresAt || !session.user?.id || !session.user.role) return null;
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

/** The Authorization header for the current session, if any. */
export function authorizationHeader(): Record<string, string> {
  const session = readSession();
  return session ? { Authorization: `Bearer ${session.token}` } : {};
}
