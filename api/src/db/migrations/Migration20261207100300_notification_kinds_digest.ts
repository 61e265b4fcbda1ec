import { Migration } from '@mikro-orm/migrations';

/**
 * Notifications, more kinds (issue 19): submissions near their review target (to coaches), morning-session partners
 * and the odd one out (to learners); coaches' daily digest (a setting, and deliveries held for it).
 */
export class Migration20261207100300 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "notification_settings" add "daily_digest" boolean not null default false;`);
    this.addSql(`alter type "notification_kind" add value if not exists 'SUBMISSION_NEAR_BREACH' after 'WEBHOOK_DISABLED';`);
    this.addSql(`alter type "notification_kind" add value if not exists 'MORNING_PARTNER' after 'SUBMISSION_NEAR_BREACH';`);
    this.addSql(`alter type "notification_kind" add value if not exists 'MORNING_ODD_ONE_OUT' after 'MORNING_PARTNER';`);
    this.addSql(`alter table "notification_deliveries" add "digest" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "notification_deliveries" drop column "digest";`);
    this.addSql(`alter table "notification_settings" drop column "daily_digest";`);
  }
}
