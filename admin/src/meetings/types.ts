/** 1:1 meetings as the console reads them (see Meeting in schema.graphql). Times are UTC instants. */
export type MeetingStatus = 'REQUESTED' | 'SCHEDULED' | 'DECLINED' | 'CANCELLED' | 'COMPLETED' | 'NO_SHOW';
export type MeetingTopic = 'OFFER' | 'INTERVIEW_PREP' | 'APPLICATION_MATERIAL' | 'GENERAL';
export type MeetingOutcome = 'COMPLETED' | 'NO_SHOW';

export interface Person {
  id: string;
  name: string;
  timeZone: string;
}

export interface TimeWindow {
  startsAt: string;
  endsAt: string;
}

export interface MeetingChange {
  id: string;
  from: MeetingStatus | null;
  to: MeetingStatus;
  note: string;
  changedAt: string;
  changedBy: { id: string; name: string };
}

/** A row of the meeting queue. */
export interface MeetingRow {
  id: string;
  topic: MeetingTopic;
  note: string;
  status: MeetingStatus;
  urgent: boolean;
  windows: TimeWindow[];
  startsAt: string | null;
  endsAt: string | null;
  requestedAt: string;
  updatedAt: string;
  learner: Person;
  coach: Person;
}

/** One meeting, as its page shows it. */
export interface Meeting extends MeetingRow {
  videoLink: string | null;
  reason: string | null;
  outcomeNotes: string | null;
  history: MeetingChange[];
}

/** The queue's tabs, as the URL names them. */
export type MeetingView = 'requested' | 'scheduled' | 'mine' | 'all';

export interface MeetingFilter {
  statuses?: MeetingStatus[];
  coachId?: string;
  mine?: boolean;
  learnerId?: string;
}

export interface MeetingPage {
  items: MeetingRow[];
  total: number;
  /** how many meetings each tab holds (with the same coach filter) */
  counts: Record<MeetingView, number>;
}

export interface ScheduleMeetingArgs {
  startsAt: string;
  durationMinutes: number;
  videoLink: string;
  /** staff only: schedule for this coach */
  coachId?: string;
  /** staff only: outside the coach's working hours */
  force?: boolean;
}

export interface RescheduleMeetingArgs {
  startsAt: string;
  durationMinutes: number;
  videoLink?: string;
  force?: boolean;
}

/** A span of a coach's working week, "HH:MM" in the coach's zone. */
export interface WorkingHours {
  weekday: number;
  startTime: string;
  endTime: string;
}

/** What a CONFLICT about a busy coach names (extensions.clash). */
export interface Clash {
  kind: 'MEETING' | 'EVENT' | string;
  title: string;
  startsAt: string;
  endsAt: string;
}

