import { randomUUID } from 'node:crypto';
import type { Ref } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity';

/** A coach's saved piece of feedback, to insert into the feedback form: each coach has their own. */
@ObjectType({ description: 'A piece of feedback a coach saved to reuse (their own; nobody else sees it).' })
@Entity({ tableName: 'feedback_snippets' })
@Unique({ properties: ['coach', 'title'] })
export class FeedbackSnippet {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  coach!: Ref<User>;

  @Field(() => String, { description: 'A short name to find it by (unique per coach, up to 80 characters).' })
  @Property({ type: 'string', length: 80 })
  title!: string;

  @Field(() => String, { description: 'The text inserted into the feedback (up to 2,000 characters).' })
  @Property({ type: 'text' })
  body!: string;

  @Field(() => Date, { description: 'When it was last saved.' })
  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
