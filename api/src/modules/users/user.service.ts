import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { Role, User } from './user.entity';
import type { CreateUserArgs, UpdateUserArgs, UserFilter } from './user.inputs';
import type { Viewer } from '../../auth/viewer';
import { badInput, conflict, forbidden, notFound } from '../../common/errors';
import { toPage, type ListArgs } from '../../common/pagination';
import { containsPattern, normalizeEmail, requireId, sortBy } from '../../common/query';
import { canonicalTimeZone } from '../../common/module-time';
import { hashPassword } from '../../auth/password';
import { wholeSecond } from './sign-in.service';

const SORTABLE = { name: 'name', email: 'email', role: 'role', createdAt: 'createdAt', active: 'active' } as const;

/** Staff and coaches as accounts: listing, creating, changing and deactivating them. */
export class UserService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(id: string): Promise<User> {
    const user = await this.em.findOne(User, { id: requireId(id) });
    if (!user) throw notFound('user', id);
    return user;
  }

  private where(filter: UserFilter = {}): FilterQuery<User> {
    const where: FilterQuery<User> & Record<string, unknown> = {};
    if (filter.ids) where.id = { $in: filter.ids };
    if (filter.role) where.role = filter.role;
    if (filter.active !== undefined && filter.active !== null) where.active = filter.active;
    if (filter.q?.trim()) {
      const like = containsPattern(filter.q);
      where.$or = [{ name: { $ilike: like } }, { email: { $ilike: like } }];
    }
    return where;
  }

  async list(args: ListArgs, filter?: UserFilter): Promise<User[]> {
    const page = toPage(args);
    return this.em.find(User, this.where(filter), {
      limit: page.limit,
      offset: page.offset,
      orderBy: sortBy(SORTABLE, args.sortField, page.direction, 'name'),
    });
  }

  count(filter?: UserFilter): Promise<number> {
    return this.em.count(User, this.where(filter));
  }

  async assertEmailFree(email: string, exceptUserId?: string): Promise<void> {
    const taken = await this.em.findOne(User, { email }, { fields: ['id'] });
    if (taken && taken.id !== exceptUserId) {
      throw conflict(`Another user already signs in with ${email}`, { field: 'email' });
    }
  }

  async create(args: CreateUserArgs): Promise<User> {
    if (args.role === Role.LEARNER) throw badInput('role', 'Create learners with createLearner');
    const email = normalizeEmail(args.email);
    await this.assertEmailFree(email);
    const user = this.em.create(User, {
      email,
      name: args.name.trim(),
      role: args.role,
      timeZone: canonicalTimeZone(args.timeZone ?? 'UTC'),
      passwordHash: await hashPassword(args.password),
      active: true,
    });
    await this.em.flush();
    return user;
  }

  async update(viewer: Viewer, args: UpdateUserArgs): Promise<User> {
    const user = await this.get(args.id);
    if (args.role && args.role !== user.role) {
      if (user.role === Role.LEARNER || args.role === Role.LEARNER) {
        throw badInput('role', 'A learner account stays a learner; staff and coaches cannot become learners');
      }
      if (user.id === viewer.userId) throw forbidden('You cannot change your own role');
      if (user.role === Role.COACH) await this.assertNoLearners(user, 'change their role');
      user.role = args.role;
    }
    if (args.email) {
      const email = normalizeEmail(args.email);
      await this.assertEmailFree(email, user.id);
      user.email = email;
    }
    if (args.name) user.name = args.name.trim();
    if (args.timeZone) user.timeZone = canonicalTimeZone(args.timeZone);
    if (args.password) {
      user.passwordHash = await hashPassword(args.password);
      // A new password ends every session opened with the old one (a stolen token dies with it).
      user.tokensValidAfter = wholeSecond(this.now());
    }
    await this.em.flush();
    return user;
  }

  /** Every learner keeps an active coach: a coach's learners must be reassigned first. */
  private async assertNoLearners(coach: User, action: string): Promise<void> {
    const rows = await this.em.getConnection().execute<{ n: string }[]>('select count(*) as n from learners where coach_id = ?', [coach.id]);
    const n = Number(rows[0].n);
    if (n > 0) throw conflict(`${coach.name} is the assigned coach of ${n} learner${n === 1 ? '' : 's'}: reassign them before you ${action}`);
  }

  /** Deactivated users cannot sign in, and their existing tokens stop working on the next request. */
  async setActive(viewer: Viewer, id: string, active: boolean): Promise<User> {
    const user = await this.get(id);
    if (!active && user.id === viewer.userId) throw forbidden('You cannot deactivate yourself');
    if (!active && user.role === Role.COACH) await this.assertNoLearners(user, 'deactivate them');
    user.active = active;
    // Deactivation ends every session for good: reactivating lets the person sign in again, not revive old tokens.
    if (!active) user.tokensValidAfter = wholeSecond(this.now());
    await this.em.flush();
    return user;
  }
}
