import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { clockTime, ScheduleBlock } from './schedule-block.entity';
import { ScheduleActivity } from './schedule-activity.entity';
import { ScheduleActivityInput, ScheduleActivityPatch, ScheduleBlockInput, ScheduleBlockPatch } from './schedule.inputs';
import { ScheduleService } from './schedule.service';
import { RoadmapService } from './roadmap.service';
import { ActivityState, Roadmap, RoadmapActivity } from './roadmap.types';
import { Role } from '../users/user.entity';
import type { Context } from '../../context';
import { localDate } from '../../common/module-time';
import { IdempotencyKeyArg } from '../idempotency/idempotency';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

@ObjectType({ description: 'One weekday of the schedule template.' })
class ScheduleDay {
  @Field(() => Int, { description: '1 = Monday … 7 = Sunday.' })
  weekday: number;

  @Field(() => String, { description: 'The weekday\'s English name.' })
  name: string;

  @Field(() => [ScheduleBlock], { description: 'Its blocks, in order.' })
  blocks: ScheduleBlock[];
}

@ObjectType({ description: 'The daily schedule template every learner\'s road map is made from: seven days of ordered blocks.' })
class ScheduleTemplate {
  @Field(() => String, { description: 'The program time zone block times are in.' })
  timeZone: string;

  @Field(() => LocalDateResolver, { description: 'Today in the program time zone (the date morning sessions go by).' })
  today: string;

  @Field(() => [ScheduleDay], { description: 'Monday to Sunday, each with its blocks (possibly none).' })
  days: ScheduleDay[];
}

@ArgsType()
class MoveArgs {
  @Field(() => ID, { description: 'What to move.' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field(() => Int, { description: 'New position, 0 = first; past the end means last.' })
  @IsInt()
  @Min(0)
  @Max(1000)
  position: number;
}

@ArgsType()
class MoveActivityArgs {
  @Field(() => ID, { description: 'The activity.' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field(() => Int, { nullable: true, description: 'New position, 0 = first; omitted or past the end means last.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;

  @Field(() => ID, { nullable: true, description: 'Move into this block (default: stay in the same block).' })
  @IsOptional()
  @IsUUID('all', { message: 'blockId must be a UUID' })
  blockId?: string;
}


@ArgsType()
class RecordActivityArgs {
  @Field(() => ID, { description: 'The learner (learners: themselves; coaches and staff on a learner\'s behalf).' })
  @IsUUID('all', { message: 'learnerId must be a UUID' })
  learnerId: string;

  @Field(() => ID, { description: 'The activity (RoadmapActivity.activityId).' })
  @IsUUID('all', { message: 'activityId must be a UUID' })
  activityId: string;

  @Field(() => LocalDateResolver, { description: 'The road-map date, learner-local (YYYY-MM-DD): in the module, not after today.' })
  date: string;
}

const schedule = (ctx: Context) => new ScheduleService(ctx.em, () => ctx.clock.now());
const roadmaps = (ctx: Context) => new RoadmapService(ctx.em, () => ctx.clock.now(), ctx.config.programTimeZone);

@Resolver(() => ScheduleBlock)
export class ScheduleResolver {
  @Authorized(Role.STAFF, Role.COACH, Role.LEARNER, 'progress:read', 'learners:read', 'events:read')
  @Query(() => String, {
    description:
      "Where learners reach their coaches outside Waypoint: the program's support desk (SUPPORT_URL). Any signed-in user or API key; " +
      'learner-facing pages link to it.',
  })
  supportUrl(@Ctx() ctx: Context): string {
    return ctx.config.supportUrl;
  }

  @Authorized()
  @Query(() => ScheduleTemplate, { description: 'The live schedule template (any signed-in user; staff change it).' })
  async scheduleTemplate(@Ctx() ctx: Context): Promise<ScheduleTemplate> {
    const blocks = await schedule(ctx).liveBlocks();
    return {
      timeZone: ctx.config.programTimeZone,
      today: localDate(ctx.clock.now(), ctx.config.programTimeZone),
      days: WEEKDAYS.map((name, i) => ({ weekday: i + 1, name, blocks: blocks.filter((b) => b.weekday === i + 1) })),
    };
  }

  @FieldResolver(() => String, { description: 'Start, "HH:MM" in the program time zone.' })
  startTime(@Root() block: ScheduleBlock): string {
    return clockTime(block.startsAt);
  }

  @FieldResolver(() => String, { description: 'End, "HH:MM" in the program time zone; after the start.' })
  endTime(@Root() block: ScheduleBlock): string {
    return clockTime(block.endsAt);
  }

  @FieldResolver(() => [ScheduleActivity], { description: 'The block\'s live activities, in order (batched: one query for all blocks of a response).' })
  async activities(@Root() block: ScheduleBlock, @Ctx() ctx: Context): Promise<ScheduleActivity[]> {
    return ctx.loaders.activitiesByBlock.load(block.id);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => ScheduleBlock, { description: 'Add a block to a weekday of the template (staff).' })
  createScheduleBlock(@Arg('input', () => ScheduleBlockInput, { description: 'The block.' }) input: ScheduleBlockInput, @IdempotencyKeyArg() _idempotencyKey: string | undefined, @Ctx() ctx: Context) {
    return schedule(ctx).createBlock(input);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => ScheduleBlock, { description: 'Change a block (staff). Learners\' recorded states are kept.' })
  updateScheduleBlock(
    @Arg('id', () => ID, { description: 'The block.' }) id: string,
    @Arg('patch', () => ScheduleBlockPatch, { description: 'What to change.' }) patch: ScheduleBlockPatch,
    @Ctx() ctx: Context,
  ) {
    return schedule(ctx).updateBlock(id, patch);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => [ScheduleBlock], { description: 'Move a block within its day; returns the day\'s blocks in their new order (staff).' })
  moveScheduleBlock(@Args(() => MoveArgs) args: MoveArgs, @Ctx() ctx: Context) {
    return schedule(ctx).moveBlock(args.id, args.position);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => ScheduleBlock, { description: 'Remove a block and its activities from the template (staff). Past road maps keep what learners did.' })
  deleteScheduleBlock(@Arg('id', () => ID, { description: 'The block.' }) id: string, @Ctx() ctx: Context) {
    return schedule(ctx).deleteBlock(id);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => ScheduleActivity, { description: 'Add an activity to a block (staff).' })
  createScheduleActivity(
    @Arg('blockId', () => ID, { description: 'The block.' }) blockId: string,
    @Arg('input', () => ScheduleActivityInput, { description: 'The activity.' }) input: ScheduleActivityInput,
    @IdempotencyKeyArg() _idempotencyKey: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return schedule(ctx).createActivity(blockId, input);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => ScheduleActivity, { description: 'Change an activity (staff). Learners\' recorded states are kept.' })
  updateScheduleActivity(
    @Arg('id', () => ID, { description: 'The activity.' }) id: string,
    @Arg('patch', () => ScheduleActivityPatch, { description: 'What to change.' }) patch: ScheduleActivityPatch,
    @Ctx() ctx: Context,
  ) {
    return schedule(ctx).updateActivity(id, patch);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => ScheduleActivity, { description: 'Move an activity within its block or into another block (staff).' })
  moveScheduleActivity(@Args(() => MoveActivityArgs) args: MoveActivityArgs, @Ctx() ctx: Context) {
    return schedule(ctx).moveActivity(args.id, args.position ?? Number.MAX_SAFE_INTEGER, args.blockId);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => ScheduleActivity, { description: 'Remove an activity from the template (staff). Past road maps keep what learners did.' })
  deleteScheduleActivity(@Arg('id', () => ID, { description: 'The activity.' }) id: string, @Ctx() ctx: Context) {
    return schedule(ctx).deleteActivity(id);
  }
}

@Resolver(() => ScheduleActivity)
export class ScheduleActivityResolver {
  @FieldResolver(() => ID, { description: 'The block it belongs to.' })
  blockId(@Root() activity: ScheduleActivity): string {
    return activity.block.id;
  }
}

@Resolver(() => Roadmap)
export class RoadmapResolver {
  @Authorized()
  @Query(() => Roadmap, {
    description:
      "A learner's road map for a date (learner-local): the weekday's blocks with the learner's state for each activity, and the " +
      "week's required activities. Learners may only read their own. The date must not be before the module start.",
  })
  roadmap(
    @Arg('learnerId', () => ID, { description: 'The learner.' }) learnerId: string,
    @Arg('date', () => LocalDateResolver, { description: 'The date (YYYY-MM-DD), learner-local.' }) date: string,
    @Ctx() ctx: Context,
  ): Promise<Roadmap> {
    return roadmaps(ctx).roadmap(ctx.viewer!, learnerId, date);
  }

  @Authorized()
  @Mutation(() => RoadmapActivity, { description: 'Mark a road-map activity DONE for a date (learners for themselves; coaches and staff on their behalf).' })
  completeActivity(@Args(() => RecordActivityArgs) args: RecordActivityArgs, @Ctx() ctx: Context) {
    return roadmaps(ctx).record(ctx.viewer!, args.learnerId, args.activityId, args.date, ActivityState.DONE);
  }

  @Authorized()
  @Mutation(() => RoadmapActivity, {
    description: 'Skip a skippable activity for a date; any number may be skipped. A required activity is refused (BAD_USER_INPUT on activityId) and nothing changes.',
  })
  skipActivity(@Args(() => RecordActivityArgs) args: RecordActivityArgs, @Ctx() ctx: Context) {
    return roadmaps(ctx).record(ctx.viewer!, args.learnerId, args.activityId, args.date, ActivityState.SKIPPED);
  }

  @Authorized()
  @Mutation(() => RoadmapActivity, { description: 'Put an activity back to PENDING: only on the same day (the learner\'s today).' })
  undoActivity(@Args(() => RecordActivityArgs) args: RecordActivityArgs, @Ctx() ctx: Context) {
    return roadmaps(ctx).record(ctx.viewer!, args.learnerId, args.activityId, args.date, ActivityState.PENDING);
  }
}
