import buildGraphQLProvider from 'ra-data-graphql';
import type { DataProvider } from 'react-admin';
import bundledSchema from 'virtual:waypoint-schema';
import { buildQuery } from './buildQuery';
import { calendarMethods } from './calendar/data';
import { complianceMethods } from './compliance/data';
import { eventMethods } from './events/data';
import { client, toReadableError } from './graphqlClient';
import { integrationMethods } from './integrations/data';
import { jobMethods } from './jobs/data';
import { learnerDocuments, learnerMethods } from './learners/data';
import { meetingMethods } from './meetings/data';
import { morningSessionMethods } from './morningSessions/data';
import { progressMethods } from './progress/data';
import { reviewMethods } from './reviews/data';
import { scheduleMethods } from './schedule/data';
import { settingsMethods } from './settings/data';
import { userDocuments, userMethods } from './users/data';


/** react-admin's standard calls (list, show, edit, create) through ra-data-graphql, by resource name. */
const graphQLProvider = buildGraphQLProvider({
  client,
  buildQuery: buildQuery({ learners: learnerDocuments, users: userDocuments }),
  introspection: bundledSchema ? { schema: bundledSchema } : {},
});

/** Every standard method rethrows API errors as readable HttpErrors. */
const standardMethods = Object.fromEntries(
  (['getList', 'getOne', 'getMany', 'getManyReference', 'create', 'update', 'updateMany', 'delete', 'deleteMany'] as const).map(
    (name) => [
      name,
      (resource: string, params: unknown) =>
        (graphQLProvider[name] as (r: string, p: unknown) => Promise<unknown>)(resource, params).catch((error) => {
          throw toReadableError(error);
        }),
    ],
  ),
) as unknown as DataProvider;

/** Each resource's own calls, typed by the documents in its data.ts. */
const resourceMethods = {
  ...learnerMethods,
  ...userMethods,
  ...scheduleMethods,
  ...complianceMethods,
  ...morningSessionMethods,
  ...reviewMethods,
  ...calendarMethods,
  ...meetingMethods,
  ...settingsMethods,
  ...eventMethods,
  ...progressMethods,
  ...integrationMethods,
  ...jobMethods,
};

export type WaypointDataProvider = DataProvider & typeof resourceMethods;

export const dataProvider: WaypointDataProvider = { ...standardMethods, ...resourceMethods };
