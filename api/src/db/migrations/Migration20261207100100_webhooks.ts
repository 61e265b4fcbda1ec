import { Migration } from '@mikro-orm/migrations';

/**
 * Signed webhooks for client platforms (issue 19): the endpoints staff register (event types, signing secret, on or
 * off) and the delivery log with each attempt's answer; staff are told when an endpoint is turned off.
 */
export class Migration20261207100100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "webhook_endpoints" ("id" uuid not null, "url" varchar(2048) not null, "description" varchar(200) not null default '', "event_types" text[] not null, "secret" varchar(100) not null, "enabled" boolean not null default true, "disabled_reason" text null, "created_by_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create table "webhook_deliveries" ("id" uuid not null, "endpoint_id" uuid not null, "notification_id" uuid not null, "event_type" "notification_kind" not null, "payload" jsonb not null, "status" "delivery_status" not null default 'PENDING', "attempts" int not null default 0, "due_at" timestamptz not null, "lease_until" timestamptz null, "sent_at" timestamptz null, "response_status" int null, "duration_ms" int null, "last_error" text null, "replay_of" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "webhook_deliveries_due_index" on "webhook_deliveries" ("due_at") where "status" = 'PENDING';`);
    this.addSql(`create index "webhook_deliveries_endpoint_id_created_at_index" on "webhook_deliveries" ("endpoint_id", "created_at");`);
    this.addSql(`alter type "notification_kind" add value if not exists 'WEBHOOK_DISABLED' after 'LEARNER_AT_RISK';`);
    this.addSql(`alter table "webhook_endpoints" add constraint "webhook_endpoints_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoints" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_notification_id_foreign" foreign key ("notification_id") references "notifications" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "webhook_deliveries";`);
    this.addSql(`drop table if exists "webhook_endpoints";`);
  }
}
