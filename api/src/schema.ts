import 'reflect-metadata';
import path from 'node:path';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { contextWith, type Context } from './context';
import { writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { authChecker } from './auth/auth-checker';
import { SignInResolver } from './modules/users/sign-in.resolver';
import { UserResolver } from './modules/users/user.resolver';
import { LearnerResolver, StatusChangeResolver, UserLearnerResolver } from './modules/learners/learner.resolver';
import { ScheduleActivityResolver, ScheduleResolver, RoadmapResolver } from './modules/schedule/schedule.resolver';
import { ReviewTargetResolver, SubmissionResolver } from './modules/submissions/submission.resolver';
import { ComplianceChangeResolver, ComplianceExcuseResolver, ComplianceResolver, LearnerComplianceResolver, RequiredActivityResolver } from './modules/compliance/compliance.resolver';
import { MorningSessionResolver } from './modules/morning-sessions/morning-session.resolver';
import { MeetingChangeResolver, MeetingResolver } from './modules/meetings/meeting.resolver';
import { CoachingEventResolver, RsvpResolver } from './modules/events/coaching-event.resolver';
import { CalendarResolver } from './modules/calendar/calendar.resolver';
import { AuditResolver } from './modules/audit/audit.resolver';
import { JobsResolver } from './modules/jobs/jobs.resolver';
import { AUDITED, recordAudit } from './modules/audit/audit';
import { JobActivityResolver, LearnerJobSearchResolver } from './modules/job-search/job-activity.resolver';
import { ProgressResolver } from './modules/job-search/progress.resolver';
// Root query fields that compile to one statement, registered by the modules that own them.
import './modules/submissions/review-queue.read';
import './modules/job-search/progress.read';
import { ApiClientKeyResolver, ApiClientResolver } from './modules/api-clients/api-client.resolver';
import { NotificationResolver } from './modules/notifications/notification.resolver';
import { WebhookResolver } from './modules/notifications/webhook.resolver';
import { NotificationLiveResolver } from './modules/notifications/notification.live';
import { ReviewQueueLiveResolver } from './modules/submissions/review-queue.live';
import { CoachNoteResolver, LearnerCoachNotesResolver } from './modules/learners/coach-note.resolver';
import { FeedbackSnippetResolver } from './modules/submissions/feedback-snippet.resolver';
import { ReportResolver } from './modules/reports/report.resolver';
import { LearnerConnectionResolver } from './modules/learners/learner-connection';
import { SubmissionConnectionResolver } from './modules/submissions/submission-connection';
import { MeetingConnectionResolver } from './modules/meetings/meeting-connection';
import { CoachingEventConnectionResolver } from './modules/events/coaching-event-connection';
import { JobActivityConnectionResolver } from './modules/job-search/job-activity-connection';
import { repoRoot } from './config';
import { validateArgs } from './common/validate-args';
import { badInput } from './common/errors';
import { attachReadResolvers } from './read/batch';
import { unstorableText } from './common/nul';
import { answeredFromKey, IDEMPOTENCY_KEY_ARG } from './modules/idempotency/idempotency';

export const resolvers = [
  SignInResolver,
  UserResolver,
  LearnerResolver,
  UserLearnerResolver,
  StatusChangeResolver,
  ScheduleResolver,
  ScheduleActivityResolver,
  RoadmapResolver,
  SubmissionResolver,
  ReviewTargetResolver,
  RequiredActivityResolver,
  ComplianceResolver,
  LearnerComplianceResolver,
  ComplianceExcuseResolver,
  ComplianceChangeResolver,
  MorningSessionResolver,
  MeetingResolver,
  MeetingChangeResolver,
  CoachingEventResolver,
  RsvpResolver,
  CalendarResolver,
  AuditResolver,
  JobActivityResolver,
  LearnerJobSearchResolver,
  ProgressResolver,
  ApiClientResolver,
  ApiClientKeyResolver,
  NotificationResolver,
  WebhookResolver,
  NotificationLiveResolver,
  ReviewQueueLiveResolver,
  CoachNoteResolver,
  LearnerCoachNotesResolver,
  FeedbackSnippetResolver,
  ReportResolver,
  LearnerConnectionResolver,
  SubmissionConnectionResolver,
  MeetingConnectionResolver,
  CoachingEventConnectionResolver,
  JobActivityConnectionResolver,
  JobsResolver,
] as const;

/**
 * Wraps each root field once: text PostgreSQL cannot store (a NUL character, a lone surrogate) is refused before
 * any resolver can hand it over; a mutation starts with empty DataLoader caches (it reads what the previous one
 * wrote); an audited one runs in one transaction with its audit entry, and one given an idempotency key with its key. Done here rather than as a type-graphql global middleware, which would run on
 * every field of every response (it cost 60% of a 200-learner progress page).
 */
function wrapRootFields(schema: GraphQLSchema): void {
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (!type) continue;
    const isMutation = type.name === 'Mutation';
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve!;
      const audited = isMutation && AUDITED.has(field.name);
      const keyed = isMutation && field.args.some((a) => a.name === IDEMPOTENCY_KEY_ARG);
      field.resolve = async (source, args: Record<string, unknown>, context: Context, info) => {
        const unstorable = unstorableText(args);
        if (unstorable) throw badInput(unstorable.path, unstorable.message);
        if (isMutation) context.loaders.clearAll();
        const withKey = keyed && args[IDEMPOTENCY_KEY_ARG] !== undefined && args[IDEMPOTENCY_KEY_ARG] !== null;
        if ((!audited && !withKey) || !context.viewer) return resolve(source, args, context, info);
        // An audited action and its audit entry commit together: no action without its entry. A mutation given an
        // idempotency key takes the key in the same transaction as its write (modules/idempotency), and a retry
        // answered from the key writes nothing, audit entry included; the key itself is not kept in the log.
        return context.em.transactional(async (em) => {
          const inner = contextWith(context, { em });
          const result = await resolve(source, args, inner, info);
          if (audited && !answeredFromKey(inner)) {
            const { [IDEMPOTENCY_KEY_ARG]: _key, ...logged } = args;
            await recordAudit(info.fieldName, logged, result, inner);
          }
          return result;
        });
      };
    }
  }
}

/**
 * A plain property field (no guard, no middleware, same name in the schema) is read by GraphQL's default resolver.
 * type-graphql would otherwise run its middleware chain for every such field of every row: a page of 200 rows
 * has thousands of them.
 */
function resolvePlainFieldsByProperty(): void {
  for (const field of getMetadataStorage().fields) {
    if (field.simple === undefined && !field.roles && !field.middlewares?.length && field.name === field.schemaName) field.simple = true;
  }
}

export const schemaFile = path.join(repoRoot, 'schema.graphql');

/** Builds the executable schema from the decorated classes; emitSchema writes schema.graphql (the checked-in contract). */
export async function createSchema(opts: { emitSchema?: string } = {}): Promise<GraphQLSchema> {
  resolvePlainFieldsByProperty();
  const schema = await buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    validateFn: validateArgs,
    // Every subscription brings its own subscribe (the live hub, common/live.ts); type-graphql insists on a PubSub.
    pubSub: {
      publish: () => {
        throw new Error('Waypoint publishes through PostgreSQL (common/live.ts), not type-graphql');
      },
      subscribe: () => {
        throw new Error('Each subscription declares its own subscribe');
      },
    },
  });
  wrapRootFields(schema);
  attachReadResolvers(schema);
  // type-graphql offers no descriptions for the root types; every type clients see gets one.
  schema.getQueryType()!.description = 'Everything Waypoint lets you read. Every field needs a signed-in viewer unless it says otherwise.';
  schema.getMutationType()!.description = 'Everything Waypoint lets you change. Refused input changes nothing.';
  schema.getSubscriptionType()!.description =
    'Live updates over WebSocket (graphql-ws protocol) on /graphql, authorized like requests: a bearer token or API key as the connection parameter `authorization`, or the console session with `csrf`.';
  if (opts.emitSchema) writeFileSync(opts.emitSchema, printSchemaFile(schema));
  return schema;
}

/** The text of schema.graphql: sorted, so the diff of a change shows only what changed. */
export function printSchemaFile(schema: GraphQLSchema): string {
  return `# Emitted from the code by "npm run schema"; do not edit. CI fails when it is stale.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
