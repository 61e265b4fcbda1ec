import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SubmissionKind } from '../submissions/submission-kind';
import { EnrollmentStatus } from '../learners/enrollment-status';

@ObjectType({ description: "One required activity of a learner's module week, and whether it is met." })
export class RequiredActivityStatus {
  @Field(() => ID, { description: 'The rule (RequiredActivity) this comes from.' })
  requiredActivityId: string;

  @Field(() => SubmissionKind, { description: 'The kind of submission that meets it.' })
  kind: SubmissionKind;

  @Field(() => String, { description: 'As learners read it, e.g. "Weekly retrospective".' })
  title: string;

  @Field(() => String, { description: 'More detail (may be empty).' })
  description: string;

  @Field(() => Int, { description: 'The module week this is for.' })
  moduleWeek: number;

  @Field(() => Date, { description: 'Start of the module week (learner-local midnight).' })
  weekStartsAt: Date;

  @Field(() => Date, {
    description: 'End of the module week: the learner-local midnight after its last day. A submission counts if sent before this instant.',
  })
  dueAt: Date;

  @Field(() => String, { description: 'The last minute of the week as the learner reads it, e.g. "2026-11-22 23:59 (America/Bogota)".' })
  dueLocal: string;

  @Field(() => Boolean, { description: 'True when a submission of this kind was sent within the week (a review is not needed).' })
  met: boolean;

  @Field(() => ID, { nullable: true, description: 'The first submission that met it, if any.' })
  submissionId: string | null;

  @Field(() => Date, { nullable: true, description: 'When that submission was sent.' })
  metAt: Date | null;
}

@ObjectType({ description: 'A status change an evaluation made (or, in a preview, would make).' })
export class ComplianceChange {
  @Field(() => ID, { description: 'The learner.' })
  learnerId: string;

  @Field(() => Int, { description: 'The module week evaluated.' })
  moduleWeek: number;

  @Field(() => EnrollmentStatus, { name: 'from', description: 'Status before.' })
  fromStatus: EnrollmentStatus;

  @Field(() => EnrollmentStatus, { name: 'to', description: 'Status after.' })
  toStatus: EnrollmentStatus;

  @Field(() => [String], { description: 'Titles of the required activities not met; empty when the change is a recovery (AT_RISK → ENROLLED).' })
  missing: string[];
}

@ObjectType({
  description:
    'What a compliance evaluation did (evaluateCompliance) or would do (compliancePreview). For each learner in ENROLLED, AT_RISK or ' +
    'SUSPENDED it evaluates the most recent module week that ended at or before asOf, unless that week was evaluated already.',
})
export class ComplianceRun {
  @Field(() => Date, { description: 'The instant evaluated.' })
  asOf: Date;

  @Field(() => Boolean, { description: 'True for a preview: nothing was written.' })
  dryRun: boolean;

  @Field(() => Int, { description: 'Learner-weeks evaluated (each is evaluated once, ever).' })
  learnerWeeksEvaluated: number;

  @Field(() => Int, { description: 'How many of them change status.' })
  statusChangeCount: number;

  @Field(() => [ComplianceChange], { description: 'The status changes, ordered by learner id; at most the number asked for (changeLimit).' })
  changes: ComplianceChange[];
}
