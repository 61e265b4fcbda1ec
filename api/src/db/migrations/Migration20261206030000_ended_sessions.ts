import { Migration } from '@mikro-orm/migrations';

/** Sessions signed out before their tokens expired (signOut): a token whose `sid` is listed here is refused. */
export class Migration20261206030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "ended_sessions" ("id" uuid not null, "user_id" uuid not null, "ended_at" timestamptz not null, "expires_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "ended_sessions_expires_at_index" on "ended_sessions" ("expires_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "ended_sessions";`);
  }
}
