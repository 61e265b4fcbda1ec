import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Info, InputType, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { coachFunnel, partsFor, ProgressService, type LearnerProgressData } from './progress.service';
import { selectedFields } from '../../common/selection';
import { RequiredActivityStatus } from '../compliance/compliance.types';
import { EnrollmentStatus } from '../learners/enrollment-status';
import { Learner } from '../learners/learner.entity';
import { assertCanReadLearner } from '../learners/learner.service';
import { GoalArea } from '../submissions/submission-content';
import { badInput, notFound } from '../../common/errors';
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

  @Field(() => [RequiredActivityStatus], { description: "This module week's required activities and whether each is met." })
  requiredActivities: RequiredActivityStatus[];

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

@InputType({ description: 'Narrows progress; all given conditions must hold.' })
export class ProgressFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these learners (up to 200).' })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'ids must be UUIDs' })
  @ArrayMaxSize(200)
  ids?: string[];

  @Field(() => ID, { nullable: true, description: 'Only learners of this coach.' })
  @IsOptional()
  @IsUUID('all', { message: 'coachId must be a UUID' })
  coachId?: string;

  @Field(() => EnrollmentStatus, { nullable: true, description: 'Only learners with this status.' })
  @IsOptional()
  @IsEnum(EnrollmentStatus)
  status?: EnrollmentStatus;
}

@ArgsType()
export class ProgressArgs {
  @Field(() => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' })
  @IsInt()
  @Min(1)
  @Max(200, { message: 'first must be at most 200' })
  first: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  after?: string;

  @Field(() => Int, { defaultValue: 7, description: 'Days in the rolling window, 1 to 366.' })
  @IsInt()
  @Min(1, { message: 'days must be from 1 to 366' })
  @Max(366, { message: 'days must be from 1 to 366' })
  days: number;
}

const cursorOf = (learnerId: string) => Buffer.from(`learner:${learnerId}`).toString('base64url');
export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^learner:([0-9a-f-]{36})$/.exec(text);
  if (!match) throw badInput('after', 'after must be an endCursor this API returned');
  return match[1];
}

const toView = (p: LearnerProgressData, now: Date): LearnerProgress => ({
  ...p,
  goals: p.goals.map((g) => ({ ...g, area: g.area as GoalArea })),
  daysSinceHuntrAction: p.lastHuntrActionAt ? Math.floor((now.getTime() - p.lastHuntrActionAt.getTime()) / 86_400_000) : null,
});

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
    const id = requireId(learnerId, 'learnerId');
    assertCanReadLearner(ctx.viewer!, id);
    const parts = partsFor(selectedFields(info));
    const [progress] = await new ProgressService(ctx.em, () => ctx.clock.now()).forLearners([id], days, ctx.viewer!, parts);
    if (!progress) throw notFound('learner', id, 'learnerId');
    return toView(progress, ctx.clock.now());
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
    const after = args.after ? decodeCursor(args.after) : null;
    // Only what the document selects is computed: a sync of counts does not pay for series and funnels.
    const parts = partsFor(selectedFields(info, ['nodes']), selectedFields(info).has('totalCount'));
    const page = await new ProgressService(ctx.em, () => ctx.clock.now()).page(ctx.viewer!, filter ?? {}, args.first, after, args.days, parts);
    const nodes = page.items.map((p) => toView(p, ctx.clock.now()));
    return {
      totalCount: page.totalCount,
      nodes,
      pageInfo: { endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1].learnerId) : null, hasNextPage: page.hasNextPage },
    };
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
