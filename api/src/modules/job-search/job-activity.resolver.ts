import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { CoachAlert, JobActivity } from './job-activity.entity';
import { RecordJobActivityInput, UpdateJobActivityInput } from './job-activity.inputs';
import { huntrIntegrationState, JobActivityService } from './job-activity.service';
import { Learner } from '../learners/learner.entity';
import { Role } from '../users/user.entity';
import { badInput } from '../../common/errors';
import type { Context } from '../../context';
import './huntr-freshness.read';
import { IdempotencyKeyArg } from '../idempotency/idempotency';
import { coachAlertRoots } from './coach-alert.read';
import { listAnswer, rowsByIds } from '../../read/connection';

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

@ObjectType({ description: 'A Huntr action Waypoint could not map yet, kept with its body and the reason; tried again when the mapping may have changed.' })
class KeptHuntrAction {
  @Field(() => String, { description: "Huntr's id for the action." })
  id: string;

  @Field(() => String, { description: "Huntr's action type, e.g. ACTIVITY_CREATED." })
  actionType: string;

  @Field(() => String, { nullable: true, description: "The owner member's email, when the action names one." })
  memberEmail: string | null;

  @Field(() => String, {
    description:
      'Why it is kept: UNKNOWN_MEMBER (no learner has the email; link it with resolveHuntrMember), UNKNOWN_CATEGORY (an activity ' +
      'category Huntr does not document), UNKNOWN_ACTION_TYPE, or PARSER_CHANGED (taken in before Waypoint read the documented shape).',
  })
  reason: string;

  @Field(() => String, { description: 'The reason in words.' })
  detail: string;

  @Field(() => String, { description: 'WEBHOOK or SYNC: which door it came through.' })
  source: string;

  @Field(() => String, { description: 'The action as it came (the webhook body, or the API\'s JSON for it).' })
  rawBody: string;

  @Field(() => Date, { description: 'When it first reached Waypoint.' })
  arrivedAt: Date;

  @Field(() => Date, { description: 'When it was last tried.' })
  lastTriedAt: Date;

  @Field(() => Int, { description: 'How often it has been tried.' })
  attempts: number;
}

@ObjectType({ description: "The Huntr integration's state, for staff: deliveries, the pull-sync, and what waits for a mapping." })
class HuntrIntegration {
  @Field(() => Boolean, { description: 'HUNTR_WEBHOOK_SECRET is set (without it /webhooks/huntr answers 503).' })
  webhookConfigured: boolean;

  @Field(() => Boolean, { description: 'HUNTR_API_TOKEN is set, so the huntr_sync task pulls from Huntr every 10 minutes.' })
  syncConfigured: boolean;

  @Field(() => Date, { nullable: true, description: 'When the last webhook delivery was taken in (null: none yet).' })
  lastDeliveryAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the pull-sync last ran (null: never).' })
  lastSyncRunAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the pull-sync last finished without an error.' })
  lastSyncSucceededAt: Date | null;

  @Field(() => String, { nullable: true, description: "The last run's error (null when it succeeded)." })
  lastSyncError: string | null;

  @Field(() => Int, { description: 'Actions the last run read from Huntr (the overlap with earlier runs and deliveries included).' })
  lastSyncPulled: number;

  @Field(() => Int, { description: 'Of those, actions taken in (applied, superseded or counted as nothing); duplicates excluded.' })
  lastSyncApplied: number;

  @Field(() => Int, { description: 'Of those, actions kept aside (no mapping yet).' })
  lastSyncKept: number;

  @Field(() => Date, { nullable: true, description: 'Every action created in Huntr up to here has been read; the next run asks from here.' })
  syncedThrough: Date | null;

  @Field(() => Int, { description: 'Members in the Huntr organization at the last run.' })
  huntrMembers: number;

  @Field(() => [UnmatchedHuntrMember], { description: 'Huntr members no learner is yet, with the actions kept for them (link them with resolveHuntrMember).' })
  unmatchedMembers: UnmatchedHuntrMember[];

  @Field(() => Int, { description: 'Actions kept aside in all.' })
  keptActionCount: number;

  @Field(() => [KeptHuntrAction], { description: 'The newest kept actions (as many as `first` asked).' })
  keptActions: KeptHuntrAction[];
}

@Resolver(() => JobActivity)
export class JobActivityResolver {
  @Authorized()
  @Mutation(() => JobActivity, { description: 'Record an application or interview by hand (learners for themselves; coaches and staff for a learner).' })
  recordJobActivity(@Arg('input', () => RecordJobActivityInput, { description: 'The activity.' }) input: RecordJobActivityInput, @IdempotencyKeyArg() _idempotencyKey: string | undefined, @Ctx() ctx: Context) {
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
    // The compiled read's own SQL for the alerts' ids (coach-alert.read.ts), then the alerts with their learners.
    return listAnswer(coachAlertRoots.coachAlerts, { openOnly }, ctx, 'coachAlerts', (ids) => rowsByIds(ctx.em, CoachAlert, ids, ['learner.user']));
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
  @Query(() => HuntrIntegration, { description: "The Huntr integration's state: last delivery, last sync and its outcome, unmatched members, actions kept aside (staff)." })
  async huntrIntegration(
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many kept actions to list, newest first: 1 to 200.' }) first: number,
    @Ctx() ctx: Context,
  ): Promise<HuntrIntegration> {
    if (!Number.isInteger(first) || first < 1 || first > 200) throw badInput('first', 'first must be from 1 to 200');
    const [state, unmatchedMembers] = await Promise.all([huntrIntegrationState(ctx.em, first), service(ctx).unmatched()]);
    return { ...state, unmatchedMembers, webhookConfigured: !!ctx.config.huntrWebhookSecret, syncConfigured: !!ctx.config.huntrApiToken };
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

  @FieldResolver(() => Date, { nullable: true, description: 'When the last Huntr action for this learner happened (its date in Huntr): how fresh their data is (null: never).' })
  lastHuntrActionAt(@Root() learner: Learner, @Ctx() ctx: Context): Promise<Date | null> {
    return ctx.loaders.lastHuntrActionAt.load(learner.id);
  }
}
