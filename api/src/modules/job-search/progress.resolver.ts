import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Info, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { coachFunnel } from './progress.sql';
import { progressRoots, progressSelection } from './progress.read';
import { ProgressArgs, ProgressFilter } from './progress.inputs';
import { FunnelView, LearnerProgress } from './progress.types';
import { rootAnswer } from '../../read/root';
import { selectedFields } from '../../common/selection';
import { Learner } from '../learners/learner.entity';
import { notFound } from '../../common/errors';
import { requireId } from '../../common/query';
import { Role } from '../users/user.entity';
import type { Context } from '../../context';

@ObjectType({ description: 'Where a page ends and whether another follows.' })
class ProgressPageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page; null on an empty page.' })
  endCursor: string | null;

  @Field(() => Boolean, { description: 'Whether more learners follow.' })
  hasNextPage: boolean;
}

@ObjectType({ description: 'A page of learners\' progress, in learner id order.' })
class ProgressConnection {
  @Field(() => Int, {
    description:
      'Learners matching the filter, across all pages. Counted only when asked for, and the one part of a page whose cost grows with the program (every matching learner is counted): a client paging through all learners can ask it on the first page only.',
  })
  totalCount: number;

  @Field(() => [LearnerProgress], { description: 'This page.' })
  nodes: LearnerProgress[];

  @Field(() => ProgressPageInfo, { description: 'Paging.' })
  pageInfo: ProgressPageInfo;
}

@Resolver(() => LearnerProgress)
export class ProgressResolver {
  @Authorized(Role.STAFF, Role.COACH, Role.LEARNER, 'progress:read')
  @Query(() => LearnerProgress, { description: "One learner's progress over the last `days` learner-local days (learners: their own)." })
  async learnerProgress(
    @Arg('learnerId', () => ID, { description: 'The learner.' }) learnerId: string,
    @Arg('days', () => Int, { defaultValue: 7, description: 'Days in the rolling window, 1 to 366.' }) days: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<LearnerProgress> {
    // The compiled read's own SQL, for the fields the document names (progress.read.ts).
    const progress = await rootAnswer<LearnerProgress>(progressRoots.learnerProgress, { learnerId, days }, ctx, progressSelection('learnerProgress', selectedFields(info)));
    if (!progress) throw notFound('learner', learnerId, 'learnerId');
    return progress;
  }

  @Authorized(Role.STAFF, Role.COACH, Role.LEARNER, 'progress:read')
  @Query(() => ProgressConnection, {
    description: 'Progress of many learners, a page at a time in id order, for clients syncing the whole program (learners: only themselves). Computes only the fields selected: one SQL statement a page.',
  })
  async progress(
    @Args(() => ProgressArgs) args: ProgressArgs,
    @Arg('filter', () => ProgressFilter, { nullable: true, description: 'Conditions the learners must meet.' }) filter: ProgressFilter | undefined,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProgressConnection> {
    const selection = progressSelection('progress', selectedFields(info, ['nodes']), { totalCount: selectedFields(info).has('totalCount') });
    const page = await rootAnswer<ProgressConnection>(progressRoots.progress, { ...args, filter }, ctx, selection);
    return page!;
  }

  @Authorized(Role.STAFF, Role.COACH)
  @Query(() => FunnelView, { description: "The funnel summed over a coach's learners (default: the viewer's own if a coach, everyone's for staff)." })
  funnel(@Arg('coachId', () => ID, { nullable: true, description: 'The coach; omit for your own (coaches) or all (staff).' }) coachId: string | undefined, @Ctx() ctx: Context) {
    const id = coachId ? requireId(coachId, 'coachId') : ctx.viewer!.role === Role.COACH ? ctx.viewer!.userId : null;
    return coachFunnel(ctx.em, id);
  }

  @FieldResolver(() => Learner, { description: 'The learner (batched).' })
  async learner(@Root() p: LearnerProgress, @Ctx() ctx: Context): Promise<Learner> {
    return (await ctx.loaders.learnerById.load(p.learnerId))!;
  }
}
