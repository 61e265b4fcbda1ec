import type { MiddlewareFn } from 'type-graphql';
import type { Context } from '../../context';
import { forbidden } from '../../common/errors';
import { API_CLIENT, type ApiScope } from '../../auth/viewer';

const ALL = '*';

/**
 * What an API key may read, field by field (deny by default): each type lists its readable fields per scope.
 * A progress:read key sees counts and status but no names or emails; learners:read adds who the learners are.
 */
const READABLE: Record<string, Partial<Record<ApiScope, string[]>>> = {
  Query: { 'progress:read': ['learnerProgress', 'progress'], 'learners:read': ['Learner', 'allLearners', '_allLearnersMeta'], 'events:read': ['upcomingEvents', 'CoachingEvent'] },
  LearnerProgress: { 'progress:read': [ALL] },
  DayCount: { 'progress:read': [ALL] },
  WeekCount: { 'progress:read': [ALL] },
  GoalActual: { 'progress:read': [ALL] },
  ProgressConnection: { 'progress:read': [ALL] },
  ProgressPageInfo: { 'progress:read': [ALL] },
  RequiredActivityStatus: { 'progress:read': [ALL], 'learners:read': [ALL] },
  ListMetadata: { 'learners:read': [ALL] },
  Learner: {
    'progress:read': ['id', 'status', 'moduleWeek', 'timeZone', 'moduleStartDate', 'requiredActivities'],
    'learners:read': ['id', 'status', 'moduleWeek', 'timeZone', 'moduleStartDate', 'requiredActivities', 'name', 'email', 'userId', 'coachId', 'coach', 'statusChangedAt', 'createdAt', 'updatedAt'],
  },
  User: { 'learners:read': ['id', 'name'], 'events:read': ['id', 'name'] },
  CoachingEvent: { 'events:read': ['id', 'type', 'title', 'description', 'startsAt', 'endsAt', 'durationMinutes', 'capacity', 'link', 'status', 'cancelReason', 'seats', 'facilitator', 'updatedAt'] },
  SeatCounts: { 'events:read': [ALL] },
};

export const apiClientFieldScopes: MiddlewareFn<Context> = ({ info, context }, next) => {
  const viewer = context.viewer;
  if (viewer?.role !== API_CLIENT || info.parentType.name.startsWith('__')) return next();
  const type = READABLE[info.parentType.name] ?? {};
  const allowed = viewer.client!.scopes.some((scope) => {
    const fields = type[scope];
    return fields !== undefined && (fields.includes(ALL) || fields.includes(info.fieldName));
  });
  if (!allowed) throw forbidden(`This API key may not read ${info.parentType.name}.${info.fieldName} (scopes: ${viewer.client!.scopes.join(', ')})`);
  return next();
};
