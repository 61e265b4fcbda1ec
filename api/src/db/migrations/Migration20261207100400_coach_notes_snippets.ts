import { Migration } from '@mikro-orm/migrations';

/** What coaches asked for next (issue 20): private notes on a learner, and each coach's saved feedback snippets. */
export class Migration20261207100400 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "feedback_snippets" ("id" uuid not null, "coach_id" uuid not null, "title" varchar(80) not null, "body" text not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "feedback_snippets" add constraint "feedback_snippets_coach_id_title_unique" unique ("coach_id", "title");`);
    this.addSql(`create table "coach_notes" ("id" uuid not null, "learner_id" uuid not null, "author_id" uuid not null, "body" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "coach_notes_learner_id_created_at_index" on "coach_notes" ("learner_id", "created_at");`);
    this.addSql(`alter table "feedback_snippets" add constraint "feedback_snippets_coach_id_foreign" foreign key ("coach_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "coach_notes" add constraint "coach_notes_learner_id_foreign" foreign key ("learner_id") references "learners" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "coach_notes" add constraint "coach_notes_author_id_foreign" foreign key ("author_id") references "users" ("id") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "coach_notes";`);
    this.addSql(`drop table if exists "feedback_snippets";`);
  }
}
