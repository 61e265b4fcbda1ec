import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Meeting, MeetingChange, WorkingHours } from './meeting.entity';
import { CompleteMeetingArgs, MeetingFilter, MeetingReasonArgs, RequestMeetingInput, RescheduleMeetingArgs, ScheduleMeetingArgs, WorkingHoursInput } from './meeting.inputs';
import { MeetingService } from './meeting.service';
import { Role, User } from '../users/user.entity';
import { ListArgs } from '../../common/pagination';
import { ListMetadata } from '../../common/list-metadata';
import type { Context } from '../../context';
import { userOf } from '../users/user.loaders';
import { IdempotencyKeyArg } from '../idempotency/idempotency';
import './meeting.read';

const service = (ctx: Context) => new MeetingService(ctx.em, () => ctx.clock.now());

@Resolver(() => Meeting)
export class MeetingResolver {
  @Authorized()
  @Query(() => Meeting, { name: 'Meeting', nullable: true, description: 'One meeting. Learners may only read their own.' })
  meeting(@Arg('id', () => ID, { description: 'Meeting id.' }) id: string, @Ctx() ctx: Context) {
    return service(ctx).get(ctx.viewer!, id);
  }

  @Authorized()
  @Query(() => [Meeting], {
    description:
      'Meetings, urgent first (OFFER requests still waiting), then the oldest request; learners see only their own. ' +
      'sortField: startsAt (scheduled ones by time) or requestedAt, with sortOrder, instead.',
  })
  allMeetings(
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => MeetingFilter, { nullable: true, description: 'Conditions the meetings must meet.' }) filter: MeetingFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).list(ctx.viewer!, args, filter);
  }

  @Authorized()
  @Query(() => ListMetadata, { name: '_allMeetingsMeta', description: 'How many meetings match the filter.' })
  async allMeetingsMeta(
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => MeetingFilter, { nullable: true, description: 'Conditions the meetings must meet.' }) filter: MeetingFilter | undefined,
    @Ctx() ctx: Context,
  ): Promise<ListMetadata> {
    return { count: await service(ctx).count(ctx.viewer!, filter) };
  }

  @Authorized()
  @Mutation(() => Meeting, { description: 'Ask a coach for a 1:1 in 1 to 5 preferred windows (learners for themselves). The learner\'s coach sees it first; any coach may take it.' })
  requestMeeting(@Arg('input', () => RequestMeetingInput, { description: 'The request.' }) input: RequestMeetingInput, @IdempotencyKeyArg() _idempotencyKey: string | undefined, @Ctx() ctx: Context) {
    return service(ctx).request(ctx.viewer!, input);
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Mutation(() => Meeting, {
    description:
      'Schedule a requested meeting inside one of its windows (coaches for themselves; staff for any coach). CONFLICT naming the clash when it would ' +
      'overlap the coach\'s other meetings or the events they facilitate, or fall outside their working hours (staff may force that).',
  })
  scheduleMeeting(@Args(() => ScheduleMeetingArgs) args: ScheduleMeetingArgs, @Ctx() ctx: Context) {
    return service(ctx).schedule(ctx.viewer!, args);
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Mutation(() => Meeting, { description: 'Move a scheduled meeting (its coach or staff); same overlap rules. Calendars get the update.' })
  rescheduleMeeting(@Args(() => RescheduleMeetingArgs) args: RescheduleMeetingArgs, @Ctx() ctx: Context) {
    return service(ctx).reschedule(ctx.viewer!, args);
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Mutation(() => Meeting, { description: 'Decline a requested meeting with a reason the learner reads.' })
  declineMeeting(@Args(() => MeetingReasonArgs) args: MeetingReasonArgs, @Ctx() ctx: Context) {
    return service(ctx).decline(ctx.viewer!, args.id, args.reason);
  }

  @Authorized()
  @Mutation(() => Meeting, { description: 'Cancel a requested or scheduled meeting before it starts (the learner, the meeting\'s coach, or staff), with a reason.' })
  cancelMeeting(@Args(() => MeetingReasonArgs) args: MeetingReasonArgs, @Ctx() ctx: Context) {
    return service(ctx).cancel(ctx.viewer!, args.id, args.reason);
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Mutation(() => Meeting, { description: 'After a scheduled meeting: COMPLETED or NO_SHOW, with notes (its coach or staff).' })
  completeMeeting(@Args(() => CompleteMeetingArgs) args: CompleteMeetingArgs, @Ctx() ctx: Context) {
    return service(ctx).complete(ctx.viewer!, args);
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Query(() => [WorkingHours], { description: "A coach's working week (coaches and staff)." })
  workingHours(@Arg('coachId', () => ID, { description: 'The coach.' }) coachId: string, @Ctx() ctx: Context) {
    return service(ctx).workingHours(coachId);
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Mutation(() => [WorkingHours], { description: "Replace a coach's working week (a coach their own; staff anyone's). An empty list removes the limit." })
  setWorkingHours(
    @Arg('coachId', () => ID, { description: 'The coach.' }) coachId: string,
    @Arg('hours', () => [WorkingHoursInput], { description: 'The spans, in the coach\'s zone.' }) hours: WorkingHoursInput[],
    @Ctx() ctx: Context,
  ) {
    return service(ctx).setWorkingHours(ctx.viewer!, coachId, hours);
  }

  @FieldResolver(() => [MeetingChange], { description: 'Every change, oldest first: who and when (batched).' })
  history(@Root() m: Meeting, @Ctx() ctx: Context): Promise<MeetingChange[]> {
    return ctx.loaders.meetingHistory.load(m.id);
  }
}

@Resolver(() => MeetingChange)
export class MeetingChangeResolver {
  @FieldResolver(() => User, { description: 'Who made the change.' })
  async changedBy(@Root() c: MeetingChange, @Ctx() ctx: Context): Promise<User> {
    return userOf(c.changedBy, ctx);
  }
}
