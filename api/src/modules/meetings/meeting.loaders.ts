import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MeetingChange } from './meeting.entity';

/** Per-request batching of meeting histories. */
export function createMeetingLoaders(em: EntityManager) {
  return {
    /** Each meeting's changes, oldest first, author joined. */
    meetingHistory: new DataLoader<string, MeetingChange[]>(async (ids) => {
      const rows = await em.find(MeetingChange, { meeting: { $in: [...ids] } }, { orderBy: { seq: 'asc' }, populate: ['changedBy'] });
      const byMeeting = new Map<string, MeetingChange[]>(ids.map((id) => [id, []]));
      for (const row of rows) byMeeting.get(row.meeting.id)?.push(row);
      return ids.map((id) => byMeeting.get(id)!);
    }),
  };
}
