import { useDataProvider } from 'react-admin';
import type { WaypointDataProvider } from '../dataProvider';

/** The data provider with Waypoint's custom methods. */
export const useWaypointDataProvider = () => useDataProvider<WaypointDataProvider>();
