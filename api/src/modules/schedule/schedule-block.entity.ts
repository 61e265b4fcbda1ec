import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum BlockKind {
  MORNING_SESSION = 'MORNING_SESSION',
  WORK_BLOCK = 'WORK_BLOCK',
  COACHING = 'COACHING',
  BREAK = 'BREAK',
}

registerEnumType(BlockKind, {
  name: 'BlockKind',
  description: 'What a block of the daily schedule is for.',
  valuesConfig: {
    MORNING_SESSION: { description: 'Peer interview practice; learners sign up and are paired (at most one per weekday).' },
    WORK_BLOCK: { description: 'Time for job-search tasks: applications, networking, coding challenges, interview prep.' },
    COACHING: { description: 'Time kept for coaching events and 1:1 meetings.' },
    BREAK: { description: 'A pause; its activities, if any, are suggestions.' },
  },
});

/** "HH:MM" from PostgreSQL's "HH:MM:SS". */
export const clockTime = (time: string) => time.slice(0, 5);

@ObjectType({
  description:
    'A block of the daily schedule template, e.g. "Morning session 09:00-10:00". Times are wall-clock times in the program time zone ' +
    '(ScheduleTemplate.timeZone). Deleting a block retires it: road maps of earlier days still show what learners did in it.',
})
@Entity({ tableName: 'schedule_blocks' })
@Index({ properties: ['weekday', 'position'] })
@Check({ name: 'schedule_blocks_times', expression: 'ends_at > starts_at' })
@Check({ name: 'schedule_blocks_weekday_check', expression: 'weekday >= 1 and weekday <= 7' })
export class ScheduleBlock {
  [OptionalProps]?: 'retiredAt' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => Int, { description: 'Day of the week the block belongs to: 1 = Monday … 7 = Sunday.' })
  @Property({ type: 'smallint' })
  weekday!: number;

  @Field(() => Int, { description: 'Order within the day, from 0.' })
  @Property({ type: 'integer' })
  position!: number;

  @Field(() => String, { description: 'Title shown on the road map.' })
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => BlockKind, { description: 'What the block is for.' })
  @Enum({ items: () => BlockKind, nativeEnumName: 'block_kind' })
  kind!: BlockKind;

  /** Wall-clock start, "HH:MM:SS" as PostgreSQL returns it. */
  @Property({ type: 'time', fieldName: 'starts_at' })
  startsAt!: string;

  @Property({ type: 'time', fieldName: 'ends_at' })
  endsAt!: string;

  @Property({ type: 'datetime', nullable: true })
  retiredAt?: Date | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date, { description: 'When the block last changed.' })
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
