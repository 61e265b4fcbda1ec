import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { CoachAlert, JobActivity } from './job-activity.entity';
import { RecordJobActivityInput, UpdateJobActivityInput } from './job-activity.inputs';
import { JobActivityService } from './job-activity.service';
import { Learner } from '../learners/learner.entity';
import { Role } from '../users/user.entity';
import { badInput } from '../../common/errors';
import type { Context } from '../../context';
import { learnerOf } from '../learners/learner.loaders';

const service = (ctx: Context) => new JobActivityService(ctx.em, () => ctx.clock.now());

@ObjectType({ description: 'A Huntr member whose email matches no learner yet, with the actions that wait for them.' })
class UnmatchedHuntrMember {
  @Field(() => String, { description: 'The email Huntr sent.' })
  email: string;

  @Field(() => Int, { description: 'Actions kept for this member.' })
  actions: number;

  @Field(() => Date, { description: 'When the latest arrived.' })
  lastReceivedAt: Date;
}

@Resolver(() => JobActivity)
export class JobActivityResolver {
  @Authorized()
  @Mutation(() => JobActivity, { description: 'Record an application or interview by hand (learners for themselves; coaches and staff for a learner).' })
  recordJobActivity(@Arg('input', () => RecordJobActivityInput, { description: 'The activity.' }) input: RecordJobActivityInput, @Ctx() ctx: Context) {
    return service(ctx).record(ctx.viewer!, input);
  }

  @Authorized()
  @Mutation(() => JobActivity, { description: 'Correct an activity recorded by hand (the learner, or a coach or staff for them; Huntr\'s are corrected in Huntr).' })
  updateJobActivity(
    @Arg('id', () => ID, { description: 'The activity.' }) id: string,
    @Arg('input', () => UpdateJobActivityInput, { description: 'The fields to change.' }) input: UpdateJobActivityInput,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).update(ctx.viewer!, id, input);
  }

  @Authorized()
  @Mutation(() => JobActivity, { description: 'Delete an activity recorded by hand (Huntr\'s are corrected in Huntr).' })
  deleteJobActivity(@Arg('id', () => ID, { description: 'The activity.' }) id: string, @Ctx() ctx: Context) {
    return service(ctx).delete(ctx.viewer!, id);
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Query(() => [CoachAlert], { description: "Alerts for coaches (an offer received): a coach's own learners', or all for staff; open ones by default." })
  coachAlerts(@Arg('openOnly', () => Boolean, { defaultValue: true, description: 'Only alerts not yet handled.' }) openOnly: boolean, @Ctx() ctx: Context) {
    return service(ctx).alerts(ctx.viewer!, openOnly);
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Mutation(() => CoachAlert, { description: 'Mark an alert handled (the learner\'s coach or staff).' })
  resolveCoachAlert(@Arg('id', () => ID, { description: 'The alert.' }) id: string, @Ctx() ctx: Context) {
    return service(ctx).resolveAlert(ctx.viewer!, id);
  }

  @Authorized(Role.STAFF)
  @Query(() => [UnmatchedHuntrMember], { description: 'Huntr members whose email matches no learner, newest first (staff).' })
  unmatchedHuntrMembers(@Ctx() ctx: Context) {
    return service(ctx).unmatched();
  }

  @Authorized(Role.STAFF)
  @Mutation(() => Int, { description: 'Tie a Huntr member email to a learner and apply the actions that waited; returns how many (staff).' })
  resolveHuntrMember(
    @Arg('email', () => String, { description: 'The Huntr member email.' }) email: string,
    @Arg('learnerId', () => ID, { description: 'The learner it is.' }) learnerId: string,
    @Ctx() ctx: Context,
  ) {
    if (!email.trim() || email.length > 254) throw badInput('email', 'email must be 1 to 254 characters');
    return service(ctx).resolveMember(ctx.viewer!, email, learnerId);
  }
}

@Resolver(() => CoachAlert)
export class CoachAlertResolver {
  @FieldResolver(() => Learner, { description: 'The learner.' })
  async learner(@Root() a: CoachAlert, @Ctx() ctx: Context): Promise<Learner> {
    return learnerOf(a.learner, ctx);
  }
}

@Resolver(() => Learner)
export class LearnerJobSearchResolver {
  @FieldResolver(() => [JobActivity], { description: 'Applications and interviews of the last `days` days (1 to 366, default 30), newest first (batched).' })
  jobActivities(
    @Root() learner: Learner,
    @Arg('days', () => Int, { defaultValue: 30, description: 'How many days back, 1 to 366.' }) days: number,
    @Ctx() ctx: Context,
  ): Promise<JobActivity[]> {
    if (!Number.isInteger(days) || days < 1 || days > 366) throw badInput('days', 'days must be from 1 to 366');
    return ctx.loaders.jobActivities.load(`${learner.id}:${days}`);
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the last Huntr action for this learner arrived: how fresh their data is (null: never).' })
  lastHuntrActionAt(@Root() learner: Learner, @Ctx() ctx: Context): Promise<Date | null> {
    return ctx.loaders.lastHuntrActionAt.load(learner.id);
  }
}
