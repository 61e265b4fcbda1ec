import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Submission } from './submission.entity';
import { SubmitAssignmentInput } from './submission.inputs';
import { SubmissionService } from './submission.service';
import { moduleWeekAt } from '../../common/module-time';
import type { Context } from '../../context';

@Resolver(() => Submission)
export class SubmissionResolver {
  @Authorized()
  @Mutation(() => Submission, {
    description:
      'Send an assignment to the career coaches. It meets the required activity of its kind for the module week it is sent in ' +
      '(learners send their own; coaches and staff may record one on a learner\'s behalf).',
  })
  submitAssignment(@Arg('input', () => SubmitAssignmentInput, { description: 'The assignment.' }) input: SubmitAssignmentInput, @Ctx() ctx: Context) {
    return new SubmissionService(ctx.em, () => ctx.clock.now()).submit(ctx.viewer!, input);
  }

  @FieldResolver(() => ID, { description: 'The learner who sent it.' })
  learnerId(@Root() submission: Submission): string {
    return submission.learner.id;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'The module week it was sent in (learner-local); null if sent before the module started.' })
  async moduleWeek(@Root() submission: Submission, @Ctx() ctx: Context): Promise<number | null> {
    const learner = await ctx.loaders.learnerById.load(submission.learner.id);
    return learner ? moduleWeekAt(learner.moduleStartDate, learner.timeZone, submission.submittedAt) : null;
  }
}
