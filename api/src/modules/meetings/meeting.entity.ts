import { randomUUID } from 'node:crypto';
import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Learner } from '../learners/learner.entity';
import { User } from '../users/user.entity';
import { MeetingStatus, MeetingTopic } from './meeting.enums';

@ObjectType({ description: 'A time range a learner can meet in, stored in UTC.' })
export class TimeWindow {
  @Field(() => Date, { description: 'Start (inclusive).' })
  startsAt: Date;

  @Field(() => Date, { description: 'End (exclusive): a window ending at 10:30 and one starting at 10:30 do not overlap.' })
  endsAt: Date;
}

@ObjectType({
  description:
    'A 1:1 meeting a learner asked a coach for. Times are instants (UTC); show them in the viewer\'s zone. A coach is never double-booked: a ' +
    'scheduled meeting may not overlap the coach\'s other scheduled meetings or the coaching events they facilitate.',
})
@Entity({ tableName: 'meetings' })
// Cursor pages of the meetings connection, ties by id.
@Index({ properties: ['requestedAt', 'id'] })
@Index({ properties: ['updatedAt', 'id'] })
@Index({ properties: ['coach', 'startsAt'] })
// The console's queue order (meetingSort: urgent first, then the oldest request), so a page is read off an index.
@Index({
  name: 'meetings_queue_order_index',
  expression: `create index "meetings_queue_order_index" on "meetings" ((case when "topic" = 'OFFER' and "status" = 'REQUESTED' then 0 else 1 end), "requested_at", "id")`,
})
export class Meeting {
  [OptionalProps]?: 'status' | 'note' | 'sequence' | 'updatedAt';

  @Field(() => ID, { description: 'Stable identifier (UUID); also the UID of its calendar entry.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Learner, { ref: true, deleteRule: 'cascade' })
  @Index()
  learner!: Ref<Learner>;

  /** The learner's coach when requested; whoever schedules it becomes its coach. */
  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  coach!: Ref<User>;

  @Field(() => MeetingTopic, { description: 'What it is about.' })
  @Enum({ items: () => MeetingTopic, nativeEnumName: 'meeting_topic' })
  topic!: MeetingTopic;

  @Field(() => String, { description: 'The learner\'s note to the coach.' })
  @Property({ type: 'text', default: '' })
  note: string = '';

  // Its GraphQL field is declared with its SQL in meeting.read.ts.
  @Property({ type: 'json' })
  windows!: TimeWindow[];

  @Field(() => MeetingStatus, { description: 'Where it stands.' })
  @Enum({ items: () => MeetingStatus, nativeEnumName: 'meeting_status', default: MeetingStatus.REQUESTED })
  @Index()
  status: MeetingStatus = MeetingStatus.REQUESTED;

  @Field(() => Date, { nullable: true, description: 'Start, once scheduled.' })
  @Property({ type: 'datetime', nullable: true })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'End, once scheduled.' })
  @Property({ type: 'datetime', nullable: true })
  endsAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The video link, once scheduled.' })
  @Property({ type: 'string', length: 2048, nullable: true })
  videoLink?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was declined or cancelled.' })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Field(() => String, { nullable: true, description: 'The coach\'s notes after it (COMPLETED or NO_SHOW).' })
  @Property({ type: 'text', nullable: true })
  outcomeNotes?: string | null;

  /** Bumped on every change a calendar should see (iCalendar SEQUENCE). */
  @Property({ type: 'integer', default: 0 })
  sequence: number = 0;

  @Field(() => Date, { description: 'When the learner asked.' })
  @Property({ type: 'datetime' })
  requestedAt!: Date;

  @Field(() => Date, { description: 'When it last changed.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}

@ObjectType({ description: 'One change of a meeting: who, when, from what to what (kept for ever).' })
@Entity({ tableName: 'meeting_changes' })
@Index({ properties: ['meeting', 'seq'] })
export class MeetingChange {
  [OptionalProps]?: 'seq';

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Meeting, { ref: true, deleteRule: 'cascade' })
  meeting!: Ref<Meeting>;

  @Field(() => MeetingStatus, { nullable: true, name: 'from', description: 'Status before (null when requested).' })
  @Enum({ items: () => MeetingStatus, nativeEnumName: 'meeting_status', nullable: true })
  fromStatus?: MeetingStatus | null;

  @Field(() => MeetingStatus, { name: 'to', description: 'Status after.' })
  @Enum({ items: () => MeetingStatus, nativeEnumName: 'meeting_status' })
  toStatus!: MeetingStatus;

  @Field(() => String, { description: 'What happened, e.g. "rescheduled to 2026-11-20T15:00:00Z".' })
  @Property({ type: 'text' })
  note!: string;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  changedBy!: Ref<User>;

  @Field(() => Date, { description: 'When.' })
  @Property({ type: 'datetime' })
  changedAt!: Date;

  /** Insertion order: orders history even when two changes share a timestamp. */
  @Property({ type: 'bigint', columnType: 'bigserial', autoincrement: true, hidden: true })
  seq?: string;
}

@ObjectType({ description: 'A span of a coach\'s working week, in the coach\'s own time zone.' })
@Entity({ tableName: 'coach_working_hours' })
export class WorkingHours {
  [OptionalProps]?: 'startTime' | 'endTime';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  @Index()
  coach!: Ref<User>;

  @Field(() => Int, { description: '1 = Monday … 7 = Sunday.' })
  @Property({ type: 'smallint' })
  weekday!: number;

  @Property({ type: 'time' })
  startsAt!: string;

  @Property({ type: 'time' })
  endsAt!: string;

  @Field(() => String, { description: 'Start, "HH:MM" in the coach\'s zone.' })
  get startTime(): string {
    return this.startsAt.slice(0, 5);
  }

  @Field(() => String, { description: 'End, "HH:MM" in the coach\'s zone.' })
  get endTime(): string {
    return this.endsAt.slice(0, 5);
  }
}
