import { Migration } from '@mikro-orm/migrations';

/** The tables a cached compiled read may depend on (src/compiled/cache.ts lists the same). */
const TRACKED = ['submissions', 'feedback', 'learners', 'users', 'review_targets'];

/**
 * Which transactions changed which tables, for the compiled reads' cache: a cached answer stays valid while no
 * transaction that changed one of its tables has committed outside the snapshot it was read in. One row per
 * transaction and table, written by a statement trigger; nothing waits on anything (no shared counter row to
 * lock). Old rows are pruned by the server. In its own schema: it is not an entity.
 */
export class Migration20261130010000 extends Migration {
  override async up(): Promise<void> {
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

  override async down(): Promise<void> {
    for (const table of TRACKED) this.addSql(`drop trigger if exists "${table}_read_cache" on "${table}";`);
    this.addSql(`drop schema if exists "read_cache" cascade;`);
  }
}
