import { ArrayType, OptionalProps, PrimaryKeyProp, type Ref } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { Learner } from '../learners/learner.entity';
import { EnrollmentStatus } from '../learners/enrollment-status';

@ObjectType({ description: 'The end-of-week compliance evaluation of one learner-week (kept for ever; one per learner-week).' })
@Entity({ tableName: 'compliance_evaluations' })
export class ComplianceEvaluation {
  [PrimaryKeyProp]?: ['learner', 'moduleWeek'];
  [OptionalProps]?: 'allMet';

  // Its key is checked once per statement, not per row (Migration20261207150000): a run writes 83,000 at 100,000 learners.
  @ManyToOne(() => Learner, { ref: true, primary: true, deleteRule: 'cascade', createForeignKeyConstraint: false })
  learner!: Ref<Learner>;

  @Field(() => Int, { description: 'The module week evaluated.' })
  @PrimaryKey({ type: 'integer' })
  moduleWeek!: number;

  @Field(() => Date, { name: 'weekStartsAt', description: 'Start of that week (learner-local midnight).' })
  @Property({ type: 'datetime' })
  weekStart!: Date;

  @Field(() => Date, { name: 'weekEndsAt', description: 'End of that week (exclusive).' })
  @Property({ type: 'datetime' })
  weekEnd!: Date;

  @Field(() => [String], { description: 'Titles of the required activities that were not met; empty when all were.' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  missing!: string[];

  @Field(() => EnrollmentStatus, { name: 'from', description: 'Status when evaluated.' })
  @Enum({ items: () => EnrollmentStatus, nativeEnumName: 'enrollment_status' })
  fromStatus!: EnrollmentStatus;

  @Field(() => EnrollmentStatus, { name: 'to', description: 'Status the evaluation decided (equal to from when unchanged).' })
  @Enum({ items: () => EnrollmentStatus, nativeEnumName: 'enrollment_status' })
  toStatus!: EnrollmentStatus;

  @Field(() => Date, { description: 'When the evaluation ran.' })
  @Property({ type: 'datetime' })
  evaluatedAt!: Date;

  @Field(() => Boolean, { description: 'True when every required activity of the week was met.' })
  get allMet(): boolean {
    return this.missing.length === 0;
  }
}
