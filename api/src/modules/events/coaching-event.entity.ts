import { randomUUID } from 'node:crypto';
import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Formula, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Learner } from '../learners/learner.entity';
import { User } from '../users/user.entity';

export enum EventType {
  WORKSHOP = 'WORKSHOP',
  Q_AND_A = 'Q_AND_A',
  MOCK_INTERVIEW = 'MOCK_INTERVIEW',
  NETWORKING = 'NETWORKING',
}

registerEnumType(EventType, {
  name: 'EventType',
  description: 'What kind of coaching event.',
  valuesConfig: {
    WORKSHOP: { description: 'A workshop on a job-search skill.' },
    Q_AND_A: { description: 'Open questions to a coach.' },
    MOCK_INTERVIEW: { description: 'Mock interviews.' },
    NETWORKING: { description: 'A networking session.' },
  },
});

export enum EventStatus {
  SCHEDULED = 'SCHEDULED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(EventStatus, {
  name: 'EventStatus',
  description: 'Whether the event takes place.',
  valuesConfig: { SCHEDULED: { description: 'It takes place.' }, CANCELLED: { description: 'Cancelled by staff; calendars show it cancelled.' } },
});

export enum RsvpStatus {
  SEATED = 'SEATED',
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(RsvpStatus, {
  name: 'RsvpStatus',
  description: "A learner's place at an event.",
  valuesConfig: {
    SEATED: { description: 'Has a seat.' },
    WAITLISTED: { description: 'On the waitlist; moves up in order when a seat frees.' },
    CANCELLED: { description: 'Withdrew.' },
  },
});

export enum Attendance {
  ATTENDED = 'ATTENDED',
  ABSENT = 'ABSENT',
}

registerEnumType(Attendance, {
  name: 'Attendance',
  description: 'Whether a learner came to an event.',
  valuesConfig: { ATTENDED: { description: 'Came.' }, ABSENT: { description: 'Did not come.' } },
});

@ObjectType({
  description: 'A coaching event staff schedule (workshop, Q&A, mock interviews, networking), facilitated by a coach, with a capacity and a waitlist.',
})
@Entity({ tableName: 'coaching_events' })
// Cursor pages of the coachingEvents connection, ties by id.
@Index({ properties: ['startsAt', 'id'] })
@Index({ properties: ['updatedAt', 'id'] })
@Index({ properties: ['facilitator', 'startsAt'] })
export class CoachingEvent {
  [OptionalProps]?: 'status' | 'description' | 'sequence' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: 'Stable identifier (UUID); also the UID of its calendar entry.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => EventType, { description: 'What kind of event.' })
  @Enum({ items: () => EventType, nativeEnumName: 'event_type' })
  type!: EventType;

  @Field(() => String, { description: 'Title.' })
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => String, { description: 'Description (may be empty).' })
  @Property({ type: 'text', default: '' })
  description: string = '';

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  facilitator!: Ref<User>;

  @Field(() => Date, { description: 'Start.' })
  @Property({ type: 'datetime' })
  @Index()
  startsAt!: Date;

  @Field(() => Date, { description: 'End.' })
  @Property({ type: 'datetime' })
  endsAt!: Date;

  @Field(() => Int, { description: 'Seats.' })
  @Property({ type: 'integer' })
  capacity!: number;

  @Field(() => String, { nullable: true, description: 'Where to join (video link).' })
  @Property({ type: 'string', length: 2048, nullable: true })
  link?: string | null;

  @Field(() => EventStatus, { description: 'Whether it takes place.' })
  @Enum({ items: () => EventStatus, nativeEnumName: 'event_status', default: EventStatus.SCHEDULED })
  status: EventStatus = EventStatus.SCHEDULED;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled.' })
  @Property({ type: 'text', nullable: true })
  cancelReason?: string | null;

  /** Bumped on every change calendars should see (iCalendar SEQUENCE). */
  @Property({ type: 'integer', default: 0 })
  sequence: number = 0;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date, { description: 'When it last changed.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}

@ObjectType({ description: "A learner's RSVP to an event: a seat, a waitlist place, or withdrawn; and, after it, whether they came." })
@Entity({ tableName: 'event_rsvps' })
@Unique({ properties: ['event', 'learner'] })
@Index({ properties: ['event', 'status', 'queueSeq'] })
export class Rsvp {
  [OptionalProps]?: 'waitlistRank' | 'queueSeq';

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => CoachingEvent, { ref: true, deleteRule: 'cascade' })
  event!: Ref<CoachingEvent>;

  @ManyToOne(() => Learner, { ref: true, deleteRule: 'cascade' })
  @Index()
  learner!: Ref<Learner>;

  @Field(() => RsvpStatus, { description: 'Seat, waitlist or withdrawn.' })
  @Enum({ items: () => RsvpStatus, nativeEnumName: 'rsvp_status' })
  status!: RsvpStatus;

  @Field(() => Date, { description: 'When the learner (last) asked for a place.' })
  @Property({ type: 'datetime' })
  queuedAt!: Date;

  /** Waitlist order: taken from a sequence each time the learner asks, so simultaneous requests still have an order. */
  @Property({ type: 'bigint', columnType: 'bigserial', autoincrement: true, hidden: true })
  queueSeq?: string;

  /** 1 + the waitlisted learners ahead, read with the row (no extra statement). */
  @Formula((a) => `(select count(*) + 1 from event_rsvps o where o.event_id = ${a}.event_id and o.status = 'WAITLISTED' and o.queue_seq < ${a}.queue_seq)`, { type: 'integer' })
  waitlistRank?: number;

  @Field(() => Attendance, { nullable: true, description: 'Recorded after the event by the facilitator or staff.' })
  @Enum({ items: () => Attendance, nativeEnumName: 'attendance', nullable: true })
  attendance?: Attendance | null;
}
