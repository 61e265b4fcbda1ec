import { Migration } from '@mikro-orm/migrations';

/** API clients: third-party keys, stored hashed, with scopes and an optional coach limit. */
export class Migration20261129040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "api_clients" ("id" uuid not null, "name" varchar(200) not null, "key_prefix" varchar(16) not null, "key_hash" varchar(64) not null, "scopes" text[] not null, "coach_id" uuid null, "created_by_id" uuid not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, constraint "api_clients_pkey" primary key ("id"));`);
    this.addSql(`alter table "api_clients" add constraint "api_clients_key_hash_unique" unique ("key_hash");`);
    this.addSql(`alter table "api_clients" add constraint "api_clients_coach_id_foreign" foreign key ("coach_id") references "users" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "api_clients" add constraint "api_clients_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "api_clients" cascade;`);
  }
}
