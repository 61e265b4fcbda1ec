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
import { Meeting, MeetingChange } from '../modules/meetings/meeting.entity';
import { MeetingStatus, MeetingTopic } from '../modules/meetings/meeting.enums';
import { Attendance, CoachingEvent, EventType, Rsvp, RsvpStatus } from '../modules/events/coaching-event.entity';
import { ComplianceEvaluation } from '../modules/compliance/compliance-evaluation.entity';
import { ComplianceExcuse } from '../modules/compliance/compliance-excuse.entity';
import { receiveHuntrAction, type HuntrPayload } from '../modules/job-search/huntr';

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

/**
 * Meeting requests (one urgent offer), this week's scheduled 1:1s and upcoming coaching events with RSVPs,
 * placed on half hours in the coming working days so they never overlap.
 */
function seedCalendar(tx: EntityManager, d: { now: Date; coaches: User[]; learners: Learner[]; staff: User }): void {
  const day = (n: number, hourUtc: number) => DateTime.fromJSDate(d.now, { zone: 'utc' }).startOf('day').plus({ days: n }).set({ hour: hourUtc }).toJSDate();
  const active = d.learners.filter((l) => [EnrollmentStatus.ENROLLED, EnrollmentStatus.AT_RISK].includes(l.status));
  const topics = [MeetingTopic.OFFER, MeetingTopic.INTERVIEW_PREP, MeetingTopic.APPLICATION_MATERIAL, MeetingTopic.GENERAL];
  active.slice(0, 8).forEach((learner, i) => {
    const coach = learner.coach.getEntity();
    const windows = [{ startsAt: day(2 + (i % 3), 13), endsAt: day(2 + (i % 3), 17) }, { startsAt: day(3 + (i % 3), 14), endsAt: day(3 + (i % 3), 16) }];
    const requestedAt = new Date(d.now.getTime() - (i + 1) * 5 * 3_600_000);
    const meeting = tx.create(Meeting, {
      learner, coach, topic: topics[i % topics.length], windows, requestedAt, updatedAt: requestedAt,
      note: i % topics.length === 0 ? 'I got an offer from a fintech and need to answer by Friday.' : 'I would like feedback on my approach.',
    });
    tx.create(MeetingChange, { meeting, fromStatus: null, toStatus: MeetingStatus.REQUESTED, note: 'requested', changedBy: learner.user.getEntity(), changedAt: requestedAt });
    if (i >= 4) {
      // Scheduled in the first window, one per coach and hour.
      const startsAt = new Date(windows[0].startsAt.getTime() + (i - 4) * 3_600_000);
      Object.assign(meeting, { status: MeetingStatus.SCHEDULED, startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000), videoLink: 'https://meet.example.org/waypoint-demo', sequence: 1 });
      tx.create(MeetingChange, { meeting, fromStatus: MeetingStatus.REQUESTED, toStatus: MeetingStatus.SCHEDULED, note: 'scheduled', changedBy: coach, changedAt: requestedAt });
    }
  });
  const events: [EventType, string, number, number, number][] = [
    [EventType.WORKSHOP, 'Negotiating your first offer', 1, 18, 20],
    [EventType.Q_AND_A, 'Open Q&A with the career coaches', 4, 16, 40],
    [EventType.MOCK_INTERVIEW, 'Behavioral mock interviews', 6, 15, 6],
  ];
  events.forEach(([type, title, inDays, hour, capacity], i) => {
    const startsAt = day(inDays, hour);
    const event = tx.create(CoachingEvent, {
      type, title, facilitator: d.coaches[i % d.coaches.length], startsAt, endsAt: new Date(startsAt.getTime() + 60 * 60_000), capacity,
      link: 'https://meet.example.org/waypoint-events', description: 'Bring your questions; the session is recorded for those who cannot come.',
      createdAt: d.now, updatedAt: d.now,
    });
    active.slice(0, Math.min(active.length, capacity + 2)).forEach((learner, k) =>
      tx.create(Rsvp, { event, learner, status: k < capacity ? RsvpStatus.SEATED : RsvpStatus.WAITLISTED, queuedAt: new Date(d.now.getTime() - (60 - k) * 60_000) }),
    );
  });

  // Last week's 1:1s as they ended (held, missed, declined, cancelled by the learner), each on its own hour of a past day.
  const past: [MeetingStatus, string | null][] = [
    [MeetingStatus.COMPLETED, 'Rehearsed the salary conversation; the learner will counter at the top of the band.'],
    [MeetingStatus.COMPLETED, 'Rewrote the CV summary around two measurable projects.'],
    [MeetingStatus.NO_SHOW, null],
    [MeetingStatus.DECLINED, 'These windows fall on my leave; please ask Diego, who covers my learners this week.'],
    [MeetingStatus.CANCELLED, 'Got the answer I needed from the Q&A.'],
    [MeetingStatus.COMPLETED, 'Planned the week around three take-home tests.'],
  ];
  active.slice(8, 8 + past.length).forEach((learner, i) => {
    const coach = learner.coach.getEntity();
    const [status, text] = past[i];
    const startsAt = day(-(1 + (i % 5)), 9 + i);
    const windows = [{ startsAt: new Date(startsAt.getTime() - 3_600_000), endsAt: new Date(startsAt.getTime() + 3 * 3_600_000) }];
    const requestedAt = new Date(startsAt.getTime() - 3 * 86_400_000);
    const decidedAt = new Date(requestedAt.getTime() + 5 * 3_600_000);
    const meeting = tx.create(Meeting, {
      learner, coach, topic: topics[(i + 1) % topics.length], windows, requestedAt, updatedAt: decidedAt, status,
      note: 'Could we look at this together before my next interviews?',
    });
    tx.create(MeetingChange, { meeting, fromStatus: null, toStatus: MeetingStatus.REQUESTED, note: 'requested', changedBy: learner.user.getEntity(), changedAt: requestedAt });
    if (status === MeetingStatus.DECLINED || status === MeetingStatus.CANCELLED) {
      Object.assign(meeting, { reason: text });
      const by = status === MeetingStatus.DECLINED ? coach : learner.user.getEntity();
      tx.create(MeetingChange, { meeting, fromStatus: MeetingStatus.REQUESTED, toStatus: status, note: text!, changedBy: by, changedAt: decidedAt });
      return;
    }
    const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
    Object.assign(meeting, { startsAt, endsAt, videoLink: 'https://meet.example.org/waypoint-demo', sequence: 1, outcomeNotes: text, updatedAt: endsAt });
    tx.create(MeetingChange, { meeting, fromStatus: MeetingStatus.REQUESTED, toStatus: MeetingStatus.SCHEDULED, note: 'scheduled', changedBy: coach, changedAt: decidedAt });
    tx.create(MeetingChange, { meeting, fromStatus: MeetingStatus.SCHEDULED, toStatus: status, note: text ?? 'The learner did not come.', changedBy: coach, changedAt: endsAt });
  });

  // A workshop held three days ago, its attendance recorded by the facilitator.
  const heldAt = day(-3, 17);
  const held = tx.create(CoachingEvent, {
    type: EventType.WORKSHOP, title: 'Turning rejections into feedback', facilitator: d.coaches[1], startsAt: heldAt,
    endsAt: new Date(heldAt.getTime() + 60 * 60_000), capacity: 12, link: 'https://meet.example.org/waypoint-events',
    description: 'How to ask for feedback after a rejection, and what to do with it.', createdAt: new Date(heldAt.getTime() - 7 * 86_400_000),
    updatedAt: heldAt,
  });
  active.slice(10, 21).forEach((learner, k) =>
    tx.create(Rsvp, {
      event: held, learner, status: RsvpStatus.SEATED, queuedAt: new Date(heldAt.getTime() - (6 * 86_400_000 - k * 3_600_000)),
      attendance: k % 4 === 3 ? Attendance.ABSENT : Attendance.ATTENDED,
    }),
  );
}

const COMPANIES = ['Paystack', 'Nubank', 'Zalando', 'Razorpay', 'MercadoLibre', 'Andela', 'Thoughtworks', 'Kuda', 'Rappi', 'Delivery Hero',
  'Freshworks', 'Flutterwave', 'Globant', 'N26', 'Swiggy', 'Jumia', 'Gympass', 'Personio', 'Zoho', 'Moniepoint'];
const ROLES = ['Frontend Developer', 'Junior Full-Stack Developer', 'React Developer', 'Software Engineer I', 'Backend Developer (Node.js)',
  'Web Developer', 'Graduate Software Engineer'];
const DAY_MS = 86_400_000;

/**
 * The last three weeks of job search as Huntr would have delivered it: each application and interview an Action in
 * the shape Huntr's reference documents, taken in through the webhook's own path (receiveHuntrAction), so the
 * activities, the "last Huntr action" that tells who is quiet, and the offer alerts follow the same rules as live.
 * Most active learners apply every weekday; some have gone quiet for 5+ days (always learner 4, one of the demo
 * coach's); the suspended and paused have stopped; the hired got their offer before the hire; two learners still
 * searching have an offer this week.
 */
interface Searcher {
  name: string;
  email: string;
  status: EnrollmentStatus;
  statusChangedAt: Date;
  moduleStartDate: string;
  timeZone: string;
}

async function seedJobSearch(tx: EntityManager, d: { now: Date; learners: Searcher[]; more: () => number }): Promise<void> {
  const { now, more } = d;
  const actions: HuntrPayload[] = [];
  const pick = <T>(list: T[]) => list[Math.floor(more() * list.length)];
  const sec = (at: Date) => Math.floor(at.getTime() / 1000);
  let n = 0;
  d.learners.forEach((learner, i) => {
    const [givenName, ...rest] = learner.name.split(' ');
    const member = { id: `demo-member-${i}`, email: learner.email, givenName, familyName: rest.join(' ') };
    const action = (type: string, category: string, at: Date, job: { id: string; title: string; employer: string }, activity: { startAt?: Date; completedAt: Date }) => {
      const id = `demo-${++n}`;
      actions.push({
        id, actionType: type, date: sec(at), createdAt: sec(at), ownerMember: member, creatorMember: member,
        jobId: job.id, job: { id: job.id, title: job.title }, employer: { id: `employer-${job.employer}`, name: job.employer },
        activityId: `activity-${id}`, activityCategory: { id: `category-${category}`, name: category },
        activity: {
          id: `activity-${id}`, title: `${category}: ${job.title}`, completed: true, completedAt: sec(activity.completedAt),
          ...(activity.startAt ? { startAt: sec(activity.startAt) } : {}), createdAt: sec(at),
        },
      });
    };
    const status = learner.status;
    if (status === EnrollmentStatus.WITHDRAWN) return;
    const moduleStart = DateTime.fromISO(learner.moduleStartDate, { zone: learner.timeZone }).toJSDate();
    const from = new Date(Math.max(moduleStart.getTime(), now.getTime() - 21 * DAY_MS));
    // When the learner's last Huntr action was: now for the active, 5+ days ago for the quiet.
    const quiet = i === 4 || status === EnrollmentStatus.SUSPENDED || status === EnrollmentStatus.PAUSED || (i > 4 && more() < 0.12);
    const until = status === EnrollmentStatus.HIRED
      ? learner.statusChangedAt
      : quiet ? new Date(now.getTime() - (6 + Math.floor(more() * 8)) * DAY_MS) : now;
    const perDay = 0.8 + more() * 2.2;
    for (let t = from.getTime(); t < until.getTime(); t += DAY_MS) {
      const dayStart = DateTime.fromMillis(t, { zone: learner.timeZone }).startOf('day');
      if (dayStart.weekday > 5) continue;
      const count = Math.floor(more() * perDay * 1.5);
      for (let k = 0; k < count; k++) {
        const appliedAt = dayStart.set({ hour: 10 + Math.floor(more() * 7), minute: Math.floor(more() * 60) }).toJSDate();
        if (appliedAt >= until || appliedAt < from) continue;
        const job = { id: `demo-job-${i}-${n}`, title: pick(ROLES), employer: pick(COMPANIES) };
        action('ACTIVITY_CREATED', 'Apply', appliedAt, job, { completedAt: appliedAt });
        // About one application in six gets a phone screen a few days later, and some of those an interview.
        if (more() < 0.17) {
          const screenAt = new Date(appliedAt.getTime() + (3 + Math.floor(more() * 5)) * DAY_MS);
          if (screenAt >= until) continue;
          action('ACTIVITY_CREATED', 'Phone Screen', new Date(screenAt.getTime() + 3_600_000), job, { startAt: screenAt, completedAt: new Date(screenAt.getTime() + 1_800_000) });
          if (more() < 0.45) {
            const interviewAt = new Date(screenAt.getTime() + (4 + Math.floor(more() * 4)) * DAY_MS);
            if (interviewAt >= until) continue;
            const category = more() < 0.5 ? 'On Site Interview' : 'Phone Interview';
            action('ACTIVITY_CREATED', category, new Date(interviewAt.getTime() + 3_600_000), job, { startAt: interviewAt, completedAt: new Date(interviewAt.getTime() + 3_600_000) });
          }
        }
      }
    }
    // The demo learner's own progress page always has this week's work on it, whatever day the demo is seeded.
    if (i === 0) {
      const appliedAt = new Date(now.getTime() - 3 * 3_600_000);
      action('ACTIVITY_CREATED', 'Apply', appliedAt, { id: 'demo-job-0-today', title: 'Frontend Developer', employer: 'Thoughtworks' }, { completedAt: appliedAt });
    }
    // Offers: every hired learner's, two days before the hire; and two learners still searching (one the demo coach's).
    const offerAt = status === EnrollmentStatus.HIRED
      ? new Date(learner.statusChangedAt.getTime() - 2 * DAY_MS)
      : i === 12 || i === 29 ? new Date(now.getTime() - (1 + (i % 3)) * DAY_MS) : null;
    if (offerAt && offerAt < now) {
      const job = { id: `demo-job-${i}-offer`, title: 'Frontend Developer', employer: pick(COMPANIES) };
      action('ACTIVITY_CREATED', 'Apply', new Date(offerAt.getTime() - 16 * DAY_MS), job, { completedAt: new Date(offerAt.getTime() - 16 * DAY_MS) });
      action('ACTIVITY_CREATED', 'On Site Interview', new Date(offerAt.getTime() - 6 * DAY_MS), job, { startAt: new Date(offerAt.getTime() - 6 * DAY_MS), completedAt: new Date(offerAt.getTime() - 6 * DAY_MS + 3_600_000) });
      action('ACTIVITY_CREATED', 'Offer Received', offerAt, job, { completedAt: offerAt });
    }
  });
  // In the order Huntr would have sent them, each taken in at the moment it happened.
  actions.sort((a, b) => Number(a.date) - Number(b.date));
  for (const payload of actions) {
    const at = new Date(Number(payload.date) * 1000);
    await receiveHuntrAction(tx, payload, { now: at < now ? at : now, source: 'WEBHOOK' });
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
