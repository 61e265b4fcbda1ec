import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { User } from '../modules/users/user.entity';
import { Learner } from '../modules/learners/learner.entity';
import { StatusChange } from '../modules/learners/status-change.entity';
import { ScheduleBlock } from '../modules/schedule/schedule-block.entity';
import { ScheduleActivity } from '../modules/schedule/schedule-activity.entity';
import { Submission } from '../modules/submissions/submission.entity';
import { RequiredActivity } from '../modules/compliance/required-activity.entity';
import { MorningSession } from '../modules/morning-sessions/morning-session.entity';
import { ActivityProgress } from '../modules/schedule/activity-progress.entity';
import { ComplianceEvaluation } from '../modules/compliance/compliance-evaluation.entity';
import { ComplianceExcuse } from '../modules/compliance/compliance-excuse.entity';
import { MorningSessionSignup } from '../modules/morning-sessions/morning-session-signup.entity';
import { Feedback } from '../modules/submissions/feedback.entity';
import { ReviewTarget } from '../modules/submissions/review-target.entity';
import { Meeting, MeetingChange, WorkingHours } from '../modules/meetings/meeting.entity';
import { CoachingEvent, Rsvp } from '../modules/events/coaching-event.entity';
import { CalendarFeed } from '../modules/calendar/calendar-feed.entity';
import { AuditEntry } from '../modules/audit/audit-entry.entity';
import { CoachAlert, HuntrAction, HuntrMemberAlias, JobActivity } from '../modules/job-search/job-activity.entity';
import { HuntrKeptAction, HuntrMember, HuntrSyncState } from '../modules/job-search/huntr.entity';
import { ApiClient, ApiClientKey } from '../modules/api-clients/api-client.entity';
import { EndedSession } from '../modules/users/ended-session.entity';
import { IdempotencyKey } from '../modules/idempotency/idempotency-key.entity';
import { CaughtMail, Notification, NotificationDelivery, NotificationPreference, NotificationSettings } from '../modules/notifications/notification.entity';
import { WebhookDelivery, WebhookEndpoint } from '../modules/notifications/webhook.entity';
import { CoachNote } from '../modules/learners/coach-note.entity';
import { FeedbackSnippet } from '../modules/submissions/feedback-snippet.entity';
import { migrationsList } from './migrations';

/** Every entity, listed (no folder scanning): the same list works from TypeScript, a build, and tests. */
export const entities = [IdempotencyKey, User, Learner, StatusChange, ScheduleBlock, ScheduleActivity, Submission, RequiredActivity, MorningSession,
  ActivityProgress, ComplianceEvaluation, ComplianceExcuse, MorningSessionSignup, Feedback, ReviewTarget,
  Meeting, MeetingChange, WorkingHours, CoachingEvent, Rsvp, CalendarFeed, AuditEntry,
  JobActivity, HuntrAction, CoachAlert, HuntrMemberAlias, ApiClient, ApiClientKey, EndedSession, HuntrKeptAction, HuntrMember, HuntrSyncState,
  Notification, NotificationDelivery, NotificationPreference, NotificationSettings, CaughtMail, WebhookEndpoint, WebhookDelivery,
  CoachNote, FeedbackSnippet];

export function ormConfig(clientUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList,
      path: 'src/db/migrations',
      pathTs: 'src/db/migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      // Our own logger reports what was applied ("migrations applied"), as one structured line.
      silent: true,
    },
    // One pool per process; small by default so many replicas fit one PostgreSQL.
    pool: { min: 0, max: 10 },
    forceUtcTimezone: true,
    // Not entities: graphile-worker owns its schema and migrates it itself; rate_limits holds the limiters' counters.
    // ON UPDATE CASCADE on foreign keys was MikroORM 6's default, and the landed migrations created every key with it.
    // Triggers are the migrations' own (append-only tables): MikroORM 7 would diff them, 6 never did. So are SQL
    // functions (compact_json): MikroORM 7.2 would otherwise propose dropping each one in every new migration.
    schemaGenerator: { ignoreSchema: ['graphile_worker', 'rate_limits'], defaultUpdateRule: 'cascade', ignoreTriggers: true, ignoreRoutines: true },
    allowGlobalContext: false,
    ...overrides,
  });
}
