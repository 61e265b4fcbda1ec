import { LockMode, ref, type EntityManager } from '@mikro-orm/postgresql';
import { Attendance, CoachingEvent, EventStatus, Rsvp, RsvpStatus } from './coaching-event.entity';
import type { CoachingEventInput, CoachingEventPatch } from './coaching-event.inputs';
import { LearnerService } from '../learners/learner.service';
import { Role, User } from '../users/user.entity';
import { assertCoachFree, lockCoachCalendar } from '../calendar/coach-calendar';
import { isStaff, type Viewer } from '../../auth/viewer';
import { badInput, conflict, forbidden, notFound } from '../../common/errors';
import { requireId } from '../../common/query';
import { pgArray } from '../../common/sql';
import { notify, type Notice } from '../notifications/notify';
import { NotificationKind } from '../notifications/notification-kind';

const MAX_RANGE_DAYS = 366;

/** Coaching events, RSVPs with a waitlist, attendance. Seat changes lock the event row, so seats never exceed capacity. */
export class CoachingEventService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  private async facilitator(em: EntityManager, rawId: string): Promise<User> {
    const id = requireId(rawId, 'input.facilitatorId');
    const coach = await em.findOne(User, { id });
    if (!coach) throw notFound('coach', id, 'input.facilitatorId');
    if (coach.role !== Role.COACH || !coach.active) throw badInput('input.facilitatorId', `${coach.name} is not an active coach`);
    return coach;
  }

  async create(viewer: Viewer, input: CoachingEventInput): Promise<CoachingEvent> {
    if (input.startsAt <= this.now()) throw badInput('input.startsAt', 'An event must start in the future');
    const endsAt = new Date(input.startsAt.getTime() + input.durationMinutes * 60_000);
    return this.em.transactional(async (em) => {
      const coach = await this.facilitator(em, input.facilitatorId);
      await lockCoachCalendar(em, coach.id);
      await assertCoachFree(em, coach.id, input.startsAt, endsAt);
      return em.create(CoachingEvent, {
        type: input.type,
        title: input.title.trim(),
        description: input.description?.trim() ?? '',
        facilitator: coach,
        startsAt: input.startsAt,
        endsAt,
        capacity: input.capacity,
        link: input.link ?? null,
        createdAt: this.now(),
        updatedAt: this.now(),
      });
    });
  }

  private async locked(em: EntityManager, rawId: string, field = 'id'): Promise<CoachingEvent> {
    const id = requireId(rawId, field);
    const event = await em.findOne(CoachingEvent, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!event) throw notFound('coaching event', id, field);
    return event;
  }

  /** Seats waitlisted learners, in order, while there are free seats; each one seated is told. */
  private async promote(em: EntityManager, event: CoachingEvent): Promise<void> {
    const promoted = await em.execute<{ user_id: string }[]>(
      `with p as (
         update event_rsvps set status = 'SEATED' where id in (
           select id from event_rsvps where event_id = ? and status = 'WAITLISTED' order by queue_seq
           limit greatest(0, ? - (select count(*) from event_rsvps where event_id = ? and status = 'SEATED')))
         returning learner_id)
       select l.user_id from p join learners l on l.id = p.learner_id`,
      [event.id, event.capacity, event.id],
    );
    const data = { eventId: event.id, title: event.title, startsAt: event.startsAt.toISOString() };
    await notify(em, this.now(), promoted.map((p) => ({ kind: NotificationKind.EVENT_OFF_WAITLIST, recipientId: p.user_id, subjectId: event.id, data })));
  }

  /** Tells everyone seated or waitlisted for the event. */
  private async tellAttendees(em: EntityManager, event: CoachingEvent, notice: (userId: string) => Notice): Promise<void> {
    const rows = await em.execute<{ user_id: string }[]>(
      `select l.user_id from event_rsvps r join learners l on l.id = r.learner_id where r.event_id = ? and r.status in ('SEATED', 'WAITLISTED')`,
      [event.id],
    );
    await notify(em, this.now(), rows.map((r) => notice(r.user_id)));
  }

  /** Reminds everyone with a seat, 24 hours before the event (once per event time). */
  async remindUpcoming(asOf: Date): Promise<number> {
    return this.em.transactional(async (em) => {
      const rows = await em.execute<{ id: string; sequence: number; title: string; starts_at: string; link: string | null; user_id: string; learner_id: string }[]>(
        `select e.id, e.sequence, e.title, e.starts_at, e.link, l.user_id, l.id as learner_id
           from coaching_events e join event_rsvps r on r.event_id = e.id and r.status = 'SEATED' join learners l on l.id = r.learner_id
          where e.status = 'SCHEDULED' and e.starts_at > ?::timestamptz + interval '23 hours' and e.starts_at <= ?::timestamptz + interval '24 hours'`,
        [asOf, asOf],
      );
      return notify(
        em,
        this.now(),
        rows.map((r) => ({
          kind: NotificationKind.EVENT_REMINDER,
          recipientId: r.user_id,
          subjectId: r.id,
          data: { eventId: r.id, title: r.title, startsAt: new Date(r.starts_at).toISOString(), joinUrl: r.link },
          dedupeKey: `event:${r.id}:${r.sequence}`,
        })),
      );
    });
  }

  async update(viewer: Viewer, rawId: string, patch: CoachingEventPatch): Promise<CoachingEvent> {
    return this.em.transactional(async (em) => {
      const event = await this.locked(em, rawId);
      if (event.status === EventStatus.CANCELLED) throw conflict('The event is cancelled', { field: 'id' });
      const startsAt = patch.startsAt ?? event.startsAt;
      const minutes = patch.durationMinutes ?? (event.endsAt.getTime() - event.startsAt.getTime()) / 60_000;
      const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
      if (patch.startsAt && patch.startsAt <= this.now()) throw badInput('patch.startsAt', 'An event must start in the future');
      const coach = patch.facilitatorId ? await this.facilitator(em, patch.facilitatorId) : await em.findOneOrFail(User, { id: event.facilitator.id });
      if (patch.startsAt || patch.durationMinutes || patch.facilitatorId) {
        await lockCoachCalendar(em, coach.id);
        await assertCoachFree(em, coach.id, startsAt, endsAt, { eventId: event.id });
      }
      if (patch.capacity !== undefined) {
        const [{ seated }] = await em.execute(`select count(*)::int as seated from event_rsvps where event_id = ? and status = 'SEATED'`, [event.id]);
        if (patch.capacity < seated) throw badInput('patch.capacity', `${seated} seats are taken; capacity cannot go below that`);
      }
      const changed = [
        ...(startsAt.getTime() !== event.startsAt.getTime() || endsAt.getTime() !== event.endsAt.getTime() ? ['time'] : []),
        ...(patch.title?.trim() && patch.title.trim() !== event.title ? ['title'] : []),
        ...(patch.link !== undefined && (patch.link || null) !== (event.link ?? null) ? ['link'] : []),
        ...(coach.id !== event.facilitator.id ? ['coach'] : []),
      ];
      Object.assign(event, {
        type: patch.type ?? event.type,
        title: patch.title?.trim() ?? event.title,
        description: patch.description?.trim() ?? event.description,
        facilitator: ref(coach),
        startsAt,
        endsAt,
        capacity: patch.capacity ?? event.capacity,
        link: patch.link === undefined ? event.link : patch.link || null,
        sequence: event.sequence + 1,
        updatedAt: this.now(),
      });
      await em.flush();
      if (changed.length) {
        const data = { eventId: event.id, title: event.title, startsAt: event.startsAt.toISOString(), changed };
        await this.tellAttendees(em, event, (userId) => ({ kind: NotificationKind.EVENT_CHANGED, recipientId: userId, subjectId: event.id, data }));
      }
      await this.promote(em, event);
      return event;
    });
  }

  async cancel(viewer: Viewer, rawId: string, reason: string): Promise<CoachingEvent> {
    return this.em.transactional(async (em) => {
      const event = await this.locked(em, rawId);
      if (event.status === EventStatus.CANCELLED) throw conflict('The event is already cancelled', { field: 'id' });
      Object.assign(event, { status: EventStatus.CANCELLED, cancelReason: reason.trim(), sequence: event.sequence + 1, updatedAt: this.now() });
      const why = /[.!?]$/.test(reason.trim()) ? reason.trim() : `${reason.trim()}.`;
      const data = { eventId: event.id, title: event.title, startsAt: event.startsAt.toISOString(), reason: why };
      await this.tellAttendees(em, event, (userId) => ({ kind: NotificationKind.EVENT_CANCELLED, recipientId: userId, subjectId: event.id, data }));
      return event;
    });
  }

  get(rawId: string): Promise<CoachingEvent> {
    const id = requireId(rawId);
    return this.em.findOne(CoachingEvent, { id }, { populate: ['facilitator'] }).then((e) => {
      if (!e) throw notFound('coaching event', id);
      return e;
    });
  }

  /** Events starting in [from, to), cancelled ones included (their status says so), by start. */
  upcoming(from: Date, to: Date): Promise<CoachingEvent[]> {
    if (to <= from) throw badInput('to', 'to must be after from');
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) throw badInput('to', `The range may span at most ${MAX_RANGE_DAYS} days`);
    return this.em.find(CoachingEvent, { startsAt: { $gte: from, $lt: to } }, { orderBy: { startsAt: 'asc', id: 'asc' }, populate: ['facilitator'] });
  }

  /**
   * A seat while the event has capacity, otherwise the next waitlist place. Asking again while seated or
   * waitlisted changes nothing (one seat per learner); after withdrawing, the learner queues again at the back.
   */
  async rsvp(viewer: Viewer, rawEventId: string, learnerId: string): Promise<Rsvp> {
    return this.em.transactional(async (em) => {
      const learner = await new LearnerService(em, this.now).get(viewer, learnerId, 'learnerId');
      const event = await this.locked(em, rawEventId, 'eventId');
      if (event.status === EventStatus.CANCELLED) throw conflict('The event is cancelled', { field: 'eventId' });
      if (event.startsAt <= this.now()) throw conflict('The event has already started', { field: 'eventId' });
      const existing = await em.findOne(Rsvp, { event: event.id, learner: learner.id });
      if (existing && existing.status !== RsvpStatus.CANCELLED) return existing;
      const [{ seated }] = await em.execute(`select count(*)::int as seated from event_rsvps where event_id = ? and status = 'SEATED'`, [event.id]);
      const status = seated < event.capacity ? RsvpStatus.SEATED : RsvpStatus.WAITLISTED;
      await em.execute(
        `insert into event_rsvps (id, event_id, learner_id, status, queued_at) values (gen_random_uuid(), ?, ?, ?, ?)
         on conflict (event_id, learner_id) do update set status = excluded.status, queued_at = excluded.queued_at,
           queue_seq = nextval(pg_get_serial_sequence('event_rsvps', 'queue_seq')), attendance = null`,
        [event.id, learner.id, status, this.now()],
      );
      const rsvp = await em.findOneOrFail(Rsvp, { event: event.id, learner: learner.id }, { refresh: true });
      const data = { eventId: event.id, title: event.title, startsAt: event.startsAt.toISOString() };
      if (status === RsvpStatus.SEATED) {
        await notify(em, this.now(), [{ kind: NotificationKind.EVENT_SEAT_CONFIRMED, recipientId: learner.user.id, subjectId: event.id, data }]);
      } else {
        const [{ position }] = await em.execute<{ position: number }[]>(
          `select count(*)::int as position from event_rsvps where event_id = ? and status = 'WAITLISTED' and queue_seq <= (select queue_seq from event_rsvps where id = ?)`,
          [event.id, rsvp.id],
        );
        await notify(em, this.now(), [{ kind: NotificationKind.EVENT_WAITLISTED, recipientId: learner.user.id, subjectId: event.id, data: { ...data, position } }]);
      }
      return rsvp;
    });
  }

  /** Withdraws; a freed seat goes to the first learner on the waitlist. */
  async cancelRsvp(viewer: Viewer, rawEventId: string, learnerId: string): Promise<Rsvp> {
    return this.em.transactional(async (em) => {
      const learner = await new LearnerService(em, this.now).get(viewer, learnerId, 'learnerId');
      const event = await this.locked(em, rawEventId, 'eventId');
      const rsvp = await em.findOne(Rsvp, { event: event.id, learner: learner.id });
      if (!rsvp || rsvp.status === RsvpStatus.CANCELLED) throw notFound('RSVP of this learner for event', event.id, 'eventId');
      if (event.startsAt <= this.now()) throw conflict('The event has already started', { field: 'eventId' });
      rsvp.status = RsvpStatus.CANCELLED;
      await em.flush();
      await this.promote(em, event);
      return rsvp;
    });
  }

  /** The facilitator or staff, once the event has started; only for learners who had a seat. */
  async recordAttendance(viewer: Viewer, rawEventId: string, learnerIds: string[], attendance: Attendance): Promise<Rsvp[]> {
    const ids = [...new Set(learnerIds.map((id) => requireId(id, 'learnerIds')))];
    return this.em.transactional(async (em) => {
      const event = await this.locked(em, rawEventId, 'eventId');
      if (event.facilitator.id !== viewer.userId && !isStaff(viewer)) throw forbidden('Only the facilitator or staff record attendance');
      if (event.startsAt > this.now()) throw conflict('The event has not started yet', { field: 'eventId' });
      const rsvps = await em.find(Rsvp, { event: event.id, learner: { $in: ids }, status: RsvpStatus.SEATED });
      const missing = ids.filter((id) => !rsvps.some((r) => r.learner.id === id));
      if (missing.length) throw badInput('learnerIds', `No seat at this event for ${missing.join(', ')}`);
      for (const r of rsvps) r.attendance = attendance;
      return rsvps;
    });
  }

  /** Seats taken and waitlist length of each event, one statement. */
  async counts(eventIds: readonly string[]): Promise<{ seated: number; waitlisted: number }[]> {
    const rows = await this.em.execute<{ event_id: string; seated: number; waitlisted: number }[]>(
      `select event_id, count(*) filter (where status = 'SEATED')::int as seated, count(*) filter (where status = 'WAITLISTED')::int as waitlisted
       from event_rsvps where event_id = any(?::uuid[]) group by event_id`,
      [pgArray(eventIds)],
    );
    const byId = new Map(rows.map((r) => [r.event_id, r]));
    return eventIds.map((id) => ({ seated: byId.get(id)?.seated ?? 0, waitlisted: byId.get(id)?.waitlisted ?? 0 }));
  }

  /** RSVPs of each event: everyone's (coaches, staff) or only the viewer's own (learners); waitlist in order. */
  async rsvps(viewer: Viewer, eventIds: readonly string[]): Promise<Rsvp[][]> {
    const where: Record<string, unknown> = { event: { $in: [...eventIds] } };
    if (viewer.role === Role.LEARNER) where.learner = viewer.learnerId;
    const rows = await this.em.find(Rsvp, where, { orderBy: { queueSeq: 'asc' }, populate: ['learner.user'] });
    const byEvent = new Map<string, Rsvp[]>(eventIds.map((id) => [id, []]));
    for (const r of rows) byEvent.get(r.event.id)?.push(r);
    return eventIds.map((id) => byEvent.get(id)!);
  }
}
