import { LockMode, ref, type EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { Meeting, MeetingChange, WorkingHours } from './meeting.entity';
import { MeetingOutcome, MeetingStatus, MeetingTopic } from './meeting.enums';
import type { CompleteMeetingArgs, MeetingFilter, RequestMeetingInput, RescheduleMeetingArgs, ScheduleMeetingArgs, WorkingHoursInput } from './meeting.inputs';
import { LearnerService } from '../learners/learner.service';
import { Role, User } from '../users/user.entity';
import { assertCoachFree, lockCoachCalendar } from '../calendar/coach-calendar';
import { isCoachOrStaff, isStaff, type Viewer } from '../../auth/viewer';
import { badInput, conflict, forbidden, notFound } from '../../common/errors';
import { requireId } from '../../common/query';
import { pgArray, preparedQuery } from '../../common/sql';
import { toPage, type ListArgs } from '../../common/pagination';
import { Learner } from '../learners/learner.entity';
import { notify, type Notice } from '../notifications/notify';
import type { NoticeData } from '../notifications/templates';
import { NotificationKind } from '../notifications/notification-kind';

const MIN_WINDOW_MS = 15 * 60_000;

/** A reason as the end of a sentence. */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
const MAX_AHEAD_MS = 180 * 86_400_000;

/** Which meetings `m` a viewer's list holds (learners: their own), and the filter, as SQL with `?` parameters. */
export function meetingConditions(viewer: Viewer, given?: MeetingFilter | null): { sql: string; params: unknown[] } {
  // `filter: null` is a client's way to say "no filter", as leaving it out is.
  const filter = given ?? {};
  const and: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => (and.push(sql), params.push(...values));
  if (viewer.role === Role.LEARNER) add('m.learner_id = ?', viewer.learnerId);
  if (filter.statuses?.length) add('m.status = any(?::meeting_status[])', pgArray(filter.statuses));
  if (filter.coachId) add('m.coach_id = ?', filter.coachId.toLowerCase());
  if (filter.mine) add('m.coach_id = ?', viewer.userId);
  if (filter.learnerId) add('m.learner_id = ?', filter.learnerId.toLowerCase());
  return { sql: and.length ? and.join(' and ') : 'true', params };
}

/** SQL, true when meeting `alias` is urgent: an OFFER request still waiting (the field `urgent` and the queue's order). */
export function urgentSql(alias: string): string {
  return `${alias}.topic = '${MeetingTopic.OFFER}' and ${alias}.status = '${MeetingStatus.REQUESTED}'`;
}

const MEETING_SORTABLE: Record<string, string> = { startsAt: 'm.starts_at', requestedAt: 'm.requested_at' };

/**
 * The offset list's order: urgent (OFFER, still waiting) first, then the oldest request: the order a coach should
 * answer them in. sortField startsAt (soonest first, unscheduled last) or requestedAt orders otherwise; ties by id.
 */
export function meetingSort(field: string | undefined, direction: 'asc' | 'desc'): string {
  // Written out as meetings_queue_order_index holds it (meeting.entity.ts), so a page is read off that index.
  if (field === undefined) return `(case when ${urgentSql('m')} then 0 else 1 end) asc, m.requested_at asc, m.id asc`;
  if (!Object.hasOwn(MEETING_SORTABLE, field)) throw badInput('sortField', `sortField must be one of ${Object.keys(MEETING_SORTABLE).join(', ')}`);
  return `${MEETING_SORTABLE[field]} ${direction}, m.id asc`;
}

/** 1:1 meetings: requested by learners in preferred windows, scheduled by coaches without double booking. */
export class MeetingService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  private record(em: EntityManager, meeting: Meeting, from: MeetingStatus | null, note: string, viewer: Viewer): void {
    em.create(MeetingChange, {
      meeting,
      fromStatus: from,
      toStatus: meeting.status,
      note,
      changedBy: em.getReference(User, viewer.userId),
      changedAt: this.now(),
    });
  }

  /** Tells the meeting's learner, in this transaction. */
  private async tellLearner<K extends NotificationKind.MEETING_SCHEDULED | NotificationKind.MEETING_RESCHEDULED | NotificationKind.MEETING_DECLINED | NotificationKind.MEETING_CANCELLED>(
    em: EntityManager,
    meeting: Meeting,
    kind: K,
    data: Omit<NoticeData[K], 'meetingId'>,
  ): Promise<void> {
    const learner = await em.findOneOrFail(Learner, meeting.learner.id);
    await notify(em, this.now(), [{ kind, recipientId: learner.user.id, subjectId: meeting.id, data: { ...data, meetingId: meeting.id } } as unknown as Notice]);
  }

  /**
   * Reminds learners of their scheduled 1:1s 24 hours and 1 hour before (the job runs every 15 minutes; each reminder
   * is written once per meeting time). A meeting scheduled or moved shortly before gets no reminder its own
   * notification already covers.
   */
  async remindUpcoming(asOf: Date): Promise<number> {
    return this.em.transactional(async (em) => {
      const rows = await em.execute<{ id: string; sequence: number; starts_at: string; video_link: string | null; user_id: string; coach_name: string; hours: number }[]>(
        `select m.id, m.sequence, m.starts_at, m.video_link, l.user_id, u.name as coach_name,
                case when m.starts_at <= ?::timestamptz + interval '1 hour' then 1 else 24 end as hours
           from meetings m join learners l on l.id = m.learner_id join users u on u.id = m.coach_id
          where m.status = 'SCHEDULED' and m.starts_at > ?::timestamptz
            and ((m.starts_at <= ?::timestamptz + interval '1 hour' and m.updated_at <= m.starts_at - interval '2 hours')
              or (m.starts_at > ?::timestamptz + interval '23 hours' and m.starts_at <= ?::timestamptz + interval '24 hours' and m.updated_at <= m.starts_at - interval '25 hours'))`,
        [asOf, asOf, asOf, asOf, asOf],
      );
      return notify(
        em,
        this.now(),
        rows.map((r) => ({
          kind: NotificationKind.MEETING_REMINDER,
          recipientId: r.user_id,
          subjectId: r.id,
          data: { meetingId: r.id, coachName: r.coach_name, startsAt: new Date(r.starts_at).toISOString(), hoursBefore: r.hours, joinUrl: r.video_link },
          dedupeKey: `meeting:${r.id}:${r.sequence}:${r.hours}h`,
        })),
      );
    });
  }

  async request(viewer: Viewer, input: RequestMeetingInput): Promise<Meeting> {
    const now = this.now();
    const windows = input.windows.map((w, i) => {
      if (w.endsAt.getTime() - w.startsAt.getTime() < MIN_WINDOW_MS) {
        throw badInput(`input.windows.${i}.endsAt`, 'A window must end at least 15 minutes after it starts');
      }
      if (w.startsAt <= now) throw badInput(`input.windows.${i}.startsAt`, 'A window must be in the future');
      if (w.startsAt.getTime() - now.getTime() > MAX_AHEAD_MS) throw badInput(`input.windows.${i}.startsAt`, 'A window must start within 180 days');
      return { startsAt: w.startsAt, endsAt: w.endsAt };
    });
    return this.em.transactional(async (em) => {
      const learner = await new LearnerService(em, this.now).get(viewer, input.learnerId, 'input.learnerId');
      const meeting = em.create(Meeting, {
        learner,
        coach: learner.coach,
        topic: input.topic,
        note: input.note?.trim() ?? '',
        windows: windows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
        requestedAt: now,
        updatedAt: now,
      });
      this.record(em, meeting, null, `requested (${input.topic})`, viewer);
      const learnerName = (await em.findOneOrFail(User, learner.user.id)).name;
      await notify(em, now, [
        {
          kind: NotificationKind.MEETING_REQUESTED,
          recipientId: learner.coach.id,
          subjectId: meeting.id,
          data: { meetingId: meeting.id, learnerName, topic: input.topic, urgent: input.topic === MeetingTopic.OFFER },
        },
      ]);
      return meeting;
    });
  }

  async get(viewer: Viewer, rawId: string): Promise<Meeting> {
    const id = requireId(rawId);
    const meeting = await this.em.findOne(Meeting, { id }, { populate: ['learner.user', 'coach'] });
    if (!meeting) throw notFound('meeting', id);
    if (viewer.role === Role.LEARNER && meeting.learner.id !== viewer.learnerId) throw forbidden('Learners can only see their own meetings');
    return meeting;
  }

  /**
   * A page of meetings: the page's ids (meetingConditions, meetingSort: the SQL the compiled list and the meetings
   * connection use), then the meetings with learner and coach.
   */
  async list(viewer: Viewer, args: ListArgs, filter?: MeetingFilter): Promise<Meeting[]> {
    const page = toPage(args);
    const where = meetingConditions(viewer, filter);
    const rows = await preparedQuery<{ id: string }>(
      this.em,
      `select m.id from meetings m where ${where.sql} order by ${meetingSort(args.sortField, page.direction)} limit ? offset ?`,
      [...where.params, page.limit, page.offset],
    );
    if (!rows.length) return [];
    const found = await this.em.find(Meeting, { id: { $in: rows.map((r) => r.id) } }, { populate: ['learner.user', 'coach'] });
    const byId = new Map(found.map((m) => [m.id, m]));
    return rows.map((r) => byId.get(r.id)!).filter(Boolean);
  }

  async count(viewer: Viewer, filter?: MeetingFilter): Promise<number> {
    const where = meetingConditions(viewer, filter);
    const [row] = await this.em.execute<{ n: number }[]>(`select count(*)::int as n from meetings m where ${where.sql}`, where.params);
    return row.n;
  }


  private async locked(em: EntityManager, rawId: string): Promise<Meeting> {
    const id = requireId(rawId);
    const meeting = await em.findOne(Meeting, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!meeting) throw notFound('meeting', id);
    return meeting;
  }

  private async coachFor(em: EntityManager, viewer: Viewer, meeting: Meeting, coachId?: string): Promise<User> {
    if (coachId && !isStaff(viewer)) throw forbidden('Only staff schedule a meeting for another coach');
    const id = coachId ? requireId(coachId, 'coachId') : viewer.role === Role.COACH ? viewer.userId : meeting.coach.id;
    const coach = await em.findOne(User, { id });
    if (!coach) throw notFound('coach', id, 'coachId');
    if (coach.role !== Role.COACH || !coach.active) throw badInput('coachId', `${coach.name} is not an active coach`);
    return coach;
  }

  /** Refuses a slot outside the coach's working hours (when they set any) unless staff force it. */
  private async checkWorkingHours(em: EntityManager, viewer: Viewer, coach: User, start: Date, end: Date, force?: boolean): Promise<void> {
    if (force) {
      if (!isStaff(viewer)) throw forbidden('Only staff schedule outside working hours');
      return;
    }
    const hours = await em.find(WorkingHours, { coach: coach.id });
    if (!hours.length) return;
    const s = DateTime.fromJSDate(start, { zone: coach.timeZone });
    const e = DateTime.fromJSDate(end, { zone: coach.timeZone });
    const fits = hours.some((h) => {
      if (h.weekday !== s.weekday) return false;
      const [sh, sm] = h.startsAt.split(':').map(Number);
      const [eh, em_] = h.endsAt.split(':').map(Number);
      return s >= s.set({ hour: sh, minute: sm, second: 0, millisecond: 0 }) && e <= s.set({ hour: eh, minute: em_, second: 0, millisecond: 0 });
    });
    if (!fits) throw conflict(`That is outside ${coach.name}'s working hours (${coach.timeZone})`, { field: 'startsAt', reason: 'OUTSIDE_WORKING_HOURS' });
  }

  async schedule(viewer: Viewer, args: ScheduleMeetingArgs): Promise<Meeting> {
    if (!isCoachOrStaff(viewer)) throw forbidden('Only coaches and staff schedule meetings');
    const start = args.startsAt;
    const end = new Date(start.getTime() + args.durationMinutes * 60_000);
    if (start <= this.now()) throw badInput('startsAt', 'startsAt must be in the future');
    return this.em.transactional(async (em) => {
      const meeting = await this.locked(em, args.id);
      if (meeting.status !== MeetingStatus.REQUESTED) throw conflict(`The meeting is ${meeting.status}; only a requested meeting can be scheduled`, { field: 'id' });
      if (!meeting.windows.some((w) => new Date(w.startsAt) <= start && end <= new Date(w.endsAt))) {
        throw badInput('startsAt', 'The meeting must fit inside one of the learner\'s preferred windows');
      }
      const coach = await this.coachFor(em, viewer, meeting, args.coachId);
      await this.checkWorkingHours(em, viewer, coach, start, end, args.force);
      await lockCoachCalendar(em, coach.id);
      await assertCoachFree(em, coach.id, start, end, { meetingId: meeting.id });
      Object.assign(meeting, { coach: ref(coach), status: MeetingStatus.SCHEDULED, startsAt: start, endsAt: end, videoLink: args.videoLink, sequence: meeting.sequence + 1, updatedAt: this.now() });
      this.record(em, meeting, MeetingStatus.REQUESTED, `scheduled ${start.toISOString()} for ${args.durationMinutes} min with ${coach.name}`, viewer);
      await this.tellLearner(em, meeting, NotificationKind.MEETING_SCHEDULED, { coachName: coach.name, startsAt: start.toISOString(), joinUrl: meeting.videoLink ?? null });
      return meeting;
    });
  }

  async reschedule(viewer: Viewer, args: RescheduleMeetingArgs): Promise<Meeting> {
    if (!isCoachOrStaff(viewer)) throw forbidden('Only coaches and staff reschedule meetings');
    const start = args.startsAt;
    const end = new Date(start.getTime() + args.durationMinutes * 60_000);
    if (start <= this.now()) throw badInput('startsAt', 'startsAt must be in the future');
    return this.em.transactional(async (em) => {
      const meeting = await this.locked(em, args.id);
      if (meeting.status !== MeetingStatus.SCHEDULED) throw conflict(`The meeting is ${meeting.status}; only a scheduled meeting can be rescheduled`, { field: 'id' });
      if (meeting.coach.id !== viewer.userId && !isStaff(viewer)) throw forbidden('Only the meeting\'s coach or staff reschedule it');
      const coach = await em.findOneOrFail(User, { id: meeting.coach.id });
      await this.checkWorkingHours(em, viewer, coach, start, end, args.force);
      await lockCoachCalendar(em, coach.id);
      await assertCoachFree(em, coach.id, start, end, { meetingId: meeting.id });
      Object.assign(meeting, { startsAt: start, endsAt: end, videoLink: args.videoLink ?? meeting.videoLink, sequence: meeting.sequence + 1, updatedAt: this.now() });
      this.record(em, meeting, MeetingStatus.SCHEDULED, `rescheduled to ${start.toISOString()} for ${args.durationMinutes} min`, viewer);
      await this.tellLearner(em, meeting, NotificationKind.MEETING_RESCHEDULED, { coachName: coach.name, startsAt: start.toISOString(), joinUrl: meeting.videoLink ?? null });
      return meeting;
    });
  }

  async decline(viewer: Viewer, rawId: string, reason: string): Promise<Meeting> {
    if (!isCoachOrStaff(viewer)) throw forbidden('Only coaches and staff decline meetings');
    return this.em.transactional(async (em) => {
      const meeting = await this.locked(em, rawId);
      if (meeting.status !== MeetingStatus.REQUESTED) throw conflict(`The meeting is ${meeting.status}; only a requested meeting can be declined`, { field: 'id' });
      Object.assign(meeting, { status: MeetingStatus.DECLINED, reason: reason.trim(), sequence: meeting.sequence + 1, updatedAt: this.now() });
      this.record(em, meeting, MeetingStatus.REQUESTED, `declined: ${reason.trim()}`, viewer);
      const coachName = (await em.findOneOrFail(User, viewer.userId)).name;
      await this.tellLearner(em, meeting, NotificationKind.MEETING_DECLINED, { coachName, reason: sentence(reason) });
      return meeting;
    });
  }

  /** The learner (their own), the meeting's coach, or staff, before it takes place. */
  async cancel(viewer: Viewer, rawId: string, reason: string): Promise<Meeting> {
    return this.em.transactional(async (em) => {
      const meeting = await this.locked(em, rawId);
      const own = viewer.role === Role.LEARNER && meeting.learner.id === viewer.learnerId;
      const coach = viewer.role === Role.COACH && (meeting.coach.id === viewer.userId || meeting.status === MeetingStatus.REQUESTED);
      if (!own && !coach && !isStaff(viewer)) throw forbidden('Only the learner, the meeting\'s coach or staff cancel it');
      if (![MeetingStatus.REQUESTED, MeetingStatus.SCHEDULED].includes(meeting.status)) {
        throw conflict(`The meeting is ${meeting.status}; it can no longer be cancelled`, { field: 'id' });
      }
      if (meeting.startsAt && meeting.startsAt <= this.now()) throw conflict('The meeting has started; mark it completed or no-show instead', { field: 'id' });
      const from = meeting.status;
      Object.assign(meeting, { status: MeetingStatus.CANCELLED, reason: reason.trim(), sequence: meeting.sequence + 1, updatedAt: this.now() });
      this.record(em, meeting, from, `cancelled: ${reason.trim()}`, viewer);
      // The learner hears of it when someone else cancelled (they know when they did it themselves).
      if (!own) {
        const byName = (await em.findOneOrFail(User, viewer.userId)).name;
        await this.tellLearner(em, meeting, NotificationKind.MEETING_CANCELLED, { byName, startsAt: meeting.startsAt?.toISOString() ?? null, reason: sentence(reason) });
      }
      return meeting;
    });
  }

  async complete(viewer: Viewer, args: CompleteMeetingArgs): Promise<Meeting> {
    return this.em.transactional(async (em) => {
      const meeting = await this.locked(em, args.id);
      if (meeting.coach.id !== viewer.userId && !isStaff(viewer)) throw forbidden('Only the meeting\'s coach or staff record how it went');
      if (meeting.status !== MeetingStatus.SCHEDULED) throw conflict(`The meeting is ${meeting.status}; only a scheduled meeting can be completed`, { field: 'id' });
      if (meeting.startsAt! > this.now()) throw conflict('The meeting has not started yet', { field: 'id' });
      const status = args.outcome === MeetingOutcome.COMPLETED ? MeetingStatus.COMPLETED : MeetingStatus.NO_SHOW;
      Object.assign(meeting, { status, outcomeNotes: args.notes?.trim() ?? null, updatedAt: this.now() });
      this.record(em, meeting, MeetingStatus.SCHEDULED, status === MeetingStatus.COMPLETED ? 'completed' : 'no-show', viewer);
      return meeting;
    });
  }

  workingHours(coachId: string): Promise<WorkingHours[]> {
    return this.em.find(WorkingHours, { coach: requireId(coachId, 'coachId') }, { orderBy: { weekday: 'asc', startsAt: 'asc' } });
  }

  /** Replaces a coach's working week (their own, or any coach's for staff). */
  async setWorkingHours(viewer: Viewer, rawCoachId: string, hours: WorkingHoursInput[]): Promise<WorkingHours[]> {
    const coachId = requireId(rawCoachId, 'coachId');
    if (coachId !== viewer.userId && !isStaff(viewer)) throw forbidden('Coaches set their own working hours');
    hours.forEach((h, i) => {
      if (h.endTime <= h.startTime) throw badInput(`hours.${i}.endTime`, 'endTime must be after startTime');
    });
    await this.em.transactional(async (em) => {
      const coach = await em.findOne(User, { id: coachId });
      if (!coach || coach.role !== Role.COACH) throw notFound('coach', coachId, 'coachId');
      await em.nativeDelete(WorkingHours, { coach: coachId });
      for (const h of hours) em.create(WorkingHours, { coach, weekday: h.weekday, startsAt: h.startTime, endsAt: h.endTime });
    });
    return this.workingHours(coachId);
  }
}
