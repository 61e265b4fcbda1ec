import { Migration } from '@mikro-orm/migrations';

/**
 * The road map (schedule template, each learner's activity states), submissions as far as the required
 * activities need them, the required-activity rules, weekly compliance evaluations, and morning sessions
 * with their sign-ups and pairs.
 */
export class Migration20261128200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "block_kind" as enum ('MORNING_SESSION', 'WORK_BLOCK', 'COACHING', 'BREAK');`);
    this.addSql(`create type "submission_kind" as enum ('SMART_GOALS', 'JOB_SEARCH_ANALYSIS', 'WEEKLY_RETROSPECTIVE', 'APPLICATION_MATERIAL');`);
    this.addSql(`create type "practice_type" as enum ('TECHNICAL', 'BEHAVIORAL');`);
    this.addSql(`create type "activity_state" as enum ('DONE', 'SKIPPED');`);
    this.addSql(`create table "morning_sessions" ("id" uuid not null, "date" date not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "cutoff_at" timestamptz not null, "groups_of_three" boolean not null default false, "paired_at" timestamptz null, "created_at" timestamptz not null default now(), constraint "morning_sessions_pkey" primary key ("id"));`);
    this.addSql(`alter table "morning_sessions" add constraint "morning_sessions_date_unique" unique ("date");`);
    this.addSql(`create index "morning_sessions_due_index" on "morning_sessions" ("cutoff_at") where "paired_at" is null;`);
    // Template rows are retired, never deleted: learners' recorded states keep pointing at them.
    this.addSql(`create table "schedule_blocks" ("id" uuid not null, "weekday" smallint not null, "position" int not null, "title" varchar(200) not null, "kind" "block_kind" not null, "starts_at" time(0) not null, "ends_at" time(0) not null, "retired_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "schedule_blocks_pkey" primary key ("id"), constraint schedule_blocks_weekday_check check (weekday >= 1 and weekday <= 7), constraint schedule_blocks_times check (ends_at > starts_at));`);
    this.addSql(`create index "schedule_blocks_weekday_position_index" on "schedule_blocks" ("weekday", "position");`);
    this.addSql(`create table "schedule_activities" ("id" uuid not null, "block_id" uuid not null, "position" int not null, "title" varchar(200) not null, "description" text not null default '', "link" varchar(2048) null, "minutes" int null, "required" boolean not null default false, "retired_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "schedule_activities_pkey" primary key ("id"), constraint schedule_activities_minutes_check check (minutes >= 1 and minutes <= 600));`);
    this.addSql(`create index "schedule_activities_block_id_position_index" on "schedule_activities" ("block_id", "position");`);
    // A rule applies to learner-weeks that start at or after applies_from and end before it was retired,
    // so a change made mid-week only ever affects weeks that have not started yet.
    this.addSql(`create table "required_activities" ("id" uuid not null, "kind" "submission_kind" not null, "title" varchar(200) not null, "description" text not null default '', "module_week" int null, "applies_from" timestamptz not null, "retired_at" timestamptz null, "created_at" timestamptz not null default now(), "created_by_id" uuid null, constraint "required_activities_pkey" primary key ("id"), constraint required_activities_module_week_check check (module_week >= 1));`);
    this.addSql(`create table "submissions" ("id" uuid not null, "learner_id" uuid not null, "kind" "submission_kind" not null, "text" text not null default '', "link" varchar(2048) null, "submitted_at" timestamptz not null, "submitted_by_id" uuid not null, constraint "submissions_pkey" primary key ("id"));`);
    this.addSql(`create index "submissions_learner_id_kind_submitted_at_index" on "submissions" ("learner_id", "kind", "submitted_at");`);
    this.addSql(`create table "morning_session_signups" ("session_id" uuid not null, "learner_id" uuid not null, "practice_type" "practice_type" not null, "signed_up_at" timestamptz not null, "group_number" int null, constraint "morning_session_signups_pkey" primary key ("session_id", "learner_id"));`);
    this.addSql(`create index "morning_session_signups_learner_id_index" on "morning_session_signups" ("learner_id");`);
    // One row per evaluated learner-week: its primary key is what makes the evaluation run once.
    this.addSql(`create table "compliance_evaluations" ("learner_id" uuid not null, "module_week" int not null, "week_start" timestamptz not null, "week_end" timestamptz not null, "missing" text[] not null, "from_status" "enrollment_status" not null, "to_status" "enrollment_status" not null, "evaluated_at" timestamptz not null, constraint "compliance_evaluations_pkey" primary key ("learner_id", "module_week"));`);
    this.addSql(`create table "activity_progress" ("learner_id" uuid not null, "date" date not null, "activity_id" uuid not null, "state" "activity_state" not null, "recorded_at" timestamptz not null, "recorded_by_id" uuid not null, constraint "activity_progress_pkey" primary key ("learner_id", "date", "activity_id"));`);
    this.addSql(`alter table "schedule_activities" add constraint "schedule_activities_block_id_foreign" foreign key ("block_id") references "schedule_blocks" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "required_activities" add constraint "required_activities_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "submissions" add constraint "submissions_learner_id_foreign" foreign key ("learner_id") references "learners" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "submissions" add constraint "submissions_submitted_by_id_foreign" foreign key ("submitted_by_id") references "users" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "morning_session_signups" add constraint "morning_session_signups_session_id_foreign" foreign key ("session_id") references "morning_sessions" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "morning_session_signups" add constraint "morning_session_signups_learner_id_foreign" foreign key ("learner_id") references "learners" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "compliance_evaluations" add constraint "compliance_evaluations_learner_id_foreign" foreign key ("learner_id") references "learners" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "activity_progress" add constraint "activity_progress_learner_id_foreign" foreign key ("learner_id") references "learners" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "activity_progress" add constraint "activity_progress_activity_id_foreign" foreign key ("activity_id") references "schedule_activities" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "activity_progress" add constraint "activity_progress_recorded_by_id_foreign" foreign key ("recorded_by_id") references "users" ("id") on update cascade on delete restrict;`);

    // The module's rules as the program states them, in force since before any learner started.
    this.addSql(`insert into "required_activities" ("id", "kind", "title", "description", "module_week", "applies_from") values
      (gen_random_uuid(), 'SMART_GOALS', 'Reassess your job-searching SMART goals', 'Send your SMART goals to a career coach for feedback.', 1, '2000-01-01T00:00:00Z'),
      (gen_random_uuid(), 'JOB_SEARCH_ANALYSIS', 'Analyze your job search', 'Diagnose your funnel (applications to offers) and send it to a career coach.', 4, '2000-01-01T00:00:00Z'),
      (gen_random_uuid(), 'WEEKLY_RETROSPECTIVE', 'Weekly retrospective', 'What you achieved against last week''s goals, your blockers, and what you commit to next week.', null, '2000-01-01T00:00:00Z');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "activity_progress" cascade;`);
    this.addSql(`drop table if exists "compliance_evaluations" cascade;`);
    this.addSql(`drop table if exists "morning_session_signups" cascade;`);
    this.addSql(`drop table if exists "morning_sessions" cascade;`);
    this.addSql(`drop table if exists "submissions" cascade;`);
    this.addSql(`drop table if exists "required_activities" cascade;`);
    this.addSql(`drop table if exists "schedule_activities" cascade;`);
    this.addSql(`drop table if exists "schedule_blocks" cascade;`);
    this.addSql(`drop type "activity_state";`);
    this.addSql(`drop type "practice_type";`);
    this.addSql(`drop type "submission_kind";`);
    this.addSql(`drop type "block_kind";`);
  }
}
