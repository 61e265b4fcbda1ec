import { Migration } from '@mikro-orm/migrations';

/** Learner-weeks a coach excused (excuseWeek): compliance records them without changing the status. */
export class Migration20261206060000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "compliance_excuses" ("learner_id" uuid not null, "module_week" int not null, "reason" text not null, "excused_by_id" uuid not null, "created_at" timestamptz not null, primary key ("learner_id", "module_week"));`);
    this.addSql(`alter table "compliance_excuses" add constraint "compliance_excuses_learner_id_foreign" foreign key ("learner_id") references "learners" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "compliance_excuses" add constraint "compliance_excuses_excused_by_id_foreign" foreign key ("excused_by_id") references "users" ("id") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "compliance_excuses";`);
  }
}
