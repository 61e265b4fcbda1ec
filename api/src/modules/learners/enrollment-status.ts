import { registerEnumType } from 'type-graphql';

export enum EnrollmentStatus {
  ENROLLED = 'ENROLLED',
  AT_RISK = 'AT_RISK',
  SUSPENDED = 'SUSPENDED',
  PAUSED = 'PAUSED',
  HIRED = 'HIRED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(EnrollmentStatus, {
  name: 'EnrollmentStatus',
  description: "A job searcher's standing in the module. The weekly compliance evaluation only moves ENROLLED, AT_RISK and SUSPENDED.",
  valuesConfig: {
    ENROLLED: { description: 'In good standing.' },
    AT_RISK: { description: "Missed a week's required activities; missing the next week's too suspends." },
    SUSPENDED: { description: 'Missed required activities two weeks running.' },
    PAUSED: { description: 'Paused by a coach or staff (e.g. leave); never changed by the evaluation.' },
    HIRED: { description: 'Found a job; never changed by the evaluation.' },
    WITHDRAWN: { description: 'Left the program; never changed by the evaluation.' },
  },
});

export enum StatusChangeSource {
  ENROLLMENT = 'ENROLLMENT',
  MANUAL = 'MANUAL',
  EVALUATION = 'EVALUATION',
}

registerEnumType(StatusChangeSource, {
  name: 'StatusChangeSource',
  description: 'What made a status change.',
  valuesConfig: {
    ENROLLMENT: { description: 'The learner was enrolled (the first row of every history).' },
    MANUAL: { description: 'A coach or staff member set the status by hand, with a reason.' },
    EVALUATION: { description: 'The end-of-week compliance evaluation.' },
  },
});
