import type { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { Role, User } from '../modules/users/user.entity';
import { Learner } from '../modules/learners/learner.entity';
import { StatusChange } from '../modules/learners/status-change.entity';
import { EnrollmentStatus, StatusChangeSource } from '../modules/learners/enrollment-status';
import { hashPassword } from '../auth/password';
import { moduleWeekAt, moduleWeekRange } from '../common/module-time';

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
    steps: [{ to: EnrollmentStatus.AT_RISK, source: StatusChangeSource.EVALUATION, reason: 'missing: weekly retrospective' }],
  },
  {
    status: EnrollmentStatus.SUSPENDED,
    steps: [
      { to: EnrollmentStatus.AT_RISK, source: StatusChangeSource.EVALUATION, reason: 'missing: weekly retrospective' },
      { to: EnrollmentStatus.SUSPENDED, source: StatusChangeSource.EVALUATION, reason: 'missing: weekly retrospective, job-search analysis' },
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

/** Seeds the demo program (staff, 4 coaches, 60 learners with history) when the database has no users yet. */
export async function seedDemo(em: EntityManager, now: Date): Promise<{ seeded: boolean; learners: number }> {
  if ((await em.count(User, {})) > 0) return { seeded: false, learners: 0 };
  const rand = prng(20261128);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return em.transactional(async (tx) => {
    const staff = tx.create(User, { email: 'staff@waypoint.test', name: 'Nadia Haddad', role: Role.STAFF, timeZone: 'Europe/London', passwordHash, active: true });
    const coaches = COACHES.map((c) => tx.create(User, { ...c, role: Role.COACH, passwordHash, active: true }));
    // Modules started on Mondays from this week back to 12 weeks ago.
    const thisMonday = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('week');
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
      steps.forEach((step, k) => {
        const week = weeksLived - steps.length + k + 1;
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
      learners.push(learner);
    }
    return { seeded: true, learners: learners.length };
  });
}
