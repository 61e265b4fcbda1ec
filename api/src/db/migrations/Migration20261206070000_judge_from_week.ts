import { Migration } from '@mikro-orm/migrations';

/** The first module week compliance judges, set when a learner who was in the program before Waypoint is created. */
export class Migration20261206070000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "learners" add "judge_from_week" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "learners" drop column "judge_from_week";`);
  }
}
