/** Coaching events as the console reads them (see CoachingEvent in schema.graphql). */
export type EventType = 'WORKSHOP' | 'Q_AND_A' | 'MOCK_INTERVIEW' | 'NETWORKING';
export type EventStatus = 'SCHEDULED' | 'CANCELLED';
export type RsvpStatus = 'SEATED' | 'WAITLISTED' | 'CANCELLED';
export type Attendance = 'ATTENDED' | 'ABSENT';

export interface Rsvp {
  id: string;
  status: RsvpStatus;
  waitlistPosition: number | null;
  attendance: Attendance | null;
  queuedAt: string;
  learner: { id: string; name: string };
}

/** An event as the list shows it. */
export interface CoachingEventRow {
  id: string;
  type: EventType;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  capacity: number;
  link: string | null;
  status: EventStatus;
  cancelReason: string | null;
  updatedAt: string;
  facilitator: { id: string; name: string; timeZone: string };
  seats: { seated: number; waitlisted: number };
}

/** One event with its RSVPs in queue order. */
export interface CoachingEvent extends CoachingEventRow {
  rsvps: Rsvp[];
}

export interface CoachingEventInput {
  type: EventType;
  title: string;
  description?: string;
  facilitatorId: string;
  startsAt: string;
  durationMinutes: number;
  capacity: number;
  link?: string;
}

/** Changes to an event; the type cannot change. */
export type CoachingEventPatch = Partial<Omit<CoachingEventInput, 'type'>>;

