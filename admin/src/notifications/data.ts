import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '../gql';
import type { NotificationChannel } from '../gql/graphql';
import { mutate, read } from '../graphqlClient';

graphql(`
  fragment Notification on Notification { id kind title body link read readAt createdAt }
`);

graphql(`
  fragment NotificationPreferences on NotificationPreferences {
    kinds { kind description inApp email }
    quietHoursFrom quietHoursUntil timeZone
  }
`);

const Notifications = graphql(`
  query notifications($first: Int!) {
    data: notifications(first: $first) { nodes { ...Notification } totalCount unreadCount }
  }
`);

const MarkNotificationsRead = graphql(`
  mutation markNotificationsRead($ids: [ID!]) { data: markNotificationsRead(ids: $ids) }
`);

const NotificationPreferences = graphql(`
  query notificationPreferences { data: notificationPreferences { ...NotificationPreferences } }
`);

const SetNotificationPreference = graphql(`
  mutation setNotificationPreference($kind: NotificationKind!, $channel: NotificationChannel!, $enabled: Boolean!) {
    data: setNotificationPreference(kind: $kind, channel: $channel, enabled: $enabled) { ...NotificationPreferences }
  }
`);

const SetQuietHours = graphql(`
  mutation setQuietHours($from: String, $until: String) {
    data: setQuietHours(from: $from, until: $until) { ...NotificationPreferences }
  }
`);

export type NotificationList = ResultOf<typeof Notifications>['data'];
export type NotificationItem = NotificationList['nodes'][number];
export type Preferences = ResultOf<typeof NotificationPreferences>['data'];
export type KindPreference = Preferences['kinds'][number];

/** The bell's query: what it shows and its count; the live connection reads it again when something is added. */
export const NOTIFICATIONS_KEY = ['notifications'];
export const PREFERENCES_KEY = ['notificationPreferences'];

/** How many the bell's list shows: the latest, newest first. */
export const BELL_SIZE = 10;

export const notificationMethods = {
  getNotifications: async (first = BELL_SIZE) => (await read(Notifications, { first })).data,
  /** Marks the named ones read, or all of yours; answers how many stay unread. */
  markRead: async (ids?: string[]) => (await mutate(MarkNotificationsRead, { ids: ids ?? null })).data,
  getPreferences: async () => (await read(NotificationPreferences)).data,
  setPreference: async (kind: KindPreference['kind'], channel: NotificationChannel, enabled: boolean) =>
    (await mutate(SetNotificationPreference, { kind, channel, enabled })).data,
  setQuietHours: async (from: string | null, until: string | null) => (await mutate(SetQuietHours, { from, until })).data,
};

/** A kind as people say it: FEEDBACK_GIVEN → "Feedback given"; a few read better in words of their own. */
// Keyed by name, not the enum: kinds newer than this console fall back to their words.
const KIND_LABELS: Record<string, string> = {
  MEETING_REQUESTED: '1:1 requested',
  MEETING_SCHEDULED: '1:1 scheduled',
  MEETING_RESCHEDULED: '1:1 moved',
  MEETING_CANCELLED: '1:1 cancelled',
  MEETING_DECLINED: '1:1 declined',
  MEETING_REMINDER: '1:1 reminder',
  EVENT_OFF_WAITLIST: 'Off the waitlist',
  LEARNER_AT_RISK: 'Learner at risk',
  MORNING_ODD_ONE_OUT: 'Morning session: no partner',
  MORNING_PARTNER: 'Morning session partner',
  SUBMISSION_NEAR_BREACH: 'Submission near its review target',
  WEBHOOK_DISABLED: 'Webhook endpoint turned off',
};

export function kindLabel(kind: string): string {
  const own = KIND_LABELS[kind];
  if (own) return own;
  const words = kind.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
