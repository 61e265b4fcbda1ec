import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Submission } from './submission.entity';
import { Feedback } from './feedback.entity';
import { ReviewTarget } from './review-target.entity';
import { FeedbackDecision, SubmissionStatus } from './submission-status';
import type { SubmissionKind } from './submission-kind';
import type { FeedbackArgs, SubmissionFilter } from './review.inputs';
import { Role, User } from '../users/user.entity';
import { isStaff, type Viewer } from '../../auth/viewer';
import { AppError, badInput, conflict, forbidden, notFound } from '../../common/errors';
import { requireId } from '../../common/query';
import { pgArray, preparedQuery } from '../../common/sql';
import { toPage, type ListArgs, type Page } from '../../common/pagination';
import { Learner } from '../learners/learner.entity';
import { notify } from '../notifications/notify';
import { NotificationKind } from '../notifications/notification-kind';
import { dueAtSql, nearBreachSql } from './review.sql';
import { breachedSql, claimableSql, claimLapsesAtSql, openToAllSql } from './review.sql';

const OPEN = [SubmissionStatus.SUBMITTED, SubmissionStatus.IN_REVIEW];

/** A submission's kind as a learner says it ("your weekly retrospective"). */
const KIND_WORDS: Record<string, string> = {
  SMART_GOALS: 'SMART goals',
  JOB_SEARCH_ANALYSIS: 'job-search analysis',
  WEEKLY_RETROSPECTIVE: 'weekly retrospective',
  APPLICATION_MATERIAL: 'application material',
};

const SORTABLE: Record<string, string> = { submittedAt: 's.submitted_at', kind: 's.kind', status: 's.status', reviewedAt: 's.reviewed_at' };

/** The column a client's sortField names (a whitelist; anything else is BAD_USER_INPUT). */
function sortColumn(field: string | undefined): string {
  const column = SORTABLE[field ?? 'submittedAt'];
  if (!column || !Object.hasOwn(SORTABLE, field ?? 'submittedAt')) throw badInput('sortField', `sortField must be one of ${Object.keys(SORTABLE).join(', ')}`);
  return column;
}

/** claimableSql over `alias` with `?` placeholders, and its values in the order they appear. */
function claimable(alias: string, viewer: Viewer, now: Date): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const sql = claimableSql(alias, () => (params.push(now), '?::timestamptz'), { role: viewer.role, id: () => (params.push(viewer.userId), '?') });
  return { sql, params };
}

/**
 * The review queue: claiming (one winner), claiming the next item (skipping locked rows), releasing, reassigning,
 * feedback with stale-edit detection, and the lapse of untouched claims. Every state change bumps
 * `revision`, which clients send back with feedback.
 */
export class ReviewService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  /** SQL conditions on submissions `s` for a viewer and filter (learners: only their own; the queue: open items only). */
  where(viewer: Viewer, given?: SubmissionFilter | null, queue = false): { sql: string; params: unknown[] } {
    // `filter: null` is a client's way to say "no filter", as leaving it out is.
    const filter = given ?? {};
    const and: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      and.push(sql);
      params.push(...values);
    };
    if (viewer.role === Role.LEARNER) add('s.learner_id = ?', viewer.learnerId);
    if (queue) add(`s.status in ('SUBMITTED', 'IN_REVIEW')`);
    if (filter.statuses?.length) add('s.status = any(?::submission_status[])', pgArray(filter.statuses));
    if (filter.kind) add('s.kind = ?', filter.kind);
    if (filter.learnerId) add('s.learner_id = ?', filter.learnerId.toLowerCase());
    if (filter.coachId) add('s.assigned_coach_id = ?', filter.coachId.toLowerCase());
    if (filter.assignedToMe) add('s.assigned_coach_id = ?', viewer.userId);
    if (filter.claimedByMe) add('s.claimed_by_id = ?', viewer.userId);
    if (filter.unclaimed) add(`s.status = 'SUBMITTED'`);
    if (filter.claimableByMe) {
      const c = claimable('s', viewer, this.now());
      add(c.sql, ...c.params);
    }
    if (filter.breached !== undefined && filter.breached !== null) {
      // Breached: still waiting after its due time (open items only; a reviewed one stopped the clock).
      add(`s.status in ('SUBMITTED', 'IN_REVIEW')`);
      add(`${breachedSql('s', '?::timestamptz')} = ?`, this.now(), filter.breached);
    }
    return { sql: and.length ? and.join(' and ') : 'true', params };
  }

  private requireReviewer(viewer: Viewer): void {
    if (viewer.role !== Role.COACH && viewer.role !== Role.STAFF) throw forbidden('Only coaches and staff work the review queue');
  }

  /**
   * A page of submissions: the page's ids in its order (one statement), then the entities with their learner,
   * login and coaches (one more). The queue (queue = true) holds open items only and always runs oldest waiting
   * first. Documents that compile never come here (read/plugin.ts).
   */
  async list(viewer: Viewer, args: ListArgs, filter: SubmissionFilter | undefined, queue: boolean): Promise<Submission[]> {
    const { where, order, page } = this.listPlan(viewer, args, filter, queue);
    const rows = await preparedQuery<{ id: string }>(
      this.em,
      `select s.id from submissions s where ${where.sql} order by ${order} limit ? offset ?`,
      [...where.params, page.limit, page.offset],
    );
    if (!rows.length) return [];
    const found = await this.em.find(Submission, { id: { $in: rows.map((r) => r.id) } }, { populate: ['learner.user', 'assignedCoach', 'claimedBy'] });
    const byId = new Map(found.map((f) => [f.id, f]));
    return rows.map((r) => byId.get(r.id)!).filter(Boolean);
  }

  /**
   * Which submissions a list holds and in what order, as SQL over submissions `s` (shared by list() and the
   * compiled read of the queue): the viewer's visibility, the filter, the sort and the page.
   */
  listPlan(viewer: Viewer, args: ListArgs, filter: SubmissionFilter | undefined, queue: boolean): { where: { sql: string; params: unknown[] }; order: string; page: Page } {
    if (queue) this.requireReviewer(viewer);
    const page = toPage(args);
    const where = this.where(viewer, filter, queue);
    const order = queue ? 's.submitted_at asc, s.id asc' : `${sortColumn(args.sortField)} ${args.sortField ? page.direction : 'desc'}, s.id asc`;
    return { where, order, page };
  }

  async count(viewer: Viewer, filter: SubmissionFilter | undefined, queue: boolean): Promise<number> {
    if (queue) this.requireReviewer(viewer);
    const where = this.where(viewer, filter, queue);
    const [row] = await this.em.execute<{ n: number }[]>(`select count(*)::int as n from submissions s where ${where.sql}`, where.params);
    return row.n;
  }

  async get(viewer: Viewer, rawId: string, field = 'id'): Promise<Submission> {
    const id = requireId(rawId, field);
    const submission = await this.em.findOne(Submission, { id }, { populate: ['learner.user', 'assignedCoach', 'claimedBy'] });
    if (!submission) throw notFound('submission', id, field);
    if (viewer.role === Role.LEARNER && submission.learner.id !== viewer.learnerId) throw forbidden('Learners can only see their own submissions');
    return submission;
  }

  /** Open, unclaimed and breached counts and the oldest waiting submission, in one statement. */
  async summary(viewer: Viewer, mine: boolean): Promise<{ open: number; unclaimed: number; inReview: number; breached: number; oldestSubmittedAt: Date | null }> {
    this.requireReviewer(viewer);
    const [row] = await this.em.execute(
      `select count(*)::int as open,
              count(*) filter (where s.status = 'SUBMITTED')::int as unclaimed,
              count(*) filter (where s.status = 'IN_REVIEW')::int as in_review,
              count(*) filter (where ${breachedSql('s', '?::timestamptz')})::int as breached,
              min(s.submitted_at) as oldest
       from submissions s where s.status in ('SUBMITTED', 'IN_REVIEW') ${mine ? 'and s.assigned_coach_id = ?' : ''}`,
      mine ? [this.now().toISOString(), viewer.userId] : [this.now().toISOString()],
    );
    return { open: row.open, unclaimed: row.unclaimed, inReview: row.in_review, breached: row.breached, oldestSubmittedAt: row.oldest ? new Date(row.oldest) : null };
  }

  /** Why a claim or release found nothing to change, as the error a client should get. */
  private async explain(viewer: Viewer, id: string, action: 'claim' | 'release'): Promise<AppError | Submission> {
    const s = await this.em.fork({ keepTransactionContext: true }).findOne(Submission, { id }, { populate: ['claimedBy', 'assignedCoach'] });
    if (!s) return notFound('submission', id);
    const holder = s.claimedBy?.getEntity();
    if (s.status === SubmissionStatus.IN_REVIEW && holder) {
      if (action === 'claim' && holder.id === viewer.userId) return s;
      return conflict(`${holder.name} is reviewing this submission`, { field: 'id', claimedBy: { id: holder.id, name: holder.name } });
    }
    if (action === 'release') return conflict(`The submission is not claimed (it is ${s.status})`, { field: 'id' });
    if (s.status === SubmissionStatus.NO_REVIEW) return badInput('id', 'The learner did not ask for a review of this submission');
    if (s.status !== SubmissionStatus.SUBMITTED) return conflict(`The submission was already reviewed (${s.status})`, { field: 'id' });
    const owner = s.assignedCoach.getEntity();
    const [{ open }] = await this.em.execute<{ open: boolean }[]>(`select ${openToAllSql('s', '?::timestamptz')} as open from submissions s where s.id = ?`, [this.now(), this.now(), id]);
    if (owner.id === viewer.userId || open || isStaff(viewer)) {
      // It was someone else's when we tried and was given back since: a plain retry will do.
      return conflict('The submission changed while you claimed it; try again', { field: 'id' });
    }
    const reserved = forbidden(`This submission is in ${owner.name}'s queue until ${s.openToAllAt.toISOString()}`);
    Object.assign(reserved.extensions, { openToAllAt: s.openToAllAt.toISOString(), assignedCoach: { id: owner.id, name: owner.name } });
    return reserved;
  }

  private async reload(id: string): Promise<Submission> {
    return this.em.fork({ keepTransactionContext: true }).findOneOrFail(Submission, { id }, { populate: ['learner.user', 'assignedCoach', 'claimedBy'] });
  }

  /**
   * Claims a submission in one conditional UPDATE: of many coaches claiming at once exactly one changes the row;
   * the others get CONFLICT naming who holds it. Before openToAllAt only the assigned coach (or staff) may claim.
   */
  async claim(viewer: Viewer, rawId: string): Promise<Submission> {
    this.requireReviewer(viewer);
    const id = requireId(rawId);
    const now = this.now();
    const mayClaim = claimable('submissions', viewer, now);
    const rows = await this.em.execute(
      `update submissions set status = 'IN_REVIEW', claimed_by_id = ?, claimed_at = ?, revision = revision + 1, updated_at = ?
       where id = ? and ${mayClaim.sql} returning id`,
      [viewer.userId, now, now, id, ...mayClaim.params],
    );
    if (!rows.length) {
      const reason = await this.explain(viewer, id, 'claim');
      if (reason instanceof AppError) throw reason;
    }
    return this.reload(id);
  }

  /**
   * Claims the oldest submission this viewer may claim. The candidate row is locked with SKIP LOCKED, so
   * concurrent callers never wait for each other and never get the same item. Null when the queue is empty.
   */
  async claimNext(viewer: Viewer, kind?: SubmissionKind, assignedToMe = false): Promise<Submission | null> {
    this.requireReviewer(viewer);
    const now = this.now();
    const mayClaim = claimable('c', viewer, now);
    const rows = await this.em.execute<{ id: string }[]>(
      `update submissions set status = 'IN_REVIEW', claimed_by_id = ?, claimed_at = ?, revision = revision + 1, updated_at = ?
       where id = (
         select c.id from submissions c
         where ${mayClaim.sql} ${kind ? 'and c.kind = ?' : ''}
           ${assignedToMe ? 'and c.assigned_coach_id = ?' : ''}
         order by c.submitted_at, c.id limit 1 for update skip locked)
       returning id`,
      [viewer.userId, now, now, ...mayClaim.params, ...(kind ? [kind] : []), ...(assignedToMe ? [viewer.userId] : [])],
    );
    return rows.length ? this.reload(rows[0].id) : null;
  }

  /** Gives a claimed submission back to the queue (its claimant or staff). */
  async release(viewer: Viewer, rawId: string): Promise<Submission> {
    this.requireReviewer(viewer);
    const id = requireId(rawId);
    const rows = await this.em.execute(
      `update submissions set status = 'SUBMITTED', claimed_by_id = null, claimed_at = null, revision = revision + 1, updated_at = ?
       where id = ? and status = 'IN_REVIEW' and (claimed_by_id = ? or ?::boolean) returning id`,
      [this.now(), id, viewer.userId, isStaff(viewer)],
    );
    if (!rows.length) {
      const reason = await this.explain(viewer, id, 'release');
      throw reason instanceof AppError ? reason : conflict('The submission is not claimed', { field: 'id' });
    }
    return this.reload(id);
  }

  /** Staff hand an open submission to a coach (claimed in their name). */
  async reassign(viewer: Viewer, rawId: string, rawCoachId: string): Promise<Submission> {
    if (!isStaff(viewer)) throw forbidden('Only staff reassign submissions');
    const id = requireId(rawId);
    const coachId = requireId(rawCoachId, 'coachId');
    return this.em.transactional(async (em) => {
      const coach = await em.findOne(User, { id: coachId });
      if (!coach) throw notFound('coach', coachId, 'coachId');
      if (coach.role !== Role.COACH || !coach.active) throw badInput('coachId', `${coach.name} is not an active coach`);
      const s = await em.findOne(Submission, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!s) throw notFound('submission', id);
      if (!OPEN.includes(s.status)) throw conflict(`Only a waiting submission can be reassigned (this one is ${s.status})`, { field: 'id' });
      s.status = SubmissionStatus.IN_REVIEW;
      s.claimedBy = em.getReference(User, coach.id, { wrapped: true });
      s.claimedAt = this.now();
      s.revision += 1;
      await em.flush();
      return s;
    }).then((s) => this.reload(s.id));
  }

  /**
   * Feedback: the first on a claimed submission (by its claimant or staff), or a correction of the latest
   * (by its author or staff) as a new revision. `revision` must be the submission's current revision: if it
   * moved on since the client loaded it, CONFLICT, and nothing is written.
   */
  async giveFeedback(viewer: Viewer, args: FeedbackArgs, correction: boolean): Promise<Submission> {
    this.requireReviewer(viewer);
    const id = requireId(args.submissionId, 'submissionId');
    const body = args.body.trim();
    if (!body) throw badInput('body', 'Write the feedback for the learner');
    return this.em.transactional(async (em) => {
      const s = await em.findOne(Submission, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!s) throw notFound('submission', id, 'submissionId');
      if (s.revision !== args.revision) {
        throw conflict(`The submission changed since you loaded it (revision ${s.revision}, you sent ${args.revision}); reload and try again`, {
          field: 'revision',
          currentRevision: s.revision,
        });
      }
      const latest = await em.findOne(Feedback, { submission: s.id }, { orderBy: { revision: 'desc' }, populate: ['author'] });
      if (!correction) {
        if (s.status !== SubmissionStatus.IN_REVIEW) {
          throw conflict(s.status === SubmissionStatus.SUBMITTED ? 'Claim the submission before giving feedback' : `The submission is ${s.status}; correct the feedback instead`, { field: 'submissionId' });
        }
        if (s.claimedBy?.id !== viewer.userId && !isStaff(viewer)) throw forbidden('Only the coach who claimed the submission may review it');
      } else {
        if (!latest) throw conflict('There is no feedback to correct yet', { field: 'submissionId' });
        if (latest.author.id !== viewer.userId && !isStaff(viewer)) throw forbidden(`Only ${latest.author.getEntity().name} or staff may correct this feedback`);
        if (await em.count(Submission, { previous: s.id })) throw conflict('The learner already resubmitted; give feedback on the new version', { field: 'submissionId' });
      }
      const now = this.now();
      em.create(Feedback, {
        submission: s,
        revision: (latest?.revision ?? 0) + 1,
        decision: args.decision,
        body,
        author: em.getReference(User, viewer.userId),
        createdAt: now,
      });
      s.status = args.decision === FeedbackDecision.APPROVED ? SubmissionStatus.REVIEWED : SubmissionStatus.CHANGES_REQUESTED;
      s.reviewedAt = now;
      s.revision += 1;
      await em.flush();
      const [learner, coach] = await Promise.all([em.findOneOrFail(Learner, s.learner.id), em.findOneOrFail(User, viewer.userId)]);
      await notify(em, now, [
        {
          kind: NotificationKind.FEEDBACK_GIVEN,
          recipientId: learner.user.id,
          subjectId: s.id,
          data: { submissionId: s.id, what: KIND_WORDS[s.kind] ?? 'submission', decision: args.decision, coachName: coach.name },
        },
      ]);
      return s;
    }).then((s) => this.reload(s.id));
  }

  /**
   * Warns the coach holding each submission (its claimant, else its assigned coach) once it has less than a quarter of
   * its review target left (the job runs every 15 minutes; once per submission).
   */
  async remindNearBreach(asOf: Date): Promise<number> {
    const at = `'${asOf.toISOString()}'::timestamptz`;
    return this.em.transactional(async (em) => {
      const rows = await em.execute<{ id: string; kind: string; coach_id: string; learner_name: string; due_at: string }[]>(
        `select s.id, s.kind, coalesce(s.claimed_by_id, s.assigned_coach_id) as coach_id, u.name as learner_name, ${dueAtSql('s')} as due_at
           from submissions s join learners l on l.id = s.learner_id join users u on u.id = l.user_id
          where s.status in ('SUBMITTED', 'IN_REVIEW') and ${nearBreachSql('s', at)}`,
      );
      return notify(
        em,
        this.now(),
        rows.map((r) => ({
          kind: NotificationKind.SUBMISSION_NEAR_BREACH,
          recipientId: r.coach_id,
          subjectId: r.id,
          data: { submissionId: r.id, learnerName: r.learner_name, what: KIND_WORDS[r.kind] ?? 'submission', dueAt: new Date(r.due_at).toISOString() },
          dedupeKey: `near-breach:${r.id}`,
        })),
      );
    });
  }

  /** Puts claims untouched for 24 h back in the queue (the job's work). One statement. */
  async releaseLapsedClaims(): Promise<number> {
    const now = this.now();
    const rows = await this.em.execute(
      `update submissions set status = 'SUBMITTED', claimed_by_id = null, claimed_at = null, revision = revision + 1, updated_at = ?
       where status = 'IN_REVIEW' and ${claimLapsesAtSql('submissions')} < ? returning id`,
      [now, now],
    );
    return rows.length;
  }

  targets(): Promise<ReviewTarget[]> {
    return this.em.find(ReviewTarget, {}, { orderBy: { kind: 'asc' } });
  }

  async setTarget(viewer: Viewer, kind: SubmissionKind, hours: number): Promise<ReviewTarget> {
    if (!isStaff(viewer)) throw forbidden('Only staff set review targets');
    const target = (await this.em.findOne(ReviewTarget, { kind })) ?? this.em.create(ReviewTarget, { kind, hours });
    target.hours = hours;
    target.updatedAt = this.now();
    target.updatedBy = this.em.getReference(User, viewer.userId, { wrapped: true });
    await this.em.flush();
    return target;
  }
}
