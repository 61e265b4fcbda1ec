import { Migration } from '@mikro-orm/migrations';

/**
 * The meeting queue's order (urgent OFFER requests first, then the oldest request; meetingSort) as an index, so a page
 * of the console's "All" tab is read off it instead of a Seq Scan and a sort of every meeting ever requested (12 of
 * the page's 19 ms at 20,000 meetings, and growing with the history). Found with `npm run bench -- lists`.
 */
export class Migration20261207163300 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "meetings_queue_order_index" on "meetings" ((case when "topic" = 'OFFER' and "status" = 'REQUESTED' then 0 else 1 end), "requested_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "meetings_queue_order_index";`);
  }
}
