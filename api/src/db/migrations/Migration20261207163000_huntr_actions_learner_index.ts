import { Migration } from '@mikro-orm/migrations';

/**
 * A learner's Huntr actions by time, read off an index: the learners list's quietInHuntr (the field and the filter)
 * and the progress page's lastHuntrActionAt look up each learner's actions since an instant, and with no index on
 * learner_id every lookup read the whole table (every Huntr action of the program; a page of 50 learners read it
 * once per page through the loader, 50 times as a correlated subquery). Found with `npm run bench -- lists`.
 */
export class Migration20261207163000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "huntr_actions_learner_id_received_at_index" on "huntr_actions" ("learner_id", "received_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "huntr_actions_learner_id_received_at_index";`);
  }
}
