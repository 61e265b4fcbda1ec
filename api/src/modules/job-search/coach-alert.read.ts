import { readType, through } from '../../read/declare';
import { offsetListSql } from '../../read/connection';
import { readRoots, type RootSql } from '../../read/root';
import { LearnerRead } from '../learners/learner.read';
import { CoachAlert } from './job-activity.entity';
import { alertConditions } from './job-activity.service';

export const CoachAlertRead = readType(CoachAlert, 'coach_alerts', {
  learner: through({ property: 'learner', target: () => LearnerRead, description: 'The learner.' }),
});

/**
 * Coach alerts (`coachAlerts`), newest first, compiled: one statement, the alerts the viewer sees (alertConditions)
 * and JSON for them. There are no pages: open alerts are few, and a coach acts on each. Its resolver asks the same
 * SQL for the alerts' ids (listAnswer).
 */
export const coachAlertRoots: Record<'coachAlerts', RootSql> = {
  async coachAlerts(args, ctx, node, scope) {
    if (!ctx.viewer || typeof args.openOnly !== 'boolean') return null;
    const where = alertConditions(ctx.viewer, args.openOnly);
    const source = { typeName: 'CoachAlert', table: 'coach_alerts', alias: 'c', where: scope.params.inline(where.sql, where.params) };
    return offsetListSql(source, 'c.created_at desc, c.id desc', { limit: null, offset: 0 }, node, scope);
  },
};

readRoots(coachAlertRoots);
