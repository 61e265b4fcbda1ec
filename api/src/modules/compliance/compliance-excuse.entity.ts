import { PrimaryKeyProp, type Ref } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { Learner } from '../learners/learner.entity';
import { User } from '../users/user.entity';

@ObjectType({ description: 'A learner-week a coach excused, with a reason: compliance records it without changing the status.' })
@Entity({ tableName: 'compliance_excuses' })
export class ComplianceExcuse {
  [PrimaryKeyProp]?: ['learner', 'moduleWeek'];

  @ManyToOne(() => Learner, { ref: true, primary: true, deleteRule: 'cascade' })
  learner!: Ref<Learner>;

  @Field(() => Int, { description: 'The module week excused.' })
  @PrimaryKey({ type: 'integer' })
  moduleWeek!: number;

  @Field(() => String, { description: 'Why, as the coach wrote it.' })
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => User, { description: 'Who excused it.' })
  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  excusedBy!: Ref<User>;

  @Field(() => Date, { description: 'When.' })
  @Property({ type: 'datetime' })
  createdAt!: Date;
}
