import { randomUUID } from 'node:crypto';
import { type Ref } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Submission } from './submission.entity';
import { User } from '../users/user.entity';
import { FeedbackDecision } from './submission-status';

@ObjectType({
  description:
    "A coach's feedback on a submission. Feedback is never edited in place: a correction adds a new revision (revision 2, 3, …) and " +
    'the latest revision is the one in force; every revision is kept with its author and time.',
})
@Entity({ tableName: 'feedback' })
@Unique({ properties: ['submission', 'revision'] })
export class Feedback {
  @Field(() => ID, { description: 'Stable identifier (UUID) of this revision.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Submission, { ref: true, deleteRule: 'cascade' })
  submission!: Ref<Submission>;

  @Field(() => Int, { description: '1 for the first feedback on the submission, then 2, 3, … for corrections.' })
  @Property({ type: 'integer' })
  revision!: number;

  @Field(() => FeedbackDecision, { description: 'The decision.' })
  @Enum({ items: () => FeedbackDecision, nativeEnumName: 'feedback_decision' })
  decision!: FeedbackDecision;

  @Field(() => String, { description: 'What the coach wrote to the learner.' })
  @Property({ type: 'text' })
  body!: string;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  author!: Ref<User>;

  @Field(() => Date, { description: 'When this revision was written.' })
  @Property({ type: 'datetime' })
  createdAt!: Date;
}
