import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { RequiredActivity } from './required-activity.entity';
import { ExcuseWeekArgs, RequiredActivityInput, RequiredActivityPatch } from './compliance.inputs';
import { ComplianceService } from './compliance.service';
import { ComplianceChange, ComplianceRun } from './compliance.types';
import './compliance.read';
import { ComplianceEvaluation } from './compliance-evaluation.entity';
import { ComplianceExcuse } from './compliance-excuse.entity';
import { Learner } from '../learners/learner.entity';
import { Role, User } from '../users/user.entity';
import { userOf } from '../users/user.loaders';
import type { Context } from '../../context';
import { IdempotencyKeyArg } from '../idempotency/idempotency';

@ArgsType()
class ComplianceArgs {
  @Field(() => Date, { nullable: true, description: 'The instant to evaluate at (default now); not in the future.' })
  @IsOptional()
  asOf?: Date;

  @Field(() => Int, { nullable: true, description: 'List at most this many changes (1 to 5,000, default 500); the counts cover all.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5000)
  changeLimit?: number;
}

const service = (ctx: Context) => new ComplianceService(ctx.em, () => ctx.clock.now());

@Resolver(() => RequiredActivity)
export class RequiredActivityResolver {
  @Authorized()
  @Query(() => [RequiredActivity], { description: 'The required-activity rules of the module (in force first).' })
  requiredActivities(
    @Arg('includeRetired', () => Boolean, { defaultValue: false, description: 'Include retired rules.' }) includeRetired: boolean,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).rules(includeRetired);
  }

  @Authorized(Role.STAFF, Role.COACH)
  @Mutation(() => ComplianceExcuse, {
    description:
      "Excuse one learner-week before it is judged, with a reason (coaches and staff; audited): the weekly evaluation records it and leaves the status alone, without pausing the learner. CONFLICT when the week was already judged or is already excused.",
  })
  excuseWeek(@Args(() => ExcuseWeekArgs) args: ExcuseWeekArgs, @IdempotencyKeyArg() _idempotencyKey: string | undefined, @Ctx() ctx: Context): Promise<ComplianceExcuse> {
    return new ComplianceService(ctx.em, () => ctx.clock.now()).excuseWeek(ctx.viewer!, args.learnerId, args.moduleWeek, args.reason);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => RequiredActivity, { description: 'Add a required activity (staff). It applies to learner-weeks that start after now.' })
  createRequiredActivity(@Arg('input', () => RequiredActivityInput, { description: 'The rule.' }) input: RequiredActivityInput, @IdempotencyKeyArg() _idempotencyKey: string | undefined, @Ctx() ctx: Context) {
    return service(ctx).createRule(ctx.viewer!, input);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => RequiredActivity, { description: 'Reword a required activity (staff).' })
  updateRequiredActivity(
    @Arg('id', () => ID, { description: 'The rule.' }) id: string,
    @Arg('patch', () => RequiredActivityPatch, { description: 'What to change.' }) patch: RequiredActivityPatch,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).updateRule(id, patch);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => RequiredActivity, { description: 'Retire a required activity (staff): it stops applying to learner-weeks that end after now.' })
  retireRequiredActivity(@Arg('id', () => ID, { description: 'The rule.' }) id: string, @Ctx() ctx: Context) {
    return service(ctx).retireRule(id);
  }
}

@Resolver(() => ComplianceRun)
export class ComplianceResolver {
  @Authorized(Role.STAFF)
  @Query(() => ComplianceRun, { description: 'What evaluateCompliance would do at asOf, without doing it (staff).' })
  compliancePreview(@Args(() => ComplianceArgs) args: ComplianceArgs, @Ctx() ctx: Context) {
    return service(ctx).preview(args.asOf ?? ctx.clock.now(), args.changeLimit ?? 500);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => ComplianceRun, {
    description:
      'Run the end-of-week compliance evaluation now, as the scheduled job does (staff): for each learner in ENROLLED, AT_RISK or SUSPENDED, ' +
      'the last module week ended at asOf, unless already evaluated. Running it again changes nothing.',
  })
  evaluateCompliance(@Args(() => ComplianceArgs) args: ComplianceArgs, @Ctx() ctx: Context) {
    return service(ctx).evaluate(args.asOf ?? ctx.clock.now(), args.changeLimit ?? 500);
  }
}

@Resolver(() => ComplianceChange)
export class ComplianceChangeResolver {
  @FieldResolver(() => Learner, { nullable: true, description: 'The learner (batched).' })
  learner(@Root() change: ComplianceChange, @Ctx() ctx: Context) {
    return ctx.loaders.learnerById.load(change.learnerId);
  }
}

/** Learner's compliance fields: the compliance module extends the learner's type. */
@Resolver(() => Learner)
export class LearnerComplianceResolver {
  @FieldResolver(() => [ComplianceEvaluation], { description: 'Every end-of-week compliance evaluation of the learner, newest week first.' })
  complianceHistory(@Root() learner: Learner, @Ctx() ctx: Context): Promise<ComplianceEvaluation[]> {
    return ctx.loaders.complianceHistory.load(learner.id);
  }

  @Authorized(Role.STAFF, Role.COACH, Role.LEARNER)
  @FieldResolver(() => [ComplianceExcuse], { nullable: true, description: 'The module weeks a coach excused (excuseWeek), newest week first: the evaluation records them and leaves the status alone.' })
  complianceExcuses(@Root() learner: Learner, @Ctx() ctx: Context): Promise<ComplianceExcuse[]> {
    return ctx.loaders.complianceExcuses.load(learner.id);
  }
}

@Resolver(() => ComplianceExcuse)
export class ComplianceExcuseResolver {
  @FieldResolver(() => User, { description: 'Who excused it.' })
  excusedBy(@Root() excuse: ComplianceExcuse, @Ctx() ctx: Context) {
    return userOf(excuse.excusedBy, ctx);
  }
}
