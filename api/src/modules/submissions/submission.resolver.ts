import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Submission } from './submission.entity';
import './submission.read';
import { SubmitAssignmentInput } from './submission.inputs';
import { SubmissionService } from './submission.service';
import { ReviewService } from './review.service';
import { FeedbackArgs, SubmissionFilter } from './review.inputs';
import { Feedback } from './feedback.entity';
import { ReviewTarget } from './review-target.entity';
import { SubmissionKind } from './submission-kind';
import { ApplicationMaterial, JobSearchAnalysis, SmartGoals, WeeklyRetrospective } from './submission-content';
import { Role } from '../users/user.entity';
import { ListArgs } from '../../common/pagination';
import { ListMetadata } from '../../common/list-metadata';
import { badInput } from '../../common/errors';
import type { Context } from '../../context';
import { IdempotencyKeyArg } from '../idempotency/idempotency';

@ObjectType({ description: 'The state of the review queue at a glance.' })
class ReviewQueueSummary {
  @Field(() => Int, { description: 'Submissions waiting for review (SUBMITTED or IN_REVIEW).' })
  open: number;

  @Field(() => Int, { description: 'Of those, not claimed by anyone.' })
  unclaimed: number;

  @Field(() => Int, { description: 'Of those, claimed and in review.' })
  inReview: number;

  @Field(() => Int, { description: 'Of those, past their review target.' })
  breached: number;

  @Field(() => Date, { nullable: true, description: 'When the oldest waiting submission was sent; null when none waits.' })
  oldestSubmittedAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'How long the oldest has waited, in minutes.' })
  oldestWaitingMinutes: number | null;
}

const submissions = (ctx: Context) => new SubmissionService(ctx.em, () => ctx.clock.now());
const reviews = (ctx: Context) => new ReviewService(ctx.em, () => ctx.clock.now());

@Resolver(() => Submission)
export class SubmissionResolver {
  @Authorized()
  @Mutation(() => Submission, {
    description:
      'Send an assignment to the career coaches, or resubmit one after NEEDS_WORK (previousSubmissionId). It meets the required activity ' +
      'of its kind for the module week it is sent in. Learners send their own; coaches and staff may record one on a learner\'s behalf.',
  })
  submitAssignment(@Arg('input', () => SubmitAssignmentInput, { description: 'The assignment.' }) input: SubmitAssignmentInput, @IdempotencyKeyArg() _idempotencyKey: string | undefined, @Ctx() ctx: Context) {
    return submissions(ctx).submit(ctx.viewer!, input);
  }

  @Authorized()
  @Query(() => Submission, { name: 'Submission', nullable: true, description: 'One submission. Learners may only read their own (FORBIDDEN otherwise).' })
  submission(@Arg('id', () => ID, { description: 'Submission id.' }) id: string, @Ctx() ctx: Context) {
    return reviews(ctx).get(ctx.viewer!, id);
  }

  @Authorized()
  @Query(() => [Submission], {
    description: 'Submissions, newest first unless sorted (learners see only their own). sortField: submittedAt, kind, status, reviewedAt.',
  })
  allSubmissions(
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => SubmissionFilter, { nullable: true, description: 'Conditions the submissions must meet.' }) filter: SubmissionFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    return reviews(ctx).list(ctx.viewer!, args, filter, false);
  }

  @Authorized()
  @Query(() => ListMetadata, { name: '_allSubmissionsMeta', description: 'How many submissions match the filter.' })
  async allSubmissionsMeta(
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => SubmissionFilter, { nullable: true, description: 'Conditions the submissions must meet.' }) filter: SubmissionFilter | undefined,
    @Ctx() ctx: Context,
  ): Promise<ListMetadata> {
    return { count: await reviews(ctx).count(ctx.viewer!, filter, false) };
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Query(() => [Submission], {
    description:
      'The review queue (coaches and staff): submissions waiting for review (SUBMITTED or IN_REVIEW), always oldest waiting first ' +
      '(sortField and sortOrder are ignored), a page at a time. ' +
      'Filters as allSubmissions, e.g. { claimableByMe: true }, { claimedByMe: true }, { breached: true }.',
  })
  reviewQueue(
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => SubmissionFilter, { nullable: true, description: 'Conditions the items must meet.' }) filter: SubmissionFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    return reviews(ctx).list(ctx.viewer!, args, filter, true);
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Query(() => ListMetadata, { name: '_reviewQueueMeta', description: 'How many queue items match the filter.' })
  async reviewQueueMeta(
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => SubmissionFilter, { nullable: true, description: 'Conditions the items must meet.' }) filter: SubmissionFilter | undefined,
    @Ctx() ctx: Context,
  ): Promise<ListMetadata> {
    return { count: await reviews(ctx).count(ctx.viewer!, filter, true) };
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Query(() => ReviewQueueSummary, { description: 'Open, unclaimed, in review and breached counts and the oldest waiting item (coaches and staff).' })
  async reviewQueueSummary(
    @Arg('mine', () => Boolean, { defaultValue: false, description: 'Only submissions assigned to me.' }) mine: boolean,
    @Ctx() ctx: Context,
  ): Promise<ReviewQueueSummary> {
    const s = await reviews(ctx).summary(ctx.viewer!, mine);
    return {
      ...s,
      oldestWaitingMinutes: s.oldestSubmittedAt ? Math.floor((ctx.clock.now().getTime() - s.oldestSubmittedAt.getTime()) / 60_000) : null,
    };
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Mutation(() => Submission, {
    description:
      'Claim a submission to review it. Of several coaches claiming at once exactly one wins; the others get CONFLICT naming who holds it. ' +
      'Before openToAllAt only the assigned coach (or staff) may claim it, unless it is past its due time. Claiming one you already hold returns it.',
  })
  claimSubmission(@Arg('id', () => ID, { description: 'The submission.' }) id: string, @Ctx() ctx: Context) {
    return reviews(ctx).claim(ctx.viewer!, id);
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Mutation(() => Submission, {
    nullable: true,
    description: 'Claim the oldest submission you may claim (optionally of one kind); concurrent callers get different items. Null when none waits.',
  })
  claimNextSubmission(
    @Arg('kind', () => SubmissionKind, { nullable: true, description: 'Only this kind.' }) kind: SubmissionKind | undefined,
    @Arg('assignedToMe', () => Boolean, { defaultValue: false, description: 'Only submissions of my own learners (assigned to me).' }) assignedToMe: boolean,
    @Ctx() ctx: Context,
  ) {
    return reviews(ctx).claimNext(ctx.viewer!, kind, assignedToMe);
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Mutation(() => Submission, { description: 'Give a claimed submission back to the queue (its claimant or staff).' })
  releaseSubmission(@Arg('id', () => ID, { description: 'The submission.' }) id: string, @Ctx() ctx: Context) {
    return reviews(ctx).release(ctx.viewer!, id);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => Submission, { description: 'Hand a waiting submission to a coach, claimed in their name (staff).' })
  reassignSubmission(
    @Arg('id', () => ID, { description: 'The submission.' }) id: string,
    @Arg('coachId', () => ID, { description: 'The coach who will review it.' }) coachId: string,
    @Ctx() ctx: Context,
  ) {
    return reviews(ctx).reassign(ctx.viewer!, id, coachId);
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Mutation(() => Submission, {
    description:
      'Review a claimed submission: APPROVED makes it REVIEWED, NEEDS_WORK makes it CHANGES_REQUESTED (the learner may resubmit). ' +
      'Only its claimant (or staff). revision must be the one you loaded: a stale one gets CONFLICT.',
  })
  giveFeedback(@Args(() => FeedbackArgs) args: FeedbackArgs, @IdempotencyKeyArg() _idempotencyKey: string | undefined, @Ctx() ctx: Context) {
    return reviews(ctx).giveFeedback(ctx.viewer!, args, false);
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Mutation(() => Submission, {
    description: 'Correct the latest feedback (its author or staff): a new revision, the old one kept. Refused once the learner resubmitted.',
  })
  correctFeedback(@Args(() => FeedbackArgs) args: FeedbackArgs, @Ctx() ctx: Context) {
    return reviews(ctx).giveFeedback(ctx.viewer!, args, true);
  }

  @FieldResolver(() => SmartGoals, { nullable: true, description: 'The SMART goals (kind SMART_GOALS).' })
  smartGoals(@Root() s: Submission) {
    return s.content.smartGoals ?? null;
  }

  @FieldResolver(() => WeeklyRetrospective, { nullable: true, description: 'The retrospective (kind WEEKLY_RETROSPECTIVE).' })
  retrospective(@Root() s: Submission) {
    return s.content.retrospective ?? null;
  }

  @FieldResolver(() => JobSearchAnalysis, { nullable: true, description: 'The job-search analysis (kind JOB_SEARCH_ANALYSIS).' })
  analysis(@Root() s: Submission) {
    return s.content.analysis ?? null;
  }

  @FieldResolver(() => ApplicationMaterial, { nullable: true, description: 'The application material (kind APPLICATION_MATERIAL).' })
  material(@Root() s: Submission) {
    return s.content.material ?? null;
  }

  @FieldResolver(() => [Feedback], { description: 'Every feedback revision, newest first (batched).' })
  feedback(@Root() s: Submission, @Ctx() ctx: Context): Promise<Feedback[]> {
    return ctx.loaders.feedbackBySubmission.load(s.id);
  }

  @FieldResolver(() => Submission, { nullable: true, description: 'The version this one resubmits.' })
  async previousVersion(@Root() s: Submission, @Ctx() ctx: Context): Promise<Submission | null> {
    return s.previous ? ctx.loaders.submissionById.load(s.previous.id) : null;
  }

  @FieldResolver(() => Submission, { nullable: true, description: 'The resubmission of this version, if the learner made one.' })
  nextVersion(@Root() s: Submission, @Ctx() ctx: Context): Promise<Submission | null> {
    return ctx.loaders.resubmissionOf.load(s.id);
  }
}

@Resolver(() => ReviewTarget)
export class ReviewTargetResolver {
  @Authorized()
  @Query(() => [ReviewTarget], { description: 'The review target of each kind of submission.' })
  reviewTargets(@Ctx() ctx: Context) {
    return reviews(ctx).targets();
  }

  @Authorized(Role.STAFF)
  @Mutation(() => ReviewTarget, { description: 'Set how many hours a kind of submission may wait for review (1 to 720; staff).' })
  setReviewTarget(
    @Arg('kind', () => SubmissionKind, { description: 'The kind.' }) kind: SubmissionKind,
    @Arg('hours', () => Int, { description: 'Hours, 1 to 720.' }) hours: number,
    @Ctx() ctx: Context,
  ) {
    if (!Number.isInteger(hours) || hours < 1 || hours > 720) throw badInput('hours', 'hours must be from 1 to 720');
    return reviews(ctx).setTarget(ctx.viewer!, kind, hours);
  }
}

