import { Migration } from '@mikro-orm/migrations';

/** A cohort staff set on a learner (program reports group by it; null: the module start month). */
export class Migration20261207131000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "learners" add "cohort" varchar(60) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "learners" drop column "cohort";`);
  }
}
