import { Migration } from '@mikro-orm/migrations';

/** Idempotency keys of creating mutations (modules/idempotency): taken with the write, replayed for 24 hours. */
export class Migration20261207120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "idempotency_keys" ("principal" varchar(60) not null, "key_hash" varchar(64) not null, "operation" varchar(100) not null, "request_hash" varchar(64) not null, "answer" text null, "created_at" timestamptz not null, "expires_at" timestamptz not null, primary key ("principal", "key_hash"));`);
    this.addSql(`create index "idempotency_keys_expires_at_index" on "idempotency_keys" ("expires_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "idempotency_keys";`);
  }
}
