import type { EntityManager } from '@mikro-orm/postgresql';
import { Submission, type SubmissionContentJson } from './submission.entity';
import type { SubmitAssignmentInput } from './submission.inputs';
import { SubmissionKind } from './submission-kind';
import { SubmissionStatus } from './submission-status';
import { GoalArea } from './submission-content';
import { LearnerService } from '../learners/learner.service';
import { User } from '../users/user.entity';
import type { Viewer } from '../../auth/viewer';
import { badInput, conflict, notFound } from '../../common/errors';
import { requireId } from '../../common/query';
import { addWorkingHours } from '../../common/working-time';

/** The content field each kind carries; the others must be absent. */
const CONTENT_FIELD = {
  [SubmissionKind.SMART_GOALS]: 'smartGoals',
  [SubmissionKind.WEEKLY_RETROSPECTIVE]: 'retrospective',
  [SubmissionKind.JOB_SEARCH_ANALYSIS]: 'analysis',
  [SubmissionKind.APPLICATION_MATERIAL]: 'material',
} as const;

/** Hours of working time the assigned coach has the submission to themselves. */
export const ASSIGNED_COACH_HOURS = 24;

/** Plain JSON of a validated input object (drops class prototypes and undefined fields). */
const toJson = (value: object) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

function contentOf(input: SubmitAssignmentInput): SubmissionContentJson {
  const field = CONTENT_FIELD[input.kind];
  for (const other of Object.values(CONTENT_FIELD)) {
    if (other !== field && input[other] != null) throw badInput(`input.${other}`, `A ${input.kind} submission carries ${field}, not ${other}`);
  }
  const content = input[field];
  if (!content) throw badInput(`input.${field}`, `A ${input.kind} submission needs its ${field}`);
  if (input.kind === SubmissionKind.SMART_GOALS) {
    const missing = Object.values(GoalArea).filter((area) => !input.smartGoals!.goals.some((g) => g.area === area));
    if (missing.length) throw badInput('input.smartGoals.goals', `goals must include at least one goal in every area; missing: ${missing.join(', ')}`);
  }
  return { [field]: toJson(content) };
}

/** Assignments learners send, and resubmissions after NEEDS_WORK. */
export class SubmissionService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  async submit(viewer: Viewer, input: SubmitAssignmentInput): Promise<Submission> {
    const content = contentOf(input);
    return this.em.transactional(async (em) => {
      // Reading the learner checks access: a learner may only send their own.
      const learner = await new LearnerService(em, this.now).get(viewer, input.learnerId, 'input.learnerId');
      const coach = learner.coach.getEntity();
      let versionNumber = 1;
      let previous: Submission | null = null;
      if (input.previousSubmissionId) {
        const id = requireId(input.previousSubmissionId, 'input.previousSubmissionId');
        previous = await em.findOne(Submission, { id, learner: learner.id });
        if (!previous) throw notFound('submission of this learner', id, 'input.previousSubmissionId');
        if (previous.kind !== input.kind) throw badInput('input.kind', `A resubmission must have the kind of the previous version (${previous.kind})`);
        if (previous.status !== SubmissionStatus.CHANGES_REQUESTED) {
          throw conflict(`Only a submission with changes requested can be resubmitted (this one is ${previous.status})`, { field: 'input.previousSubmissionId' });
        }
        if (await em.count(Submission, { previous: previous.id })) {
          throw conflict('That version was already resubmitted', { field: 'input.previousSubmissionId' });
        }
        versionNumber = previous.versionNumber + 1;
      }
      const now = this.now();
      const reviewRequested = input.kind !== SubmissionKind.WEEKLY_RETROSPECTIVE || input.requestReview === true;
      return em.create(Submission, {
        learner,
        kind: input.kind,
        status: reviewRequested ? SubmissionStatus.SUBMITTED : SubmissionStatus.NO_REVIEW,
        content,
        text: input.text?.trim() ?? '',
        link: input.link ?? null,
        versionNumber,
        previous,
        reviewRequested,
        submittedAt: now,
        submittedBy: em.getReference(User, viewer.userId),
        assignedCoach: coach,
        openToAllAt: addWorkingHours(now, ASSIGNED_COACH_HOURS, coach.timeZone),
      });
    });
  }
}
