import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128131141 } from './Migration20261128131141_initial';
import { Migration20261128153500 } from './Migration20261128153500_tokens_valid_after';
import { Migration20261128200000 } from './Migration20261128200000_roadmap_compliance';
import { Migration20261128230000 } from './Migration20261128230000_review_queue';
import { Migration20261129010000 } from './Migration20261129010000_meetings_events';
import { Migration20261129020000 } from './Migration20261129020000_audit_log';
import { Migration20261129030000 } from './Migration20261129030000_job_search';
import { Migration20261129040000 } from './Migration20261129040000_api_clients';
import { Migration20261129050000 } from './Migration20261129050000_job_activity_stage';
import { Migration20261130010000 } from './Migration20261130010000_read_cache_changes';
import { Migration20261206010000 } from './Migration20261206010000_drop_read_cache';
import { Migration20261206020000 } from './Migration20261206020000_rate_limits';
import { Migration20261206030000 } from './Migration20261206030000_ended_sessions';
import { Migration20261206040000 } from './Migration20261206040000_huntr_integration';
import { Migration20261206050000 } from './Migration20261206050000_submissions_newest_first';
import { Migration20261206060000 } from './Migration20261206060000_compliance_excuses';
import { Migration20261206070000 } from './Migration20261206070000_judge_from_week';
import { Migration20261207100000 } from './Migration20261207100000_notifications';
import { Migration20261207100100 } from './Migration20261207100100_webhooks';
import { Migration20261207120000 } from './Migration20261207120000_idempotency_keys';
import { Migration20261207120100 } from './Migration20261207120100_api_client_keys';

/** Every migration, in order. Add new ones at the end; never edit one that has landed. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261128131141_initial', class: Migration20261128131141 },
  { name: 'Migration20261128153500_tokens_valid_after', class: Migration20261128153500 },
  { name: 'Migration20261128200000_roadmap_compliance', class: Migration20261128200000 },
  { name: 'Migration20261128230000_review_queue', class: Migration20261128230000 },
  { name: 'Migration20261129010000_meetings_events', class: Migration20261129010000 },
  { name: 'Migration20261129020000_audit_log', class: Migration20261129020000 },
  { name: 'Migration20261129030000_job_search', class: Migration20261129030000 },
  { name: 'Migration20261129040000_api_clients', class: Migration20261129040000 },
  { name: 'Migration20261129050000_job_activity_stage', class: Migration20261129050000 },
  { name: 'Migration20261130010000_read_cache_changes', class: Migration20261130010000 },
  { name: 'Migration20261206010000_drop_read_cache', class: Migration20261206010000 },
  { name: 'Migration20261206020000_rate_limits', class: Migration20261206020000 },
  { name: 'Migration20261206030000_ended_sessions', class: Migration20261206030000 },
  { name: 'Migration20261206040000_huntr_integration', class: Migration20261206040000 },
  { name: 'Migration20261206050000_submissions_newest_first', class: Migration20261206050000 },
  { name: 'Migration20261206060000_compliance_excuses', class: Migration20261206060000 },
  { name: 'Migration20261206070000_judge_from_week', class: Migration20261206070000 },
  { name: 'Migration20261207100000_notifications', class: Migration20261207100000 },
  { name: 'Migration20261207100100_webhooks', class: Migration20261207100100 },
  { name: 'Migration20261207120000_idempotency_keys', class: Migration20261207120000 },
  { name: 'Migration20261207120100_api_client_keys', class: Migration20261207120100 },
];
