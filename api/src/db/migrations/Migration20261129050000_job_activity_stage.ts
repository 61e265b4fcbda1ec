import { Migration } from '@mikro-orm/migrations';

/** The funnel tells a phone screen from a later interview: keep the interview's stage. */
export class Migration20261129050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "job_activities" add column "stage" varchar(30) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "job_activities" drop column "stage";`);
  }
}
