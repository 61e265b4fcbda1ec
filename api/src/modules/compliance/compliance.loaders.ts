import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ComplianceService } from './compliance.service';
import { ComplianceExcuse } from './compliance-excuse.entity';
import type { ComplianceEvaluation } from './compliance-evaluation.entity';

/** Per-request batching of compliance history and excuses across learners. */
export function createComplianceLoaders(em: EntityManager, now: () => Date) {
  return {
    complianceHistory: new DataLoader<string, ComplianceEvaluation[]>((learnerIds) => new ComplianceService(em, now).historyFor(learnerIds)),
    complianceExcuses: new DataLoader<string, ComplianceExcuse[]>(async (learnerIds) => {
      const excuses = await em.find(ComplianceExcuse, { learner: { $in: [...learnerIds] } }, { orderBy: { moduleWeek: 'desc' } });
      return learnerIds.map((id) => excuses.filter((x) => x.learner.id === id));
    }),
  };
}
