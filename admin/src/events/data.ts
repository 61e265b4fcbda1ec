import { graphql } from '../gql';
import { mutate, read } from '../graphqlClient';
import type { Attendance, CoachingEventInput, CoachingEventPatch } from './types';

graphql(`
  fragment CoachingEventRow on CoachingEvent {
    id type title description startsAt endsAt durationMinutes capacity link status cancelReason
    updatedAt facilitator { id name timeZone } seats { seated waitlisted }
  }
`);

graphql(`
  fragment Rsvp on Rsvp { id status waitlistPosition attendance queuedAt learner { id name } }
`);

graphql(`
  fragment CoachingEvent on CoachingEvent { ...CoachingEventRow rsvps { ...Rsvp } }
`);

const UpcomingEvents = graphql(`
  query upcomingEvents($from: DateTimeISO, $to: DateTimeISO) { data: upcomingEvents(from: $from, to: $to) { ...CoachingEventRow } }
`);

const CoachingEventQuery = graphql(`
  query CoachingEvent($id: ID!) { data: CoachingEvent(id: $id) { ...CoachingEvent } }
`);

const CreateCoachingEvent = graphql(`
  mutation createCoachingEvent($input: CoachingEventInput!) { data: createCoachingEvent(input: $input) { ...CoachingEvent } }
`);

const UpdateCoachingEvent = graphql(`
  mutation updateCoachingEvent($id: ID!, $patch: CoachingEventPatch!) { data: updateCoachingEvent(id: $id, patch: $patch) { ...CoachingEvent } }
`);

const CancelCoachingEvent = graphql(`
  mutation cancelCoachingEvent($id: ID!, $reason: String!) { data: cancelCoachingEvent(id: $id, reason: $reason) { ...CoachingEvent } }
`);

const RecordAttendance = graphql(`
  mutation recordAttendance($eventId: ID!, $learnerIds: [ID!]!, $attendance: Attendance!) {
    data: recordAttendance(eventId: $eventId, learnerIds: $learnerIds, attendance: $attendance) { ...Rsvp }
  }
`);

export const eventMethods = {
  /** Events starting in [from, to), cancelled ones included, by start. */
  getUpcomingEvents: async (from: string, to: string) => read(UpcomingEvents, { from, to }),
  /** One event with its RSVPs; null when there is none. */
  getCoachingEvent: async (id: string) => read(CoachingEventQuery, { id }),
  createCoachingEvent: async (input: CoachingEventInput) => mutate(CreateCoachingEvent, { input }),
  updateCoachingEvent: async (id: string, patch: CoachingEventPatch) => mutate(UpdateCoachingEvent, { id, patch }),
  cancelCoachingEvent: async (id: string, reason: string) => mutate(CancelCoachingEvent, { id, reason }),
  /** Marks seated learners ATTENDED or ABSENT, once the event has started (facilitator or staff). */
  recordAttendance: async (eventId: string, learnerIds: string[], attendance: Attendance) =>
    mutate(RecordAttendance, { eventId, learnerIds, attendance }),
};
