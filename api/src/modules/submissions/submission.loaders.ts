import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Submission } from './submission.entity';
import { Feedback } from './feedback.entity';

/** Per-request batching of submissions, their versions and their feedback. */
export function createSubmissionLoaders(em: EntityManager) {
  return {
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
  };
}
