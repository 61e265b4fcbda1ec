import { Migration } from '@mikro-orm/migrations';

/**
 * The review side of submissions: structured content, versions, the claim and review life cycle,
 * feedback revisions and per-kind review targets.
 */
export class Migration20261128230000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "submission_status" as enum ('SUBMITTED', 'IN_REVIEW', 'REVIEWED', 'CHANGES_REQUESTED', 'NO_REVIEW');`);
    this.addSql(`create type "feedback_decision" as enum ('APPROVED', 'NEEDS_WORK');`);
    this.addSql(`create table "review_targets" ("kind" "submission_kind" not null, "hours" int not null, "updated_at" timestamptz not null default now(), "updated_by_id" uuid null, constraint "review_targets_pkey" primary key ("kind"));`);
    this.addSql(`insert into "review_targets" ("kind", "hours") values ('SMART_GOALS', 48), ('JOB_SEARCH_ANALYSIS', 48), ('WEEKLY_RETROSPECTIVE', 48), ('APPLICATION_MATERIAL', 48);`);
    this.addSql(`create table "feedback" ("id" uuid not null, "submission_id" uuid not null, "revision" int not null, "decision" "feedback_decision" not null, "body" text not null, "author_id" uuid not null, "created_at" timestamptz not null, constraint "feedback_pkey" primary key ("id"));`);
    this.addSql(`alter table "feedback" add constraint "feedback_submission_id_revision_unique" unique ("submission_id", "revision");`);
    this.addSql(`alter table "review_targets" add constraint "review_targets_updated_by_id_foreign" foreign key ("updated_by_id") references "users" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "feedback" add constraint "feedback_submission_id_foreign" foreign key ("submission_id") references "submissions" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "feedback" add constraint "feedback_author_id_foreign" foreign key ("author_id") references "users" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "submissions" add column "status" "submission_status" not null default 'SUBMITTED', add column "content" jsonb not null default '{}', add column "version_number" int not null default 1, add column "previous_id" uuid null, add column "review_requested" boolean not null default true, add column "assigned_coach_id" uuid null, add column "open_to_all_at" timestamptz null, add column "claimed_by_id" uuid null, add column "claimed_at" timestamptz null, add column "reviewed_at" timestamptz null, add column "revision" int not null default 1, add column "updated_at" timestamptz not null default now();`);
    // Submissions sent before the review queue existed: each learner's coach has them, a day after sending;
    // retrospectives were never for review.
    this.addSql(`update "submissions" s set "assigned_coach_id" = l."coach_id", "open_to_all_at" = s."submitted_at" + interval '1 day',
      "review_requested" = s."kind" <> 'WEEKLY_RETROSPECTIVE',
      "status" = (case when s."kind" = 'WEEKLY_RETROSPECTIVE' then 'NO_REVIEW' else 'SUBMITTED' end)::submission_status
      from "learners" l where l."id" = s."learner_id";`);
    this.addSql(`alter table "submissions" alter column "assigned_coach_id" set not null, alter column "open_to_all_at" set not null;`);
    this.addSql(`alter table "submissions" add constraint "submissions_previous_id_foreign" foreign key ("previous_id") references "submissions" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "submissions" add constraint "submissions_assigned_coach_id_foreign" foreign key ("assigned_coach_id") references "users" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "submissions" add constraint "submissions_claimed_by_id_foreign" foreign key ("claimed_by_id") references "users" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "submissions" add constraint "submissions_previous_id_unique" unique ("previous_id");`);
    this.addSql(`create index "submissions_assigned_coach_id_index" on "submissions" ("assigned_coach_id");`);
    this.addSql(`create index "submissions_claimed_by_id_index" on "submissions" ("claimed_by_id");`);
    this.addSql(`create index "submissions_open_index" on "submissions" ("submitted_at") where "status" in ('SUBMITTED', 'IN_REVIEW');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "submissions_open_index";`);
    this.addSql(`alter table "submissions" drop constraint "submissions_previous_id_unique", drop constraint "submissions_claimed_by_id_foreign", drop constraint "submissions_assigned_coach_id_foreign", drop constraint "submissions_previous_id_foreign";`);
    this.addSql(`alter table "submissions" drop column "status", drop column "content", drop column "version_number", drop column "previous_id", drop column "review_requested", drop column "assigned_coach_id", drop column "open_to_all_at", drop column "claimed_by_id", drop column "claimed_at", drop column "reviewed_at", drop column "revision", drop column "updated_at";`);
    this.addSql(`drop table if exists "feedback" cascade;`);
    this.addSql(`drop table if exists "review_targets" cascade;`);
    this.addSql(`drop type "feedback_decision";`);
    this.addSql(`drop type "submission_status";`);
  }
}
