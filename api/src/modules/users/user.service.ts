import type { EntityManager } from '@mikro-orm/postgresql';
import { Role, User } from './user.entity';
import type { CreateUserArgs, UpdateUserArgs, UserFilter } from './user.inputs';
import type { Viewer } from '../../auth/viewer';
import { badInput, conflict, forbidden, notFound } from '../../common/errors';
import { toPage, type ListArgs } from '../../common/pagination';
import { containsPattern, normalizeEmail, requireId } from '../../common/query';
import { pgArray, preparedQuery } from '../../common/sql';
import { canonicalTimeZone } from '../../common/module-time';
import { hashPassword } from '../../auth/password';
import { wholeSecond } from './sign-in.service';

const SORTABLE: Record<string, string> = { name: 'u.name', email: 'u.email', role: 'u.role', createdAt: 'u.created_at', active: 'u.active' };

/** The order of a users list (`u`), by a sortField the client names (default name), ties by id. */
export function userSort(field: string | undefined, direction: 'asc' | 'desc'): string {
  const key = field ?? 'name';
  if (!Object.hasOwn(SORTABLE, key)) throw badInput('sortField', `sortField must be one of ${Object.keys(SORTABLE).join(', ')}`);
  return `${SORTABLE[key]} ${direction}, u.id asc`;
}

/**
 * Which users `u` a list holds, as SQL with `?` parameters: the one rule behind the list, its count and the
 * compiled allUsers (user-list.read.ts).
 */
export function userConditions(given?: UserFilter | null): { sql: string; params: unknown[] } {
  // `filter: null` is a client's way to say "no filter", as leaving it out is.
  const filter = given ?? {};
  const and: string[] = [];
  const params: unknown[] = [];
  if (filter.ids) and.push('u.id = any(?::uuid[])'), params.push(pgArray(filter.ids.map((id) => id.toLowerCase())));
  if (filter.role) and.push('u.role = ?'), params.push(filter.role);
  if (filter.active !== undefined && filter.active !== null) and.push('u.active = ?'), params.push(filter.active);
  if (filter.q?.trim()) {
    const like = containsPattern(filter.q);
    and.push('(u.name ilike ? or u.email ilike ?)'), params.push(like, like);
  }
  return { sql: and.length ? and.join(' and ') : 'true', params };
}

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

  /** A page of users: their ids in order by userConditions and userSort, then the entities. */
  async list(args: ListArgs, filter?: UserFilter): Promise<User[]> {
    const page = toPage(args);
    const where = userConditions(filter);
    const rows = await preparedQuery<{ id: string }>(
      this.em,
      `select u.id from users u where ${where.sql} order by ${userSort(args.sortField, page.direction)} limit ? offset ?`,
      [...where.params, page.limit, page.offset],
    );
    if (!rows.length) return [];
    const found = await this.em.find(User, { id: { $in: rows.map((r) => r.id) } });
    const byId = new Map(found.map((u) => [u.id, u]));
    return rows.map((r) => byId.get(r.id)!).filter(Boolean);
  }

  async count(filter?: UserFilter): Promise<number> {
    const where = userConditions(filter);
    const [row] = await preparedQuery<{ n: number }>(this.em, `select count(*)::int as n from users u where ${where.sql}`, where.params);
    return row.n;
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
