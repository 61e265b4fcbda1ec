import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Info, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { coachFunnel } from './progress.sql';
import { progressRoots, progressSelection } from './progress.read';
import { ProgressArgs, ProgressFilter } from './progress.inputs';
import { rootAnswer } from '../../read/root';
import { selectedFields } from '../../common/selection';
import { RequiredActivityStatus } from '../compliance/compliance.types';
import { EnrollmentStatus } from '../learners/enrollment-status';
import { Learner } from '../learners/learner.entity';
import { GoalArea } from '../submissions/submission-content';
import { notFound } from '../../common/errors';
import { requireId } from '../../common/query';
import { Role } from '../users/user.entity';
import type { Context } from '../../context';

@ObjectType({ description: 'Applications and interviews on one learner-local day.' })
class DayCount {
  @Field(() => String, { description: 'The date (YYYY-MM-DD), learner-local.' })
  date: string;

  @Field(() => Int, { description: 'Applications that day.' })
  applications: number;

  @Field(() => Int, { description: 'Interviews that day.' })
  interviews: number;
}

@ObjectType({ description: 'Applications and interviews in one module week.' })
class WeekCount {
  @Field(() => Int, { description: 'The module week.' })
  moduleWeek: number;

  @Field(() => Int, { description: 'Applications that week.' })
  applications: number;

  @Field(() => Int, { description: 'Interviews that week.' })
  interviews: number;
}

@ObjectType({ description: "One of the learner's SMART goals against what they did this module week." })
class GoalActual {
  @Field(() => GoalArea, { description: 'The area.' })
  area: GoalArea;

  @Field(() => String, { description: 'The goal as the learner wrote it.' })
  statement: string;

  @Field(() => Int, { nullable: true, description: 'The weekly target, if the goal has one.' })
  weeklyTarget: number | null;

  @Field(() => Int, { nullable: true, description: 'This module week so far, where Waypoint measures the area (applications); null elsewhere.' })
  actualThisWeek: number | null;
}

@ObjectType({ description: 'The job-search funnel: applications → phone screens → interviews → offers (all time).' })
class FunnelView {
  @Field(() => Int, { description: 'Applications.' })
  applications: number;

  @Field(() => Int, { description: 'Phone screens.' })
  phoneScreens: number;

  @Field(() => Int, { description: 'Interviews after the screen (phone or on site; interviews of unknown stage count here).' })
  interviews: number;

  @Field(() => Int, { description: 'Offers received (from Huntr).' })
  offers: number;
}

@ObjectType({
  description:
    "A learner's job-search progress: applications and interviews in a rolling window of learner-local days ending now, a daily and a " +
    'weekly series, goals against actual, this week\'s required activities, status, module week and how fresh the Huntr data is.',
})
class LearnerProgress {
  @Field(() => ID, { description: 'The learner.' })
  learnerId: string;

  @Field(() => EnrollmentStatus, { description: 'Enrollment status.' })
  status: EnrollmentStatus;

  @Field(() => Int, { nullable: true, description: 'Module week today; null before the module starts.' })
  moduleWeek: number | null;

  @Field(() => String, { description: "The learner's time zone (the days are counted in it)." })
  timeZone: string;

  @Field(() => Int, { description: 'Days in the window.' })
  days: number;

  @Field(() => Date, { description: 'Start of the window: learner-local midnight, `days - 1` days before today.' })
  windowStart: Date;

  @Field(() => Date, { description: 'End of the window: now.' })
  windowEnd: Date;

  @Field(() => Int, { description: 'Applications in the window.' })
  applications: number;

  @Field(() => Int, { description: 'Interviews in the window.' })
  interviews: number;

  @Field(() => [DayCount], { description: 'One entry per day of the window, oldest first (zeros included).' })
  daily: DayCount[];

  @Field(() => [WeekCount], { description: 'The last 12 module weeks, oldest first, the current one included.' })
  weekly: WeekCount[];

  @Field(() => [GoalActual], { description: 'Goals from the latest SMART goals submission, against actual.' })
  goals: GoalActual[];

  /** Resolved by the requiredActivities field resolver. */
  requiredActivities?: RequiredActivityStatus[];

  @Field(() => Date, { nullable: true, description: 'When the last Huntr action for the learner arrived (null: never).' })
  lastHuntrActionAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'Whole days since then ("no Huntr activity for 5 days"); null if never.' })
  daysSinceHuntrAction: number | null;

  @Field(() => FunnelView, { description: 'The learner\'s funnel over all their activity.' })
  funnel: FunnelView;
}

@ObjectType({ description: 'Where a page ends and whether another follows.' })
class ProgressPageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page; null on an empty page.' })
  endCursor: string | null;

  @Field(() => Boolean, { description: 'Whether more learners follow.' })
  hasNextPage: boolean;
}

@ObjectType({ description: 'A page of learners\' progress, in learner id order.' })
class ProgressConnection {
  @Field(() => Int, { description: 'Learners matching the filter, across all pages.' })
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
    description: 'Progress of many learners, a page at a time in id order, for clients syncing the whole program (learners: only themselves). Computes only the fields selected: one SQL statement a page, two with requiredActivities.',
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

  @FieldResolver(() => [RequiredActivityStatus], { description: "This module week's required activities and whether each is met." })
  requiredActivities(@Root() p: LearnerProgress, @Ctx() ctx: Context): RequiredActivityStatus[] | Promise<RequiredActivityStatus[]> {
    return p.moduleWeek === null ? [] : ctx.loaders.requiredActivities.load(`${p.learnerId}:${p.moduleWeek}`);
  }

  @FieldResolver(() => Learner, { description: 'The learner (batched).' })
  async learner(@Root() p: LearnerProgress, @Ctx() ctx: Context): Promise<Learner> {
    return (await ctx.loaders.learnerById.load(p.learnerId))!;
  }
}
