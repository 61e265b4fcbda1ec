import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 21: notifications' (recipient_id, dedupe_key) uniqueness only ever bites rows with a key (scheduled reminders);
 * a status change, feedback or meeting notice has none, and NULLs never conflict. Indexing only keyed rows keeps the
 * rule and spares every unkeyed notice an index entry: the weekly compliance run writes 54,000 at 100,000 learners,
 * none with a key. notify()'s ON CONFLICT names the same predicate.
 */
export class Migration20261207152000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "notifications" drop constraint "notifications_recipient_id_dedupe_key_unique";`);
    this.addSql(`create unique index "notifications_recipient_id_dedupe_key_unique" on "notifications" ("recipient_id", "dedupe_key") where "dedupe_key" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "notifications_recipient_id_dedupe_key_unique";`);
    this.addSql(`alter table "notifications" add constraint "notifications_recipient_id_dedupe_key_unique" unique ("recipient_id", "dedupe_key");`);
  }
}
