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
import { repoRoot } from './config';
import { validateArgs } from './common/validate-args';

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
] as const;

/** Mutations run one after another: each starts with empty DataLoader caches, so it reads what the previous one wrote. */
const freshLoadersPerMutation: MiddlewareFn<Context> = ({ info, context }, next) => {
  if (info.parentType.name === 'Mutation') context.loaders.clearAll();
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
    globalMiddlewares: [freshLoadersPerMutation],
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
