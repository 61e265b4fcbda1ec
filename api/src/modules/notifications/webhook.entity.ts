import { randomUUID } from 'node:crypto';
import { ArrayType, OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity';
import { Notification } from './notification.entity';
import { DeliveryStatus, NotificationKind } from './notification-kind';

/** A client platform's endpoint for signed webhooks (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature). */
@ObjectType({ description: 'Where Waypoint posts signed events for a client platform (staff register them).' })
@Entity({ tableName: 'webhook_endpoints' })
export class WebhookEndpoint {
  [OptionalProps]?: 'enabled' | 'disabledReason' | 'description';

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'The URL events are POSTed to (https in production).' })
  @Property({ type: 'string', length: 2048 })
  url!: string;

  @Field(() => String, { description: 'What it is for, e.g. "Learner progress page".' })
  @Property({ type: 'string', length: 200, default: '' })
  description: string = '';

  @Field(() => [NotificationKind], { description: 'The event types it wants; empty: every type.' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  eventTypes!: NotificationKind[];

  /** whsec_…: signs every delivery; shown once, when the endpoint is created. */
  @Property({ type: 'string', length: 100, hidden: true })
  secret!: string;

  @Field(() => Boolean, { description: 'Whether events are sent to it; turned off by staff, or by Waypoint after 24 hours of failures.' })
  @Property({ type: 'boolean', default: true })
  enabled: boolean = true;

  @Field(() => String, { nullable: true, description: 'Why Waypoint turned it off, when it did.' })
  @Property({ type: 'text', nullable: true })
  disabledReason?: string | null;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  createdBy!: Ref<User>;

  @Field(() => Date, { description: 'When it was registered.' })
  @Property({ type: 'datetime' })
  createdAt!: Date;
}

/** One event to one endpoint: the delivery log, with the answer of each last attempt. */
@ObjectType({ description: 'One event posted (or to be posted) to one webhook endpoint: the delivery log staff read and replay from.' })
@Entity({ tableName: 'webhook_deliveries' })
@Index({ properties: ['endpoint', 'createdAt'] })
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['endpoint', 'status', 'createdAt', 'id'] })
@Index({ name: 'webhook_deliveries_due_index', expression: `create index "webhook_deliveries_due_index" on "webhook_deliveries" ("due_at") where "status" = 'PENDING'` })
export class WebhookDelivery {
  [OptionalProps]?: 'status' | 'attempts';

  @Field(() => ID, { description: 'Stable identifier of this delivery (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => WebhookEndpoint, { ref: true, deleteRule: 'cascade' })
  endpoint!: Ref<WebhookEndpoint>;

  /** The event: its id is the webhook-id header, the same on every retry and replay. */
  @ManyToOne(() => Notification, { ref: true, deleteRule: 'cascade' })
  notification!: Ref<Notification>;

  @Field(() => NotificationKind, { description: 'The event type.' })
  @Enum({ items: () => NotificationKind, nativeEnumName: 'notification_kind' })
  eventType!: NotificationKind;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  /** The JSON text last posted (JSON.stringify of payload), written with the attempt's outcome: the log's `payload`. */
  @Property({ type: 'text', nullable: true })
  postedBody?: string | null;

  @Field(() => DeliveryStatus, { description: 'Where it stands.' })
  @Enum({ items: () => DeliveryStatus, nativeEnumName: 'delivery_status', default: DeliveryStatus.PENDING })
  status: DeliveryStatus = DeliveryStatus.PENDING;

  @Field(() => Int, { description: 'Attempts so far.' })
  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Field(() => Date, { description: 'Not sent before this instant (the back-off after a failed attempt).' })
  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  leaseUntil?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the endpoint answered 2xx.' })
  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last attempt; null when it got no answer (refused, timed out).' })
  @Property({ type: 'integer', nullable: true })
  responseStatus?: number | null;

  @Field(() => Int, { nullable: true, description: 'How long the last attempt took, in milliseconds.' })
  @Property({ type: 'integer', nullable: true })
  durationMs?: number | null;

  @Field(() => String, { nullable: true, description: 'What went wrong on the last attempt, when it failed.' })
  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Field(() => ID, { nullable: true, description: 'The delivery this one replays, when staff replayed one.' })
  @Property({ type: 'uuid', nullable: true })
  replayOf?: string | null;

  @Field(() => Date, { description: 'When it was written.' })
  @Property({ type: 'datetime' })
  createdAt!: Date;
}
