import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Learner } from '../learners/learner.entity';
import { User } from '../users/user.entity';
import { SubmissionKind } from './submission-kind';

@ObjectType({ description: 'An assignment a learner sent to the career coaches. It meets the required activity of its kind for the module week it was sent in.' })
@Entity({ tableName: 'submissions' })
@Index({ properties: ['learner', 'kind', 'submittedAt'] })
export class Submission {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Learner, { ref: true, deleteRule: 'cascade' })
  learner!: Ref<Learner>;

  @Field(() => SubmissionKind, { description: 'What the assignment is.' })
  @Enum({ items: () => SubmissionKind, nativeEnumName: 'submission_kind' })
  kind!: SubmissionKind;

  @Field(() => String, { description: 'The text of the assignment (may be empty when a link carries it).' })
  @Property({ type: 'text', default: '' })
  text: string = '';

  @Field(() => String, { nullable: true, description: 'A link to the document (CV, portfolio, shared doc), if any.' })
  @Property({ type: 'string', length: 2048, nullable: true })
  link?: string | null;

  @Field(() => Date, { description: 'When it was sent; this decides which module week it counts for.' })
  @Property({ type: 'datetime' })
  submittedAt!: Date;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  submittedBy!: Ref<User>;
}
