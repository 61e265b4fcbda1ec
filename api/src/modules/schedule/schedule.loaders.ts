import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ScheduleService } from './schedule.service';
import type { ScheduleActivity } from './schedule-activity.entity';

/** Per-request batching of the schedule template's activities. */
export function createScheduleLoaders(em: EntityManager, now: () => Date) {
  return {
    activitiesByBlock: new DataLoader<string, ScheduleActivity[]>((blockIds) => new ScheduleService(em, now).activitiesOf(blockIds)),
  };
}
