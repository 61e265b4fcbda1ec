import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SubmissionKind } from '../submissions/submission-kind';
import { EnrollmentStatus } from '../learners/enrollment-status';

/**
 * One required activity of a learner's module week, and whether it is met: its fields are declared with their SQL
 * (compliance.read.ts); a value is the JSON that SQL builds, instants as ISO text.
 */
@ObjectType({ description: "One required activity of a learner's module week, and whether it is met." })
export class RequiredActivityStatus {
  requiredActivityId: string;
  kind: SubmissionKind;
  title: string;
  description: string;
  moduleWeek: number;
  weekStartsAt: string;
  dueAt: string;
  dueLocal: string;
  met: boolean;
  submissionId: string | null;
  metAt: string | null;
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
