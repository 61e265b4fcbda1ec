import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ComplianceService } from './compliance.service';
import type { RequiredActivityStatus } from './compliance.types';
import { ComplianceExcuse } from './compliance-excuse.entity';
import type { ComplianceEvaluation } from './compliance-evaluation.entity';

/** Per-request batching of required activities and compliance history across learners. */
export function createComplianceLoaders(em: EntityManager, now: () => Date) {
  return {
    /** Keyed "learnerId:moduleWeek". */
    requiredActivities: new DataLoader<string, RequiredActivityStatus[]>((keys) =>
      new ComplianceService(em, now).statusFor(keys.map((k) => ({ learnerId: k.split(':')[0], week: Number(k.split(':')[1]) }))),
    ),
    complianceHistory: new DataLoader<string, ComplianceEvaluation[]>((learnerIds) => new ComplianceService(em, now).historyFor(learnerIds)),
    complianceExcuses: new DataLoader<string, ComplianceExcuse[]>(async (learnerIds) => {
      const excuses = await em.find(ComplianceExcuse, { learner: { $in: [...learnerIds] } }, { orderBy: { moduleWeek: 'desc' } });
      return learnerIds.map((id) => excuses.filter((x) => x.learner.id === id));
    }),
  };
}
