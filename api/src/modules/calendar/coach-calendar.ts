import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../common/errors';

/**
 * Serialises every change to one coach's calendar (meetings scheduled, events facilitated) for the rest of the
 * transaction, so two requests can never both see a free slot and both take it.
 */
export async function lockCoachCalendar(em: EntityManager, coachId: string): Promise<void> {
  await em.execute(`select pg_advisory_xact_lock(hashtext('coach-calendar'), hashtext(?))`, [coachId]);
}

/**
 * CONFLICT naming the clash when [start, end) overlaps the coach's scheduled meetings or the scheduled events they
 * facilitate. Ranges are half-open: 10:00-10:30 and 10:30-11:00 do not overlap. Call after lockCoachCalendar.
 */
export async function assertCoachFree(
  em: EntityManager,
  coachId: string,
  start: Date,
  end: Date,
  except: { meetingId?: string; eventId?: string } = {},
): Promise<void> {
  const [clash] = await em.execute<{ kind: string; id: string; title: string; starts_at: Date; ends_at: Date }[]>(
    `select 'meeting' as kind, m.id, 'a 1:1 with ' || u.name as title, m.starts_at, m.ends_at
       from meetings m join learners l on l.id = m.learner_id join users u on u.id = l.user_id
      where m.coach_id = ? and m.status = 'SCHEDULED' and m.starts_at < ? and m.ends_at > ? and m.id <> coalesce(?::uuid, '00000000-0000-0000-0000-000000000000')
     union all
     select 'event', e.id, e.title, e.starts_at, e.ends_at from coaching_events e
      where e.facilitator_id = ? and e.status = 'SCHEDULED' and e.starts_at < ? and e.ends_at > ? and e.id <> coalesce(?::uuid, '00000000-0000-0000-0000-000000000000')
     order by starts_at limit 1`,
    [coachId, end, start, except.meetingId ?? null, coachId, end, start, except.eventId ?? null],
  );
  if (clash) {
    throw conflict(
      `The coach is busy then: ${clash.kind === 'event' ? `"${clash.title}"` : clash.title} from ${new Date(clash.starts_at).toISOString()} to ${new Date(clash.ends_at).toISOString()}`,
      { field: 'startsAt', reason: 'COACH_BUSY', clash: { kind: clash.kind.toUpperCase(), id: clash.id, title: clash.title, startsAt: new Date(clash.starts_at).toISOString(), endsAt: new Date(clash.ends_at).toISOString() } },
    );
  }
}
