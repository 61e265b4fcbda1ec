import { randomUUID } from 'node:crypto';
import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Formula, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Learner } from '../learners/learner.entity';
import { User } from '../users/user.entity';
import { SubmissionKind } from './submission-kind';
import { SubmissionStatus } from './submission-status';

/** The stored shape of a submission's content: one key, named after the kind's content type. */
export interface SubmissionContentJson {
  smartGoals?: unknown;
  retrospective?: unknown;
  analysis?: unknown;
  material?: unknown;
}

@ObjectType({
  description:
    'An assignment a learner sent to the career coaches. It meets the required activity of its kind for the module week it was sent in. ' +
    'It goes to the learner\'s assigned coach first and becomes claimable by any coach after a working day (openToAllAt) or once past its due time; a resubmission ' +
    'after NEEDS_WORK is a new submission (versionNumber + 1) linked to the previous one.',
})
@Entity({ tableName: 'submissions' })
// Cursor pages of the submissions connection (ascending, or read backwards for newest first), ties by id.
@Index({ name: 'submissions_submitted_at_asc_id_index', properties: ['submittedAt', 'id'] })
@Index({ properties: ['updatedAt', 'id'] })
@Index({ properties: ['learner', 'kind', 'submittedAt'] })
@Index({ name: 'submissions_open_index', expression: `create index "submissions_open_index" on "submissions" ("submitted_at") where "status" in ('SUBMITTED', 'IN_REVIEW')` })
// Lists newest first (allSubmissions' default order, ties by id): a page is read off the index, not sorted from the table.
@Index({ name: 'submissions_submitted_at_id_index', expression: `create index "submissions_submitted_at_id_index" on "submissions" ("submitted_at" desc, "id")` })
export class Submission {
  [OptionalProps]?: 'text' | 'status' | 'content' | 'versionNumber' | 'reviewRequested' | 'revision' | 'updatedAt' | 'targetHours';

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Learner, { ref: true, deleteRule: 'cascade' })
  learner!: Ref<Learner>;

  @Field(() => SubmissionKind, { description: 'What the assignment is.' })
  @Enum({ items: () => SubmissionKind, nativeEnumName: 'submission_kind' })
  kind!: SubmissionKind;

  @Field(() => SubmissionStatus, { description: 'Where it is in its review.' })
  @Enum({ items: () => SubmissionStatus, nativeEnumName: 'submission_status', default: SubmissionStatus.SUBMITTED })
  status: SubmissionStatus = SubmissionStatus.SUBMITTED;

  @Field(() => String, { description: 'A free-text note from the learner (may be empty).' })
  @Property({ type: 'text', default: '' })
  text: string = '';

  @Field(() => String, { nullable: true, description: 'A link to the document (CV, portfolio, shared doc), if any.' })
  @Property({ type: 'string', length: 2048, nullable: true })
  link?: string | null;

  /** The kind's structured content (see the typed fields smartGoals, retrospective, analysis, material). */
  @Property({ type: 'json', default: '{}' })
  content: SubmissionContentJson = {};

  @Field(() => Int, { description: '1 for a first submission; n + 1 for a resubmission of version n.' })
  @Property({ type: 'integer', default: 1 })
  versionNumber: number = 1;

  /** The version this one resubmits (unique: a version is resubmitted at most once). */
  @ManyToOne(() => Submission, { ref: true, nullable: true, unique: true, deleteRule: 'set null' })
  previous?: Ref<Submission> | null;

  @Field(() => Boolean, { description: 'Whether it waits for a coach\'s review (false only for a weekly retrospective sent without asking for one).' })
  @Property({ type: 'boolean', default: true })
  reviewRequested: boolean = true;

  @Field(() => Date, { description: 'When it was sent; this decides which module week it counts for, and its age in the queue.' })
  @Property({ type: 'datetime' })
  submittedAt!: Date;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  submittedBy!: Ref<User>;

  /** The learner's coach when it was sent: its queue gets it first. */
  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  @Index()
  assignedCoach!: Ref<User>;

  @Field(() => Date, {
    description:
      'From this instant any coach may claim it (a working day after submission, weekends skipped); before, only the assigned coach, unless it is past its due time (a breached submission is open to every coach).',
  })
  @Property({ type: 'datetime' })
  openToAllAt!: Date;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'restrict' })
  @Index()
  claimedBy?: Ref<User> | null;

  @Field(() => Date, { nullable: true, description: 'When the current claim was made (or last touched); a claim untouched for 24 h lapses.' })
  @Property({ type: 'datetime', nullable: true })
  claimedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the latest feedback was given.' })
  @Property({ type: 'datetime', nullable: true })
  reviewedAt?: Date | null;

  @Field(() => Int, {
    description: 'Changes every time the submission changes (claim, release, feedback). Send it back with giveFeedback: if it moved on, you get CONFLICT.',
  })
  @Property({ type: 'integer', default: 1 })
  revision: number = 1;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** Its kind's review target in hours, read with the row (no extra statement). */
  @Formula((alias) => `(select rt.hours from review_targets rt where rt.kind = ${alias}.kind)`, { type: 'integer' })
  targetHours?: number;
}
