import DataLoader from 'dataloader';
import type { EntityManager, Ref } from '@mikro-orm/postgresql';
import { inMemory, type MaybePromise } from '../../read/batch';
import { Learner } from './learner.entity';
import { CoachNote } from './coach-note.entity';
import { StatusChange } from './status-change.entity';

/** Per-request batching of learners and their status history. */
export function createLearnerLoaders(em: EntityManager) {
  return {
    learnerById: new DataLoader<string, Learner | null>(async (ids) => {
      const learners = await em.find(Learner, { id: { $in: [...ids] } }, { populate: ['user'] });
      const byId = new Map(learners.map((l) => [l.id, l]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    learnerByUserId: new DataLoader<string, Learner | null>(async (userIds) => {
      const learners = await em.find(Learner, { user: { $in: [...userIds] } });
      const byUser = new Map(learners.map((l) => [l.user.id, l]));
      return userIds.map((id) => byUser.get(id) ?? null);
    }),
    coachNotesByLearner: new DataLoader<string, CoachNote[]>(async (learnerIds) => {
      const notes = await em.find(CoachNote, { learner: { $in: [...learnerIds] } }, { orderBy: { createdAt: 'desc', id: 'desc' } });
      return learnerIds.map((id) => notes.filter((n) => n.learner.id === id));
    }),
    statusHistoryByLearner: new DataLoader<string, StatusChange[]>(async (learnerIds) => {
      const rows = await em.find(StatusChange, { learner: { $in: [...learnerIds] } }, { orderBy: { seq: 'desc' }, populate: ['changedBy'] });
      const byLearner = new Map<string, StatusChange[]>(learnerIds.map((id) => [id, []]));
      for (const row of rows) byLearner.get(row.learner.id)?.push(row);
      return learnerIds.map((id) => byLearner.get(id)!);
    }),
  };
}

/** The learner behind a relation: already loaded with the row, or one batched lookup for the whole response. */
export function learnerOf(ref: Ref<Learner>, ctx: { loaders: ReturnType<typeof createLearnerLoaders> }): MaybePromise<Learner> {
  return inMemory(ref) ?? (ctx.loaders.learnerById.load(ref.id) as Promise<Learner>);
}
