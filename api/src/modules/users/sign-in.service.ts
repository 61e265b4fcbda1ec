import type { EntityManager } from '@mikro-orm/postgresql';
import { normalizeEmail } from '../../common/query';
import { badInput, unauthenticated } from '../../common/errors';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../auth/password';
import { signToken } from '../../auth/token';
import type { Config } from '../../config';
import { User } from './user.entity';
import { EndedSession } from './ended-session.entity';

/** Signing in with email and password. */
export class SignInService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: Config,
  ) {}

  /** One message for unknown email, wrong password and deactivated account: no account enumeration. */
  async login(email: string, password: string, now: Date): Promise<{ token: string; expiresAt: Date; sessionId: string; user: User }> {
    const user = await this.em.findOne(User, { email: normalizeEmail(email) }, { populate: ['passwordHash'] });
    if (!user || !user.active || !user.passwordHash) {
      await burnPasswordCheck(password);
      throw unauthenticated('Wrong email or password');
    }
    if (!(await verifyPassword(password, user.passwordHash))) throw unauthenticated('Wrong email or password');
    return { ...signToken(user.id, this.config.authSecret, this.config.tokenTtlHours, now), user };
  }

  /**
   * Changes one's own password, after checking the current one: every other session ends (tokens issued before
   * now stop working), and this one (`sessionId`) goes on with the fresh token returned.
   */
  async changePassword(
    userId: string,
    sessionId: string,
    current: string,
    next: string,
    now: Date,
  ): Promise<{ token: string; expiresAt: Date; sessionId: string; user: User }> {
    const user = await this.em.findOne(User, { id: userId }, { populate: ['passwordHash'] });
    if (!user || !user.passwordHash || !(await verifyPassword(current, user.passwordHash))) throw badInput('currentPassword', 'The current password is wrong');
    user.passwordHash = await hashPassword(next);
    user.tokensValidAfter = wholeSecond(now);
    await this.em.flush();
    return { ...signToken(user.id, this.config.authSecret, this.config.tokenTtlHours, now, sessionId), user };
  }

  /**
   * Ends one session: its token stops working on its next request, on every replica. The row is kept until the
   * token would have expired anyway; rows past that are removed on the way.
   */
  async signOut(session: { id: string; userId: string; expiresAt: Date }, now: Date): Promise<void> {
    await this.em.transactional(async (em) => {
      await em.nativeDelete(EndedSession, { expiresAt: { $lt: now } });
      await em.upsert(EndedSession, { id: session.id, userId: session.userId, endedAt: now, expiresAt: session.expiresAt });
    });
  }

  /** Ends every session of this user, this one included: tokens issued before now stop working on their next request. */
  async signOutEverywhere(userId: string, now: Date): Promise<void> {
    await this.em.nativeUpdate(User, { id: userId }, { tokensValidAfter: wholeSecond(now) });
  }
}

/** Tokens carry their issue time in whole seconds; a cut-off at the same second keeps a token issued in it. */
export const wholeSecond = (at: Date) => new Date(Math.floor(at.getTime() / 1000) * 1000);
