import { registerEnumType } from 'type-graphql';

/** What a notification is about. Each kind has one template (templates.ts) and its own preferences. */
export enum NotificationKind {
  FEEDBACK_GIVEN = 'FEEDBACK_GIVEN',
  MEETING_SCHEDULED = 'MEETING_SCHEDULED',
  MEETING_RESCHEDULED = 'MEETING_RESCHEDULED',
  MEETING_CANCELLED = 'MEETING_CANCELLED',
  MEETING_DECLINED = 'MEETING_DECLINED',
  MEETING_REMINDER = 'MEETING_REMINDER',
  EVENT_SEAT_CONFIRMED = 'EVENT_SEAT_CONFIRMED',
  EVENT_WAITLISTED = 'EVENT_WAITLISTED',
  EVENT_OFF_WAITLIST = 'EVENT_OFF_WAITLIST',
  EVENT_CHANGED = 'EVENT_CHANGED',
  EVENT_CANCELLED = 'EVENT_CANCELLED',
  EVENT_REMINDER = 'EVENT_REMINDER',
  ACTIVITIES_MISSING = 'ACTIVITIES_MISSING',
  STATUS_CHANGED = 'STATUS_CHANGED',
  MEETING_REQUESTED = 'MEETING_REQUESTED',
  OFFER_RECEIVED = 'OFFER_RECEIVED',
  LEARNER_AT_RISK = 'LEARNER_AT_RISK',
  WEBHOOK_DISABLED = 'WEBHOOK_DISABLED',
  SUBMISSION_NEAR_BREACH = 'SUBMISSION_NEAR_BREACH',
  MORNING_PARTNER = 'MORNING_PARTNER',
  MORNING_ODD_ONE_OUT = 'MORNING_ODD_ONE_OUT',
}

/** Who receives a kind: learners about their own program, coaches about their learners. */
export type Audience = 'LEARNER' | 'COACH' | 'STAFF';

export interface KindInfo {
  audience: Audience;
  description: string;
}

export const KINDS: Record<NotificationKind, KindInfo> = {
  FEEDBACK_GIVEN: { audience: 'LEARNER', description: 'A coach gave feedback on one of your submissions.' },
  MEETING_SCHEDULED: { audience: 'LEARNER', description: 'A coach scheduled the 1:1 you asked for.' },
  MEETING_RESCHEDULED: { audience: 'LEARNER', description: 'Your 1:1 moved to another time.' },
  MEETING_CANCELLED: { audience: 'LEARNER', description: 'Your 1:1 was cancelled.' },
  MEETING_DECLINED: { audience: 'LEARNER', description: 'A coach declined your 1:1 request, with the reason.' },
  MEETING_REMINDER: { audience: 'LEARNER', description: 'Your 1:1 starts in 24 hours, and again 1 hour before.' },
  EVENT_SEAT_CONFIRMED: { audience: 'LEARNER', description: 'You have a seat at a coaching event.' },
  EVENT_WAITLISTED: { audience: 'LEARNER', description: 'A coaching event was full: you are on its waitlist.' },
  EVENT_OFF_WAITLIST: { audience: 'LEARNER', description: 'A seat freed up: you moved off the waitlist.' },
  EVENT_CHANGED: { audience: 'LEARNER', description: 'A coaching event you signed up for changed time, place or link.' },
  EVENT_CANCELLED: { audience: 'LEARNER', description: 'A coaching event you signed up for was cancelled.' },
  EVENT_REMINDER: { audience: 'LEARNER', description: 'A coaching event you have a seat at starts in 24 hours.' },
  ACTIVITIES_MISSING: {
    audience: 'LEARNER',
    description: "This week's required activities still missing, 48 hours before your week ends and again on its last day.",
  },
  STATUS_CHANGED: { audience: 'LEARNER', description: 'Your enrollment status changed (at risk, suspended, back to enrolled).' },
  MEETING_REQUESTED: { audience: 'COACH', description: 'One of your learners asked for a 1:1 (offers first).' },
  OFFER_RECEIVED: { audience: 'COACH', description: 'One of your learners received a job offer.' },
  LEARNER_AT_RISK: { audience: 'COACH', description: 'One of your learners went AT_RISK or was suspended.' },
  SUBMISSION_NEAR_BREACH: { audience: 'COACH', description: 'A submission you hold or are assigned has less than a quarter of its review target left.' },
  MORNING_PARTNER: { audience: 'LEARNER', description: 'Your partner (or group) for tomorrow\'s morning session, once pairs are made.' },
  MORNING_ODD_ONE_OUT: { audience: 'LEARNER', description: 'You were the odd one out at a morning session: no partner this time.' },
  WEBHOOK_DISABLED: { audience: 'STAFF', description: 'A webhook endpoint kept failing for 24 hours and was turned off.' },
};

const AUDIENCE_WORDS: Record<Audience, string> = { LEARNER: 'learners', COACH: 'coaches', STAFF: 'staff' };

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a notification is about; preferences are set per kind and channel.',
  valuesConfig: Object.fromEntries(Object.entries(KINDS).map(([k, v]) => [k, { description: `To ${AUDIENCE_WORDS[v.audience]}: ${v.description}` }])),
});

/** Where a notification goes. In-app notifications are the notification rows themselves. */
export enum NotificationChannel {
  IN_APP = 'IN_APP',
  EMAIL = 'EMAIL',
}

registerEnumType(NotificationChannel, {
  name: 'NotificationChannel',
  description: 'A way Waypoint tells someone something.',
  valuesConfig: {
    IN_APP: { description: 'In Waypoint: the notifications query and the console bell.' },
    EMAIL: { description: 'Email to the account address, outside the person\'s quiet hours, with a one-click unsubscribe.' },
  },
});

/** Where a delivery stands. */
export enum DeliveryStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}

registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  description: 'Where one delivery of a notification on one channel stands.',
  valuesConfig: {
    PENDING: { description: 'Waiting for its time (quiet hours, back-off after a failed attempt) or being sent.' },
    SENT: { description: 'Accepted by the receiving server.' },
    FAILED: { description: 'Given up after retrying for 24 hours; lastError says why.' },
  },
});
