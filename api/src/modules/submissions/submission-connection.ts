import { Arg, Args, ArgsType, Authorized, Ctx, Field, Info, Query, Resolver } from 'type-graphql';
import { IsString } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { Submission } from './submission.entity';
import './submission.read';
import { SubmissionFilter } from './review.inputs';
import { ReviewService } from './review.service';
import { ListArgs } from '../../common/pagination';
import type { Context } from '../../context';
import type { FieldScope } from '../../read/json-select';
import { readRoots, validInstance, type RootSql } from '../../read/root';
import { ConnectionArgs, connectionAnswer, connectionRoot, connectionTypes, countSql, offsetListSql, rowsByIds, sortOrders } from '../../read/connection';

/**
 * Submissions for clients: a cursor connection (`submissions`), and the console's offset list (`allSubmissions`,
 * `_allSubmissionsMeta`) compiled from ReviewService's own conditions and order (listPlan), as the review queue is.
 */

const id = { sql: 's.id', type: 'uuid' } as const;
const SUBMISSION_ORDER = sortOrders('SubmissionOrder', 'submissions', {
  SUBMITTED_AT: { keys: [{ sql: 's.submitted_at', type: 'timestamp' }, id], description: 'By when they were sent', asc: 'oldest first', desc: 'newest first' },
  UPDATED_AT: { keys: [{ sql: 's.updated_at', type: 'timestamp' }, id], description: 'By their last change (a claim, feedback, a release)', asc: 'oldest first', desc: 'newest first' },
});

@ArgsType()
class SubmissionsArgs extends ConnectionArgs {
  @Field(() => SUBMISSION_ORDER.values, { defaultValue: 'SUBMITTED_AT_DESC', description: 'The order of the pages (default: newest first).' })
  @IsString()
  orderBy!: string;
}

const { Connection: SubmissionConnection } = connectionTypes(Submission, 'submissions', 'in the order asked');

const source = (where: { sql: string; params: unknown[] }) => ({ typeName: 'Submission', table: 'submissions', alias: 's', where });

/** allSubmissions' plan (ReviewService.listPlan, as its list() runs it), with its conditions placed in this statement; null if invalid. */
async function offsetPlan(args: Record<string, unknown>, ctx: Context, scope: FieldScope) {
  const list = await validInstance(ListArgs, { page: args.page, perPage: args.perPage, sortField: args.sortField, sortOrder: args.sortOrder });
  const filter = args.filter ? await validInstance(SubmissionFilter, args.filter as Record<string, unknown>) : undefined;
  if (!list || filter === null) return null;
  const plan = new ReviewService(ctx.em, () => scope.params.clock).listPlan(ctx.viewer!, list, filter, false);
  return { ...plan, source: { ...source(plan.where), where: scope.params.inline(plan.where.sql, plan.where.params) } };
}

export const submissionRoots: Record<'submissions' | 'allSubmissions' | '_allSubmissionsMeta', RootSql> = {
  submissions: connectionRoot(SubmissionsArgs, SubmissionFilter, SUBMISSION_ORDER.orders, (filter, ctx, now) =>
    source(new ReviewService(ctx.em, () => now).where(ctx.viewer!, filter, false)),
  ),
  async allSubmissions(args, ctx, node, scope) {
    const plan = await offsetPlan(args, ctx, scope);
    return plan && offsetListSql(plan.source, plan.order, plan.page, node, scope);
  },
  async _allSubmissionsMeta(args, ctx, node, scope) {
    const plan = await offsetPlan(args, ctx, scope);
    return plan && countSql(plan.source, node, scope);
  },
};

readRoots(submissionRoots);

@Resolver()
export class SubmissionConnectionResolver {
  @Authorized()
  @Query(() => SubmissionConnection, {
    description:
      'Submissions a page at a time: `first` after the cursor `after`, in `orderBy` (learners see only their own). The same filter as ' +
      'allSubmissions. One SQL statement a page when every field selected is built in SQL.',
  })
  submissions(
    @Args(() => SubmissionsArgs) args: SubmissionsArgs,
    @Arg('filter', () => SubmissionFilter, { nullable: true, description: 'Conditions the submissions must meet.' }) filter: SubmissionFilter | undefined,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connectionAnswer(submissionRoots.submissions, { ...args, filter }, ctx, info, (ids) =>
      rowsByIds(ctx.em, Submission, ids, ['learner.user', 'assignedCoach', 'claimedBy']),
    );
  }
}
