/**
 * The signed-in learner, kept as a browser client keeps a bearer token: in sessionStorage (this tab only, gone when
 * it closes, never in a cookie that other sites' requests would carry), with its expiry, and forgotten at sign-out,
 * at expiry or when the API answers UNAUTHENTICATED.
 */
export interface LearnerSession {
  /** Sent as `Authorization: Bearer <token>`. */
  token: string;
  /** ISO date-time after which the API refuses the token. */
  expiresAt: string;
  learnerId: string;
  /** IANA zone the learner lives in: "today" is their date there. */
  timeZone: string;
  name: string;
}

const KEY = 'waypoint.example.progress.session';

export function currentSession(now: number = Date.now()): LearnerSession | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    const session = raw ? (JSON.parse(raw) as LearnerSession) : null;
    if (!session?.token || !session.learnerId || !(Date.parse(session.expiresAt) > now)) return null;
    return session;
  } catch {
    return null;
  }
}

export function keepSession(session: LearnerSession): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function forgetSession(): void {
  sessionStorage.removeItem(KEY);
}

/** Today's date (YYYY-MM-DD) in an IANA zone: the road map's date is the learner's own. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
