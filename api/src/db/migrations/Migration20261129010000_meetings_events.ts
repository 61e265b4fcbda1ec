import { Migration } from '@mikro-orm/migrations';

/** 1:1 meetings with their history, coaches' working hours, coaching events with RSVPs, and calendar feeds. */
export class Migration20261129010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "meeting_topic" as enum ('OFFER', 'INTERVIEW_PREP', 'APPLICATION_MATERIAL', 'GENERAL');`);
    this.addSql(`create type "meeting_status" as enum ('REQUESTED', 'SCHEDULED', 'DECLINED', 'CANCELLED', 'COMPLETED', 'NO_SHOW');`);
    this.addSql(`create type "event_type" as enum ('WORKSHOP', 'Q_AND_A', 'MOCK_INTERVIEW', 'NETWORKING');`);
    this.addSql(`create type "event_status" as enum ('SCHEDULED', 'CANCELLED');`);
    this.addSql(`create type "rsvp_status" as enum ('SEATED', 'WAITLISTED', 'CANCELLED');`);
    this.addSql(`create type "attendance" as enum ('ATTENDED', 'ABSENT');`);
    this.addSql(`create table "meetings" ("id" uuid not null, "learner_id" uuid not null, "coach_id" uuid not null, "topic" "meeting_topic" not null, "note" text not null default '', "windows" jsonb not null, "status" "meeting_status" not null default 'REQUESTED', "starts_at" timestamptz null, "ends_at" timestamptz null, "video_link" varchar(2048) null, "reason" text null, "outcome_notes" text null, "sequence" int not null default 0, "requested_at" timestamptz not null, "updated_at" timestamptz not null default now(), constraint "meetings_pkey" primary key ("id"));`);
    this.addSql(`create index "meetings_learner_id_index" on "meetings" ("learner_id");`);
    this.addSql(`create index "meetings_status_index" on "meetings" ("status");`);
    this.addSql(`create index "meetings_coach_id_starts_at_index" on "meetings" ("coach_id", "starts_at");`);
    this.addSql(`create table "meeting_changes" ("id" uuid not null, "meeting_id" uuid not null, "from_status" "meeting_status" null, "to_status" "meeting_status" not null, "note" text not null, "changed_by_id" uuid not null, "changed_at" timestamptz not null, "seq" bigserial, constraint "meeting_changes_pkey" primary key ("id"));`);
    this.addSql(`create index "meeting_changes_meeting_id_seq_index" on "meeting_changes" ("meeting_id", "seq");`);
    this.addSql(`create table "coaching_events" ("id" uuid not null, "type" "event_type" not null, "title" varchar(200) not null, "description" text not null default '', "facilitator_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "capacity" int not null, "link" varchar(2048) null, "status" "event_status" not null default 'SCHEDULED', "cancel_reason" text null, "sequence" int not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "coaching_events_pkey" primary key ("id"));`);
    this.addSql(`create index "coaching_events_starts_at_index" on "coaching_events" ("starts_at");`);
    this.addSql(`create index "coaching_events_facilitator_id_starts_at_index" on "coaching_events" ("facilitator_id", "starts_at");`);
    this.addSql(`create table "event_rsvps" ("id" uuid not null, "event_id" uuid not null, "learner_id" uuid not null, "status" "rsvp_status" not null, "queued_at" timestamptz not null, "queue_seq" bigserial, "attendance" "attendance" null, constraint "event_rsvps_pkey" primary key ("id"));`);
    this.addSql(`create index "event_rsvps_learner_id_index" on "event_rsvps" ("learner_id");`);
    this.addSql(`create index "event_rsvps_event_id_status_queue_seq_index" on "event_rsvps" ("event_id", "status", "queue_seq");`);
    this.addSql(`alter table "event_rsvps" add constraint "event_rsvps_event_id_learner_id_unique" unique ("event_id", "learner_id");`);
    this.addSql(`create table "calendar_feeds" ("user_id" uuid not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, constraint "calendar_feeds_pkey" primary key ("user_id"));`);
    this.addSql(`alter table "calendar_feeds" add constraint "calendar_feeds_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create table "coach_working_hours" ("id" uuid not null, "coach_id" uuid not null, "weekday" smallint not null, "starts_at" time(0) not null, "ends_at" time(0) not null, constraint "coach_working_hours_pkey" primary key ("id"));`);
    this.addSql(`create index "coach_working_hours_coach_id_index" on "coach_working_hours" ("coach_id");`);
    this.addSql(`alter table "meetings" add constraint "meetings_learner_id_foreign" foreign key ("learner_id") references "learners" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "meetings" add constraint "meetings_coach_id_foreign" foreign key ("coach_id") references "users" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "meeting_changes" add constraint "meeting_changes_meeting_id_foreign" foreign key ("meeting_id") references "meetings" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "meeting_changes" add constraint "meeting_changes_changed_by_id_foreign" foreign key ("changed_by_id") references "users" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "coaching_events" add constraint "coaching_events_facilitator_id_foreign" foreign key ("facilitator_id") references "users" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "event_rsvps" add constraint "event_rsvps_event_id_foreign" foreign key ("event_id") references "coaching_events" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "event_rsvps" add constraint "event_rsvps_learner_id_foreign" foreign key ("learner_id") references "learners" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "calendar_feeds" add constraint "calendar_feeds_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "coach_working_hours" add constraint "coach_working_hours_coach_id_foreign" foreign key ("coach_id") references "users" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    for (const table of ['coach_working_hours', 'calendar_feeds', 'event_rsvps', 'coaching_events', 'meeting_changes', 'meetings']) {
      this.addSql(`drop table if exists "${table}" cascade;`);
    }
    for (const type of ['attendance', 'rsvp_status', 'event_status', 'event_type', 'meeting_status', 'meeting_topic']) this.addSql(`drop type "${type}";`);
  }
}
