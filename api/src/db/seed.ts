import type { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { Role, User } from '../modules/users/user.entity';
import { Learner } from '../modules/learners/learner.entity';
import { StatusChange } from '../modules/learners/status-change.entity';
import { EnrollmentStatus, StatusChangeSource } from '../modules/learners/enrollment-status';
import { hashPassword } from '../auth/password';
import { moduleWeekAt, moduleWeekRange } from '../common/module-time';
import { BlockKind, ScheduleBlock } from '../modules/schedule/schedule-block.entity';
import { ScheduleActivity } from '../modules/schedule/schedule-activity.entity';
import { Submission } from '../modules/submissions/submission.entity';
import { SubmissionKind } from '../modules/submissions/submission-kind';
import { FeedbackDecision, SubmissionStatus } from '../modules/submissions/submission-status';
import { Feedback } from '../modules/submissions/feedback.entity';
import type { SubmissionContentJson } from '../modules/submissions/submission.entity';
import { ASSIGNED_COACH_HOURS } from '../modules/submissions/submission.service';
import { addWorkingHours } from '../common/working-time';
import { ComplianceEvaluation } from '../modules/compliance/compliance-evaluation.entity';
import { ComplianceExcuse } from '../modules/compliance/compliance-excuse.entity';
import { seedJobSearch } from './seed-job-search';
import { seedCalendar } from './seed-calendar';

type TemplateBlock = [title: string, kind: BlockKind, start: string, end: string, activities: [title: string, minutes: number, required: boolean, description?: string][]];

/** The daily road map of the module, Monday to Friday (the seed text's blocks). */
const WEEKDAY_TEMPLATE: TemplateBlock[] = [
  ['Morning session — peer practice', BlockKind.MORNING_SESSION, '09:00', '10:00', [
    ['Practise a technical or behavioral interview with your peer', 50, false, 'Sign up the day before; you are paired at 08:45.'],
  ]],
  ['Applications', BlockKind.WORK_BLOCK, '10:00', '12:00', [
    ['Apply to 3 jobs that match your target role', 90, false],
    ['Log every application in Huntr', 10, true, 'Your progress page counts only what Huntr knows.'],
  ]],
  ['Networking', BlockKind.WORK_BLOCK, '13:00', '14:00', [
    ['Send 2 personalised LinkedIn connection requests', 20, false],
    ['Follow up with one contact from last week', 15, false],
  ]],
  ['Coding challenges', BlockKind.WORK_BLOCK, '14:00', '15:30', [
    ['Solve one easy and one medium challenge', 75, false],
  ]],
  ['Interview prep', BlockKind.WORK_BLOCK, '15:30', '17:00', [
    ['Rehearse your "tell me about yourself" answer', 20, false],
    ['Research the companies you applied to today', 40, false],
  ]],
];

const FRIDAY_EXTRA: TemplateBlock = ['Weekly retrospective', BlockKind.WORK_BLOCK, '17:00', '17:30', [
  ['Write and send your weekly retrospective', 30, true, 'What you achieved against last week\'s goals, your blockers, and your commitments for next week.'],
]];

function seedTemplate(tx: EntityManager, now: Date): void {
  for (let weekday = 1; weekday <= 5; weekday++) {
    const blocks = weekday === 5 ? [...WEEKDAY_TEMPLATE, FRIDAY_EXTRA] : WEEKDAY_TEMPLATE;
    blocks.forEach(([title, kind, start, end, activities], position) => {
      const block = tx.create(ScheduleBlock, { weekday, position, title, kind, startsAt: start, endsAt: end, createdAt: now });
      activities.forEach(([activityTitle, minutes, required, description], i) =>
        tx.create(ScheduleActivity, { block, position: i, title: activityTitle, minutes, required, description: description ?? '', createdAt: now }),
      );
    });
  }
}

/** The kinds the module requires in a week (the three rules the first migration of the road map inserts). */
const requiredKinds = (week: number) => [
  ...(week === 1 ? [SubmissionKind.SMART_GOALS] : []),
  ...(week === 4 ? [SubmissionKind.JOB_SEARCH_ANALYSIS] : []),
  SubmissionKind.WEEKLY_RETROSPECTIVE,
];

export const DEMO_PASSWORD = 'waypoint-demo';

export const DEMO_LOGINS = [
  { role: 'STAFF', email: 'staff@waypoint.test' },
  { role: 'COACH', email: 'coach@waypoint.test' },
  { role: 'LEARNER', email: 'learner@waypoint.test' },
] as const;

const COACHES = [
  { name: 'Amara Okafor', email: 'coach@waypoint.test', timeZone: 'Africa/Lagos' },
  { name: 'Diego Ramírez', email: 'diego.ramirez@waypoint.test', timeZone: 'America/Bogota' },
  { name: 'Lena Fischer', email: 'lena.fischer@waypoint.test', timeZone: 'Europe/Berlin' },
  { name: 'Priya Natarajan', email: 'priya.natarajan@waypoint.test', timeZone: 'Asia/Kolkata' },
];

const FIRST = ['Aisha', 'Mateo', 'Chidi', 'Sofia', 'Ravi', 'Fatima', 'Lucas', 'Nia', 'Omar', 'Camila', 'Kofi', 'Ana',
  'Tariq', 'Elena', 'Juan', 'Zainab', 'Samuel', 'Mariana', 'Emeka', 'Leila', 'Carlos', 'Wanjiru', 'Arjun', 'Gabriela',
  'Yusuf', 'Isabela', 'Tunde', 'Hana', 'Pedro', 'Amina'];
const LAST = ['Bello', 'García', 'Nwosu', 'Rossi', 'Sharma', 'Haddad', 'Silva', 'Kamau', 'Farouk', 'López', 'Boateng',
  'Santos', 'Aziz', 'Petrova', 'Morales', 'Abubakar', 'Otieno', 'Costa', 'Eze', 'Mansour'];
const ZONES = ['Africa/Lagos', 'America/Bogota', 'Europe/Berlin', 'Asia/Kolkata', 'America/Sao_Paulo', 'Africa/Nairobi',
  'Asia/Manila', 'Europe/London', 'America/Mexico_City', 'Africa/Cairo', 'America/New_York', 'Asia/Karachi'];

/** A small deterministic generator, so every demo database looks the same. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How a learner got to their current status: each step becomes a history row. */
const STORIES: { status: EnrollmentStatus; steps: { to: EnrollmentStatus; source: StatusChangeSource; reason: string }[] }[] = [
  { status: EnrollmentStatus.ENROLLED, steps: [] },
  {
    status: EnrollmentStatus.AT_RISK,
    steps: [{ to: EnrollmentStatus.AT_RISK, source: StatusChangeSource.EVALUATION, reason: 'missing: Weekly retrospective' }],
  },
  {
    status: EnrollmentStatus.SUSPENDED,
    steps: [
      { to: EnrollmentStatus.AT_RISK, source: StatusChangeSource.EVALUATION, reason: 'missing: Weekly retrospective' },
      { to: EnrollmentStatus.SUSPENDED, source: StatusChangeSource.EVALUATION, reason: 'missing: Weekly retrospective' },
    ],
  },
  {
    status: EnrollmentStatus.PAUSED,
    steps: [{ to: EnrollmentStatus.PAUSED, source: StatusChangeSource.MANUAL, reason: 'Family leave for two weeks, agreed on a 1:1' }],
  },
  {
    status: EnrollmentStatus.HIRED,
    steps: [{ to: EnrollmentStatus.HIRED, source: StatusChangeSource.MANUAL, reason: 'Accepted a frontend developer offer' }],
  },
  {
    status: EnrollmentStatus.WITHDRAWN,
    steps: [{ to: EnrollmentStatus.WITHDRAWN, source: StatusChangeSource.MANUAL, reason: 'Left the program to study full time' }],
  },
];
// About 60 learners: most enrolled, a realistic spread of the rest.
const STORY_MIX = [0, 0, 0, 0, 0, 1, 0, 0, 1, 2, 0, 3, 0, 1, 4, 0, 0, 5, 0, 1];

/** What each kind of demo submission says (the structured content the kind requires). */
const DEMO_CONTENT: Record<SubmissionKind, SubmissionContentJson> = {
  [SubmissionKind.SMART_GOALS]: {
    smartGoals: {
      longTermGoal: 'A frontend developer role at a product company within 4 months.',
      midTermGoal: 'Reach 10 first-round interviews within 6 weeks.',
      goals: [
        { area: 'APPLICATIONS', statement: 'Apply to 15 jobs a week that match my React and TypeScript stack', weeklyTarget: 15 },
        { area: 'PORTFOLIO_PROJECTS', statement: 'Ship one portfolio feature a week with tests and a write-up', weeklyTarget: 1 },
        { area: 'INTERVIEW_PRACTICE', statement: 'Do 2 mock interviews a week in morning sessions', weeklyTarget: 2 },
        { area: 'NETWORKING', statement: 'Connect with 5 developers at companies I apply to', weeklyTarget: 5 },
      ],
    },
  },
  [SubmissionKind.JOB_SEARCH_ANALYSIS]: {
    analysis: {
      applications: 48, responses: 9, phoneScreens: 2, interviews: 1, offers: 0, failingStage: 'PHONE_SCREENS',
      diagnosis: 'Responses come, but few become phone screens: my CV does not show impact. Rewriting it with numbers this week.',
    },
  },
  [SubmissionKind.WEEKLY_RETROSPECTIVE]: {
    retrospective: {
      achievements: '14 of 15 applications, 2 mock interviews, one portfolio feature shipped.',
      challenges: 'Take-home tests eat my mornings.',
      nextWeekCommitments: '15 applications, timebox take-homes to 4 hours.',
      doDifferently: 'Ask for feedback after every rejection.',
    },
  },
  [SubmissionKind.APPLICATION_MATERIAL]: {
    material: { materialType: 'CV', link: 'https://example.org/cv.pdf', note: 'Does my summary sell the career change?' },
  },
};

const DEMO_FEEDBACK = {
  [FeedbackDecision.APPROVED]: 'Clear and measurable. Keep your weekly targets visible and review them every Friday.',
  [FeedbackDecision.NEEDS_WORK]: 'Good start. Make the networking goal measurable (how many, by when) and resubmit.',
};

/**
 * A demo submission as it would stand by now: retrospectives recorded without review; older SMART goals and
 * analyses reviewed (most approved), recent ones waiting in the queue, some claimed.
 */
function seedSubmission(
  tx: EntityManager,
  d: {
    learner: Learner; user: User; coach: User; kind: SubmissionKind; submittedAt: Date; now: Date; rand: () => number;
    /** Draws for what the first seed did not have (resubmissions), so the learners' story draws stay as they were. */
    more: () => number; previous?: Submission; stopAt?: Date;
  },
): void {
  const ageHours = (d.now.getTime() - d.submittedAt.getTime()) / 3_600_000;
  const reviewRequested = !!d.previous || d.kind !== SubmissionKind.WEEKLY_RETROSPECTIVE || d.rand() < 0.1;
  const submission = tx.create(Submission, {
    learner: d.learner, kind: d.kind, content: DEMO_CONTENT[d.kind], submittedAt: d.submittedAt, submittedBy: d.user,
    assignedCoach: d.coach, openToAllAt: addWorkingHours(d.submittedAt, ASSIGNED_COACH_HOURS, d.coach.timeZone),
    reviewRequested, status: reviewRequested ? SubmissionStatus.SUBMITTED : SubmissionStatus.NO_REVIEW,
    previous: d.previous ?? null, versionNumber: d.previous ? d.previous.versionNumber + 1 : 1,
  });
  if (!reviewRequested) return;
  if (ageHours > 72) {
    const decision = d.rand() < (d.previous ? 0.9 : 0.8) ? FeedbackDecision.APPROVED : FeedbackDecision.NEEDS_WORK;
    const reviewedAt = new Date(d.submittedAt.getTime() + (12 + d.rand() * 40) * 3_600_000);
    tx.create(Feedback, { submission, revision: 1, decision, body: DEMO_FEEDBACK[decision], author: d.coach, createdAt: reviewedAt });
    Object.assign(submission, {
      status: decision === FeedbackDecision.APPROVED ? SubmissionStatus.REVIEWED : SubmissionStatus.CHANGES_REQUESTED,
      claimedBy: d.coach, claimedAt: reviewedAt, reviewedAt, revision: 3,
    });
    // (Never a retrospective: a later one would count as the next week's.)
    // Most learners asked for changes resubmit a day or two after the feedback (while they are still active):
    // the new version, linked to this one, is reviewed or waits in the queue by its own age.
    const resubmittedAt = new Date(reviewedAt.getTime() + (20 + d.more() * 40) * 3_600_000);
    if (decision === FeedbackDecision.NEEDS_WORK && d.kind !== SubmissionKind.WEEKLY_RETROSPECTIVE && d.more() < 0.7 && resubmittedAt < d.now && (!d.stopAt || resubmittedAt < d.stopAt)) {
      seedSubmission(tx, { ...d, rand: d.more, submittedAt: resubmittedAt, previous: submission });
    }
  } else if (d.rand() < 0.3) {
    Object.assign(submission, { status: SubmissionStatus.IN_REVIEW, claimedBy: d.coach, claimedAt: new Date(d.now.getTime() - 3_600_000), revision: 2 });
  }
}


/** Seeds the demo program (staff, 4 coaches, 60 learners with history) when the database has no users yet. */
export async function seedDemo(em: EntityManager, now: Date): Promise<{ seeded: boolean; learners: number }> {
  if ((await em.count(User, {})) > 0) return { seeded: false, learners: 0 };
  const rand = prng(20261128);
  // Everything added to the demo after its first version draws from here, so the learners above stay as they were.
  const more = prng(20261207);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return em.transactional(async (tx) => {
    const staff = tx.create(User, { email: 'staff@waypoint.test', name: 'Nadia Haddad', role: Role.STAFF, timeZone: 'Europe/London', passwordHash, active: true });
    const coaches = COACHES.map((c) => tx.create(User, { ...c, role: Role.COACH, passwordHash, active: true }));
    // Modules started on Mondays from this week back to 12 weeks ago.
    const thisMonday = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('week');
    seedTemplate(tx, now);
    const learners: Learner[] = [];
    for (let i = 0; i < 60; i++) {
      const first = FIRST[i % FIRST.length];
      const last = LAST[(i * 7) % LAST.length];
      const name = `${first} ${last}`;
      const email = i === 0 ? 'learner@waypoint.test' : `${first}.${last}.${i}@example.org`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
      const timeZone = ZONES[i % ZONES.length];
      const weeksAgo = i === 0 ? 2 : Math.floor(rand() * 13);
      const moduleStartDate = thisMonday.minus({ weeks: weeksAgo }).toISODate()!;
      const story = STORIES[i === 0 ? 0 : STORY_MIX[i % STORY_MIX.length]];
      const coach = coaches[i % coaches.length];
      const enrolledAt = DateTime.fromISO(moduleStartDate, { zone: timeZone }).minus({ days: 3 }).toJSDate();
      const user = tx.create(User, { email, name, role: Role.LEARNER, timeZone, passwordHash, active: true });
      const learner = tx.create(Learner, {
        user, coach, timeZone, moduleStartDate, status: EnrollmentStatus.ENROLLED, statusChangedAt: enrolledAt, createdAt: enrolledAt,
      });
      tx.create(StatusChange, {
        learner, fromStatus: null, toStatus: EnrollmentStatus.ENROLLED, reason: 'Enrolled in the advanced job-searching module',
        source: StatusChangeSource.ENROLLMENT, changedBy: staff, moduleWeek: null, createdAt: enrolledAt,
      });
      // Each later step happens at the end of a module week the learner has already lived through.
      const weeksLived = Math.max(0, (moduleWeekAt(moduleStartDate, timeZone, now) ?? 1) - 1);
      let from = EnrollmentStatus.ENROLLED;
      const steps = weeksLived >= story.steps.length ? story.steps : [];
      const stepWeek = (k: number) => weeksLived - steps.length + k + 1;
      steps.forEach((step, k) => {
        const week = stepWeek(k);
        const at = step.source === StatusChangeSource.EVALUATION
          ? moduleWeekRange(moduleStartDate, timeZone, week).end
          : new Date(moduleWeekRange(moduleStartDate, timeZone, week).end.getTime() - 36e5 * 30);
        tx.create(StatusChange, {
          learner, fromStatus: from, toStatus: step.to, reason: step.reason, source: step.source,
          changedBy: step.source === StatusChangeSource.MANUAL ? coach : null,
          moduleWeek: step.source === StatusChangeSource.EVALUATION ? week : moduleWeekAt(moduleStartDate, timeZone, at), createdAt: at,
        });
        from = step.to;
        learner.status = step.to;
        learner.statusChangedAt = at;
      });

      // Submissions and evaluations of every week lived, consistent with the story: a week the evaluation
      // flagged lacks its retrospective; a week ended after a manual pause, hire or withdrawal was not evaluated.
      let status: EnrollmentStatus = EnrollmentStatus.ENROLLED;
      for (let week = 1; week <= weeksLived + 1; week++) {
        const range = moduleWeekRange(moduleStartDate, timeZone, week);
        const k = steps.findIndex((_, j) => stepWeek(j) === week);
        const step = k >= 0 ? steps[k] : undefined;
        const current = week === weeksLived + 1;
        const flagged = step?.source === StatusChangeSource.EVALUATION;
        const kinds = requiredKinds(week).filter((kind) => !(flagged && kind === SubmissionKind.WEEKLY_RETROSPECTIVE));
        if (![EnrollmentStatus.PAUSED, EnrollmentStatus.HIRED, EnrollmentStatus.WITHDRAWN].includes(status)) {
          for (const kind of kinds) {
            // This week: about half have sent theirs so far (the demo learner has not).
            if (current && (i === 0 || rand() < 0.5)) continue;
            const latest = current ? Math.min(now.getTime(), range.end.getTime()) : range.end.getTime();
            const submittedAt = new Date(range.start.getTime() + rand() * (latest - range.start.getTime()));
            seedSubmission(tx, { learner, user, coach, kind, submittedAt, now, rand, more });
          }
        }
        if (current) {
          // Application material waiting for review: some fresh, some past the 48-hour target.
          if ([EnrollmentStatus.ENROLLED, EnrollmentStatus.AT_RISK].includes(status) && rand() < 0.3) {
            const submittedAt = new Date(now.getTime() - (1 + rand() * 69) * 3_600_000);
            seedSubmission(tx, { learner, user, coach, kind: SubmissionKind.APPLICATION_MATERIAL, submittedAt, now, rand, more });
          }
          break;
        }
        const to: EnrollmentStatus = step ? step.to : status;
        if (step?.source !== StatusChangeSource.MANUAL && [EnrollmentStatus.ENROLLED, EnrollmentStatus.AT_RISK, EnrollmentStatus.SUSPENDED].includes(status)) {
          tx.create(ComplianceEvaluation, {
            learner, moduleWeek: week, weekStart: range.start, weekEnd: range.end, missing: flagged ? ['Weekly retrospective'] : [],
            fromStatus: status, toStatus: to, evaluatedAt: new Date(range.end.getTime() + 6e5),
          });
        }
        status = to;
      }
      learners.push(learner);
    }
    seedCalendar(tx, { now, coaches, learners, staff });
    // A coach excused one learner's current week (an on-site interview trip), kept for the evaluation to record.
    const excused = learners.find((l, i) => i > 0 && l.coach.getEntity() === coaches[0] && l.status === EnrollmentStatus.ENROLLED
      && (moduleWeekAt(l.moduleStartDate, l.timeZone, now) ?? 0) >= 2);
    if (excused) {
      tx.create(ComplianceExcuse, {
        learner: excused, moduleWeek: moduleWeekAt(excused.moduleStartDate, excused.timeZone, now)!, excusedBy: coaches[0], createdAt: now,
        reason: 'Final-round interviews on site in Lisbon all week; the retrospective can wait, agreed on a 1:1.',
      });
    }
    await tx.flush();
    const searchers = learners.map((l) => ({
      name: l.user.getEntity().name, email: l.user.getEntity().email, status: l.status, statusChangedAt: l.statusChangedAt,
      moduleStartDate: l.moduleStartDate, timeZone: l.timeZone,
    }));
    // The Huntr path works in SQL, one savepoint per action: an empty identity map keeps each one cheap.
    tx.clear();
    await seedJobSearch(tx, { now, learners: searchers, more });
    return { seeded: true, learners: learners.length };
  });
}
