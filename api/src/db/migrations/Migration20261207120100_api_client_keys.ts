import { Migration } from '@mikro-orm/migrations';

/**
 * API clients hold their keys in api_client_keys (up to two working at once, for rotation; each with an expiry and a
 * last use exact to the minute). Each client's one key moves there as it was.
 */
export class Migration20261207120100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "api_client_keys" ("id" uuid not null, "client_id" uuid not null, "key_prefix" varchar(16) not null, "key_hash" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "api_client_keys" add constraint "api_client_keys_key_hash_unique" unique ("key_hash");`);
    this.addSql(`create index "api_client_keys_client_id_index" on "api_client_keys" ("client_id");`);
    this.addSql(`alter table "api_client_keys" add constraint "api_client_keys_client_id_foreign" foreign key ("client_id") references "api_clients" ("id") on update cascade on delete cascade;`);
    this.addSql(`insert into "api_client_keys" ("id", "client_id", "key_prefix", "key_hash", "created_at", "expires_at", "revoked_at", "last_used_at")
      select gen_random_uuid(), "id", "key_prefix", "key_hash", "created_at", null, null, date_trunc('minute', "last_used_at") from "api_clients";`);
    this.addSql(`alter table "api_clients" drop constraint "api_clients_key_hash_unique";`);
    this.addSql(`alter table "api_clients" drop column "key_prefix", drop column "key_hash", drop column "last_used_at";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "api_clients" add column "key_prefix" varchar(16) null, add column "key_hash" varchar(64) null, add column "last_used_at" timestamptz null;`);
    this.addSql(`update "api_clients" c set "key_prefix" = k."key_prefix", "key_hash" = k."key_hash", "last_used_at" = k."last_used_at"
      from (select distinct on ("client_id") * from "api_client_keys" order by "client_id", "created_at") k where k."client_id" = c."id";`);
    this.addSql(`alter table "api_clients" alter column "key_prefix" set not null, alter column "key_hash" set not null;`);
    this.addSql(`alter table "api_clients" add constraint "api_clients_key_hash_unique" unique ("key_hash");`);
    this.addSql(`drop table if exists "api_client_keys";`);
  }
}
