import { Migration } from '@mikro-orm/migrations';

/**
 * Notifications (issue 19): the outbox (notifications, one row per thing told to one person, written with the change
 * that causes it), a delivery per outbound channel with its lease and back-off, each person's preferences and quiet
 * hours, and the development mail catcher's mails.
 */
export class Migration20261207100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "notification_kind" as enum ('FEEDBACK_GIVEN', 'MEETING_SCHEDULED', 'MEETING_RESCHEDULED', 'MEETING_CANCELLED', 'MEETING_DECLINED', 'MEETING_REMINDER', 'EVENT_SEAT_CONFIRMED', 'EVENT_WAITLISTED', 'EVENT_OFF_WAITLIST', 'EVENT_CHANGED', 'EVENT_CANCELLED', 'EVENT_REMINDER', 'ACTIVITIES_MISSING', 'STATUS_CHANGED', 'MEETING_REQUESTED', 'OFFER_RECEIVED', 'LEARNER_AT_RISK');`);
    this.addSql(`create type "notification_channel" as enum ('IN_APP', 'EMAIL');`);
    this.addSql(`create type "delivery_status" as enum ('PENDING', 'SENT', 'FAILED');`);
    this.addSql(`create table "caught_mails" ("id" uuid not null, "message_id" varchar(300) not null, "from" varchar(500) not null, "to" varchar(2000) not null, "subject" varchar(500) not null, "text" text not null, "html" text null, "list_unsubscribe" varchar(2000) null, "received_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "caught_mails" add constraint "caught_mails_message_id_unique" unique ("message_id");`);
    this.addSql(`create index "caught_mails_received_at_index" on "caught_mails" ("received_at");`);
    this.addSql(`create table "notification_settings" ("user_id" uuid not null, "quiet_from" varchar(5) null, "quiet_until" varchar(5) null, "updated_at" timestamptz not null, primary key ("user_id"));`);
    this.addSql(`create table "notification_preferences" ("user_id" uuid not null, "kind" "notification_kind" not null, "channel" "notification_channel" not null, "enabled" boolean not null, "updated_at" timestamptz not null, primary key ("user_id", "kind", "channel"));`);
    this.addSql(`create table "notifications" ("id" uuid not null, "recipient_id" uuid not null, "kind" "notification_kind" not null, "title" varchar(300) not null, "body" text not null, "path" varchar(2048) null, "subject_id" varchar(100) null, "dedupe_key" varchar(200) null, "in_app" boolean not null default true, "created_at" timestamptz not null, "read_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "notifications_recipient_id_created_at_index" on "notifications" ("recipient_id", "created_at");`);
    this.addSql(`alter table "notifications" add constraint "notifications_recipient_id_dedupe_key_unique" unique ("recipient_id", "dedupe_key");`);
    this.addSql(`create table "notification_deliveries" ("id" uuid not null, "notification_id" uuid not null, "channel" "notification_channel" not null, "status" "delivery_status" not null default 'PENDING', "attempts" int not null default 0, "due_at" timestamptz not null, "lease_until" timestamptz null, "sent_at" timestamptz null, "last_error" text null, "duration_ms" int null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "notification_deliveries_due_index" on "notification_deliveries" ("due_at") where "status" = 'PENDING';`);
    this.addSql(`alter table "notification_deliveries" add constraint "notification_deliveries_notification_id_channel_unique" unique ("notification_id", "channel");`);
    this.addSql(`alter table "notification_settings" add constraint "notification_settings_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "notification_preferences" add constraint "notification_preferences_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "notifications" add constraint "notifications_recipient_id_foreign" foreign key ("recipient_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "notification_deliveries" add constraint "notification_deliveries_notification_id_foreign" foreign key ("notification_id") references "notifications" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "notification_deliveries";`);
    this.addSql(`drop table if exists "notifications";`);
    this.addSql(`drop table if exists "notification_preferences";`);
    this.addSql(`drop table if exists "notification_settings";`);
    this.addSql(`drop table if exists "caught_mails";`);
    this.addSql(`drop type "notification_kind";`);
    this.addSql(`drop type "notification_channel";`);
    this.addSql(`drop type "delivery_status";`);
  }
}
