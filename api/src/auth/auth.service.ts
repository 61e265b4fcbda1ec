import type { EntityManager } from '@mikro-orm/postgresql';
import { preparedQuery } from '../common/sql';
import type { TokenClaims } from './token';
import type { Viewer } from './viewer';

/** A verified sign-in token → its viewer. */
export class AuthService {
  constructor(private readonly em: EntityManager) {}

  /**
   * The viewer of a session whose token was verified (signature and expiry), read fresh from the database (one
   * statement) so that deactivation and role changes apply to tokens already handed out.
   */
  async viewerOfSession(session: Session): Promise<{ viewer: Viewer | null; problem: 'expired' | 'inactive' | null }> {
    const rows = await preparedQuery<{ id: string; role: Viewer['role']; active: boolean; learner_id: string | null; valid_after: string | null; ended: boolean }>(
        this.em,
        `select u.id, u.role, u.active, l.id as learner_id, extract(epoch from u.tokens_valid_after) as valid_after,
                exists (select 1 from ended_sessions e where e.id = ?::uuid) as ended
           from users u left join learners l on l.user_id = u.id
          where u.id = ?`,
        [session.sid, session.sub],
      );
    const row = rows[0];
    if (!row || !row.active) return { viewer: null, problem: 'inactive' };
    if (row.ended || (row.valid_after !== null && session.iat < Number(row.valid_after))) return { viewer: null, problem: 'expired' };
    return { viewer: { userId: row.id, role: row.role, learnerId: row.learner_id }, problem: null };
  }
}

/** A verified token's claims: the user, when the token was issued (seconds) and its session. */
export type Session = TokenClaims;

/**
 * SQL true when the session still stands for exactly this viewer: the user is active, has this role and learner
 * record, signed in after their tokens were last revoked, and this session was not signed out; the same rules as viewerOfSession, for a statement
 * that checks the viewer in the snapshot it reads. `p` adds a parameter and returns its placeholder.
 */
export function sessionStillValidSql(session: Session, viewer: Viewer, p: (value: unknown) => string): string {
  return `exists (select 1 from users u left join learners l on l.user_id = u.id
                  where u.id = ${p(session.sub)}::uuid and u.active and u.role::text = ${p(viewer.role)}
                    and l.id is not distinct from ${p(viewer.learnerId)}::uuid
                    and (u.tokens_valid_after is null or extract(epoch from u.tokens_valid_after) <= ${p(session.iat)})
                    and not exists (select 1 from ended_sessions e where e.id = ${p(session.sid)}::uuid))`;
}
