import { randomUUID } from 'node:crypto';
import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ScheduleBlock } from './schedule-block.entity';

@ObjectType({
  description:
    'One task inside a schedule block (e.g. "Apply to 3 jobs"). A learner may skip any number of skippable activities; ' +
    'a required one cannot be skipped. Deleting an activity retires it: what learners already recorded for it stays.',
})
@Entity({ tableName: 'schedule_activities' })
@Index({ properties: ['block', 'position'] })
@Check({ name: 'schedule_activities_minutes_check', expression: 'minutes >= 1 and minutes <= 600' })
export class ScheduleActivity {
  [OptionalProps]?: 'description' | 'required' | 'retiredAt' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => ScheduleBlock, { ref: true, deleteRule: 'restrict' })
  block!: Ref<ScheduleBlock>;

  @Field(() => Int, { description: 'Order within the block, from 0.' })
  @Property({ type: 'integer' })
  position!: number;

  @Field(() => String, { description: 'What to do, in a line.' })
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => String, { description: 'How to do it (may be empty).' })
  @Property({ type: 'text', default: '' })
  description: string = '';

  @Field(() => String, { nullable: true, description: 'A link to the lesson or tool, if any.' })
  @Property({ type: 'string', length: 2048, nullable: true })
  link?: string | null;

  @Field(() => Int, { nullable: true, description: 'Estimated minutes, if given.' })
  @Property({ type: 'integer', nullable: true })
  minutes?: number | null;

  @Field(() => Boolean, { description: 'True: cannot be skipped. False: skippable (any number per block).' })
  @Property({ type: 'boolean', default: false })
  required: boolean = false;

  @Property({ type: 'datetime', nullable: true })
  retiredAt?: Date | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date, { description: 'When the activity last changed.' })
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
