import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, InputType, Info, Query, Resolver } from 'type-graphql';
import { IsEnum, IsOptional, IsString, IsUUID } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { CoachingEvent, EventStatus, EventType } from './coaching-event.entity';
import { Role } from '../users/user.entity';
import { pgArray } from '../../common/sql';
import type { Context } from '../../context';
import { readType } from '../../read/declare';
import { readRoots } from '../../read/root';
import { ConnectionArgs, connectionAnswer, connectionRoot, connectionTypes, rowsByIds, sortOrders, type ListRule } from '../../read/connection';

/** Coaching events' columns compile as they are; facilitator, seats and RSVPs have resolvers of their own. */
export const CoachingEventRead = readType(CoachingEvent, 'coaching_events', {});

@InputType({ description: 'Narrows coaching events; all given conditions must hold.' })
export class CoachingEventFilter {
  @Field(() => Date, { nullable: true, description: 'Only events starting at or after this instant.' })
  @IsOptional()
  startsFrom?: Date;

  @Field(() => Date, { nullable: true, description: 'Only events starting before this instant.' })
  @IsOptional()
  startsBefore?: Date;

  @Field(() => [EventType], { nullable: true, description: 'Only these kinds of event.' })
  @IsOptional()
  @IsEnum(EventType, { each: true })
  types?: EventType[];

  @Field(() => [EventStatus], { nullable: true, description: 'Only events in these states (e.g. [SCHEDULED] leaves out cancelled ones).' })
  @IsOptional()
  @IsEnum(EventStatus, { each: true })
  statuses?: EventStatus[];

  @Field(() => ID, { nullable: true, description: 'Only events this coach facilitates.' })
  @IsOptional()
  @IsUUID('all', { message: 'facilitatorId must be a UUID' })
  facilitatorId?: string;
}

/** Which events `e` a list holds: every viewer who may list events sees all of them (upcomingEvents' rule); the filter narrows. */
export function eventConditions(filter: CoachingEventFilter = {}): ListRule {
  const and: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => (and.push(sql), params.push(...values));
  if (filter.startsFrom) add('e.starts_at >= ?::timestamptz', filter.startsFrom);
  if (filter.startsBefore) add('e.starts_at < ?::timestamptz', filter.startsBefore);
  if (filter.types?.length) add('e.type = any(?::event_type[])', pgArray(filter.types));
  if (filter.statuses?.length) add('e.status = any(?::event_status[])', pgArray(filter.statuses));
  if (filter.facilitatorId) add('e.facilitator_id = ?', filter.facilitatorId.toLowerCase());
  return { sql: and.length ? and.join(' and ') : 'true', params };
}

const id = { sql: 'e.id', type: 'uuid' } as const;
const EVENT_ORDER = sortOrders('CoachingEventOrder', 'coaching events', {
  STARTS_AT: { keys: [{ sql: 'e.starts_at', type: 'timestamp' }, id], description: 'By start', asc: 'soonest first', desc: 'latest first' },
  UPDATED_AT: { keys: [{ sql: 'e.updated_at', type: 'timestamp' }, id], description: 'By their last change (for clients syncing changes)', asc: 'oldest first', desc: 'newest first' },
});

@ArgsType()
class CoachingEventsArgs extends ConnectionArgs {
  @Field(() => EVENT_ORDER.values, { defaultValue: 'STARTS_AT_ASC', description: 'The order of the pages (default: by start, soonest first).' })
  @IsString()
  orderBy!: string;
}

const { Connection: CoachingEventConnection } = connectionTypes(CoachingEvent, 'coaching events', 'in the order asked, cancelled ones included unless filtered out');

export const coachingEventRoots = {
  coachingEvents: connectionRoot(CoachingEventsArgs, CoachingEventFilter, EVENT_ORDER.orders, (filter) => ({
    typeName: 'CoachingEvent',
    table: 'coaching_events',
    alias: 'e',
    where: eventConditions(filter),
  })),
};

readRoots(coachingEventRoots);

@Resolver()
export class CoachingEventConnectionResolver {
  @Authorized(Role.STAFF, Role.COACH, Role.LEARNER, 'events:read')
  @Query(() => CoachingEventConnection, {
    description:
      'Coaching events a page at a time: `first` after the cursor `after`, in `orderBy` (anyone signed in, and keys with events:read, as ' +
      'upcomingEvents). One SQL statement a page when every field selected is built in SQL.',
  })
  coachingEvents(
    @Args(() => CoachingEventsArgs) args: CoachingEventsArgs,
    @Arg('filter', () => CoachingEventFilter, { nullable: true, description: 'Conditions the events must meet.' }) filter: CoachingEventFilter | undefined,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connectionAnswer(coachingEventRoots.coachingEvents, { ...args, filter }, ctx, info, (ids) => rowsByIds(ctx.em, CoachingEvent, ids, ['facilitator']));
  }
}
