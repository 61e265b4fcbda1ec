import type { EntityManager } from '@mikro-orm/postgresql';
import { CoachAlert, JobActivity, JobActivitySource } from './job-activity.entity';
import type { RecordJobActivityInput, UpdateJobActivityInput } from './job-activity.inputs';
import { retryKeptActions } from './huntr';
import { LearnerService } from '../learners/learner.service';
import { Role, User } from '../users/user.entity';
import { isStaff, type Viewer } from '../../auth/viewer';
import { badInput, forbidden, notFound } from '../../common/errors';
import { normalizeEmail, requireId } from '../../common/query';

/**
 * Which alerts `c` a viewer sees, as SQL with `?` parameters: a coach their own learners', staff everyone's; only
 * open ones when asked. The one rule behind coachAlerts (coach-alert.read.ts).
 */
export function alertConditions(viewer: Viewer, openOnly: boolean): { sql: string; params: unknown[] } {
  const and: string[] = [];
  const params: unknown[] = [];
  if (viewer.role === Role.COACH) and.push('c.coach_id = ?::uuid'), params.push(viewer.userId);
  if (openOnly) and.push('c.resolved_at is null');
  return { sql: and.length ? and.join(' and ') : 'true', params };
}

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

  async resolveAlert(viewer: Viewer, rawId: string): Promise<CoachAlert> {
    const id = requireId(rawId);
    const alert = await this.em.findOne(CoachAlert, { id });
    if (!alert) throw notFound('alert', id);
    if (alert.coach.id !== viewer.userId && !isStaff(viewer)) throw forbidden("Only the learner's coach or staff handle this alert");
    alert.resolvedAt ??= this.now();
    await this.em.flush();
    return alert;
  }

  /** Huntr members whose email matches no learner, with how many of their actions are kept for them. */
  unmatched(): Promise<{ email: string; actions: number; lastReceivedAt: Date }[]> {
    return this.em
      .execute<{ email: string; actions: number; last: Date }[]>(
        `select member_email as email, count(*)::int as actions, max(arrived_at) as last from huntr_kept_actions
         where reason = 'UNKNOWN_MEMBER' and member_email is not null group by member_email order by max(arrived_at) desc limit 500`,
      )
      .then((rows) => rows.map((r) => ({ email: r.email, actions: r.actions, lastReceivedAt: new Date(r.last) })));
  }

  /** Ties a Huntr member email to a learner and applies the actions kept for it; returns how many were taken in. */
  async resolveMember(viewer: Viewer, rawEmail: string, learnerId: string): Promise<number> {
    if (!isStaff(viewer)) throw forbidden('Only staff resolve Huntr members');
    const email = normalizeEmail(rawEmail);
    const learner = await new LearnerService(this.em, this.now).get(viewer, learnerId, 'learnerId');
    await this.em.execute(
      `insert into huntr_member_aliases (email, learner_id, created_at) values (?, ?, ?) on conflict (email) do update set learner_id = excluded.learner_id`,
      [email, learner.id, this.now()],
    );
    return (await retryKeptActions(this.em, this.now(), email)).applied;
  }
}

/** A Huntr action kept aside, as staff see it. */
export interface KeptHuntrActionRow {
  id: string;
  actionType: string;
  memberEmail: string | null;
  reason: string;
  detail: string;
  source: string;
  rawBody: string;
  arrivedAt: Date;
  lastTriedAt: Date;
  attempts: number;
}

/** The Huntr integration's state for staff: deliveries, the pull-sync, and what waits for a mapping. Five statements. */
export async function huntrIntegrationState(em: EntityManager, first: number) {
  const [[state], [delivery], kept, [count]] = await Promise.all([
    em.execute<{ last_run_at: Date | null; last_success_at: Date | null; last_error: string | null; last_pulled: number; last_applied: number; last_kept: number; members: number; synced_through: Date | null }[]>(
      `select * from huntr_sync_state where id = 'actions'`,
    ),
    em.execute<{ at: Date | null }[]>(
      `select greatest((select max(arrived_at) from huntr_actions where source = 'WEBHOOK'), (select max(arrived_at) from huntr_kept_actions where source = 'WEBHOOK')) as at`,
    ),
    em.execute<{ id: string; action_type: string; member_email: string | null; reason: string; detail: string; source: string; raw_body: string; arrived_at: Date; last_tried_at: Date; attempts: number }[]>(
      `select * from huntr_kept_actions order by arrived_at desc, id limit ?`,
      [first],
    ),
    em.execute<{ n: number }[]>(`select count(*)::int as n from huntr_kept_actions`),
  ]);
  const date = (d: Date | null | undefined) => (d ? new Date(d) : null);
  return {
    lastDeliveryAt: date(delivery?.at),
    lastSyncRunAt: date(state?.last_run_at),
    lastSyncSucceededAt: date(state?.last_success_at),
    lastSyncError: state?.last_error ?? null,
    lastSyncPulled: state?.last_pulled ?? 0,
    lastSyncApplied: state?.last_applied ?? 0,
    lastSyncKept: state?.last_kept ?? 0,
    syncedThrough: date(state?.synced_through),
    huntrMembers: state?.members ?? 0,
    keptActionCount: count?.n ?? 0,
    keptActions: kept.map(
      (r): KeptHuntrActionRow => ({
        id: r.id,
        actionType: r.action_type,
        memberEmail: r.member_email,
        reason: r.reason,
        detail: r.detail,
        source: r.source,
        rawBody: r.raw_body,
        arrivedAt: new Date(r.arrived_at),
        lastTriedAt: new Date(r.last_tried_at),
        attempts: r.attempts,
      }),
    ),
  };
}
