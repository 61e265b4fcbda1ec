import { useQuery } from '@tanstack/react-query';
import { useGetIdentity, usePermissions } from 'react-admin';
import type { Viewer } from '../calendar/types';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { BROWSER_ZONE, safeZone } from './zones';

/**
 * The signed-in person and the zone their times are shown in (their profile's, e.g. Africa/Lagos;
 * the browser's until it has loaded).
 */
export function useViewer() {
  const dataProvider = useWaypointDataProvider();
  const { identity } = useGetIdentity();
  const { permissions } = usePermissions();
  const { data } = useQuery({
    queryKey: ['viewer', identity?.id],
    queryFn: async () => (await dataProvider.getViewer()).data,
    enabled: identity?.id !== undefined,
    staleTime: 5 * 60_000,
  });
  const viewer: Viewer | undefined = data ?? undefined;
  return {
    viewer,
    id: identity?.id === undefined ? undefined : String(identity.id),
    isStaff: permissions === 'STAFF',
    isCoach: permissions === 'COACH',
    timeZone: safeZone(viewer?.timeZone ?? BROWSER_ZONE),
    loaded: !!viewer,
  };
}
