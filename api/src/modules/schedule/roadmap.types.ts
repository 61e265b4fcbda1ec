import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { BlockKind } from './schedule-block.entity';
import { RequiredActivityStatus } from '../compliance/compliance.types';

export enum ActivityState {
  PENDING = 'PENDING',
  DONE = 'DONE',
  SKIPPED = 'SKIPPED',
}

registerEnumType(ActivityState, {
  name: 'ActivityState',
  description: "A learner's state for one road-map activity on one day.",
  valuesConfig: {
    PENDING: { description: 'Not done yet (the default, and what undo returns to).' },
    DONE: { description: 'Done.' },
    SKIPPED: { description: 'Skipped (only skippable activities).' },
  },
});

@ObjectType({ description: "An activity on a learner's road map for a day, with the learner's state for it." })
export class RoadmapActivity {
  @Field(() => ID, { description: 'The template activity (ScheduleActivity id); pass it to completeActivity, skipActivity, undoActivity.' })
  activityId: string;

  @Field(() => String, { description: 'What to do.' })
  title: string;

  @Field(() => String, { description: 'How to do it (may be empty).' })
  description: string;

  @Field(() => String, { nullable: true, description: 'Link to the lesson or tool.' })
  link: string | null;

  @Field(() => Int, { nullable: true, description: 'Estimated minutes.' })
  minutes: number | null;

  @Field(() => Boolean, { description: 'True: cannot be skipped.' })
  required: boolean;

  @Field(() => ActivityState, { description: "The learner's state for it that day." })
  state: ActivityState;

  @Field(() => Date, { nullable: true, description: 'When the state was recorded; null while PENDING.' })
  stateChangedAt: Date | null;
}

@ObjectType({ description: 'A block of a road map: the template block with the learner\'s activities in it.' })
export class RoadmapBlock {
  @Field(() => ID, { description: 'The template block (ScheduleBlock id).' })
  blockId: string;

  @Field(() => String, { description: 'Title.' })
  title: string;

  @Field(() => BlockKind, { description: 'What the block is for.' })
  kind: BlockKind;

  @Field(() => String, { description: 'Start, "HH:MM" in the program time zone.' })
  startTime: string;

  @Field(() => String, { description: 'End, "HH:MM" in the program time zone.' })
  endTime: string;

  @Field(() => Date, { description: 'The start as an instant, on the road map\'s date in the program time zone.' })
  startsAt: Date;

  @Field(() => Date, { description: 'The end as an instant.' })
  endsAt: Date;

  @Field(() => [RoadmapActivity], { description: 'The activities, in order.' })
  activities: RoadmapActivity[];
}

@ObjectType({
  description:
    "A learner's road map for one date: that weekday's template blocks with the learner's state for each activity, and the " +
    "module week's required activities. Activities retired before the date are left out unless the learner recorded a state for them that day.",
})
export class Roadmap {
  @Field(() => ID, { description: 'The learner.' })
  learnerId: string;

  @Field(() => LocalDateResolver, { description: 'The date, learner-local (YYYY-MM-DD).' })
  date: string;

  @Field(() => Int, { description: 'ISO weekday of the date: 1 = Monday … 7 = Sunday.' })
  weekday: number;

  @Field(() => Int, { description: 'The module week the date falls in.' })
  moduleWeek: number;

  @Field(() => Boolean, { description: 'True when the date is today for the learner: only then can a state be undone.' })
  isToday: boolean;

  @Field(() => String, { description: 'The program time zone the block times are in.' })
  programTimeZone: string;

  @Field(() => [RoadmapBlock], { description: 'Blocks in order.' })
  blocks: RoadmapBlock[];

  @Field(() => [RequiredActivityStatus], { description: "The module week's required activities and whether each is met." })
  requiredActivities: RequiredActivityStatus[];

  @Field(() => Int, { description: 'Activities done that day.' })
  doneCount: number;

  @Field(() => Int, { description: 'Activities skipped that day.' })
  skippedCount: number;

  @Field(() => Int, { description: 'Activities still pending that day.' })
  pendingCount: number;
}
