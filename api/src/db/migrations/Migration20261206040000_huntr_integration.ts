import { Migration } from '@mikro-orm/migrations';

/**
 * Huntr for real: actions keep when they arrived and by which door (webhook or pull-sync) and what they are about;
 * actions that cannot be mapped are kept aside (huntr_kept_actions) so their id never blocks a later delivery;
 * the organization's members and where the pull-sync stands.
 *
 * Rows stored before Waypoint read Huntr's documented Action shape as UNMATCHED or IGNORED were never applied:
 * they move to the kept actions (UNKNOWN_MEMBER, or PARSER_CHANGED) to be tried again under the documented shape.
 */
export class Migration20261206040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "huntr_kept_actions" ("id" varchar(200) not null, "action_type" varchar(60) not null, "member_email" varchar(254) null, "reason" varchar(30) not null, "detail" text not null, "raw_body" text not null, "source" varchar(10) not null, "arrived_at" timestamptz not null, "last_tried_at" timestamptz not null, "attempts" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "huntr_kept_actions_member_email_index" on "huntr_kept_actions" ("member_email");`);
    this.addSql(`create index "huntr_kept_actions_arrived_at_index" on "huntr_kept_actions" ("arrived_at");`);
    this.addSql(`create table "huntr_members" ("id" varchar(100) not null, "email" varchar(254) not null, "name" varchar(400) not null, "is_active" boolean not null, "seen_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "huntr_members_email_index" on "huntr_members" ("email");`);
    this.addSql(`create table "huntr_sync_state" ("id" varchar(20) not null, "synced_through" timestamptz null, "last_run_at" timestamptz null, "last_success_at" timestamptz null, "last_error" text null, "last_pulled" int not null default 0, "last_applied" int not null default 0, "last_kept" int not null default 0, "members" int not null default 0, primary key ("id"));`);
    this.addSql(`alter table "huntr_actions" add "arrived_at" timestamptz null, add "source" varchar(10) not null default 'WEBHOOK', add "subject" varchar(200) null;`);
    this.addSql(`update "huntr_actions" set "arrived_at" = "received_at";`);
    this.addSql(`alter table "huntr_actions" alter column "arrived_at" set not null;`);
    this.addSql(`create index "huntr_actions_arrived_at_index" on "huntr_actions" ("arrived_at");`);
    this.addSql(`create index "huntr_actions_subject_received_at_index" on "huntr_actions" ("subject", "received_at");`);
    this.addSql(
      `insert into "huntr_kept_actions" ("id", "action_type", "member_email", "reason", "detail", "raw_body", "source", "arrived_at", "last_tried_at", "attempts")
       select "id", "action_type", "member_email",
              case "outcome" when 'UNMATCHED' then 'UNKNOWN_MEMBER' else 'PARSER_CHANGED' end,
              case "outcome" when 'UNMATCHED' then 'No learner has this Huntr member''s email' else 'Taken in before Waypoint read Huntr''s documented Action shape' end,
              "payload"::text, 'WEBHOOK', "arrived_at", "arrived_at", 1
       from "huntr_actions" where "outcome" in ('UNMATCHED', 'IGNORED');`,
    );
    this.addSql(`delete from "huntr_actions" where "outcome" in ('UNMATCHED', 'IGNORED');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "huntr_actions_subject_received_at_index";`);
    this.addSql(`drop index if exists "huntr_actions_arrived_at_index";`);
    this.addSql(`alter table "huntr_actions" drop column "arrived_at", drop column "source", drop column "subject";`);
    for (const table of ['huntr_sync_state', 'huntr_members', 'huntr_kept_actions']) this.addSql(`drop table if exists "${table}";`);
  }
}
