import { Migration } from '@mikro-orm/migrations';

/**
 * The open coach alerts, newest first, read off an index of the open ones only: staff's coachAlerts(openOnly: true)
 * read every alert ever raised (a Seq Scan, then a sort of the open ones), so the list's cost grew with the program's
 * history of offers while its answer stays a few rows. Found with `npm run bench -- lists`.
 */
export class Migration20261207163100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "coach_alerts_open_created_at_id_index" on "coach_alerts" ("created_at", "id") where "resolved_at" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "coach_alerts_open_created_at_id_index";`);
  }
}
