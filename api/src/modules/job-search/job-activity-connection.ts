import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, InputType, Info, Query, Resolver } from 'type-graphql';
import { IsEnum, IsOptional, IsString, IsUUID } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { JobActivity, JobActivityKind } from './job-activity.entity';
import { Role } from '../users/user.entity';
import type { Viewer } from '../../auth/viewer';
import { pgArray } from '../../common/sql';
import type { Context } from '../../context';
import { readType } from '../../read/declare';
import { readRoots } from '../../read/root';
import { ConnectionArgs, connectionAnswer, connectionRoot, connectionTypes, rowsByIds, sortOrders, type ListRule } from '../../read/connection';

/** Job activities' fields are their columns: a page of them compiles whole. */
export const JobActivityRead = readType(JobActivity, 'job_activities', {});

@InputType({ description: 'Narrows job activities; all given conditions must hold.' })
export class JobActivityFilter {
  @Field(() => ID, { nullable: true, description: "Only this learner's." })
  @IsOptional()
  @IsUUID('all', { message: 'learnerId must be a UUID' })
  learnerId?: string;

  @Field(() => [JobActivityKind], { nullable: true, description: 'Only these kinds (applications, interviews).' })
  @IsOptional()
  @IsEnum(JobActivityKind, { each: true })
  kinds?: JobActivityKind[];

  @Field(() => Date, { nullable: true, description: 'Only those that happened at or after this instant.' })
  @IsOptional()
  occurredFrom?: Date;

  @Field(() => Date, { nullable: true, description: 'Only those that happened before this instant.' })
  @IsOptional()
  occurredBefore?: Date;
}

/** Which activities `a` a viewer's list holds (learners: their own, as Learner.jobActivities; coaches and staff: all), and the filter. */
export function jobActivityConditions(viewer: Viewer, filter: JobActivityFilter = {}): ListRule {
  const and: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => (and.push(sql), params.push(...values));
  if (viewer.role === Role.LEARNER) add('a.learner_id = ?', viewer.learnerId);
  if (filter.learnerId) add('a.learner_id = ?', filter.learnerId.toLowerCase());
  if (filter.kinds?.length) add('a.kind = any(?::job_activity_kind[])', pgArray(filter.kinds));
  if (filter.occurredFrom) add('a.occurred_at >= ?::timestamptz', filter.occurredFrom);
  if (filter.occurredBefore) add('a.occurred_at < ?::timestamptz', filter.occurredBefore);
  return { sql: and.length ? and.join(' and ') : 'true', params };
}

const id = { sql: 'a.id', type: 'uuid' } as const;
const ACTIVITY_ORDER = sortOrders('JobActivityOrder', 'job activities', {
  OCCURRED_AT: { keys: [{ sql: 'a.occurred_at', type: 'timestamp' }, id], description: 'By when it happened', asc: 'oldest first', desc: 'newest first' },
  CREATED_AT: { keys: [{ sql: 'a.created_at', type: 'timestamp' }, id], description: 'By when Waypoint recorded it (for clients syncing new ones)', asc: 'oldest first', desc: 'newest first' },
});

@ArgsType()
class JobActivitiesArgs extends ConnectionArgs {
  @Field(() => ACTIVITY_ORDER.values, { defaultValue: 'OCCURRED_AT_DESC', description: 'The order of the pages (default: newest first).' })
  @IsString()
  orderBy!: string;
}

const { Connection: JobActivityConnection } = connectionTypes(JobActivity, 'job activities', 'in the order asked');

export const jobActivityRoots = {
  jobActivities: connectionRoot(JobActivitiesArgs, JobActivityFilter, ACTIVITY_ORDER.orders, (filter, ctx) => ({
    typeName: 'JobActivity',
    table: 'job_activities',
    alias: 'a',
    where: jobActivityConditions(ctx.viewer!, filter),
  })),
};

readRoots(jobActivityRoots);

@Resolver()
export class JobActivityConnectionResolver {
  @Authorized(Role.STAFF, Role.COACH, Role.LEARNER)
  @Query(() => JobActivityConnection, {
    description:
      'Applications and interviews a page at a time: `first` after the cursor `after`, in `orderBy` (learners see only their own; coaches ' +
      'and staff everyone\'s). One SQL statement a page.',
  })
  jobActivities(
    @Args(() => JobActivitiesArgs) args: JobActivitiesArgs,
    @Arg('filter', () => JobActivityFilter, { nullable: true, description: 'Conditions the activities must meet.' }) filter: JobActivityFilter | undefined,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connectionAnswer(jobActivityRoots.jobActivities, { ...args, filter }, ctx, info, (ids) => rowsByIds(ctx.em, JobActivity, ids));
  }
}
