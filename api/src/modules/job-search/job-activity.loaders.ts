import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../../common/sql';
import { JobActivity } from './job-activity.entity';

/** Per-request batching of job activity and Huntr freshness across learners. */
export function createJobSearchLoaders(em: EntityManager, now: () => Date) {
  return {
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
  };
}
