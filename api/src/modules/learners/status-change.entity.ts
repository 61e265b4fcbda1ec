import { randomUUID } from 'node:crypto';
import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity';
import { EnrollmentStatus, StatusChangeSource } from './enrollment-status';
import { Learner } from './learner.entity';

@ObjectType({
  description: 'One change of a learner\'s enrollment status. History is append-only: the database refuses edits and deletes.',
})
@Entity({ tableName: 'status_changes' })
@Index({ properties: ['learner', 'seq'] })
export class StatusChange {
  [OptionalProps]?: 'createdAt' | 'seq';

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  // Checked once per statement, not per row (Migration20261207150000): the weekly run writes tens of thousands at once.
  @ManyToOne(() => Learner, { ref: true, deleteRule: 'cascade', createForeignKeyConstraint: false })
  learner!: Ref<Learner>;

  @Field(() => EnrollmentStatus, { name: 'from', nullable: true, description: 'Status before the change; null on the enrollment row.' })
  @Enum({ items: () => EnrollmentStatus, nativeEnumName: 'enrollment_status', nullable: true })
  fromStatus?: EnrollmentStatus | null;

  @Field(() => EnrollmentStatus, { name: 'to', description: 'Status after the change.' })
  @Enum({ items: () => EnrollmentStatus, nativeEnumName: 'enrollment_status' })
  toStatus!: EnrollmentStatus;

  @Field(() => String, { description: 'Why: the coach\'s reason, or what the evaluation found missing.' })
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => StatusChangeSource, { description: 'What made the change.' })
  @Enum({ items: () => StatusChangeSource, nativeEnumName: 'status_change_source' })
  source!: StatusChangeSource;

  /** Who made it; null for the system (the evaluation). Exposed through a batched field resolver. */
  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'restrict' })
  changedBy?: Ref<User> | null;

  @Field(() => Int, { nullable: true, description: 'The learner\'s module week when the change was made (or evaluated); null before the module starts.' })
  @Property({ type: 'integer', nullable: true })
  moduleWeek?: number | null;

  /** Insertion order, assigned by the database: orders history even when two changes share a timestamp. */
  @Property({ type: 'bigint', columnType: 'bigserial', autoincrement: true, hidden: true })
  seq?: string;

  @Field(() => Date, { description: 'When the change was made.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
