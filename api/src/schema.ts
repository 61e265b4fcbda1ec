import 'reflect-metadata';
import path from 'node:path';
import { buildSchema, type MiddlewareFn } from 'type-graphql';
import type { Context } from './context';
import { writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { authChecker } from './auth/auth-checker';
import { AuthResolver } from './auth/auth.resolver';
import { UserResolver } from './modules/users/user.resolver';
import { LearnerResolver, StatusChangeResolver } from './modules/learners/learner.resolver';
import { ScheduleActivityResolver, ScheduleResolver, RoadmapResolver } from './modules/schedule/schedule.resolver';
import { FeedbackResolver, ReviewTargetResolver, SubmissionResolver } from './modules/submissions/submission.resolver';
import { ComplianceChangeResolver, ComplianceResolver, RequiredActivityResolver } from './modules/compliance/compliance.resolver';
import { MorningSessionResolver } from './modules/morning-sessions/morning-session.resolver';
import { MeetingChangeResolver, MeetingResolver } from './modules/meetings/meeting.resolver';
import { CoachingEventResolver, RsvpResolver } from './modules/events/coaching-event.resolver';
import { CalendarResolver } from './modules/calendar/calendar.resolver';
import { AuditResolver } from './modules/audit/audit.resolver';
import { auditPrivilegedActions } from './modules/audit/audit';
import { CoachAlertResolver, JobActivityResolver, LearnerJobSearchResolver } from './modules/job-search/job-activity.resolver';
import { ProgressResolver } from './modules/job-search/progress.resolver';
import { apiClientFieldScopes } from './modules/api-clients/api-client-scopes';
import { ApiClientResolver } from './modules/api-clients/api-client.resolver';
import { repoRoot } from './config';
import { validateArgs } from './common/validate-args';
import { badInput } from './common/errors';

export const resolvers = [
  AuthResolver,
  UserResolver,
  LearnerResolver,
  StatusChangeResolver,
  ScheduleResolver,
  ScheduleActivityResolver,
  RoadmapResolver,
  SubmissionResolver,
  FeedbackResolver,
  ReviewTargetResolver,
  RequiredActivityResolver,
  ComplianceResolver,
  ComplianceChangeResolver,
  MorningSessionResolver,
  MeetingResolver,
  MeetingChangeResolver,
  CoachingEventResolver,
  RsvpResolver,
  CalendarResolver,
  AuditResolver,
  JobActivityResolver,
  CoachAlertResolver,
  LearnerJobSearchResolver,
  ProgressResolver,
  ApiClientResolver,
] as const;

/** Mutations run one after another: each starts with empty DataLoader caches, so it reads what the previous one wrote. */
const freshLoadersPerMutation: MiddlewareFn<Context> = ({ info, context }, next) => {
  if (info.parentType.name === 'Mutation') context.loaders.clearAll();
  return next();
};

/** The path of the first string holding a NUL character (PostgreSQL text cannot store one), if any. */
function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = nulPath(v, `${path}.${i}`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      const found = nulPath(v, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return null;
}

/** Refuses text with a NUL character as bad input, before any resolver can hand it to PostgreSQL. */
const refuseNulCharacters: MiddlewareFn<Context> = ({ args }, next) => {
  const field = nulPath(args, '');
  if (field) throw badInput(field, `${field} must not contain the NUL character (\\u0000)`);
  return next();
};

export const schemaFile = path.join(repoRoot, 'schema.graphql');

/** Builds the executable schema from the decorated classes; emitSchema writes schema.graphql (the checked-in contract). */
export async function createSchema(opts: { emitSchema?: string } = {}): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    validateFn: validateArgs,
    globalMiddlewares: [apiClientFieldScopes, refuseNulCharacters, freshLoadersPerMutation, auditPrivilegedActions],
  });
  // type-graphql offers no descriptions for the root types; every type clients see gets one.
  schema.getQueryType()!.description = 'Everything Waypoint lets you read. Every field needs a signed-in viewer unless it says otherwise.';
  schema.getMutationType()!.description = 'Everything Waypoint lets you change. Refused input changes nothing.';
  if (opts.emitSchema) writeFileSync(opts.emitSchema, printSchemaFile(schema));
  return schema;
}

/** The text of schema.graphql: sorted, so the diff of a change shows only what changed. */
export function printSchemaFile(schema: GraphQLSchema): string {
  return `# Emitted from the code by "npm run schema"; do not edit. CI fails when it is stale.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
