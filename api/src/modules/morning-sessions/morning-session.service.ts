import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { MorningSession } from './morning-session.entity';
import { PairingOutcome, PracticeType, type MorningSessionGroup, type MorningSessionSignUp, type MorningSessionView, type Peer } from './morning-session.types';
import { pairKey, pairSignUps } from './pairing';
import { BlockKind, ScheduleBlock } from '../schedule/schedule-block.entity';
import { LearnerService } from '../learners/learner.service';
import { EnrollmentStatus } from '../learners/enrollment-status';
import { isCoachOrStaff, type Viewer } from '../../auth/viewer';
import { badInput, conflict, notFound } from '../../common/errors';
import { addDays, atLocalTime, isoWeekday, localDate, type LocalDate } from '../../common/module-time';
import { notify, type Notice } from '../notifications/notify';
import { NotificationKind } from '../notifications/notification-kind';
import { pgArray } from '../../common/sql';

interface SignUpRow {
  learner_id: string;
  name: string;
  practice_type: PracticeType;
  signed_up_at: Date;
  group_number: number | null;
}

const DEFAULT_TITLE = 'Morning session';

const CAN_SIGN_UP = new Set([EnrollmentStatus.ENROLLED, EnrollmentStatus.AT_RISK]);

/** Morning sessions: sign-ups until the cut-off, then pairing (by the job at the cut-off, or by staff on demand). */
export class MorningSessionService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
    private readonly settings: { programTimeZone: string; morningCutoffMinutes: number },
  ) {}

  /** The date's session as it stands, or as the template would make it; null when that weekday has no morning session. */
  async view(viewer: Viewer, date: LocalDate): Promise<MorningSessionView | null> {
    const saved = await this.em.findOne(MorningSession, { date });
    const block = await this.block(date);
    const session = saved ?? (await this.fromTemplate(date, false, block));
    if (!session) return null;
    return this.toView(viewer, session, saved ? await this.signUps(this.em, saved.id) : [], block?.title ?? DEFAULT_TITLE);
  }

  private async block(date: LocalDate): Promise<ScheduleBlock | null> {
    return this.em.findOne(ScheduleBlock, { weekday: isoWeekday(date), kind: BlockKind.MORNING_SESSION, retiredAt: null });
  }

  private async titleOf(date: LocalDate): Promise<string> {
    return (await this.block(date))?.title ?? DEFAULT_TITLE;
  }

  /** A session for the date from the weekday's MORNING_SESSION block (not saved unless persist). */
  private async fromTemplate(date: LocalDate, persist: boolean, known?: ScheduleBlock | null): Promise<MorningSession | null> {
    const block = known === undefined ? await this.block(date) : known;
    if (!block) return null;
    const zone = this.settings.programTimeZone;
    const startsAt = atLocalTime(date, block.startsAt, zone);
    const session = new MorningSession();
    Object.assign(session, {
      date,
      startsAt,
      endsAt: atLocalTime(date, block.endsAt, zone),
      cutoffAt: new Date(startsAt.getTime() - this.settings.morningCutoffMinutes * 60_000),
      groupsOfThree: false,
      pairedAt: undefined,
    });
    if (persist) {
      // Concurrent first sign-ups: one insert wins, the others find its row.
      await this.em.execute(
        `insert into morning_sessions (id, date, starts_at, ends_at, cutoff_at, groups_of_three, created_at)
         values (?, ?, ?, ?, ?, false, ?) on conflict (date) do nothing`,
        [session.id, date, session.startsAt, session.endsAt, session.cutoffAt, this.now()],
      );
    }
    return session;
  }

  /** The saved session for the date, locked for this transaction; created from the template if needed. */
  private async lockSession(em: EntityManager, date: LocalDate): Promise<MorningSession> {
    let session = await em.findOne(MorningSession, { date }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!session) {
      const service = new MorningSessionService(em, this.now, this.settings);
      if (!(await service.fromTemplate(date, true))) {
        throw badInput('date', `There is no morning session on ${date} (no MORNING_SESSION block on that weekday)`);
      }
      session = await em.findOneOrFail(MorningSession, { date }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    }
    return session;
  }

  private async signUps(em: EntityManager, sessionId: string): Promise<SignUpRow[]> {
    return em.execute<SignUpRow[]>(
      `select s.learner_id, u.name, s.practice_type, s.signed_up_at, s.group_number
       from morning_session_signups s join learners l on l.id = s.learner_id join users u on u.id = l.user_id
       where s.session_id = ? order by s.signed_up_at, s.learner_id`,
      [sessionId],
    );
  }

  private assertOpen(session: MorningSession): void {
    if (session.pairedAt) throw conflict(`Pairs for ${session.date} were already made; sign-ups are closed`, { field: 'date' });
    if (this.now() >= session.cutoffAt) throw conflict(`Sign-ups for ${session.date} closed at ${session.cutoffAt.toISOString()}`, { field: 'date' });
  }

  /** Signs a learner up (or changes their practice type) until the cut-off. */
  async signUp(viewer: Viewer, learnerId: string, date: LocalDate, practiceType: PracticeType): Promise<MorningSessionView> {
    return this.em.transactional(async (em) => {
      const learner = await new LearnerService(em, this.now).get(viewer, learnerId, 'learnerId');
      if (!CAN_SIGN_UP.has(learner.status)) {
        throw badInput('learnerId', `The learner is ${learner.status}: only ENROLLED and AT_RISK learners join morning sessions`);
      }
      if (date < localDate(this.now(), this.settings.programTimeZone)) throw badInput('date', `${date} is in the past`);
      const session = await this.lockSession(em, date);
      this.assertOpen(session);
      await em.execute(
        `insert into morning_session_signups (session_id, learner_id, practice_type, signed_up_at) values (?, ?, ?, ?)
         on conflict (session_id, learner_id) do update set practice_type = excluded.practice_type, signed_up_at = excluded.signed_up_at`,
        [session.id, learner.id, practiceType, this.now()],
      );
      return this.toView(viewer, session, await this.signUps(em, session.id), await this.titleOf(date));
    });
  }

  async cancel(viewer: Viewer, learnerId: string, date: LocalDate): Promise<MorningSessionView> {
    return this.em.transactional(async (em) => {
      const learner = await new LearnerService(em, this.now).get(viewer, learnerId, 'learnerId');
      const session = await em.findOne(MorningSession, { date }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!session) throw notFound('morning-session sign-up for learner', learner.id, 'learnerId');
      this.assertOpen(session);
      const deleted = await em.execute(
        `delete from morning_session_signups where session_id = ? and learner_id = ? returning learner_id`,
        [session.id, learner.id],
      );
      if (!deleted.length) throw notFound('morning-session sign-up for learner', learner.id, 'learnerId');
      return this.toView(viewer, session, await this.signUps(em, session.id), await this.titleOf(date));
    });
  }

  /** Staff choose, before the cut-off, whether an odd one out joins a pair. */
  async setGroupsOfThree(viewer: Viewer, date: LocalDate, groupsOfThree: boolean): Promise<MorningSessionView> {
    return this.em.transactional(async (em) => {
      const session = await this.lockSession(em, date);
      if (session.pairedAt) throw conflict(`Pairs for ${date} were already made`, { field: 'date' });
      session.groupsOfThree = groupsOfThree;
      await em.flush();
      return this.toView(viewer, session, await this.signUps(em, session.id), await this.titleOf(date));
    });
  }

  /**
   * Makes the pairs for a date, once: a second call (or the job after staff paired on demand) returns the pairs as
   * they are. The session row is locked, so a sign-up racing the pairing either lands before it or is refused.
   */
  async pair(viewer: Viewer | null, date: LocalDate, groupsOfThree?: boolean): Promise<MorningSessionView | null> {
    return this.em.transactional(async (em) => {
      const session = await this.lockSession(em, date);
      if (!session.pairedAt) {
        if (groupsOfThree !== undefined) session.groupsOfThree = groupsOfThree;
        const rows = await this.signUps(em, session.id);
        const recent = await em.execute<{ a: string; b: string }[]>(
          `select x.learner_id as a, y.learner_id as b
           from morning_sessions m
           join morning_session_signups x on x.session_id = m.id
           join morning_session_signups y on y.session_id = m.id and y.group_number = x.group_number and y.learner_id > x.learner_id
           where m.date >= ? and m.date < ? and x.group_number is not null`,
          [addDays(date, -7), date],
        );
        const result = pairSignUps(
          rows.map((r) => ({ learnerId: r.learner_id, practiceType: r.practice_type })),
          { seed: date, groupsOfThree: session.groupsOfThree, recentPairs: new Set(recent.map((r) => pairKey(r.a, r.b))) },
        );
        const assignments = result.groups.flatMap((members, i) => members.map((id) => [id, i + 1] as const));
        if (assignments.length) {
          await em.execute(
            `update morning_session_signups s set group_number = g.number
             from unnest(?::uuid[], ?::int[]) as g(learner_id, number)
             where s.session_id = ? and s.learner_id = g.learner_id`,
            [pgArray(assignments.map(([id]) => id)), pgArray(assignments.map(([, n]) => n)), session.id],
          );
        }
        session.pairedAt = this.now();
        await em.flush();
        await this.tellPairs(em, session, result.groups, result.oddOneOut);
      }
      if (!viewer) return null;
      return this.toView(viewer, session, await this.signUps(em, session.id), await this.titleOf(date));
    });
  }

  /** Tells each learner who they practise with, or that they were the odd one out, in the pairing's transaction. */
  private async tellPairs(em: EntityManager, session: MorningSession, groups: string[][], oddOneOut: string | null): Promise<void> {
    const people = await em.execute<{ learner_id: string; user_id: string; name: string; practice_type: string }[]>(
      `select s.learner_id, l.user_id, u.name, s.practice_type from morning_session_signups s join learners l on l.id = s.learner_id join users u on u.id = l.user_id where s.session_id = ?`,
      [session.id],
    );
    const byId = new Map(people.map((p) => [p.learner_id, p]));
    const base = { date: session.date, startsAt: session.startsAt.toISOString() };
    await notify(em, this.now(), [
      ...groups.flatMap((members): Notice[] =>
        members.map((id) => ({
          kind: NotificationKind.MORNING_PARTNER,
          recipientId: byId.get(id)!.user_id,
          subjectId: session.id,
          data: { ...base, practice: byId.get(id)!.practice_type, partners: members.filter((m) => m !== id).map((m) => byId.get(m)!.name) },
        })),
      ),
      ...(oddOneOut ? [{ kind: NotificationKind.MORNING_ODD_ONE_OUT, recipientId: byId.get(oddOneOut)!.user_id, subjectId: session.id, data: base } as Notice] : []),
    ]);
  }

  /** Pairs every session whose cut-off has passed (the job's work). Returns the dates paired. */
  async pairDue(): Promise<string[]> {
    const due = await this.em.find(MorningSession, { pairedAt: null, cutoffAt: { $lte: this.now() } }, { orderBy: { date: 'asc' } });
    for (const session of due) await new MorningSessionService(this.em.fork(), this.now, this.settings).pair(null, session.date);
    return due.map((s) => s.date);
  }

  private toView(viewer: Viewer, session: MorningSession, rows: SignUpRow[], title: string): MorningSessionView {
    const peer = (r: SignUpRow): Peer => ({ learnerId: r.learner_id, name: r.name, practiceType: r.practice_type });
    const byGroup = new Map<number, SignUpRow[]>();
    for (const r of rows) if (r.group_number !== null) byGroup.set(r.group_number, [...(byGroup.get(r.group_number) ?? []), r]);
    const toSignUp = (r: SignUpRow): MorningSessionSignUp => ({
      learnerId: r.learner_id,
      name: r.name,
      practiceType: r.practice_type,
      signedUpAt: new Date(r.signed_up_at),
      outcome: !session.pairedAt ? PairingOutcome.WAITING : r.group_number === null ? PairingOutcome.ODD_ONE_OUT : PairingOutcome.PAIRED,
      groupNumber: r.group_number,
      partners: r.group_number === null ? [] : byGroup.get(r.group_number)!.filter((m) => m !== r).map(peer),
    });
    const groups: MorningSessionGroup[] = [...byGroup.entries()]
      .sort(([a], [b]) => a - b)
      .map(([number, members]) => ({ number, members: members.map(peer), mixedPractice: new Set(members.map((m) => m.practice_type)).size > 1 }));
    const mine = viewer.learnerId ? rows.find((r) => r.learner_id === viewer.learnerId) : undefined;
    const everything = isCoachOrStaff(viewer);
    return {
      date: session.date,
      title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      cutoffAt: session.cutoffAt,
      groupsOfThree: session.groupsOfThree,
      pairedAt: session.pairedAt ?? null,
      signUpCount: rows.length,
      technicalCount: rows.filter((r) => r.practice_type === PracticeType.TECHNICAL).length,
      behavioralCount: rows.filter((r) => r.practice_type === PracticeType.BEHAVIORAL).length,
      signUps: everything ? rows.map(toSignUp) : mine ? [toSignUp(mine)] : [],
      groups: everything ? groups : groups.filter((g) => mine && g.number === mine.group_number),
      mySignUp: mine ? toSignUp(mine) : null,
    };
  }
}
