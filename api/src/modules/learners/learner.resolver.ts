import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Learner } from './learner.entity';
import './learner.read';
import { StatusChange } from './status-change.entity';
import { CreateLearnerArgs, LearnerFilter, SetEnrollmentStatusArgs, SetEnrollmentStatusesArgs, UpdateLearnerArgs, UpdateMyProfileArgs } from './learner.inputs';
import { LearnerService } from './learner.service';
import { Role, User } from '../users/user.entity';
import { ListArgs } from '../../common/pagination';
import { ListMetadata } from '../../common/list-metadata';
import type { Context } from '../../context';
import { userOf } from '../users/user.loaders';
import { IdempotencyKeyArg } from '../idempotency/idempotency';

const service = (ctx: Context) => new LearnerService(ctx.em, () => ctx.clock.now());

/** The learner's login user: already joined by list and get queries, batched otherwise. */

@Resolver(() => Learner)
export class LearnerResolver {
  @Authorized(Role.STAFF, Role.COACH, Role.LEARNER, 'learners:read')
  @Query(() => Learner, { nullable: true, name: 'Learner', description: 'One learner by id. Learners may only ask for themselves (FORBIDDEN otherwise).' })
  async learner(@Arg('id', () => ID, { description: 'Learner id.' }) id: string, @Ctx() ctx: Context): Promise<Learner> {
    return service(ctx).get(ctx.viewer!, id);
  }

  @Authorized(Role.STAFF, Role.COACH, Role.LEARNER, 'learners:read')
  @Query(() => [Learner], {
    description:
      'Learners, a page at a time (learners see only themselves). sortField: name, email, status, moduleStartDate, statusChangedAt, createdAt.',
  })
  async allLearners(
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => LearnerFilter, { nullable: true, description: 'Conditions the learners must meet.' }) filter: LearnerFilter | undefined,
    @Ctx() ctx: Context,
  ): Promise<Learner[]> {
    return service(ctx).list(ctx.viewer!, args, filter);
  }

  @Authorized(Role.STAFF, Role.COACH, Role.LEARNER, 'learners:read')
  @Query(() => ListMetadata, { name: '_allLearnersMeta', description: 'How many learners match the filter.' })
  async allLearnersMeta(
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => LearnerFilter, { nullable: true, description: 'Conditions the learners must meet.' }) filter: LearnerFilter | undefined,
    @Ctx() ctx: Context,
  ): Promise<ListMetadata> {
    return { count: await service(ctx).count(ctx.viewer!, filter) };
  }

  @Authorized(Role.STAFF, Role.COACH)
  @Mutation(() => Learner, { description: 'Enroll a job searcher: creates their login and learner record, status ENROLLED (coaches and staff).' })
  async createLearner(@Args(() => CreateLearnerArgs) args: CreateLearnerArgs, @IdempotencyKeyArg() _idempotencyKey: string | undefined, @Ctx() ctx: Context): Promise<Learner> {
    return service(ctx).create(ctx.viewer!, args);
  }

  @Authorized(Role.STAFF, Role.COACH)
  @Mutation(() => Learner, { description: "Change a learner's profile or assigned coach (coaches and staff). Status has its own mutation." })
  async updateLearner(@Args(() => UpdateLearnerArgs) args: UpdateLearnerArgs, @Ctx() ctx: Context): Promise<Learner> {
    return service(ctx).update(ctx.viewer!, args);
  }

  @Authorized(Role.STAFF, Role.COACH, Role.LEARNER)
  @Mutation(() => User, {
    description:
      'Change your own name or time zone (anyone signed in; learners too). A learner\'s days, module weeks and road map follow the new time zone. Checked as updateLearner checks them (BAD_USER_INPUT naming the argument).',
  })
  async updateMyProfile(@Args(() => UpdateMyProfileArgs) args: UpdateMyProfileArgs, @Ctx() ctx: Context): Promise<User> {
    const user = await service(ctx).updateOwnProfile(ctx.viewer!, args);
    ctx.loaders.clearAll();
    return user;
  }

  @Authorized(Role.STAFF, Role.COACH)
  @Mutation(() => Learner, { description: "Set a learner's enrollment status by hand, with a reason; kept in statusHistory (coaches and staff)." })
  async setEnrollmentStatus(@Args(() => SetEnrollmentStatusArgs) args: SetEnrollmentStatusArgs, @Ctx() ctx: Context): Promise<Learner> {
    const [learner] = await service(ctx).setStatus(ctx.viewer!, [args.learnerId], args.status, args.reason, { skipUnchanged: false });
    return learner;
  }

  @Authorized(Role.STAFF, Role.COACH)
  @Mutation(() => [Learner], {
    description: 'Set the status of several learners at once with one reason, all or nothing (coaches and staff). Learners already in the status are left unchanged.',
  })
  async setEnrollmentStatuses(@Args(() => SetEnrollmentStatusesArgs) args: SetEnrollmentStatusesArgs, @Ctx() ctx: Context): Promise<Learner[]> {
    return service(ctx).setStatus(ctx.viewer!, args.learnerIds, args.status, args.reason, { skipUnchanged: true });
  }

  @FieldResolver(() => [StatusChange], { description: 'Every status change, newest first (append-only).' })
  statusHistory(@Root() learner: Learner, @Ctx() ctx: Context): Promise<StatusChange[]> {
    return ctx.loaders.statusHistoryByLearner.load(learner.id);
  }
}

@Resolver(() => StatusChange)
export class StatusChangeResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who made the change; null when the system did (the weekly evaluation).' })
  async changedBy(@Root() change: StatusChange, @Ctx() ctx: Context): Promise<User | null> {
    if (!change.changedBy) return null;
    return userOf(change.changedBy, ctx);
  }
}

/** The learner record of a user: the learners module extends the user's type. */
@Resolver(() => User)
export class UserLearnerResolver {
  @FieldResolver(() => Learner, {
    nullable: true,
    description: 'The learner record of a LEARNER user (null for staff and coaches).',
  })
  async learner(@Root() user: User, @Ctx() ctx: Context): Promise<Learner | null> {
    if (user.role !== Role.LEARNER) return null;
    return ctx.loaders.learnerByUserId.load(user.id);
  }
}
