import { useCallback } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { CALENDAR_KEY } from '../meetings/useMeetings';
import type { CoachingEvent } from './types';

const LIST_KEY = ['coachingEvents'];
const eventKey = (id: string) => ['coachingEvent', id];

export const EVENTS_PATH = '/events';
export const eventPath = (id: string) => `${EVENTS_PATH}/${encodeURIComponent(id)}/show`;

/** Events starting in [from, to), by start. */
export function useEvents(from: string, to: string) {
  const dataProvider = useWaypointDataProvider();
  return useQuery({
    queryKey: [...LIST_KEY, from, to],
    queryFn: async () => (await dataProvider.getUpcomingEvents(from, to)).data,
    placeholderData: keepPreviousData,
    // Learners keep RSVPing: seats move.
    refetchInterval: 60_000,
  });
}

export function useCoachingEvent(id: string) {
  const dataProvider = useWaypointDataProvider();
  return useQuery({
    queryKey: eventKey(id),
    queryFn: async () => (await dataProvider.getCoachingEvent(id)).data,
  });
}

/** After a change: the event as the server answered it, and the lists and calendars that show it read again. */
export function useEventChanged() {
  const queryClient = useQueryClient();
  return useCallback(
    (event?: CoachingEvent | null) => {
      if (event) queryClient.setQueryData(eventKey(event.id), event);
      void queryClient.invalidateQueries({ queryKey: LIST_KEY });
      void queryClient.invalidateQueries({ queryKey: CALENDAR_KEY });
    },
    [queryClient],
  );
}

/** Reads one event again (after attendance, whose answer is only the RSVPs). */
export function useReloadEvent() {
  const queryClient = useQueryClient();
  return useCallback((id: string) => queryClient.invalidateQueries({ queryKey: eventKey(id) }), [queryClient]);
}
