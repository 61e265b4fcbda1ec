import type { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { EnrollmentStatus } from '../modules/learners/enrollment-status';
import { User } from '../modules/users/user.entity';
import { Learner } from '../modules/learners/learner.entity';
import { Meeting, MeetingChange } from '../modules/meetings/meeting.entity';
import { MeetingStatus, MeetingTopic } from '../modules/meetings/meeting.enums';
import { Attendance, CoachingEvent, EventType, Rsvp, RsvpStatus } from '../modules/events/coaching-event.entity';

/**
 * Meeting requests (one urgent offer), this week's scheduled 1:1s and upcoming coaching events with RSVPs,
 * placed on half hours in the coming working days so they never overlap.
 */
export function seedCalendar(tx: EntityManager, d: { now: Date; coaches: User[]; learners: Learner[]; staff: User }): void {
  const day = (n: number, hourUtc: number) => DateTime.fromJSDate(d.now, { zone: 'utc' }).startOf('day').plus({ days: n }).set({ hour: hourUtc }).toJSDate();
  const active = d.learners.filter((l) => [EnrollmentStatus.ENROLLED, EnrollmentStatus.AT_RISK].includes(l.status));
  const topics = [MeetingTopic.OFFER, MeetingTopic.INTERVIEW_PREP, MeetingTopic.APPLICATION_MATERIAL, MeetingTopic.GENERAL];
  active.slice(0, 8).forEach((learner, i) => {
    const coach = learner.coach.getEntity();
    const windows = [{ startsAt: day(2 + (i % 3), 13), endsAt: day(2 + (i % 3), 17) }, { startsAt: day(3 + (i % 3), 14), endsAt: day(3 + (i % 3), 16) }];
    const requestedAt = new Date(d.now.getTime() - (i + 1) * 5 * 3_600_000);
    const meeting = tx.create(Meeting, {
      learner, coach, topic: topics[i % topics.length], windows, requestedAt, updatedAt: requestedAt,
      note: i % topics.length === 0 ? 'I got an offer from a fintech and need to answer by Friday.' : 'I would like feedback on my approach.',
    });
    tx.create(MeetingChange, { meeting, fromStatus: null, toStatus: MeetingStatus.REQUESTED, note: 'requested', changedBy: learner.user.getEntity(), changedAt: requestedAt });
    if (i >= 4) {
      // Scheduled in the first window, one per coach and hour.
      const startsAt = new Date(windows[0].startsAt.getTime() + (i - 4) * 3_600_000);
      Object.assign(meeting, { status: MeetingStatus.SCHEDULED, startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000), videoLink: 'https://meet.example.org/waypoint-demo', sequence: 1 });
      tx.create(MeetingChange, { meeting, fromStatus: MeetingStatus.REQUESTED, toStatus: MeetingStatus.SCHEDULED, note: 'scheduled', changedBy: coach, changedAt: requestedAt });
    }
  });
  const events: [EventType, string, number, number, number][] = [
    [EventType.WORKSHOP, 'Negotiating your first offer', 1, 18, 20],
    [EventType.Q_AND_A, 'Open Q&A with the career coaches', 4, 16, 40],
    [EventType.MOCK_INTERVIEW, 'Behavioral mock interviews', 6, 15, 6],
  ];
  events.forEach(([type, title, inDays, hour, capacity], i) => {
    const startsAt = day(inDays, hour);
    const event = tx.create(CoachingEvent, {
      type, title, facilitator: d.coaches[i % d.coaches.length], startsAt, endsAt: new Date(startsAt.getTime() + 60 * 60_000), capacity,
      link: 'https://meet.example.org/waypoint-events', description: 'Bring your questions; the session is recorded for those who cannot come.',
      createdAt: d.now, updatedAt: d.now,
    });
    active.slice(0, Math.min(active.length, capacity + 2)).forEach((learner, k) =>
      tx.create(Rsvp, { event, learner, status: k < capacity ? RsvpStatus.SEATED : RsvpStatus.WAITLISTED, queuedAt: new Date(d.now.getTime() - (60 - k) * 60_000) }),
    );
  });

  // Last week's 1:1s as they ended (held, missed, declined, cancelled by the learner), each on its own hour of a past day.
  const past: [MeetingStatus, string | null][] = [
    [MeetingStatus.COMPLETED, 'Rehearsed the salary conversation; the learner will counter at the top of the band.'],
    [MeetingStatus.COMPLETED, 'Rewrote the CV summary around two measurable projects.'],
    [MeetingStatus.NO_SHOW, null],
    [MeetingStatus.DECLINED, 'These windows fall on my leave; please ask Diego, who covers my learners this week.'],
    [MeetingStatus.CANCELLED, 'Got the answer I needed from the Q&A.'],
    [MeetingStatus.COMPLETED, 'Planned the week around three take-home tests.'],
  ];
  active.slice(8, 8 + past.length).forEach((learner, i) => {
    const coach = learner.coach.getEntity();
    const [status, text] = past[i];
    const startsAt = day(-(1 + (i % 5)), 9 + i);
    const windows = [{ startsAt: new Date(startsAt.getTime() - 3_600_000), endsAt: new Date(startsAt.getTime() + 3 * 3_600_000) }];
    const requestedAt = new Date(startsAt.getTime() - 3 * 86_400_000);
    const decidedAt = new Date(requestedAt.getTime() + 5 * 3_600_000);
    const meeting = tx.create(Meeting, {
      learner, coach, topic: topics[(i + 1) % topics.length], windows, requestedAt, updatedAt: decidedAt, status,
      note: 'Could we look at this together before my next interviews?',
    });
    tx.create(MeetingChange, { meeting, fromStatus: null, toStatus: MeetingStatus.REQUESTED, note: 'requested', changedBy: learner.user.getEntity(), changedAt: requestedAt });
    if (status === MeetingStatus.DECLINED || status === MeetingStatus.CANCELLED) {
      Object.assign(meeting, { reason: text });
      const by = status === MeetingStatus.DECLINED ? coach : learner.user.getEntity();
      tx.create(MeetingChange, { meeting, fromStatus: MeetingStatus.REQUESTED, toStatus: status, note: text!, changedBy: by, changedAt: decidedAt });
      return;
    }
    const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
    Object.assign(meeting, { startsAt, endsAt, videoLink: 'https://meet.example.org/waypoint-demo', sequence: 1, outcomeNotes: text, updatedAt: endsAt });
    tx.create(MeetingChange, { meeting, fromStatus: MeetingStatus.REQUESTED, toStatus: MeetingStatus.SCHEDULED, note: 'scheduled', changedBy: coach, changedAt: decidedAt });
    tx.create(MeetingChange, { meeting, fromStatus: MeetingStatus.SCHEDULED, toStatus: status, note: text ?? 'The learner did not come.', changedBy: coach, changedAt: endsAt });
  });

  // A workshop held three days ago, its attendance recorded by the facilitator.
  const heldAt = day(-3, 17);
  const held = tx.create(CoachingEvent, {
    type: EventType.WORKSHOP, title: 'Turning rejections into feedback', facilitator: d.coaches[1], startsAt: heldAt,
    endsAt: new Date(heldAt.getTime() + 60 * 60_000), capacity: 12, link: 'https://meet.example.org/waypoint-events',
    description: 'How to ask for feedback after a rejection, and what to do with it.', createdAt: new Date(heldAt.getTime() - 7 * 86_400_000),
    updatedAt: heldAt,
  });
  active.slice(10, 21).forEach((learner, k) =>
    tx.create(Rsvp, {
      event: held, learner, status: RsvpStatus.SEATED, queuedAt: new Date(heldAt.getTime() - (6 * 86_400_000 - k * 3_600_000)),
      attendance: k % 4 === 3 ? Attendance.ABSENT : Attendance.ATTENDED,
    }),
  );
}
