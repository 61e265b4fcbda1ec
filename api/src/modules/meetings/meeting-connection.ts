import { Arg, Args, ArgsType, Authorized, Ctx, Field, Info, Query, Resolver } from 'type-graphql';
import { IsString } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { Meeting } from './meeting.entity';
import { MeetingFilter } from './meeting.inputs';
import { meetingConditions, meetingSort } from './meeting.service';
import { ListArgs, toPage } from '../../common/pagination';
import type { Context } from '../../context';
import type { FieldScope } from '../../read/json-select';
import './meeting.read';
import { readRoots, validInstance, type RootSql } from '../../read/root';
import { ConnectionArgs, connectionAnswer, connectionRoot, connectionTypes, countSql, offsetListSql, rowsByIds, sortOrders } from '../../read/connection';

/**
 * Meetings for clients: a cursor connection (`meetings`), and the console's offset list (`allMeetings`,
 * `_allMeetingsMeta`) compiled from the conditions and order MeetingService.list uses (meetingConditions, meetingSort).
 * Meeting's fields are read in SQL as meeting.read.ts declares them; only history has a resolver of its own.
 */

const id = { sql: 'm.id', type: 'uuid' } as const;
const MEETING_ORDER = sortOrders('MeetingOrder', 'meetings', {
  REQUESTED_AT: { keys: [{ sql: 'm.requested_at', type: 'timestamp' }, id], description: 'By when the learner asked', asc: 'oldest first', desc: 'newest first' },
  UPDATED_AT: { keys: [{ sql: 'm.updated_at', type: 'timestamp' }, id], description: 'By their last change (for clients syncing changes)', asc: 'oldest first', desc: 'newest first' },
});

@ArgsType()
class MeetingsArgs extends ConnectionArgs {
  @Field(() => MEETING_ORDER.values, { defaultValue: 'REQUESTED_AT_DESC', description: 'The order of the pages (default: the newest request first).' })
  @IsString()
  orderBy!: string;
}

const { Connection: MeetingConnection } = connectionTypes(Meeting, 'meetings', 'in the order asked');

const source = (where: { sql: string; params: unknown[] }) => ({ typeName: 'Meeting', table: 'meetings', alias: 'm', where });

/** allMeetings' page or count as MeetingService.list and count read them, placed in this statement; null if invalid. */
async function offsetPlan(args: Record<string, unknown>, ctx: Context, scope: FieldScope) {
  const list = await validInstance(ListArgs, { page: args.page, perPage: args.perPage, sortField: args.sortField, sortOrder: args.sortOrder });
  const filter = args.filter ? await validInstance(MeetingFilter, args.filter as Record<string, unknown>) : undefined;
  if (!list || filter === null) return null;
  const where = meetingConditions(ctx.viewer!, filter);
  const page = toPage(list);
  return { source: { ...source(where), where: scope.params.inline(where.sql, where.params) }, order: meetingSort(list.sortField, page.direction), page };
}

export const meetingRoots: Record<'meetings' | 'allMeetings' | '_allMeetingsMeta', RootSql> = {
  meetings: connectionRoot(MeetingsArgs, MeetingFilter, MEETING_ORDER.orders, (filter, ctx) => source(meetingConditions(ctx.viewer!, filter))),
  async allMeetings(args, ctx, node, scope) {
    const plan = await offsetPlan(args, ctx, scope);
    return plan && offsetListSql(plan.source, plan.order, plan.page, node, scope);
  },
  async _allMeetingsMeta(args, ctx, node, scope) {
    const plan = await offsetPlan(args, ctx, scope);
    return plan && countSql(plan.source, node, scope);
  },
};

readRoots(meetingRoots);

@Resolver()
export class MeetingConnectionResolver {
  @Authorized()
  @Query(() => MeetingConnection, {
    description:
      '1:1 meetings a page at a time: `first` after the cursor `after`, in `orderBy` (learners see only their own). The same filter as ' +
      'allMeetings. One SQL statement a page when every field selected is built in SQL.',
  })
  meetings(
    @Args(() => MeetingsArgs) args: MeetingsArgs,
    @Arg('filter', () => MeetingFilter, { nullable: true, description: 'Conditions the meetings must meet.' }) filter: MeetingFilter | undefined,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connectionAnswer(meetingRoots.meetings, { ...args, filter }, ctx, info, (ids) => rowsByIds(ctx.em, Meeting, ids, ['learner.user', 'coach']));
  }
}
