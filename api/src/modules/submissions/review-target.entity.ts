import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { SubmissionKind } from './submission-kind';
import { User } from '../users/user.entity';

@ObjectType({ description: 'How long a kind of submission may wait for review before it is breached (default 48 hours); staff set it.' })
@Entity({ tableName: 'review_targets' })
export class ReviewTarget {
  [OptionalProps]?: 'updatedAt';

  @Field(() => SubmissionKind, { description: 'The kind of submission.' })
  @Enum({ items: () => SubmissionKind, nativeEnumName: 'submission_kind', primary: true })
  kind!: SubmissionKind;

  @Field(() => Int, { description: 'Hours from submission to the review being due.' })
  @Property({ type: 'integer' })
  hours!: number;

  @Field(() => Date, { description: 'When it was last set.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'restrict' })
  updatedBy?: Ref<User> | null;
}
