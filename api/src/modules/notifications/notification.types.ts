import { Field, Int, ObjectType } from 'type-graphql';
import { Notification } from './notification.entity';
import { NotificationKind } from './notification-kind';

@ObjectType({ description: 'Where a page of notifications ends.' })
export class NotificationPageInfo {
  @Field(() => Boolean, { description: 'Whether older notifications follow.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next (older) page; null on an empty page.' })
  endCursor!: string | null;
}

@ObjectType({ description: 'Your notifications, newest first, a page at a time, with how many are unread.' })
export class NotificationConnection {
  @Field(() => [Notification], { description: 'This page, newest first.' })
  nodes!: Notification[];

  @Field(() => NotificationPageInfo, { description: 'Where this page ends.' })
  pageInfo!: NotificationPageInfo;

  @Field(() => Int, { description: 'How many notifications the list has (with unreadOnly: how many unread).' })
  totalCount!: number;

  @Field(() => Int, { description: 'How many of your notifications are unread (the bell\'s number).' })
  unreadCount!: number;
}

@ObjectType({ description: 'Your choice for one kind of notification.' })
export class NotificationKindPreference {
  @Field(() => NotificationKind, { description: 'The kind.' })
  kind!: NotificationKind;

  @Field(() => String, { description: 'What it tells you, and when.' })
  description!: string;

  @Field(() => Boolean, { description: 'Shown in Waypoint (the notifications list and the bell).' })
  inApp!: boolean;

  @Field(() => Boolean, { description: 'Sent by email (outside your quiet hours).' })
  email!: boolean;
}

@ObjectType({ description: 'How Waypoint may reach you: per kind and channel, and your quiet hours.' })
export class NotificationPreferences {
  @Field(() => [NotificationKindPreference], { description: 'Every kind you can receive, with its channels.' })
  kinds!: NotificationKindPreference[];

  @Field(() => String, { nullable: true, description: 'Quiet hours start (HH:MM, in timeZone): no email from then…' })
  quietHoursFrom!: string | null;

  @Field(() => String, { nullable: true, description: '…until then (HH:MM); a reminder due at night waits for this time. Both null: no quiet hours.' })
  quietHoursUntil!: string | null;

  @Field(() => Boolean, { description: 'Coaches and staff: email comes once a day (08:00 your time) as one digest instead of one mail each.' })
  dailyDigest!: boolean;

  @Field(() => String, { description: 'The time zone quiet hours and times in messages are in (yours).' })
  timeZone!: string;
}
