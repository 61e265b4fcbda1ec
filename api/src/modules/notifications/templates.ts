import { DateTime } from 'luxon';
import { NotificationKind } from './notification-kind';

/**
 * Every message Waypoint sends, in one place, worded as a coach would say it. Each names what to do next; `path` is
 * where to do it (in the console for coaches; learners' links go to the program's learner page). Times are written
 * in the recipient's time zone.
 */
export interface NoticeData {
  FEEDBACK_GIVEN: { submissionId: string; what: string; decision: string; coachName: string };
  MEETING_SCHEDULED: { meetingId: string; coachName: string; startsAt: string; joinUrl?: string | null };
  MEETING_RESCHEDULED: { meetingId: string; coachName: string; startsAt: string; joinUrl?: string | null };
  MEETING_CANCELLED: { meetingId: string; byName: string; startsAt?: string | null; reason: string };
  MEETING_DECLINED: { meetingId: string; coachName: string; reason: string };
  MEETING_REMINDER: { meetingId: string; coachName: string; startsAt: string; hoursBefore: number; joinUrl?: string | null };
  EVENT_SEAT_CONFIRMED: { eventId: string; title: string; startsAt: string };
  EVENT_WAITLISTED: { eventId: string; title: string; startsAt: string; position: number };
  EVENT_OFF_WAITLIST: { eventId: string; title: string; startsAt: string };
  EVENT_CHANGED: { eventId: string; title: string; startsAt: string; changed: string[] };
  EVENT_CANCELLED: { eventId: string; title: string; startsAt: string; reason: string };
  EVENT_REMINDER: { eventId: string; title: string; startsAt: string; joinUrl?: string | null };
  ACTIVITIES_MISSING: { moduleWeek: number; missing: string[]; weekEndsAt: string; lastDay: boolean };
  STATUS_CHANGED: { from: string; to: string; reason: string };
  MEETING_REQUESTED: { meetingId: string; learnerName: string; topic: string; urgent: boolean };
  OFFER_RECEIVED: { learnerId: string; learnerName: string; company?: string | null; title?: string | null };
  LEARNER_AT_RISK: { learnerId: string; learnerName: string; status: string; reason: string };
  WEBHOOK_DISABLED: { endpointId: string; url: string; lastError: string };
  SUBMISSION_NEAR_BREACH: { submissionId: string; learnerName: string; what: string; dueAt: string };
  MORNING_PARTNER: { date: string; startsAt: string; partners: string[]; practice: string };
  MORNING_ODD_ONE_OUT: { date: string; startsAt: string };
}

export interface Recipient {
  name: string;
  timeZone: string;
}

export interface Rendered {
  title: string;
  body: string;
  /** A path on Waypoint (coaches), or null: the learner's page. */
  path: string | null;
}

/** A 1:1's topic as a coach would say it. */
const TOPIC_WORDS: Record<string, string> = {
  INTERVIEW_PREP: 'preparing for an interview',
  APPLICATION_MATERIAL: 'their CV, cover letter or portfolio',
  GENERAL: 'their job search',
  OFFER: 'an offer',
};

const firstName = (name: string) => name.split(/\s+/)[0] || name;

/**
 * A formatted instant per (instant, zone, format), remembered: a reminder run formats the same few week ends for ten
 * thousand learners, and Luxon's zone arithmetic was most of its time (npm run bench -- notifications).
 */
const formatted = new Map<string, string>();
function format(iso: string, zone: string, pattern: string, minusDays = 0): string {
  const key = `${iso}|${zone}|${pattern}|${minusDays}`;
  let text = formatted.get(key);
  if (text === undefined) {
    if (formatted.size > 10_000) formatted.clear();
    text = DateTime.fromISO(iso, { zone }).minus({ days: minusDays }).toFormat(pattern);
    formatted.set(key, text);
  }
  return text;
}

/** "Thursday 10 December, 14:00 (Europe/Berlin)" in the recipient's zone. */
export function when(iso: string, zone: string): string {
  return `${format(iso, zone, 'cccc d LLLL, HH:mm')} (${zone})`;
}

const STATUS_WORDS: Record<string, string> = {
  ENROLLED: 'enrolled',
  AT_RISK: 'at risk',
  SUSPENDED: 'suspended',
  PAUSED: 'paused',
  WITHDRAWN: 'withdrawn',
  HIRED: 'hired',
  GRADUATED: 'graduated',
};
const statusWord = (s: string) => STATUS_WORDS[s] ?? s.toLowerCase().replace(/_/g, ' ');

type Templates = { [K in NotificationKind]: (d: NoticeData[K], r: Recipient) => Rendered };

const TEMPLATES: Templates = {
  FEEDBACK_GIVEN: (d) => ({
    title: d.decision === 'APPROVED' ? `${d.coachName} approved your ${d.what}` : `${d.coachName} asked for changes to your ${d.what}`,
    body:
      d.decision === 'APPROVED'
        ? `Your ${d.what} is approved. Read ${firstName(d.coachName)}'s feedback: it counts toward this week's required activities.`
        : `${firstName(d.coachName)} read your ${d.what} and asked for changes. Read the feedback and send a new version.`,
    path: null,
  }),
  MEETING_SCHEDULED: (d, r) => ({
    title: `Your 1:1 with ${d.coachName} is on ${when(d.startsAt, r.timeZone)}`,
    body: `${firstName(d.coachName)} scheduled the 1:1 you asked for: ${when(d.startsAt, r.timeZone)}.${d.joinUrl ? ` Join at ${d.joinUrl}.` : ''} It is in your Waypoint calendar; bring your questions.`,
    path: null,
  }),
  MEETING_RESCHEDULED: (d, r) => ({
    title: `Your 1:1 with ${d.coachName} moved to ${when(d.startsAt, r.timeZone)}`,
    body: `Your 1:1 with ${firstName(d.coachName)} is now on ${when(d.startsAt, r.timeZone)}.${d.joinUrl ? ` Join at ${d.joinUrl}.` : ''} Your calendar feed has the new time.`,
    path: null,
  }),
  MEETING_CANCELLED: (d, r) => ({
    title: d.startsAt ? `Your 1:1 on ${when(d.startsAt, r.timeZone)} is cancelled` : 'Your 1:1 request is cancelled',
    body: `${d.byName} cancelled it: ${d.reason} If you still need to talk, ask for another 1:1.`,
    path: null,
  }),
  MEETING_DECLINED: (d) => ({
    title: `${d.coachName} could not take your 1:1 request`,
    body: `${firstName(d.coachName)} declined your 1:1 request: ${d.reason} Reply in the support desk or ask again with more detail.`,
    path: null,
  }),
  MEETING_REMINDER: (d, r) => ({
    title: d.hoursBefore >= 24 ? `Tomorrow: your 1:1 with ${d.coachName}` : `In an hour: your 1:1 with ${d.coachName}`,
    body: `Your 1:1 with ${firstName(d.coachName)} starts ${when(d.startsAt, r.timeZone)}.${d.joinUrl ? ` Join at ${d.joinUrl}.` : ''} Have your questions ready.`,
    path: null,
  }),
  EVENT_SEAT_CONFIRMED: (d, r) => ({
    title: `You have a seat: ${d.title}`,
    body: `Your seat at "${d.title}" on ${when(d.startsAt, r.timeZone)} is confirmed. It is in your calendar feed; if you cannot come, cancel so someone on the waitlist gets it.`,
    path: null,
  }),
  EVENT_WAITLISTED: (d, r) => ({
    title: `Waitlisted (number ${d.position}): ${d.title}`,
    body: `"${d.title}" on ${when(d.startsAt, r.timeZone)} is full; you are number ${d.position} on the waitlist. We will tell you as soon as a seat frees up.`,
    path: null,
  }),
  EVENT_OFF_WAITLIST: (d, r) => ({
    title: `A seat freed up: ${d.title}`,
    body: `You moved off the waitlist: your seat at "${d.title}" on ${when(d.startsAt, r.timeZone)} is confirmed. If you cannot come any more, cancel so the next person gets it.`,
    path: null,
  }),
  EVENT_CHANGED: (d, r) => ({
    title: `Changed: ${d.title}`,
    body: `"${d.title}" changed (${d.changed.join(', ')}). It now starts ${when(d.startsAt, r.timeZone)}. Check that you can still come.`,
    path: null,
  }),
  EVENT_CANCELLED: (d, r) => ({
    title: `Cancelled: ${d.title}`,
    body: `"${d.title}" on ${when(d.startsAt, r.timeZone)} is cancelled: ${d.reason} Look for another coaching event this week.`,
    path: null,
  }),
  EVENT_REMINDER: (d, r) => ({
    title: `Tomorrow: ${d.title}`,
    body: `"${d.title}" starts ${when(d.startsAt, r.timeZone)}.${d.joinUrl ? ` Join at ${d.joinUrl}.` : ''} If you cannot come any more, cancel so someone on the waitlist gets your seat.`,
    path: null,
  }),
  ACTIVITIES_MISSING: (d, r) => ({
    title: d.lastDay ? `Last day of week ${d.moduleWeek}: ${d.missing.length} required ${d.missing.length === 1 ? 'activity' : 'activities'} still missing` : `Week ${d.moduleWeek} ends in 2 days: ${d.missing.length} required ${d.missing.length === 1 ? 'activity' : 'activities'} still missing`,
    body: `To stay enrolled, complete by the end of ${format(d.weekEndsAt, r.timeZone, 'cccc d LLLL', 1)} (${r.timeZone}): ${d.missing.join('; ')}.`,
    path: null,
  }),
  STATUS_CHANGED: (d) => ({
    title: `You are now ${statusWord(d.to)}`,
    body:
      d.to === 'AT_RISK'
        ? `Your status changed from ${statusWord(d.from)} to at risk: ${d.reason} Complete this week's required activities to stay enrolled, or ask your coach for a 1:1.`
        : d.to === 'SUSPENDED'
          ? `Your status changed from ${statusWord(d.from)} to suspended: ${d.reason} Talk to your coach about coming back.`
          : `Your status changed from ${statusWord(d.from)} to ${statusWord(d.to)}: ${d.reason}`,
    path: null,
  }),
  MEETING_REQUESTED: (d) => ({
    title: d.urgent ? `Offer: ${d.learnerName} needs a 1:1 soon` : `${d.learnerName} asked for a 1:1`,
    body: d.urgent
      ? `${d.learnerName} received an offer and asked for a 1:1. Schedule it first: offers have a deadline.`
      : `${d.learnerName} asked for a 1:1 about ${TOPIC_WORDS[d.topic] ?? 'their job search'}. Pick one of the windows they offered.`,
    path: `/admin/meetings/${d.meetingId}/show`,
  }),
  OFFER_RECEIVED: (d) => ({
    title: `${d.learnerName} received an offer${d.company ? ` from ${d.company}` : ''}`,
    body: `${d.learnerName} logged an offer${d.title ? ` for ${d.title}` : ''}${d.company ? ` at ${d.company}` : ''}. Congratulate them, and offer a 1:1 to weigh it.`,
    path: `/admin/learners/${d.learnerId}/show`,
  }),
  SUBMISSION_NEAR_BREACH: (d, r) => ({
    title: `Due soon: ${d.learnerName}'s ${d.what}`,
    body: `${d.learnerName}'s ${d.what} is due for review by ${when(d.dueAt, r.timeZone)}. Give feedback now, or release it so another coach can.`,
    path: `/admin/review-queue/${d.submissionId}/show`,
  }),
  MORNING_PARTNER: (d, r) => ({
    title: `Morning session: you practise with ${d.partners.join(' and ')}`,
    body: `For the ${d.practice.toLowerCase()} practice starting ${when(d.startsAt, r.timeZone)}, you are paired with ${d.partners.join(' and ')}. Agree who asks first, and be on time.`,
    path: null,
  }),
  MORNING_ODD_ONE_OUT: (d, r) => ({
    title: 'Morning session: no partner this time',
    body: `An odd number signed up for the morning session starting ${when(d.startsAt, r.timeZone)}, and you were the one left without a partner. Use the hour for your own practice, and sign up early next time.`,
    path: null,
  }),
  WEBHOOK_DISABLED: (d) => ({
    title: `Webhook turned off: ${d.url}`,
    body: `Deliveries to ${d.url} failed for 24 hours (last: ${d.lastError}), so Waypoint stopped sending to it. Fix the receiver, turn the endpoint back on, and replay the deliveries it missed from the delivery log.`,
    path: '/admin/settings',
  }),
  LEARNER_AT_RISK: (d) => ({
    title: `${d.learnerName} is now ${statusWord(d.status)}`,
    body: `${d.learnerName} is now ${statusWord(d.status)}: ${d.reason} Check in with them this week.`,
    path: `/admin/learners/${d.learnerId}/show`,
  }),
};

/** The words on an email's button: what to do next. */
export const ACTION: Record<NotificationKind, string> = {
  FEEDBACK_GIVEN: 'Read the feedback',
  MEETING_SCHEDULED: 'See your 1:1',
  MEETING_RESCHEDULED: 'See your 1:1',
  MEETING_CANCELLED: 'Ask for a 1:1',
  MEETING_DECLINED: 'See your requests',
  MEETING_REMINDER: 'See your 1:1',
  EVENT_SEAT_CONFIRMED: 'See the event',
  EVENT_WAITLISTED: 'See the event',
  EVENT_OFF_WAITLIST: 'See the event',
  EVENT_CHANGED: 'See the event',
  EVENT_CANCELLED: 'See other events',
  EVENT_REMINDER: 'See the event',
  ACTIVITIES_MISSING: "See this week's activities",
  STATUS_CHANGED: 'See your progress',
  MEETING_REQUESTED: 'Schedule the 1:1',
  OFFER_RECEIVED: 'Open the learner',
  LEARNER_AT_RISK: 'Open the learner',
  WEBHOOK_DISABLED: 'Open the webhook settings',
  SUBMISSION_NEAR_BREACH: 'Review it',
  MORNING_PARTNER: 'See the road map',
  MORNING_ODD_ONE_OUT: 'See the road map',
};

export function render<K extends NotificationKind>(kind: K, data: NoticeData[K], recipient: Recipient): Rendered {
  return (TEMPLATES[kind] as (d: NoticeData[K], r: Recipient) => Rendered)(data, recipient);
}
