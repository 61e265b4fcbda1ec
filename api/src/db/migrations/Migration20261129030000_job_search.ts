import { Migration } from '@mikro-orm/migrations';

/** Job-search activity (applications, interviews), Huntr actions stored once by id, member aliases, coach alerts. */
export class Migration20261129030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "job_activity_kind" as enum ('APPLICATION', 'INTERVIEW');`);
    this.addSql(`create type "job_activity_source" as enum ('HUNTR', 'CSV', 'MANUAL');`);
    this.addSql(`create table "huntr_member_aliases" ("email" varchar(254) not null, "learner_id" uuid not null, "created_at" timestamptz not null, constraint "huntr_member_aliases_pkey" primary key ("email"));`);
    this.addSql(`create table "huntr_actions" ("id" varchar(200) not null, "action_type" varchar(60) not null, "member_email" varchar(254) null, "learner_id" uuid null, "outcome" varchar(20) not null, "payload" jsonb not null, "received_at" timestamptz not null, constraint "huntr_actions_pkey" primary key ("id"));`);
    this.addSql(`create index "huntr_actions_member_email_index" on "huntr_actions" ("member_email");`);
    this.addSql(`create index "huntr_actions_outcome_index" on "huntr_actions" ("outcome");`);
    this.addSql(`create table "job_activities" ("id" uuid not null, "learner_id" uuid not null, "kind" "job_activity_kind" not null, "company" varchar(200) not null, "role" varchar(200) not null, "occurred_at" timestamptz not null, "source" "job_activity_source" not null, "huntr_key" varchar(200) null, "huntr_job_id" varchar(100) null, "note" text not null default '', "created_by_id" uuid null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "job_activities_pkey" primary key ("id"));`);
    this.addSql(`alter table "job_activities" add constraint "job_activities_huntr_key_unique" unique ("huntr_key");`);
    this.addSql(`create index "job_activities_huntr_job_id_index" on "job_activities" ("huntr_job_id");`);
    this.addSql(`create index "job_activities_learner_id_occurred_at_index" on "job_activities" ("learner_id", "occurred_at");`);
    this.addSql(`create table "coach_alerts" ("id" uuid not null, "learner_id" uuid not null, "coach_id" uuid not null, "message" text not null, "source_key" varchar(200) not null, "created_at" timestamptz not null, "resolved_at" timestamptz null, constraint "coach_alerts_pkey" primary key ("id"));`);
    this.addSql(`create index "coach_alerts_coach_id_index" on "coach_alerts" ("coach_id");`);
    this.addSql(`alter table "coach_alerts" add constraint "coach_alerts_source_key_unique" unique ("source_key");`);
    this.addSql(`alter table "huntr_member_aliases" add constraint "huntr_member_aliases_learner_id_foreign" foreign key ("learner_id") references "learners" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "huntr_actions" add constraint "huntr_actions_learner_id_foreign" foreign key ("learner_id") references "learners" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "job_activities" add constraint "job_activities_learner_id_foreign" foreign key ("learner_id") references "learners" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "job_activities" add constraint "job_activities_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "coach_alerts" add constraint "coach_alerts_learner_id_foreign" foreign key ("learner_id") references "learners" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "coach_alerts" add constraint "coach_alerts_coach_id_foreign" foreign key ("coach_id") references "users" ("id") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    for (const table of ['huntr_member_aliases', 'coach_alerts', 'huntr_actions', 'job_activities']) this.addSql(`drop table if exists "${table}" cascade;`);
    this.addSql(`drop type "job_activity_source";`);
    this.addSql(`drop type "job_activity_kind";`);
  }
}
