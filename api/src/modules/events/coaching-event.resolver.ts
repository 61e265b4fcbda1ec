import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Attendance, CoachingEvent, Rsvp } from './coaching-event.entity';
import { CoachingEventInput, CoachingEventPatch } from './coaching-event.inputs';
import { CoachingEventService } from './coaching-event.service';
import { Learner } from '../learners/learner.entity';
import { Role, User } from '../users/user.entity';
import { badInput } from '../../common/errors';
import type { Context } from '../../context';
import { userOf } from '../users/user.loaders';
import { learnerOf } from '../learners/learner.loaders';
import { IdempotencyKeyArg } from '../idempotency/idempotency';

const service = (ctx: Context) => new CoachingEventService(ctx.em, () => ctx.clock.now());

@ObjectType({ description: 'Seats at an event.' })
class SeatCounts {
  @Field(() => Int, { description: 'Seats taken.' })
  seated: number;

  @Field(() => Int, { description: 'Learners on the waitlist.' })
  waitlisted: number;
}

@Resolver(() => CoachingEvent)
export class CoachingEventResolver {
  @Authorized(Role.STAFF, Role.COACH, Role.LEARNER, 'events:read')
  @Query(() => [CoachingEvent], { description: 'Events starting in [from, to) (default: the next 30 days), cancelled ones included, by start.' })
  upcomingEvents(
    @Arg('from', () => Date, { nullable: true, description: 'Range start (default now).' }) from: Date | undefined,
    @Arg('to', () => Date, { nullable: true, description: 'Range end (default 30 days after from); at most 366 days after from.' }) to: Date | undefined,
    @Ctx() ctx: Context,
  ) {
    const start = from ?? ctx.clock.now();
    return service(ctx).upcoming(start, to ?? new Date(start.getTime() + 30 * 86_400_000));
  }

  @Authorized(Role.STAFF, Role.COACH, Role.LEARNER, 'events:read')
  @Query(() => CoachingEvent, { name: 'CoachingEvent', nullable: true, description: 'One event.' })
  coachingEvent(@Arg('id', () => ID, { description: 'Event id.' }) id: string, @Ctx() ctx: Context) {
    return service(ctx).get(id);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => CoachingEvent, { description: 'Schedule a coaching event (staff). CONFLICT when the facilitator is busy then.' })
  createCoachingEvent(@Arg('input', () => CoachingEventInput, { description: 'The event.' }) input: CoachingEventInput, @IdempotencyKeyArg() _idempotencyKey: string | undefined, @Ctx() ctx: Context) {
    return service(ctx).create(ctx.viewer!, input);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => CoachingEvent, { description: 'Change an event (staff); attendees\' calendars get the update.' })
  updateCoachingEvent(
    @Arg('id', () => ID, { description: 'The event.' }) id: string,
    @Arg('patch', () => CoachingEventPatch, { description: 'What to change.' }) patch: CoachingEventPatch,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).update(ctx.viewer!, id, patch);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => CoachingEvent, { description: 'Cancel an event with a reason (staff); calendars show it cancelled.' })
  cancelCoachingEvent(
    @Arg('id', () => ID, { description: 'The event.' }) id: string,
    @Arg('reason', () => String, { description: 'Why, 1 to 2,000 characters.' }) reason: string,
    @Ctx() ctx: Context,
  ) {
    if (!reason.trim() || reason.length > 2000) throw badInput('reason', 'reason must be 1 to 2,000 characters');
    return service(ctx).cancel(ctx.viewer!, id, reason);
  }

  @Authorized()
  @Mutation(() => Rsvp, { description: 'Take a seat, or the next waitlist place when full (learners for themselves). Asking twice keeps one place.' })
  rsvpEvent(
    @Arg('eventId', () => ID, { description: 'The event.' }) eventId: string,
    @Arg('learnerId', () => ID, { description: 'The learner.' }) learnerId: string,
    @IdempotencyKeyArg() _idempotencyKey: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).rsvp(ctx.viewer!, eventId, learnerId);
  }

  @Authorized()
  @Mutation(() => Rsvp, { description: 'Give up a seat or waitlist place; the first waitlisted learner takes a freed seat.' })
  cancelRsvp(
    @Arg('eventId', () => ID, { description: 'The event.' }) eventId: string,
    @Arg('learnerId', () => ID, { description: 'The learner.' }) learnerId: string,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).cancelRsvp(ctx.viewer!, eventId, learnerId);
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Mutation(() => [Rsvp], { description: 'Record who came (the facilitator or staff, once the event has started; seated learners only).' })
  recordAttendance(
    @Arg('eventId', () => ID, { description: 'The event.' }) eventId: string,
    @Arg('learnerIds', () => [ID], { description: 'The learners, 1 to 1,000.' }) learnerIds: string[],
    @Arg('attendance', () => Attendance, { description: 'ATTENDED or ABSENT.' }) attendance: Attendance,
    @Ctx() ctx: Context,
  ) {
    if (!learnerIds.length || learnerIds.length > 1000) throw badInput('learnerIds', 'learnerIds must name 1 to 1,000 learners');
    return service(ctx).recordAttendance(ctx.viewer!, eventId, learnerIds, attendance);
  }

  @FieldResolver(() => User, { description: 'The facilitating coach.' })
  async facilitator(@Root() e: CoachingEvent, @Ctx() ctx: Context): Promise<User> {
    return userOf(e.facilitator, ctx);
  }

  @FieldResolver(() => Int, { description: 'Length in minutes.' })
  durationMinutes(@Root() e: CoachingEvent): number {
    return Math.round((e.endsAt.getTime() - e.startsAt.getTime()) / 60_000);
  }

  @FieldResolver(() => SeatCounts, { description: 'Seats taken and waitlist length (batched).' })
  seats(@Root() e: CoachingEvent, @Ctx() ctx: Context): Promise<SeatCounts> {
    return ctx.loaders.eventCounts.load(e.id);
  }

  @FieldResolver(() => [Rsvp], { description: 'RSVPs in queue order: all of them for coaches and staff, only their own for a learner.' })
  rsvps(@Root() e: CoachingEvent, @Ctx() ctx: Context): Promise<Rsvp[]> {
    return ctx.loaders.rsvpsByEvent.load(e.id);
  }
}

@Resolver(() => Rsvp)
export class RsvpResolver {
  @FieldResolver(() => Learner, { description: 'The learner.' })
  async learner(@Root() r: Rsvp, @Ctx() ctx: Context): Promise<Learner> {
    return learnerOf(r.learner, ctx);
  }

  @FieldResolver(() => ID, { description: 'The event.' })
  eventId(@Root() r: Rsvp): string {
    return r.event.id;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Place on the waitlist (1 = next to get a seat); null unless WAITLISTED.' })
  waitlistPosition(@Root() r: Rsvp): number | null {
    return r.status === 'WAITLISTED' ? Number(r.waitlistRank) : null;
  }
}
