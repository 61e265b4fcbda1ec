import DataLoader from 'dataloader';
import { type EntityManager, type Ref } from '@mikro-orm/postgresql';
import { User } from './modules/users/user.entity';
import { StatusChange } from './modules/learners/status-change.entity';
import { Learner } from './modules/learners/learner.entity';
import { ScheduleService } from './modules/schedule/schedule.service';
import type { ScheduleActivity } from './modules/schedule/schedule-activity.entity';
import { Submission } from './modules/submissions/submission.entity';
import { Feedback } from './modules/submissions/feedback.entity';
import { CoachingEventService } from './modules/events/coaching-event.service';
import type { Rsvp } from './modules/events/coaching-event.entity';
import type { Viewer } from './auth/viewer';
import { MeetingChange } from './modules/meetings/meeting.entity';
import { JobActivity } from './modules/job-search/job-activity.entity';
import { ComplianceService } from './modules/compliance/compliance.service';
import type { RequiredActivityStatus } from './modules/compliance/compliance.types';
import type { ComplianceEvaluation } from './modules/compliance/compliance-evaluation.entity';
import { pgArray } from './common/sql';
import { createReadBatch, inMemory, type MaybePromise } from './read/batch';

/** Per-request batching: each loader turns N lookups made while resolving one response into one query. */
export function createLoaders(em: EntityManager, now: () => Date, viewer: () => Viewer | null = () => null) {
  const loaders = {
    userById: new DataLoader<string, User | null>(async (ids) => {
      const users = await em.find(User, { id: { $in: [...ids] } });
      const byId = new Map(users.map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    learnerById: new DataLoader<string, Learner | null>(async (ids) => {
      const learners = await em.find(Learner, { id: { $in: [...ids] } }, { populate: ['user'] });
      const byId = new Map(learners.map((l) => [l.id, l]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    activitiesByBlock: new DataLoader<string, ScheduleActivity[]>((blockIds) => new ScheduleService(em, now).activitiesOf(blockIds)),
    /** Keyed "learnerId:moduleWeek". */
    requiredActivities: new DataLoader<string, RequiredActivityStatus[]>((keys) =>
      new ComplianceService(em, now).statusFor(keys.map((k) => ({ learnerId: k.split(':')[0], week: Number(k.split(':')[1]) }))),
    ),
    complianceHistory: new DataLoader<string, ComplianceEvaluation[]>((learnerIds) => new ComplianceService(em, now).historyFor(learnerIds)),
    submissionById: new DataLoader<string, Submission | null>(async (ids) => {
      const rows = await em.find(Submission, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    resubmissionOf: new DataLoader<string, Submission | null>(async (ids) => {
      const rows = await em.find(Submission, { previous: { $in: [...ids] } });
      const byPrevious = new Map(rows.map((r) => [r.previous!.id, r]));
      return ids.map((id) => byPrevious.get(id) ?? null);
    }),
    /** Every revision of each submission's feedback, newest first, author joined. */
    feedbackBySubmission: new DataLoader<string, Feedback[]>(async (ids) => {
      const rows = await em.find(Feedback, { submission: { $in: [...ids] } }, { orderBy: { revision: 'desc' }, populate: ['author'] });
      const bySubmission = new Map<string, Feedback[]>(ids.map((id) => [id, []]));
      for (const row of rows) bySubmission.get(row.submission.id)?.push(row);
      return ids.map((id) => bySubmission.get(id)!);
    }),
    /** The active coach with the fewest submissions in review (one key: the answer is the same for every row). */
    lightestCoach: new DataLoader<string, User | null>(async (keys) => {
      const [row] = await em.execute<{ id: string }[]>(
        `select u.id from users u left join submissions s on s.claimed_by_id = u.id and s.status = 'IN_REVIEW'
         where u.role = 'COACH' and u.active group by u.id, u.name order by count(s.id), u.name, u.id limit 1`,
      );
      const coach = row ? await em.findOne(User, { id: row.id }) : null;
      return keys.map(() => coach);
    }),
    /** Each learner's submissions, newest first. */
    submissionsByLearner: new DataLoader<string, Submission[]>(async (learnerIds) => {
      const rows = await em.find(Submission, { learner: { $in: [...learnerIds] } }, { orderBy: { submittedAt: 'desc', id: 'asc' } });
      const byLearner = new Map<string, Submission[]>(learnerIds.map((id) => [id, []]));
      for (const row of rows) byLearner.get(row.learner.id)?.push(row);
      return learnerIds.map((id) => byLearner.get(id)!);
    }),
    eventCounts: new DataLoader<string, { seated: number; waitlisted: number }>((ids) => new CoachingEventService(em, now).counts(ids)),
    /** RSVPs per event as the viewer may see them (a learner: only their own). */
    rsvpsByEvent: new DataLoader<string, Rsvp[]>((ids) => new CoachingEventService(em, now).rsvps(viewer()!, ids)),
    /** Each meeting's changes, oldest first, author joined. */
    meetingHistory: new DataLoader<string, MeetingChange[]>(async (ids) => {
      const rows = await em.find(MeetingChange, { meeting: { $in: [...ids] } }, { orderBy: { seq: 'asc' }, populate: ['changedBy'] });
      const byMeeting = new Map<string, MeetingChange[]>(ids.map((id) => [id, []]));
      for (const row of rows) byMeeting.get(row.meeting.id)?.push(row);
      return ids.map((id) => byMeeting.get(id)!);
    }),
    /** Keyed "learnerId:days": each learner's job activity in the window, newest first. */
    jobActivities: new DataLoader<string, JobActivity[]>(async (keys) => {
      const ids = [...new Set(keys.map((k) => k.split(':')[0]))];
      const maxDays = Math.max(...keys.map((k) => Number(k.split(':')[1])));
      const rows = await em.find(
        JobActivity,
        { learner: { $in: ids }, occurredAt: { $gte: new Date(now().getTime() - maxDays * 86_400_000) } },
        { orderBy: { occurredAt: 'desc', id: 'asc' } },
      );
      return keys.map((k) => {
        const [id, days] = k.split(':');
        const since = now().getTime() - Number(days) * 86_400_000;
        return rows.filter((r) => r.learner.id === id && r.occurredAt.getTime() >= since);
      });
    }),
    lastHuntrActionAt: new DataLoader<string, Date | null>(async (ids) => {
      const rows = await em.execute<{ learner_id: string; at: Date }[]>(
        `select learner_id, max(received_at) as at from huntr_actions where learner_id = any(?::uuid[]) group by learner_id`,
        [pgArray(ids)],
      );
      const byId = new Map(rows.map((r) => [r.learner_id, new Date(r.at)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    learnerByUserId: new DataLoader<string, Learner | null>(async (userIds) => {
      const learners = await em.find(Learner, { user: { $in: [...userIds] } });
      const byUser = new Map(learners.map((l) => [l.user.id, l]));
      return userIds.map((id) => byUser.get(id) ?? null);
    }),
    statusHistoryByLearner: new DataLoader<string, StatusChange[]>(async (learnerIds) => {
      const rows = await em.find(
        StatusChange,
        { learner: { $in: [...learnerIds] } },
        { orderBy: { seq: 'desc' }, populate: ['changedBy'] },
      );
      const byLearner = new Map<string, StatusChange[]>(learnerIds.map((id) => [id, []]));
      for (const row of rows) byLearner.get(row.learner.id)?.push(row);
      return learnerIds.map((id) => byLearner.get(id)!);
    }),
  };
  const read = createReadBatch(em, now, viewer);
  return {
    ...loaders,
    /** Declared fields of read types (read/declare.ts), batched per level. */
    read,
    /** After a write: later fields of the same request (e.g. a second mutation) must not see cached rows. */
    clearAll(): void {
      for (const loader of Object.values(loaders)) loader.clearAll();
      read.clearAll();
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** The user behind a relation: already loaded with the row (returned at once), or one batched lookup for the whole response. */
export function userOf(ref: Ref<User>, ctx: { loaders: Loaders }): MaybePromise<User> {
  return inMemory(ref) ?? (ctx.loaders.userById.load(ref.id) as Promise<User>);
}

/** The learner behind a relation, the same way. */
export function learnerOf(ref: Ref<Learner>, ctx: { loaders: Loaders }): MaybePromise<Learner> {
  return inMemory(ref) ?? (ctx.loaders.learnerById.load(ref.id) as Promise<Learner>);
}
