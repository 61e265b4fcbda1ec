import { useQuery } from '@tanstack/react-query';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';

export const ALERTS_KEY = ['coachAlerts'];
export const coachProgressKey = (coachId: string | undefined) => ['coachProgress', coachId];
export const learnerProgressKey = (learnerId: string | undefined) => ['learnerProgress', learnerId];

/** The last 7 days of a coach's learners' job search. */
export function useCoachProgress(coachId: string | undefined) {
  const dataProvider = useWaypointDataProvider();
  return useQuery({
    queryKey: coachProgressKey(coachId),
    queryFn: async () => await dataProvider.getCoachProgress(coachId as string, 7),
    enabled: !!coachId,
  });
}

export function useLearnerProgress(learnerId: string | undefined) {
  const dataProvider = useWaypointDataProvider();
  return useQuery({
    queryKey: learnerProgressKey(learnerId),
    queryFn: async () => (await dataProvider.getLearnerProgress(learnerId as string, 7)).data,
    enabled: !!learnerId,
  });
}

export function useCoachAlerts() {
  const dataProvider = useWaypointDataProvider();
  return useQuery({
    queryKey: ALERTS_KEY,
    queryFn: async () => (await dataProvider.getCoachAlerts()).data,
  });
}
