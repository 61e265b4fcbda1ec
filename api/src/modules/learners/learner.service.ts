import { LockMode, ref, type EntityManager } from '@mikro-orm/postgresql';
import { Learner } from './learner.entity';
import { StatusChange } from './status-change.entity';
import { EnrollmentStatus, StatusChangeSource } from './enrollment-status';
import type { CreateLearnerArgs, LearnerFilter, UpdateLearnerArgs } from './learner.inputs';
import { Role, User } from '../users/user.entity';
import { UserService } from '../users/user.service';
import { isCoachOrStaff, type Viewer } from '../../auth/viewer';
import { hashPassword } from '../../auth/password';
import { badInput, forbidden, notFound } from '../../common/errors';
import { toPage, type ListArgs } from '../../common/pagination';
import { containsPattern, normalizeEmail, requireId } from '../../common/query';
import { pgArray, preparedQuery } from '../../common/sql';
import { canonicalTimeZone, moduleWeekAt } from '../../common/module-time';
import { learnerCondition } from './learner-conditions';
import { notify, statusChangeNotices } from '../notifications/notify';

/** The offset list's sortField, as SQL over learners `l` joined to their user `u`. */
const SORTABLE: Record<string, string> = {
  name: 'u.name',
  email: 'u.email',
  status: 'l.status',
  moduleStartDate: 'l.module_start_date',
  statusChangedAt: 'l.status_changed_at',
  createdAt: 'l.created_at',
};

/** The ORDER BY of an offset page (a whitelist of sortField; anything else is BAD_USER_INPUT), ties by id. */
export function learnerSort(field: string | undefined, direction: 'asc' | 'desc'): string {
  const key = field ?? 'name';
  if (!Object.hasOwn(SORTABLE, key)) throw badInput('sortField', `sortField must be one of ${Object.keys(SORTABLE).join(', ')}`);
  return `${SORTABLE[key]} ${direction}, l.id asc`;
}

/**
 * Which learners `l` a viewer's list holds, and the filter, as SQL with `?` parameters: the one rule behind the
 * offset list, its count and the learners connection (learners: themselves; a key limited to a coach: that coach's).
 */
export function learnerConditions(viewer: Viewer, given: LearnerFilter | null | undefined, now: Date): { sql: string; params: unknown[] } {
  // `filter: null` is a client's way to say "no filter", as leaving it out is.
  const filter = given ?? {};
  const and: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    and.push(sql);
    params.push(...values);
  };
  if (viewer.role === Role.LEARNER) add('l.id = ?', viewer.learnerId);
  // An API key limited to a coach reads only that coach's learners.
  if (viewer.client?.coachId) add('l.coach_id = ?', viewer.client.coachId);
  if (filter.ids) add('l.id = any(?::uuid[])', pgArray(filter.ids.map((id) => id.toLowerCase())));
  if (filter.coachId) add('l.coach_id = ?', filter.coachId.toLowerCase());
  if (filter.q?.trim()) {
    const like = containsPattern(filter.q);
    add('exists (select 1 from users qu where qu.id = l.user_id and (qu.name ilike ? or qu.email ilike ?))', like, like);
  }
  // Module week of each learner today, in that learner's own zone: set-based, no per-row work in JS.
  if (filter.moduleWeek) add(`floor(((?::timestamptz at time zone l.time_zone)::date - l.module_start_date) / 7.0) + 1 = ?`, now, filter.moduleWeek);
  let statuses = filter.status ? [filter.status] : null;
  if (filter.missingRequiredActivity !== undefined && filter.missingRequiredActivity !== null) {
    add(`(${learnerCondition('missingRequiredActivity')('l')}) = ?`, now, now, filter.missingRequiredActivity);
    // Only the statuses the evaluation covers: PAUSED, HIRED and WITHDRAWN owe nothing.
    const evaluated = [EnrollmentStatus.ENROLLED, EnrollmentStatus.AT_RISK, EnrollmentStatus.SUSPENDED];
    statuses = statuses ? evaluated.filter((s) => statuses!.includes(s)) : evaluated;
  }
  if (statuses) add('l.status = any(?::enrollment_status[])', pgArray(statuses));
  if (filter.quietInHuntr !== undefined && filter.quietInHuntr !== null) add(`(${learnerCondition('quietInHuntr')('l')}) = ?`, now, filter.quietInHuntr);
  return { sql: and.length ? and.join(' and ') : 'true', params };
}

/** Longest cohort a learner can be given (the column's length). */
export const COHORT_MAX_LENGTH = 60;

/** A cohort as given: trimmed; blank or null is none. BAD_USER_INPUT on `field` when it is longer than 60 characters. */
export function cohortOf(raw: string | null, field = 'cohort'): string | null {
  const cohort = raw?.trim() ?? '';
  if (cohort.length > COHORT_MAX_LENGTH) throw badInput(field, `${field} must be at most ${COHORT_MAX_LENGTH} characters (it has ${cohort.length})`);
  return cohort || null;
}

const EARLIEST_START = '2000-01-01';
const LATEST_START = '2100-12-31';

/** The one rule for reading a learner's data: coaches and staff read all; a learner only their own. */
export function assertCanReadLearner(viewer: Viewer, learnerId: string): void {
  if (viewer.role === Role.LEARNER && viewer.learnerId !== learnerId) {
    throw forbidden('Learners can only see their own record');
  }
}

/** Learners and their enrollment status. A learner viewer only ever reaches their own record. */
export class LearnerService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  private assertCanRead(viewer: Viewer, learnerId: string): void {
    assertCanReadLearner(viewer, learnerId);
  }

  /** field: the argument that named the learner, reported with BAD_USER_INPUT and NOT_FOUND. */
  async get(viewer: Viewer, rawId: string, field = 'id'): Promise<Learner> {
    const id = requireId(rawId, field);
    this.assertCanRead(viewer, id);
    const learner = await this.em.findOne(Learner, { id }, { populate: ['user', 'coach'] });
    if (!learner || (viewer.client?.coachId && learner.coach.id !== viewer.client.coachId)) throw notFound('learner', id, field);
    return learner;
  }

  /** One statement for the page's ids (learnerConditions, LEARNER_SORT), one for the learners with their user and coach. */
  async list(viewer: Viewer, args: ListArgs, filter?: LearnerFilter): Promise<Learner[]> {
    const page = toPage(args);
    const where = learnerConditions(viewer, filter, this.now());
    const rows = await preparedQuery<{ id: string }>(
      this.em,
      `select l.id from learners l join users u on u.id = l.user_id where ${where.sql} order by ${learnerSort(args.sortField, page.direction)} limit ? offset ?`,
      [...where.params, page.limit, page.offset],
    );
    if (!rows.length) return [];
    const found = await this.em.find(Learner, { id: { $in: rows.map((r) => r.id) } }, { populate: ['user', 'coach'] });
    const byId = new Map(found.map((l) => [l.id, l]));
    return rows.map((r) => byId.get(r.id)!).filter(Boolean);
  }

  async count(viewer: Viewer, filter?: LearnerFilter): Promise<number> {
    const where = learnerConditions(viewer, filter, this.now());
    const [row] = await this.em.execute<{ n: number }[]>(`select count(*)::int as n from learners l where ${where.sql}`, where.params);
    return row.n;
  }

  private async requireCoach(em: EntityManager, coachId: string): Promise<User> {
    const coach = await em.findOne(User, { id: requireId(coachId, 'coachId') });
    if (!coach) throw notFound('coach', coachId, 'coachId');
    if (coach.role !== Role.COACH || !coach.active) throw badInput('coachId', `${coach.name} is not an active coach`);
    return coach;
  }

  private checkStartDate(date: string): void {
    if (date < EARLIEST_START || date > LATEST_START) {
      throw badInput('moduleStartDate', `moduleStartDate must be between ${EARLIEST_START} and ${LATEST_START}`);
    }
  }

  /** Creates the learner's login and learner record, with the first history row, in one transaction. */
  async create(viewer: Viewer, args: CreateLearnerArgs): Promise<Learner> {
    this.checkStartDate(args.moduleStartDate);
    const cohort = cohortOf(args.cohort ?? null);
    // As on updateLearner: cohorts shape the program's reports, so staff name them (a coach may send none, or blank).
    if (cohort !== null && viewer.role !== Role.STAFF) throw forbidden("Only staff set a learner's cohort");
    const email = normalizeEmail(args.email);
    const passwordHash = args.password ? await hashPassword(args.password) : null;
    return this.em.transactional(async (em) => {
      const coach = await this.requireCoach(em, args.coachId);
      await new UserService(em).assertEmailFree(email);
      const timeZone = canonicalTimeZone(args.timeZone);
      const now = this.now();
      const user = em.create(User, { email, name: args.name.trim(), role: Role.LEARNER, timeZone, passwordHash, active: true });
      const learner = em.create(Learner, {
        user,
        coach,
        timeZone,
        moduleStartDate: args.moduleStartDate,
        judgeFromWeek: args.judgeFromWeek ?? null,
        cohort,
        status: EnrollmentStatus.ENROLLED,
        statusChangedAt: now,
        createdAt: now,
      });
      em.create(StatusChange, {
        learner,
        fromStatus: null,
        toStatus: EnrollmentStatus.ENROLLED,
        reason: 'Enrolled in the advanced job-searching module',
        source: StatusChangeSource.ENROLLMENT,
        changedBy: em.getReference(User, viewer.userId),
        moduleWeek: moduleWeekAt(args.moduleStartDate, timeZone, now),
        createdAt: now,
      });
      return learner;
    });
  }

  async update(viewer: Viewer, args: UpdateLearnerArgs): Promise<Learner> {
    if (args.moduleStartDate) this.checkStartDate(args.moduleStartDate);
    const cohort = args.cohort === undefined ? undefined : cohortOf(args.cohort);
    return this.em.transactional(async (em) => {
      const learner = await new LearnerService(em, this.now).get(viewer, args.id);
      if (cohort !== undefined && cohort !== (learner.cohort ?? null)) {
        // Cohorts shape the program's reports: staff set them (the console sends an unchanged value back, which is fine).
        if (viewer.role !== Role.STAFF) throw forbidden("Only staff set a learner's cohort");
        learner.cohort = cohort;
      }
      const user = learner.user.getEntity();
      if (args.coachId) learner.coach = ref(await this.requireCoach(em, args.coachId));
      if (args.email) {
        const email = normalizeEmail(args.email);
        await new UserService(em).assertEmailFree(email, user.id);
        user.email = email;
      }
      if (args.name) user.name = args.name.trim();
      if (args.timeZone) learner.timeZone = user.timeZone = canonicalTimeZone(args.timeZone);
      if (args.moduleStartDate) learner.moduleStartDate = args.moduleStartDate;
      return learner;
    });
  }

  /**
   * Changes the viewer's own name or time zone (anyone signed in, learners included), checked as the staff path
   * checks them; a learner's time zone is their learner record's too (their days and module weeks are counted in it).
   */
  async updateOwnProfile(viewer: Viewer, changes: { name?: string; timeZone?: string }): Promise<User> {
    return this.em.transactional(async (em) => {
      const user = await em.findOneOrFail(User, { id: viewer.userId });
      if (changes.name) user.name = changes.name.trim();
      if (changes.timeZone) {
        user.timeZone = canonicalTimeZone(changes.timeZone);
        if (viewer.learnerId) await em.nativeUpdate(Learner, { id: viewer.learnerId }, { timeZone: user.timeZone });
      }
      return user;
    });
  }

  /**
   * Sets the status of one or more learners by hand, with a reason, writing one history row each,
   * all in one transaction with the rows locked (a concurrent change waits, then sees the new status).
   * With skipUnchanged, learners already in the status are left alone; otherwise that is an error.
   */
  async setStatus(
    viewer: Viewer,
    learnerIds: string[],
    status: EnrollmentStatus,
    reason: string,
    opts: { skipUnchanged: boolean },
  ): Promise<Learner[]> {
    if (!isCoachOrStaff(viewer)) throw forbidden('Only coaches and staff change enrollment status');
    const ids = [...new Set(learnerIds.map((id) => requireId(id, 'learnerIds')))];
    const text = reason.trim();
    if (!text) throw badInput('reason', 'reason must not be empty');
    return this.em.transactional(async (em) => {
      const learners = await em.find(Learner, { id: { $in: ids } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const missing = ids.filter((id) => !learners.some((l) => l.id === id));
      if (missing.length) throw notFound('learner', missing.join(', '), opts.skipUnchanged ? 'learnerIds' : 'learnerId');
      const now = this.now();
      const changed: { learner: Learner; from: EnrollmentStatus }[] = [];
      for (const learner of learners) {
        if (learner.status === status) {
          if (opts.skipUnchanged) continue;
          throw badInput('status', `The learner is already ${status}`);
        }
        changed.push({ learner, from: learner.status });
        em.create(StatusChange, {
          learner,
          fromStatus: learner.status,
          toStatus: status,
          reason: text,
          source: StatusChangeSource.MANUAL,
          changedBy: em.getReference(User, viewer.userId),
          moduleWeek: moduleWeekAt(learner.moduleStartDate, learner.timeZone, now),
          createdAt: now,
        });
        learner.status = status;
        learner.statusChangedAt = now;
      }
      await em.flush();
      await em.populate(learners, ['user', 'coach']);
      await notify(
        em,
        now,
        statusChangeNotices(
          changed.map(({ learner, from }) => ({
            learnerId: learner.id,
            learnerUserId: learner.user.id,
            learnerName: learner.user.getEntity().name,
            coachId: learner.coach.id,
            from,
            to: status,
            reason: text,
          })),
        ),
      );
      const byId = new Map(learners.map((l) => [l.id, l]));
      return ids.map((id) => byId.get(id)!);
    });
  }
}
