import { Role } from '../modules/users/user.entity';

/** Who is asking: resolved once per request from the token (the only place that reads the users table for auth). */
export interface Viewer {
  userId: string;
  role: Role;
  /** Set when the viewer is a learner: their own learner id. */
  learnerId: string | null;
}

export const isStaff = (v: Viewer) => v.role === Role.STAFF;
export const isCoachOrStaff = (v: Viewer) => v.role === Role.COACH || v.role === Role.STAFF;
