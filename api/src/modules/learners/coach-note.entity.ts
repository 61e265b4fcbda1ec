import { randomUUID } from 'node:crypto';
import type { Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity';
import { Learner } from './learner.entity';

/** A coach's private note on a learner: coaches and staff read them, learners and API keys never do. */
@ObjectType({ description: 'A note a coach or staff member kept on a learner (private to coaches and staff; the learner never sees it).' })
@Entity({ tableName: 'coach_notes' })
@Index({ properties: ['learner', 'createdAt'] })
export class CoachNote {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Learner, { ref: true, deleteRule: 'cascade' })
  learner!: Ref<Learner>;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  author!: Ref<User>;

  @Field(() => String, { description: 'The note (plain text, up to 5,000 characters).' })
  @Property({ type: 'text' })
  body!: string;

  @Field(() => Date, { description: 'When it was written.' })
  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When it was last edited (its author edits it).' })
  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
