import { graphql } from '../gql';
import { MAX_PER_PAGE, mutate, read } from '../graphqlClient';
import { MEETING_VIEWS } from './labels';
import type { MeetingOutcome, MeetingPage, MeetingView, RescheduleMeetingArgs, ScheduleMeetingArgs, WorkingHours } from './types';

graphql(`
  fragment MeetingRow on Meeting {
    id topic note status urgent startsAt endsAt requestedAt updatedAt
    windows { startsAt endsAt } learner { id name timeZone } coach { id name timeZone }
  }
`);

graphql(`
  fragment MeetingDetail on Meeting {
    ...MeetingRow videoLink reason outcomeNotes
    history { id from to note changedAt changedBy { id name } }
  }
`);

graphql(`
  fragment WorkingHours on WorkingHours { weekday startTime endTime }
`);

/** The page and the count behind every tab (MEETING_VIEWS), in one request. */
export const MeetingQueueDocument = graphql(`
  query meetingQueue(
    $filter: MeetingFilter, $page: Int, $perPage: Int,
    $requested: MeetingFilter, $scheduled: MeetingFilter, $mine: MeetingFilter, $all: MeetingFilter
  ) {
    items: allMeetings(filter: $filter, page: $page, perPage: $perPage) { ...MeetingRow }
    requested: _allMeetingsMeta(filter: $requested) { count }
    scheduled: _allMeetingsMeta(filter: $scheduled) { count }
    mine: _allMeetingsMeta(filter: $mine) { count }
    all: _allMeetingsMeta(filter: $all) { count }
  }
`);

const MeetingQuery = graphql(`
  query Meeting($id: ID!) { data: Meeting(id: $id) { ...MeetingDetail } }
`);

const ScheduleMeeting = graphql(`
  mutation scheduleMeeting($id: ID!, $startsAt: DateTimeISO!, $durationMinutes: Int!, $videoLink: String!, $coachId: ID, $force: Boolean) {
    data: scheduleMeeting(id: $id, startsAt: $startsAt, durationMinutes: $durationMinutes, videoLink: $videoLink, coachId: $coachId, force: $force) {
      ...MeetingDetail
    }
  }
`);

const RescheduleMeeting = graphql(`
  mutation rescheduleMeeting($id: ID!, $startsAt: DateTimeISO!, $durationMinutes: Int!, $videoLink: String, $force: Boolean) {
    data: rescheduleMeeting(id: $id, startsAt: $startsAt, durationMinutes: $durationMinutes, videoLink: $videoLink, force: $force) {
      ...MeetingDetail
    }
  }
`);

const DeclineMeeting = graphql(`
  mutation declineMeeting($id: ID!, $reason: String!) { data: declineMeeting(id: $id, reason: $reason) { ...MeetingDetail } }
`);

const CancelMeeting = graphql(`
  mutation cancelMeeting($id: ID!, $reason: String!) { data: cancelMeeting(id: $id, reason: $reason) { ...MeetingDetail } }
`);

const CompleteMeeting = graphql(`
  mutation completeMeeting($id: ID!, $outcome: MeetingOutcome!, $notes: String) {
    data: completeMeeting(id: $id, outcome: $outcome, notes: $notes) { ...MeetingDetail }
  }
`);

const WorkingHoursQuery = graphql(`
  query workingHours($coachId: ID!) { data: workingHours(coachId: $coachId) { ...WorkingHours } }
`);

const SetWorkingHours = graphql(`
  mutation setWorkingHours($coachId: ID!, $hours: [WorkingHoursInput!]!) {
    data: setWorkingHours(coachId: $coachId, hours: $hours) { ...WorkingHours }
  }
`);

export interface MeetingQueueParams {
  view: MeetingView;
  /** only this coach's meetings (staff) */
  coachId?: string;
  /** 1-based, as react-admin counts */
  page: number;
  perPage: number;
}

export const meetingMethods = {
  /** A page of meetings through a tab (urgent first, then oldest request), with every tab's count. */
  getMeetingQueue: async ({ view, coachId, page, perPage }: MeetingQueueParams): Promise<{ data: MeetingPage }> => {
    const filterOf = (id: MeetingView) => ({ ...MEETING_VIEWS.find((v) => v.id === id)!.filter, ...(coachId ? { coachId } : {}) });
    const data = await read(MeetingQueueDocument, {
      filter: filterOf(view),
      page: Math.max(page - 1, 0),
      perPage: Math.min(perPage, MAX_PER_PAGE),
      ...Object.fromEntries(MEETING_VIEWS.map((v) => [v.id, filterOf(v.id)])),
    });
    return {
      data: {
        items: data.items,
        total: data[view].count,
        counts: Object.fromEntries(MEETING_VIEWS.map((v) => [v.id, data[v.id].count])) as MeetingPage['counts'],
      },
    };
  },
  /** One meeting with its history; null when there is none. */
  getMeeting: async (id: string) => read(MeetingQuery, { id }),
  /** Schedules a request inside one of its windows (CONFLICT names the clash when the coach is busy). */
  scheduleMeeting: async (id: string, { startsAt, durationMinutes, videoLink, coachId, force }: ScheduleMeetingArgs) =>
    mutate(ScheduleMeeting, { id, startsAt, durationMinutes, videoLink, coachId, force }),
  rescheduleMeeting: async (id: string, { startsAt, durationMinutes, videoLink, force }: RescheduleMeetingArgs) =>
    mutate(RescheduleMeeting, { id, startsAt, durationMinutes, videoLink, force }),
  declineMeeting: async (id: string, reason: string) => mutate(DeclineMeeting, { id, reason }),
  cancelMeeting: async (id: string, reason: string) => mutate(CancelMeeting, { id, reason }),
  completeMeeting: async (id: string, outcome: MeetingOutcome, notes?: string) => mutate(CompleteMeeting, { id, outcome, notes }),
  /** A coach's working week, in the coach's zone (empty: no limit). */
  getWorkingHours: async (coachId: string) => read(WorkingHoursQuery, { coachId }),
  /** Replaces a coach's working week (a coach their own, staff anyone's); an empty list removes the limit. */
  setWorkingHours: async (coachId: string, hours: WorkingHours[]) =>
    mutate(SetWorkingHours, { coachId, hours: hours.map(({ weekday, startTime, endTime }) => ({ weekday, startTime, endTime })) }),
};
