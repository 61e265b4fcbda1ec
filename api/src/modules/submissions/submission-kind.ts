import { registerEnumType } from 'type-graphql';

export enum SubmissionKind {
  SMART_GOALS = 'SMART_GOALS',
  JOB_SEARCH_ANALYSIS = 'JOB_SEARCH_ANALYSIS',
  WEEKLY_RETROSPECTIVE = 'WEEKLY_RETROSPECTIVE',
  APPLICATION_MATERIAL = 'APPLICATION_MATERIAL',
}

registerEnumType(SubmissionKind, {
  name: 'SubmissionKind',
  description: 'What an assignment sent to the career coaches is.',
  valuesConfig: {
    SMART_GOALS: { description: 'Job-searching SMART goals (required in module week 1).' },
    JOB_SEARCH_ANALYSIS: { description: 'An analysis of the job-search funnel (required in module week 4).' },
    WEEKLY_RETROSPECTIVE: { description: 'The weekly retrospective (required every week).' },
    APPLICATION_MATERIAL: { description: 'A CV, cover letter or portfolio, by link (optional).' },
  },
});
