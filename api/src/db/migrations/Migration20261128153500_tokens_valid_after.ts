import { Migration } from '@mikro-orm/migrations';

/** Lets a password change end the sessions opened with the old password. */
export class Migration20261128153500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "tokens_valid_after" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "users" drop column "tokens_valid_after";`);
  }
}
