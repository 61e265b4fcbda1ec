import { Role } from './roles';

/** The role of a viewer authenticated by an API key: it matches no user role, only scopes. */
export const API_CLIENT = 'API_CLIENT' as const;

/** What API keys may be granted. */
export const API_SCOPES = ['progress:read', 'learners:read', 'events:read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Who is asking: resolved once per request from the token (the only place that reads the users table for auth). */
export interface Viewer {
  /** The user; for an API client, the staff member who created it (for audit only: it grants nothing). */
  userId: string;
  role: Role | typeof API_CLIENT;
  /** Set when the viewer is a learner: their own learner id. */
  learnerId: string | null;
  /** Set when the viewer is a third-party API client: what it may read, and the coach it is limited to, if any. */
  client?: { id: string; scopes: ApiScope[]; coachId: string | null };
}

export const isStaff = (v: Viewer) => v.role === Role.STAFF;
export const isCoachOrStaff = (v: Viewer) => v.role === Role.COACH || v.role === Role.STAFF;
