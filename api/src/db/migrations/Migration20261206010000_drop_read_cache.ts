import { Migration } from '@mikro-orm/migrations';

const TRACKED = ['submissions', 'feedback', 'learners', 'users', 'review_targets'];

/**
 * The compiled reads' answer cache is gone (issue 16): one read path, no response cache. Its statement triggers
 * wrote a row per transaction and table on every write of the queue's tables; they and their change log go.
 */
export class Migration20261206010000 extends Migration {
  override async up(): Promise<void> {
    for (const table of TRACKED) this.addSql(`drop trigger if exists "${table}_read_cache" on "${table}";`);
    this.addSql(`drop schema if exists "read_cache" cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create schema if not exists "read_cache";`);
    this.addSql(`create table "read_cache"."changes" (
      "xid" xid8 not null default pg_current_xact_id(),
      "table_name" text not null,
      "changed_at" timestamptz not null default clock_timestamp(),
      constraint "changes_pkey" primary key ("xid", "table_name"));`);
    this.addSql(`create index "changes_changed_at_index" on "read_cache"."changes" ("changed_at");`);
    this.addSql(`create function "read_cache"."record_change"() returns trigger language plpgsql as $$
      begin
        insert into "read_cache"."changes" ("table_name") values (TG_TABLE_NAME) on conflict do nothing;
        return null;
      end $$;`);
    for (const table of TRACKED) {
      this.addSql(`create trigger "${table}_read_cache" after insert or update or delete or truncate on "${table}"
        for each statement execute function "read_cache"."record_change"();`);
    }
  }
}
