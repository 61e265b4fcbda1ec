import { randomUUID } from 'node:crypto';
import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Learner } from '../learners/learner.entity';
import { User } from '../users/user.entity';

export enum JobActivityKind {
  APPLICATION = 'APPLICATION',
  INTERVIEW = 'INTERVIEW',
}

registerEnumType(JobActivityKind, {
  name: 'JobActivityKind',
  description: 'The two indicators of a job search.',
  valuesConfig: {
    APPLICATION: { description: 'A job application sent (dated when it was completed).' },
    INTERVIEW: { description: 'An interview taken part in: phone screen, phone or on-site interview (dated by its start).' },
  },
});

export enum JobActivitySource {
  HUNTR = 'HUNTR',
  CSV = 'CSV',
  MANUAL = 'MANUAL',
}

registerEnumType(JobActivitySource, {
  name: 'JobActivitySource',
  description: 'Where a job activity came from.',
  valuesConfig: {
    HUNTR: { description: "Huntr's webhook." },
    CSV: { description: 'A CSV import.' },
    MANUAL: { description: 'Recorded by hand (the learner, or a coach for them); only these can be edited here.' },
  },
});

@ObjectType({ description: "An application sent or an interview taken part in: the job search's indicators." })
@Entity({ tableName: 'job_activities' })
// Cursor pages of the jobActivities connection, ties by id.
@Index({ properties: ['occurredAt', 'id'] })
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['learner', 'occurredAt'] })
export class JobActivity {
  [OptionalProps]?: 'note' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Learner, { ref: true, deleteRule: 'cascade' })
  learner!: Ref<Learner>;

  @Field(() => JobActivityKind, { description: 'Application or interview.' })
  @Enum({ items: () => JobActivityKind, nativeEnumName: 'job_activity_kind' })
  kind!: JobActivityKind;

  @Field(() => String, { description: 'The employer.' })
  @Property({ type: 'string', length: 200 })
  company!: string;

  @Field(() => String, { description: 'The role (job title).' })
  @Property({ type: 'string', length: 200 })
  role!: string;

  @Field(() => Date, { description: 'When it happened: an application when completed, an interview when it started.' })
  @Property({ type: 'datetime' })
  occurredAt!: Date;

  @Field(() => JobActivitySource, { description: 'Where it came from.' })
  @Enum({ items: () => JobActivitySource, nativeEnumName: 'job_activity_source' })
  source!: JobActivitySource;

  /** For an interview: PHONE_SCREEN, PHONE_INTERVIEW or ON_SITE when known (the funnel tells screens from interviews). */
  @Field(() => String, { nullable: true, description: 'For an interview: PHONE_SCREEN, PHONE_INTERVIEW or ON_SITE, when known.' })
  @Property({ type: 'string', length: 30, nullable: true })
  stage?: string | null;

  /** Huntr's identity of what this row stands for ("activity:<id>" or "job:<id>"): one row per Huntr thing. */
  @Property({ type: 'string', length: 200, nullable: true, unique: true })
  huntrKey?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  @Index()
  huntrJobId?: string | null;

  @Field(() => String, { description: 'A note (may be empty).' })
  @Property({ type: 'text', default: '' })
  note: string = '';

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  createdBy?: Ref<User> | null;

  @Field(() => Date, { description: 'When Waypoint recorded it.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}

/**
 * A Huntr action Waypoint has taken in, stored once by its id: a redelivery (or the pull-sync meeting it again)
 * finds it and changes nothing. Actions that could not be mapped are not here but in huntr_kept_actions, so
 * their id never blocks a later delivery.
 */
@Entity({ tableName: 'huntr_actions' })
@Index({ properties: ['subject', 'receivedAt'] })
// A learner's actions since an instant: quietInHuntr and lastHuntrActionAt.
@Index({ properties: ['learner', 'receivedAt'] })
export class HuntrAction {
  @PrimaryKey({ type: 'string', length: 200 })
  id!: string;

  @Property({ type: 'string', length: 60 })
  actionType!: string;

  @Property({ type: 'string', length: 254, nullable: true })
  @Index()
  memberEmail?: string | null;

  @ManyToOne(() => Learner, { ref: true, nullable: true, deleteRule: 'set null' })
  learner?: Ref<Learner> | null;

  /** APPLIED, IGNORED (nothing Waypoint counts, e.g. a note) or SUPERSEDED (a newer action on the same thing was applied first). */
  @Property({ type: 'string', length: 20 })
  @Index()
  outcome!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  /** When the action happened in Huntr (its `date`, never later than its arrival): how fresh the learner's data is. */
  @Property({ type: 'datetime' })
  receivedAt!: Date;

  /** When it reached Waypoint. */
  @Property({ type: 'datetime' })
  @Index()
  arrivedAt!: Date;

  /** WEBHOOK or SYNC (the pull from Huntr's API). */
  @Property({ type: 'string', length: 10, default: 'WEBHOOK' })
  source!: string;

  /** What it is about ("activity:<id>", "job:<id>"): a newer applied action on the same subject wins over an older one. */
  @Property({ type: 'string', length: 200, nullable: true })
  subject?: string | null;
}

@ObjectType({ description: "Something a learner's coach should act on at once, e.g. an offer received." })
@Entity({ tableName: 'coach_alerts' })
// The open alerts, newest first (coachAlerts(openOnly: true)): a few among every alert ever raised.
@Index({ name: 'coach_alerts_open_created_at_id_index', expression: `create index "coach_alerts_open_created_at_id_index" on "coach_alerts" ("created_at", "id") where "resolved_at" is null` })
export class CoachAlert {
  [OptionalProps]?: 'resolvedAt';

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Learner, { ref: true, deleteRule: 'cascade' })
  learner!: Ref<Learner>;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  @Index()
  coach!: Ref<User>;

  @Field(() => String, { description: 'What happened, e.g. "Offer received: Frontend Developer at Acme".' })
  @Property({ type: 'text' })
  message!: string;

  /** What raised it, so a redelivered or updated action raises it once. */
  @Property({ type: 'string', length: 200, unique: true })
  sourceKey!: string;

  @Field(() => Date, { description: 'When it was raised.' })
  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the coach marked it handled; null while open.' })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;
}

/** A Huntr member email staff tied to a learner whose login email differs. */
@Entity({ tableName: 'huntr_member_aliases' })
export class HuntrMemberAlias {
  @PrimaryKey({ type: 'string', length: 254 })
  email!: string;

  @ManyToOne(() => Learner, { ref: true, deleteRule: 'cascade' })
  learner!: Ref<Learner>;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
