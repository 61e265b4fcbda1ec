import { randomUUID } from 'node:crypto';
import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity';
import { DeliveryStatus, NotificationChannel, NotificationKind } from './notification-kind';

/**
 * The outbox: one row per thing Waypoint tells one person, written in the transaction of the change that causes it
 * (notify.ts). The row is the in-app notification; each other channel has a delivery row of its own.
 */
@ObjectType({ description: 'Something Waypoint told you: feedback given, a meeting moved, an activity still missing. Newest first in `notifications`.' })
@Entity({ tableName: 'notifications' })
@Index({ properties: ['recipient', 'createdAt'] })
// Only rows with a key: a status change or feedback notice has none, and NULLs never conflict (Migration20261207152000).
@Unique({
  name: 'notifications_recipient_id_dedupe_key_unique',
  expression: `create unique index "notifications_recipient_id_dedupe_key_unique" on "notifications" ("recipient_id", "dedupe_key") where "dedupe_key" is not null`,
})
export class Notification {
  [OptionalProps]?: 'readAt' | 'inApp';

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  // Checked once per statement, not per row (Migration20261207150000): notify() writes a run's notices in one.
  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade', createForeignKeyConstraint: false })
  recipient!: Ref<User>;

  @Field(() => NotificationKind, { description: 'What it is about; preferences are per kind.' })
  @Enum({ items: () => NotificationKind, nativeEnumName: 'notification_kind' })
  kind!: NotificationKind;

  @Field(() => String, { description: 'One line, as a coach would say it.' })
  @Property({ type: 'string', length: 300 })
  title!: string;

  @Field(() => String, { description: 'What happened and what to do next, in plain text (times in your time zone).' })
  @Property({ type: 'text' })
  body!: string;

  /** Where to act on it, as a path on Waypoint (the `link` field makes it absolute); null: the learner's page. */
  @Property({ type: 'string', length: 2048, nullable: true })
  path?: string | null;

  @Field(() => ID, { nullable: true, description: 'The id of what it is about (a submission, meeting, event or learner).' })
  @Property({ type: 'string', length: 100, nullable: true })
  subjectId?: string | null;

  /** Set for scheduled reminders: one per recipient and key (a reminder computed twice is written once). */
  @Property({ type: 'string', length: 200, nullable: true })
  dedupeKey?: string | null;

  /** False when the recipient turned the in-app channel off for this kind (the row still carries the email). */
  @Property({ type: 'boolean', default: true })
  inApp: boolean = true;

  @Field(() => Date, { description: 'When it was written (with the change that caused it).' })
  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When you marked it read; null while unread.' })
  @Property({ type: 'datetime', nullable: true })
  readAt?: Date | null;
}

/**
 * One notification on one outbound channel. Its id is the delivery's idempotency key: the email's Message-ID, so a
 * delivery retried after a worker died mid-send is recognisably the same message.
 */
@ObjectType({ description: 'One notification sent (or to be sent) on one channel: the delivery log staff read.' })
@Entity({ tableName: 'notification_deliveries' })
@Unique({ properties: ['notification', 'channel'] })
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['status', 'createdAt', 'id'] })
@Index({ name: 'notification_deliveries_due_index', expression: `create index "notification_deliveries_due_index" on "notification_deliveries" ("due_at") where "status" = 'PENDING'` })
export class NotificationDelivery {
  [OptionalProps]?: 'status' | 'attempts' | 'createdAt' | 'digest';

  @Field(() => ID, { description: 'Stable identifier (UUID); also the email Message-ID, so receivers can drop a repeat.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  // Checked once per statement, not per row (Migration20261207150000), as the notification's recipient is.
  @ManyToOne(() => Notification, { ref: true, deleteRule: 'cascade', createForeignKeyConstraint: false })
  notification!: Ref<Notification>;

  @Field(() => NotificationChannel, { description: 'The channel.' })
  @Enum({ items: () => NotificationChannel, nativeEnumName: 'notification_channel' })
  channel!: NotificationChannel;

  @Field(() => DeliveryStatus, { description: 'Where it stands.' })
  @Enum({ items: () => DeliveryStatus, nativeEnumName: 'delivery_status', default: DeliveryStatus.PENDING })
  status: DeliveryStatus = DeliveryStatus.PENDING;

  @Field(() => Int, { description: 'Attempts so far.' })
  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Field(() => Boolean, { description: 'Sent in the recipient\'s daily digest rather than on its own.' })
  @Property({ type: 'boolean', default: false })
  digest: boolean = false;

  @Field(() => Date, { description: 'Not sent before this instant: after the recipient\'s quiet hours, or the back-off after a failure.' })
  @Property({ type: 'datetime' })
  dueAt!: Date;

  /** A worker holds the delivery until then; a worker that died mid-send lets it go when the lease ends. */
  @Property({ type: 'datetime', nullable: true })
  leaseUntil?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the receiving server accepted it.' })
  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed (the receiving server\'s answer), when it did.' })
  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Field(() => Int, { nullable: true, description: 'How long the last attempt took, in milliseconds.' })
  @Property({ type: 'integer', nullable: true })
  durationMs?: number | null;

  @Field(() => Date, { description: 'When it was written.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt?: Date;
}

/** A person's choice for one kind on one channel; without a row, every kind is on for every channel. */
@Entity({ tableName: 'notification_preferences' })
export class NotificationPreference {
  @ManyToOne(() => User, { primary: true, ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Enum({ items: () => NotificationKind, nativeEnumName: 'notification_kind', primary: true })
  kind!: NotificationKind;

  @Enum({ items: () => NotificationChannel, nativeEnumName: 'notification_channel', primary: true })
  channel!: NotificationChannel;

  @Property({ type: 'boolean' })
  enabled!: boolean;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}

/** A person's quiet hours (local times in their zone); without a row, DEFAULT_QUIET_HOURS. */
@Entity({ tableName: 'notification_settings' })
export class NotificationSettings {
  @ManyToOne(() => User, { primary: true, ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  /** HH:MM; both null: no quiet hours. */
  @Property({ type: 'string', length: 5, nullable: true })
  quietFrom?: string | null;

  @Property({ type: 'string', length: 5, nullable: true })
  quietUntil?: string | null;

  /** Coaches and staff: their email comes once a day, at DIGEST_TIME local, as one digest. */
  @Property({ type: 'boolean', default: false })
  dailyDigest: boolean = false;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}

/** A mail the embedded mail catcher received (development, SMTP_URL unset): staff read what would have been sent. */
@ObjectType({ description: 'A mail the development mail catcher received instead of sending it (SMTP_URL unset). Staff read them in the console.' })
@Entity({ tableName: 'caught_mails' })
@Index({ properties: ['receivedAt'] })
export class CaughtMail {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'The Message-ID header; a repeat of one message is stored once.' })
  @Property({ type: 'string', length: 300, unique: true })
  messageId!: string;

  @Field(() => String, { description: 'The From header.' })
  @Property({ type: 'string', length: 500 })
  from!: string;

  @Field(() => String, { description: 'The recipients (To).' })
  @Property({ type: 'string', length: 2000 })
  to!: string;

  @Field(() => String, { description: 'The subject.' })
  @Property({ type: 'string', length: 500 })
  subject!: string;

  @Field(() => String, { description: 'The plain-text part.' })
  @Property({ type: 'text' })
  text!: string;

  @Field(() => String, { nullable: true, description: 'The HTML part, when there is one.' })
  @Property({ type: 'text', nullable: true })
  html?: string | null;

  @Field(() => String, { nullable: true, description: 'The List-Unsubscribe header (the one-click unsubscribe link).' })
  @Property({ type: 'string', length: 2000, nullable: true })
  listUnsubscribe?: string | null;

  @Field(() => Date, { description: 'When the catcher received it.' })
  @Property({ type: 'datetime' })
  receivedAt!: Date;
}
