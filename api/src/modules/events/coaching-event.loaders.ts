import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../auth/viewer';
import { CoachingEventService } from './coaching-event.service';
import type { Rsvp } from './coaching-event.entity';

/** Per-request batching of seat counts and RSVPs across events. */
export function createEventLoaders(em: EntityManager, now: () => Date, viewer: () => Viewer | null) {
  return {
    eventCounts: new DataLoader<string, { seated: number; waitlisted: number }>((ids) => new CoachingEventService(em, now).counts(ids)),
    /** RSVPs per event as the viewer may see them (a learner: only their own). */
    rsvpsByEvent: new DataLoader<string, Rsvp[]>((ids) => new CoachingEventService(em, now).rsvps(viewer()!, ids)),
  };
}
