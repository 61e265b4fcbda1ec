import { Migration } from '@mikro-orm/migrations';

/** Marking notifications read is announced too (same function as new ones), so a bell open in another tab follows. */
export class Migration20261207100500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create trigger notifications_live_read after update on notifications referencing new table as new_rows for each statement execute function waypoint_live_notifications();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists notifications_live_read on notifications;`);
  }
}
