import type { EntityManager } from '@mikro-orm/postgresql';
import { CoachAlert, JobActivity, JobActivitySource } from './job-activity.entity';
import type { RecordJobActivityInput, UpdateJobActivityInput } from './job-activity.inputs';
import { applyStoredActions } from './huntr';
import { LearnerService } from '../learners/learner.service';
import { Role, User } from '../users/user.entity';
import { isStaff, type Viewer } from '../../auth/viewer';
import { badInput, forbidden, notFound } from '../../common/errors';
import { normalizeEmail, requireId } from '../../common/query';

/** Applications and interviews: from Huntr, or recorded by hand; and the alerts they raise for coaches. */
export class JobActivityService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  private checkOccurredAt(at: Date): void {
    if (at > this.now()) throw badInput('input.occurredAt', 'occurredAt must not be in the future');
    if (at < new Date('2000-01-01')) throw badInput('input.occurredAt', 'occurredAt is too far in the past');
  }

  async record(viewer: Viewer, input: RecordJobActivityInput): Promise<JobActivity> {
    this.checkOccurredAt(input.occurredAt);
    const learner = await new LearnerService(this.em, this.now).get(viewer, input.learnerId, 'input.learnerId');
    const activity = this.em.create(JobActivity, {
      learner,
      kind: input.kind,
      company: input.company.trim(),
      role: input.role.trim(),
      occurredAt: input.occurredAt,
      source: JobActivitySource.MANUAL,
      note: input.note?.trim() ?? '',
      createdBy: this.em.getReference(User, viewer.userId),
      createdAt: this.now(),
      updatedAt: this.now(),
    });
    await this.em.flush();
    return activity;
  }

  /** An activity recorded by hand that the viewer may change (the learner, or a coach or staff for them). */
  private async manual(viewer: Viewer, rawId: string): Promise<JobActivity> {
    const id = requireId(rawId);
    const activity = await this.em.findOne(JobActivity, { id });
    if (!activity) throw notFound('job activity', id);
    await new LearnerService(this.em, this.now).get(viewer, activity.learner.id, 'id');
    if (activity.source !== JobActivitySource.MANUAL) throw badInput('id', `This activity came from ${activity.source}; correct it there`);
    return activity;
  }

  /** Corrects an activity recorded by hand: the fields given, checked as when it was recorded. */
  async update(viewer: Viewer, rawId: string, input: UpdateJobActivityInput): Promise<JobActivity> {
    const activity = await this.manual(viewer, rawId);
    if (input.occurredAt !== undefined && input.occurredAt !== null) {
      this.checkOccurredAt(input.occurredAt);
      activity.occurredAt = input.occurredAt;
    }
    if (input.kind) activity.kind = input.kind;
    if (input.company !== undefined && input.company !== null) activity.company = input.company.trim();
    if (input.role !== undefined && input.role !== null) activity.role = input.role.trim();
    if (input.note !== undefined && input.note !== null) activity.note = input.note.trim();
    activity.updatedAt = this.now();
    await this.em.flush();
    return activity;
  }

  /** Only activities recorded by hand can be deleted here (Huntr's are corrected in Huntr). */
  async delete(viewer: Viewer, rawId: string): Promise<JobActivity> {
    const activity = await this.manual(viewer, rawId);
    await this.em.remove(activity).flush();
    return activity;
  }

  /** Open (or all) alerts: a coach's own learners', or everyone's for staff. */
  alerts(viewer: Viewer, openOnly: boolean): Promise<CoachAlert[]> {
    const where: Record<string, unknown> = {};
    if (viewer.role === Role.COACH) where.coach = viewer.userId;
    if (openOnly) where.resolvedAt = null;
    return this.em.find(CoachAlert, where, { orderBy: { createdAt: 'desc' }, populate: ['learner.user'] });
  }

  async resolveAlert(viewer: Viewer, rawId: string): Promise<CoachAlert> {
    const id = requireId(rawId);
    const alert = await this.em.findOne(CoachAlert, { id });
    if (!alert) throw notFound('alert', id);
    if (alert.coach.id !== viewer.userId && !isStaff(viewer)) throw forbidden("Only the learner's coach or staff handle this alert");
    alert.resolvedAt ??= this.now();
    await this.em.flush();
    return alert;
  }

  /** Huntr members whose email matched no learner, with how many actions wait for them. */
  unmatched(): Promise<{ email: string; actions: number; lastReceivedAt: Date }[]> {
    return this.em
      .execute<{ email: string; actions: number; last: Date }[]>(
        `select member_email as email, count(*)::int as actions, max(received_at) as last from huntr_actions
         where outcome = 'UNMATCHED' and member_email is not null group by member_email order by max(received_at) desc limit 500`,
      )
      .then((rows) => rows.map((r) => ({ email: r.email, actions: r.actions, lastReceivedAt: new Date(r.last) })));
  }

  /** Ties a Huntr member email to a learner and applies the actions that waited for it. */
  async resolveMember(viewer: Viewer, rawEmail: string, learnerId: string): Promise<number> {
    if (!isStaff(viewer)) throw forbidden('Only staff resolve Huntr members');
    const email = normalizeEmail(rawEmail);
    const learner = await new LearnerService(this.em, this.now).get(viewer, learnerId, 'learnerId');
    await this.em.execute(
      `insert into huntr_member_aliases (email, learner_id, created_at) values (?, ?, ?) on conflict (email) do update set learner_id = excluded.learner_id`,
      [email, learner.id, this.now()],
    );
    return applyStoredActions(this.em, email, this.now());
  }
}
