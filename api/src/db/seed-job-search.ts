import type { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { EnrollmentStatus } from '../modules/learners/enrollment-status';
import { receiveHuntrAction, type HuntrPayload } from '../modules/job-search/huntr';

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
export interface Searcher {
  name: string;
  email: string;
  status: EnrollmentStatus;
  statusChangedAt: Date;
  moduleStartDate: string;
  timeZone: string;
}

export async function seedJobSearch(tx: EntityManager, d: { now: Date; learners: Searcher[]; more: () => number }): Promise<void> {
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
