import { Migration } from '@mikro-orm/migrations';

/**
 * Request and sign-in counters (common/rate-limit.ts, rate-limiter-flexible's PostgreSQL store): one row a key,
 * shared by every replica. In a schema of its own: it is not an entity.
 */
export class Migration20261206020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "rate_limits";`);
    this.addSql(`create table "rate_limits"."hits" ("key" varchar(255) primary key, "points" integer not null default 0, "expire" bigint);`);
    this.addSql(`create index "hits_expire_index" on "rate_limits"."hits" ("expire");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop schema if exists "rate_limits" cascade;`);
  }
}
