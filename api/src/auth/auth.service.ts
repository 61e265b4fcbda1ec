import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../modules/users/user.entity';
import { preparedQuery } from '../common/sql';
import { normalizeEmail } from '../common/query';
import { unauthenticated } from '../common/errors';
import { burnPasswordCheck, verifyPassword } from './password';
import { signToken, verifyToken } from './token';
import type { Viewer } from './viewer';
import type { Config } from '../config';

/** Sign-in and token → viewer. */
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: Config,
  ) {}

  /** One message for unknown email, wrong password and deactivated account: no account enumeration. */
  async login(email: string, password: string, now: Date): Promise<{ token: string; expiresAt: Date; user: User }> {
    const user = await this.em.findOne(User, { email: normalizeEmail(email) }, { populate: ['passwordHash'] });
    if (!user || !user.active || !user.passwordHash) {
      await burnPasswordCheck(password);
      throw unauthenticated('Wrong email or password');
    }
    if (!(await verifyPassword(password, user.passwordHash))) throw unauthenticated('Wrong email or password');
    const { token, expiresAt } = signToken(user.id, this.config.authSecret, this.config.tokenTtlHours, now);
    return { token, expiresAt, user };
  }

  /**
   * The viewer behind a bearer token, read fresh from the database (one statement) so that
   * deactivation and role changes apply to tokens already handed out.
   */
  async viewerFromToken(
    token: string,
    now: Date,
  ): Promise<{ viewer: Viewer | null; problem: 'expired' | 'invalid' | 'inactive' | null }> {
    const check = verifyToken(token, this.config.authSecret, now);
    if (!check.ok) return { viewer: null, problem: check.reason };
    const rows = await preparedQuery<{ id: string; role: Viewer['role']; active: boolean; learner_id: string | null; valid_after: string | null }>(
        this.em,
        `select u.id, u.role, u.active, l.id as learner_id, extract(epoch from u.tokens_valid_after) as valid_after
           from users u left join learners l on l.user_id = u.id
          where u.id = ?`,
        [check.claims.sub],
      );
    const row = rows[0];
    if (!row || !row.active) return { viewer: null, problem: 'inactive' };
    if (row.valid_after !== null && check.claims.iat < Number(row.valid_after)) return { viewer: null, problem: 'expired' };
    return { viewer: { userId: row.id, role: row.role, learnerId: row.learner_id }, problem: null };
  }
}

