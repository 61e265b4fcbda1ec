import { Arg, Args, ArgsType, Authorized, Ctx, Field, Info, Query, Resolver } from 'type-graphql';
import { IsString } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { Learner } from './learner.entity';
import { LearnerFilter } from './learner.inputs';
import { learnerConditions, learnerSort } from './learner.service';
import { Role } from '../users/user.entity';
import { ListArgs, toPage } from '../../common/pagination';
import type { Context } from '../../context';
import { readRoots, validInstance, type RootSql } from '../../read/root';
import { ConnectionArgs, connectionAnswer, connectionRoot, connectionTypes, countSql, offsetListSql, sortOrders } from '../../read/connection';

/**
 * Learners for clients: a cursor connection (`learners`), and the console's offset list (`allLearners`,
 * `_allLearnersMeta`) compiled from the same conditions (learnerConditions) the service's list and count use.
 */

const id = { sql: 'l.id', type: 'uuid' } as const;
const LEARNER_ORDER = sortOrders('LearnerOrder', 'learners', {
  NAME: { keys: [{ sql: 'u.name', type: 'text' }, { sql: 'u.id', type: 'uuid' }], joins: 'join users u on u.id = l.user_id', description: 'By full name', asc: 'A to Z', desc: 'Z to A' },
  CREATED_AT: { keys: [{ sql: 'l.created_at', type: 'timestamp' }, id], description: 'By when they were added to Waypoint', asc: 'oldest first', desc: 'newest first' },
  MODULE_START_DATE: { keys: [{ sql: 'l.module_start_date', type: 'date' }, id], description: 'By the day their module started', asc: 'earliest first', desc: 'latest first' },
  STATUS_CHANGED_AT: { keys: [{ sql: 'l.status_changed_at', type: 'timestamp' }, id], description: 'By their last status change', asc: 'oldest first', desc: 'newest first' },
});

@ArgsType()
class LearnersArgs extends ConnectionArgs {
  @Field(() => LEARNER_ORDER.values, { defaultValue: 'NAME_ASC', description: 'The order of the pages (default: by name, A to Z).' })
  @IsString()
  orderBy!: string;
}

const { Connection: LearnerConnection } = connectionTypes(Learner, 'learners', 'in the order asked');

/** The learners a viewer's list holds, under `l` (the same conditions as LearnerService.list). */
const learnerSource = (filter: LearnerFilter | undefined, ctx: Context, now: Date) => ({
  typeName: 'Learner',
  table: 'learners',
  alias: 'l',
  joins: 'join users u on u.id = l.user_id',
  where: learnerConditions(ctx.viewer!, filter, now),
});

/** The offset list's page or count, as LearnerService.list and count read them; null when the arguments are invalid. */
async function offsetSource(args: Record<string, unknown>, ctx: Context, now: Date, inline: (sql: string, params: unknown[]) => string) {
  const list = await validInstance(ListArgs, { page: args.page, perPage: args.perPage, sortField: args.sortField, sortOrder: args.sortOrder });
  const filter = args.filter ? await validInstance(LearnerFilter, args.filter as Record<string, unknown>) : undefined;
  if (!list || filter === null) return null;
  const s = learnerSource(filter, ctx, now);
  const page = toPage(list);
  return { source: { ...s, where: inline(s.where.sql, s.where.params) }, order: learnerSort(list.sortField, page.direction), page };
}

export const learnerRoots: Record<'learners' | 'allLearners' | '_allLearnersMeta', RootSql> = {
  learners: connectionRoot(LearnersArgs, LearnerFilter, LEARNER_ORDER.orders, learnerSource),
  async allLearners(args, ctx, node, scope) {
    const o = await offsetSource(args, ctx, scope.params.clock, (sql, params) => scope.params.inline(sql, params));
    return o && offsetListSql(o.source, o.order, o.page, node, scope);
  },
  async _allLearnersMeta(args, ctx, node, scope) {
    const o = await offsetSource(args, ctx, scope.params.clock, (sql, params) => scope.params.inline(sql, params));
    return o && countSql(o.source, node, scope);
  },
};

readRoots(learnerRoots);

@Resolver()
export class LearnerConnectionResolver {
  @Authorized(Role.STAFF, Role.COACH, Role.LEARNER, 'learners:read')
  @Query(() => LearnerConnection, {
    description:
      'Learners a page at a time, for clients: `first` rows after the cursor `after`, in `orderBy` (learners see only themselves; a key ' +
      "limited to a coach, that coach's learners). The same filter as allLearners. One SQL statement a page when every field selected is built in SQL.",
  })
  learners(
    @Args(() => LearnersArgs) args: LearnersArgs,
    @Arg('filter', () => LearnerFilter, { nullable: true, description: 'Conditions the learners must meet.' }) filter: LearnerFilter | undefined,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connectionAnswer(learnerRoots.learners, { ...args, filter }, ctx, info, async (ids) => (await ctx.loaders.learnerById.loadMany(ids)).map((l) => (l instanceof Error ? null : l)));
  }
}
