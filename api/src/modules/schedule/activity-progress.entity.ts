import { PrimaryKeyProp, type Ref } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Learner } from '../learners/learner.entity';
import { User } from '../users/user.entity';
import { ScheduleActivity } from './schedule-activity.entity';

/** What a learner recorded for an activity on a day. PENDING is the absence of a row (undo deletes it). */
export enum RecordedState {
  DONE = 'DONE',
  SKIPPED = 'SKIPPED',
}

/** A learner's state for one activity on one learner-local date; written by RoadmapService with upserts. */
@Entity({ tableName: 'activity_progress' })
export class ActivityProgress {
  [PrimaryKeyProp]?: ['learner', 'date', 'activity'];

  @ManyToOne(() => Learner, { ref: true, primary: true, deleteRule: 'cascade' })
  learner!: Ref<Learner>;

  @PrimaryKey({ type: 'date' })
  date!: string;

  @ManyToOne(() => ScheduleActivity, { ref: true, primary: true, deleteRule: 'restrict' })
  activity!: Ref<ScheduleActivity>;

  @Enum({ items: () => RecordedState, nativeEnumName: 'activity_state' })
  state!: RecordedState;

  @Property({ type: 'datetime' })
  recordedAt!: Date;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  recordedBy!: Ref<User>;
}
