import type { MeetingFilter, MeetingStatus, MeetingTopic, MeetingView } from './types';

/** Words the console uses for the API's names. */
export const TOPIC_LABELS: Record<MeetingTopic, string> = {
  OFFER: 'Offer received',
  INTERVIEW_PREP: 'Interview prep',
  APPLICATION_MATERIAL: 'Application material',
  GENERAL: 'General',
};

export const STATUS_LABELS: Record<MeetingStatus, string> = {
  REQUESTED: 'Requested',
  SCHEDULED: 'Scheduled',
  DECLINED: 'Declined',
  CANCELLED: 'Cancelled',
  COMPLETED: 'Completed',
  NO_SHOW: 'No-show',
};

export const STATUS_COLORS: Record<MeetingStatus, 'default' | 'info' | 'success' | 'warning' | 'error' | 'primary'> = {
  REQUESTED: 'warning',
  SCHEDULED: 'primary',
  DECLINED: 'default',
  CANCELLED: 'default',
  COMPLETED: 'success',
  NO_SHOW: 'error',
};

export const topicLabel = (topic: string) => TOPIC_LABELS[topic as MeetingTopic] ?? topic;
export const statusLabel = (status: string) => STATUS_LABELS[status as MeetingStatus] ?? status;

/** The queue's tabs: label, what they ask the API for, what an empty one says, and who sees them. */
export const MEETING_VIEWS: { id: MeetingView; label: string; filter: MeetingFilter; empty: string; coachesOnly?: boolean }[] = [
  { id: 'requested', label: 'Requested', filter: { statuses: ['REQUESTED'] }, empty: 'No request waits for a coach.' },
  { id: 'scheduled', label: 'Scheduled', filter: { statuses: ['SCHEDULED'] }, empty: 'No meeting is scheduled.' },
  { id: 'mine', label: 'Mine', filter: { mine: true }, empty: 'No meeting has you as its coach yet.', coachesOnly: true },
  { id: 'all', label: 'All', filter: {}, empty: 'No meeting has been requested yet.' },
];

export const isMeetingView = (value: string | null): value is MeetingView => MEETING_VIEWS.some((v) => v.id === value);

/** Lengths a coach picks from; the API accepts 15 to 480 minutes. */
export const DURATIONS = [15, 30, 45, 60, 90, 120];
