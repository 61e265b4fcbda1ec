import { randomUUID } from 'node:crypto';
import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SubmissionKind } from '../submissions/submission-kind';
import { User } from '../users/user.entity';

@ObjectType({
  description:
    'A rule of the module: in the given module week (or every week), a submission of this kind must be sent within the week ' +
    '(a review is not needed). Rules are data: staff add and retire them, and a change applies only to learner-weeks that start after it.',
})
@Entity({ tableName: 'required_activities' })
@Check({ name: 'required_activities_module_week_check', expression: 'module_week >= 1' })
export class RequiredActivity {
  [OptionalProps]?: 'description' | 'retiredAt' | 'createdAt';

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => SubmissionKind, { description: 'The kind of submission that meets it.' })
  @Enum({ items: () => SubmissionKind, nativeEnumName: 'submission_kind' })
  kind!: SubmissionKind;

  @Field(() => String, { description: 'As learners read it, e.g. "Weekly retrospective".' })
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => String, { description: 'More detail (may be empty).' })
  @Property({ type: 'text', default: '' })
  description: string = '';

  @Field(() => Int, { nullable: true, description: 'The module week it is required in; null means every week.' })
  @Property({ type: 'integer', nullable: true })
  moduleWeek?: number | null;

  @Field(() => Date, { description: 'Applies to learner-weeks starting at or after this instant.' })
  @Property({ type: 'datetime' })
  appliesFrom!: Date;

  @Field(() => Date, { nullable: true, description: 'Retired at this instant: no longer applies to learner-weeks ending after it. Null while in force.' })
  @Property({ type: 'datetime', nullable: true })
  retiredAt?: Date | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'restrict' })
  createdBy?: Ref<User> | null;
}
