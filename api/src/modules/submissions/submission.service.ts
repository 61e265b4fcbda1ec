import type { EntityManager } from '@mikro-orm/postgresql';
import { Submission } from './submission.entity';
import type { SubmitAssignmentInput } from './submission.inputs';
import { LearnerService } from '../learners/learner.service';
import { User } from '../users/user.entity';
import type { Viewer } from '../../auth/viewer';
import { badInput } from '../../common/errors';

/** Assignments learners send. The review side (queue, claims, feedback) builds on these rows. */
export class SubmissionService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  async submit(viewer: Viewer, input: SubmitAssignmentInput): Promise<Submission> {
    const text = input.text?.trim() ?? '';
    if (!text && !input.link) throw badInput('text', 'Give the assignment text, a link to it, or both');
    // Reading the learner checks access: a learner may only send their own.
    const learner = await new LearnerService(this.em, this.now).get(viewer, input.learnerId, 'input.learnerId');
    const submission = this.em.create(Submission, {
      learner,
      kind: input.kind,
      text,
      link: input.link ?? null,
      submittedAt: this.now(),
      submittedBy: this.em.getReference(User, viewer.userId),
    });
    await this.em.flush();
    return submission;
  }
}
