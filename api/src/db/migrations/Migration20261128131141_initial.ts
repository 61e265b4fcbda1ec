import { Migration } from '@mikro-orm/migrations';

export class Migration20261128131141 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "role" as enum ('STAFF', 'COACH', 'LEARNER');`);
    this.addSql(`create type "enrollment_status" as enum ('ENROLLED', 'AT_RISK', 'SUSPENDED', 'PAUSED', 'HIRED', 'WITHDRAWN');`);
    this.addSql(`create type "status_change_source" as enum ('ENROLLMENT', 'MANUAL', 'EVALUATION');`);
    this.addSql(`create table "users" ("id" uuid not null, "email" varchar(254) not null, "name" varchar(200) not null, "role" "role" not null, "password_hash" varchar(255) null, "active" boolean not null default true, "time_zone" varchar(64) not null default 'UTC', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "users_pkey" primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);
    this.addSql(`create index "users_role_index" on "users" ("role");`);

    this.addSql(`create table "learners" ("id" uuid not null, "user_id" uuid not null, "time_zone" varchar(64) not null, "module_start_date" date not null, "coach_id" uuid not null, "status" "enrollment_status" not null default 'ENROLLED', "status_changed_at" timestamptz not null default now(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "learners_pkey" primary key ("id"));`);
    this.addSql(`alter table "learners" add constraint "learners_user_id_unique" unique ("user_id");`);
    this.addSql(`create index "learners_module_start_date_index" on "learners" ("module_start_date");`);
    this.addSql(`create index "learners_coach_id_index" on "learners" ("coach_id");`);
    this.addSql(`create index "learners_status_index" on "learners" ("status");`);

    this.addSql(`create table "status_changes" ("id" uuid not null, "learner_id" uuid not null, "from_status" "enrollment_status" null, "to_status" "enrollment_status" not null, "reason" text not null, "source" "status_change_source" not null, "changed_by_id" uuid null, "module_week" int null, "created_at" timestamptz not null default now(), "seq" bigserial, constraint "status_changes_pkey" primary key ("id"));`);
    this.addSql(`create index "status_changes_learner_id_seq_index" on "status_changes" ("learner_id", "seq");`);

    this.addSql(`alter table "learners" add constraint "learners_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "learners" add constraint "learners_coach_id_foreign" foreign key ("coach_id") references "users" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "status_changes" add constraint "status_changes_learner_id_foreign" foreign key ("learner_id") references "learners" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "status_changes" add constraint "status_changes_changed_by_id_foreign" foreign key ("changed_by_id") references "users" ("id") on update cascade on delete restrict;`);

    // Emails are stored lower-case so uniqueness ignores case.
    this.addSql(`alter table "users" add constraint "users_email_lower_case" check ("email" = lower("email"));`);
    // Status history is append-only: the database itself refuses edits and deletes.
    this.addSql(`create function "status_changes_append_only"() returns trigger language plpgsql as $$
begin
  raise exception 'status history is append-only' using errcode = 'restrict_violation';
end $$;`);
    this.addSql(`create trigger "status_changes_no_update" before update or delete on "status_changes" for each row execute function "status_changes_append_only"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "status_changes_no_update" on "status_changes";`);
    this.addSql(`drop function if exists "status_changes_append_only"();`);
    this.addSql(`alter table "users" drop constraint if exists "users_email_lower_case";`);
    this.addSql(`alter table "learners" drop constraint "learners_user_id_foreign";`);

    this.addSql(`alter table "learners" drop constraint "learners_coach_id_foreign";`);

    this.addSql(`alter table "status_changes" drop constraint "status_changes_changed_by_id_foreign";`);

    this.addSql(`alter table "status_changes" drop constraint "status_changes_learner_id_foreign";`);

    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop table if exists "learners" cascade;`);

    this.addSql(`drop table if exists "status_changes" cascade;`);

    this.addSql(`drop type "role";`);
    this.addSql(`drop type "enrollment_status";`);
    this.addSql(`drop type "status_change_source";`);
  }

}
