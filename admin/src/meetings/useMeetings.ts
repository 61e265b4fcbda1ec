import { useCallback } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeetingQueueParams } from './data';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import type { Meeting } from './types';

/** Learners keep asking while a coach works the queue: read it again this often. */
const POLL_MS = 60_000;

const QUEUE_KEY = ['meetingQueue'];
const meetingKey = (id: string) => ['meeting', id];
/** The calendar shows scheduled meetings: a change to one changes it too. */
export const CALENDAR_KEY = ['coachCalendar'];

export const MEETINGS_PATH = '/meetings';
export const meetingPath = (id: string) => `${MEETINGS_PATH}/${encodeURIComponent(id)}/show`;

// The queue's last tab, so "Back to meetings" from a meeting returns to it.
const LAST_SEARCH_KEY = 'waypoint.meetings.search';
export const rememberMeetingSearch = (search: string) => sessionStorage.setItem(LAST_SEARCH_KEY, search);
export const meetingsLink = () => `${MEETINGS_PATH}${sessionStorage.getItem(LAST_SEARCH_KEY) ?? ''}`;

export function useMeetingQueue(params: MeetingQueueParams) {
  const dataProvider = useWaypointDataProvider();
  return useQuery({
    queryKey: [...QUEUE_KEY, params],
    queryFn: async () => (await dataProvider.getMeetingQueue(params)).data,
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
  });
}

export function useMeeting(id: string) {
  const dataProvider = useWaypointDataProvider();
  return useQuery({
    queryKey: meetingKey(id),
    queryFn: async () => (await dataProvider.getMeeting(id)).data,
  });
}

export function useWorkingHours(coachId: string | undefined) {
  const dataProvider = useWaypointDataProvider();
  return useQuery({
    queryKey: ['workingHours', coachId],
    queryFn: async () => (await dataProvider.getWorkingHours(coachId!)).data,
    enabled: !!coachId,
    staleTime: 60_000,
  });
}

/** A coach's calendar in [from, to): what they are busy with. */
export function useCoachCalendar(coachId: string | undefined, from: string | undefined, to: string | undefined) {
  const dataProvider = useWaypointDataProvider();
  return useQuery({
    queryKey: [...CALENDAR_KEY, coachId, from, to],
    queryFn: async () => (await dataProvider.getCoachCalendar(coachId!, from!, to!)).data,
    enabled: !!coachId && !!from && !!to,
    placeholderData: keepPreviousData,
  });
}

/** After a change: the meeting as the server answered it, and every list that shows it read again. */
export function useMeetingChanged() {
  const queryClient = useQueryClient();
  return useCallback(
    (meeting?: Meeting | null) => {
      if (meeting) queryClient.setQueryData(meetingKey(meeting.id), meeting);
      void queryClient.invalidateQueries({ queryKey: QUEUE_KEY });
      void queryClient.invalidateQueries({ queryKey: CALENDAR_KEY });
    },
    [queryClient],
  );
}
