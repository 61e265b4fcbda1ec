import { useQuery } from '@tanstack/react-query';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';

export const RULES_KEY = ['requiredActivityRules'];
export const TARGETS_KEY = ['reviewTargets'];
export const workingHoursKey = (coachId: string | undefined) => ['workingHours', coachId];

/** Every required-activity rule, retired ones included (the page folds those away). */
export function useRequiredActivityRules() {
  const dataProvider = useWaypointDataProvider();
  return useQuery({
    queryKey: RULES_KEY,
    queryFn: async () => (await dataProvider.getRequiredActivities(true)).data,
  });
}

export function useReviewTargets() {
  const dataProvider = useWaypointDataProvider();
  return useQuery({
    queryKey: TARGETS_KEY,
    queryFn: async () => (await dataProvider.getReviewTargets()).data,
  });
}
