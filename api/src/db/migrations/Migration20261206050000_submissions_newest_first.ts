import { Migration } from '@mikro-orm/migrations';

/** Lists of submissions newest first (allSubmissions' default order): a page is read off this index instead of sorting the table. */
export class Migration20261206050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "submissions_submitted_at_id_index" on "submissions" ("submitted_at" desc, "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "submissions_submitted_at_id_index";`);
  }
}
