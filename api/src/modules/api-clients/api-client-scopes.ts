import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { AppError } from '../../common/errors';
import type { ApiScope } from '../../auth/viewer';

const ALL = '*';

/**
 * What an API key may read, field by field (deny by default): each type lists its readable fields per scope.
 * A progress:read key sees counts and status but no names or emails; learners:read adds who the learners are.
 */
const READABLE: Record<string, Partial<Record<ApiScope, string[]>>> = {
  Query: {
    'progress:read': ['learnerProgress', 'progress', 'supportUrl'],
    'learners:read': ['Learner', 'allLearners', '_allLearnersMeta', 'learners', 'supportUrl'],
    'events:read': ['upcomingEvents', 'CoachingEvent', 'coachingEvents', 'supportUrl'],
  },
  LearnerProgress: { 'progress:read': [ALL] },
  DayCount: { 'progress:read': [ALL] },
  WeekCount: { 'progress:read': [ALL] },
  GoalActual: { 'progress:read': [ALL] },
  ProgressConnection: { 'progress:read': [ALL] },
  ProgressPageInfo: { 'progress:read': [ALL] },
  RequiredActivityStatus: { 'progress:read': [ALL], 'learners:read': [ALL] },
  ListMetadata: { 'learners:read': [ALL] },
  LearnerConnection: { 'learners:read': [ALL] },
  LearnerEdge: { 'learners:read': [ALL] },
  PageInfo: { 'learners:read': [ALL], 'events:read': [ALL] },
  CoachingEventConnection: { 'events:read': [ALL] },
  CoachingEventEdge: { 'events:read': [ALL] },
  Learner: {
    'progress:read': ['id', 'status', 'moduleWeek', 'timeZone', 'moduleStartDate', 'requiredActivities'],
    'learners:read': ['id', 'status', 'moduleWeek', 'timeZone', 'moduleStartDate', 'requiredActivities', 'name', 'email', 'userId', 'coachId', 'coach', 'statusChangedAt', 'createdAt', 'updatedAt'],
  },
  User: { 'learners:read': ['id', 'name'], 'events:read': ['id', 'name'] },
  CoachingEvent: { 'events:read': ['id', 'type', 'title', 'description', 'startsAt', 'endsAt', 'durationMinutes', 'capacity', 'link', 'status', 'cancelReason', 'seats', 'facilitator', 'updatedAt'] },
  SeatCounts: { 'events:read': [ALL] },
};

/** What each scope may read of a type, for the reference (/docs): every field, or the ones named. */
export function readableFields(typeName: string): Partial<Record<ApiScope, 'all' | string[]>> {
  const type = READABLE[typeName] ?? {};
  return Object.fromEntries(Object.entries(type).map(([scope, fields]) => [scope, fields!.includes(ALL) ? 'all' : [...fields!]]));
}

/**
 * Checks, once per request and before anything runs, every field the document selects against what the API
 * client's scopes may read. FORBIDDEN names the first field it may not read.
 */
export function assertApiClientMayRead(schema: GraphQLSchema, document: DocumentNode, scopes: ApiScope[]): void {
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent || node.name.value.startsWith('__') || parent.name.startsWith('__')) return;
        const type = READABLE[parent.name] ?? {};
        const allowed = scopes.some((scope) => {
          const fields = type[scope];
          return fields !== undefined && (fields.includes(ALL) || fields.includes(node.name.value));
        });
        if (!allowed) {
          throw new AppError('FORBIDDEN', `This API key may not read ${parent.name}.${node.name.value} (scopes: ${scopes.join(', ')})`, { http: { status: 403 } });
        }
      },
    }),
  );
}
