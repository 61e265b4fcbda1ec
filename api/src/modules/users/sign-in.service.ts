import type { EntityManager } from '@mikro-orm/postgresql';
import { normalizeEmail } from '../../common/query';
import { unauthenticated } from '../../common/errors';
import { burnPasswordCheck, verifyPassword } from '../../auth/password';
import { signToken } from '../../auth/token';
import type { Config } from '../../config';
import { User } from './user.entity';

/** Signing in with email and password. */
export class SignInService {
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
}
