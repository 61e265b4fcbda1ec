import type { ViewProgressQuery } from './gql/graphql';
import { dayLabel, h, localTime, words } from './dom';

type Roadmap = ViewProgressQuery['roadmap'];
type Activity = Roadmap['blocks'][number]['activities'][number];
type Progress = ViewProgressQuery['learnerProgress'];
type Submission = ViewProgressQuery['submissions']['nodes'][number];

/** What a button of the road map does: the page calls the API and shows its answer (or its refusal) in `say`. */
export type ActivityAction = (action: 'complete' | 'skip' | 'undo', activity: Activity, say: (message: string) => void) => void;

const STATE_TEXT: Record<Activity['state'], string> = { PENDING: 'To do', DONE: 'Done', SKIPPED: 'Skipped' };

/** Today's road map: each block with its activities, their state, and Done / Skip / Undo. */
export function roadmapSection(roadmap: Roadmap, timeZone: string, act: ActivityAction): HTMLElement {
  const activity = (a: Activity) => {
    const message = h('p', { class: 'refusal', role: 'alert' });
    const say = (text: string) => (message.textContent = text);
    const button = (label: string, action: 'complete' | 'skip' | 'undo', name: string) =>
      h('button', { type: 'button', 'aria-label': `${name} "${a.title}"`, onclick: () => act(action, a, say) }, label);
    return h(
      'li',
      { class: `activity ${a.state.toLowerCase()}`, 'data-activity-id': a.activityId },
      h('div', { class: 'activity-head' },
        h('span', { class: 'title' }, a.title),
        a.required ? h('span', { class: 'badge required' }, 'Required') : h('span', { class: 'badge' }, 'Skippable'),
        a.minutes ? h('span', { class: 'minutes' }, `${a.minutes} min`) : null,
      ),
      a.description ? h('p', { class: 'description' }, a.description) : null,
      a.link ? h('a', { href: a.link, rel: 'noopener noreferrer', target: '_blank' }, 'Open the lesson') : null,
      h('p', { class: 'state' }, h('strong', {}, STATE_TEXT[a.state]), a.stateChangedAt ? ` · ${localTime(a.stateChangedAt, timeZone)}` : null),
      h('div', { class: 'actions' },
        a.state === 'PENDING' ? button('Done', 'complete', 'Mark done') : null,
        a.state === 'PENDING' ? button('Skip', 'skip', 'Skip') : null,
        a.state !== 'PENDING' && roadmap.isToday ? button('Undo', 'undo', 'Undo') : null,
      ),
      message,
    );
  };
  const blocks = roadmap.blocks.length
    ? roadmap.blocks.map((b) =>
        h('section', { class: 'block', 'aria-label': b.title },
          h('h3', {}, b.title, h('span', { class: 'time' }, ` ${b.startTime}–${b.endTime} (${roadmap.programTimeZone})`)),
          h('ul', { class: 'activities' }, ...b.activities.map(activity)),
        ),
      )
    : [h('p', {}, 'Nothing on the road map today.')];
  return h('section', { id: 'roadmap', 'aria-labelledby': 'roadmap-title' },
    h('h2', { id: 'roadmap-title' }, `Today's road map · ${dayLabel(roadmap.date)}`),
    h('p', { class: 'summary', 'data-testid': 'roadmap-counts' },
      `Module week ${roadmap.moduleWeek}: ${roadmap.doneCount} done, ${roadmap.skippedCount} skipped, ${roadmap.pendingCount} to do`),
    ...blocks,
  );
}

/** The last 7 days: the totals and the daily series (learner-local days, zeros included), drawn as bars. */
export function lastSevenDaysSection(progress: Progress): HTMLElement {
  const most = Math.max(1, ...progress.daily.flatMap((d) => [d.applications, d.interviews]));
  const bar = (n: number, kind: string) => {
    const element = h('span', { class: `bar ${kind}`, 'aria-hidden': 'true' });
    element.style.width = `${(75 * n) / most}%`; // CSSOM, not an inline style attribute: allowed by a strict CSP
    return h('td', {}, h('span', { class: 'count' }, n), element);
  };
  return h('section', { id: 'last-7-days', 'aria-labelledby': 'week-title' },
    h('h2', { id: 'week-title' }, 'The last 7 days'),
    h('dl', { class: 'totals' },
      h('div', {}, h('dt', {}, 'Applications'), h('dd', { 'data-testid': 'applications-7d' }, progress.applications)),
      h('div', {}, h('dt', {}, 'Interviews'), h('dd', { 'data-testid': 'interviews-7d' }, progress.interviews)),
    ),
    h('table', { class: 'daily' },
      h('caption', {}, 'Day by day'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), h('th', { scope: 'col' }, 'Applications'), h('th', { scope: 'col' }, 'Interviews'))),
      h('tbody', {}, ...progress.daily.map((d) => h('tr', { 'data-date': d.date }, h('th', { scope: 'row' }, dayLabel(d.date)), bar(d.applications, 'applications'), bar(d.interviews, 'interviews')))),
    ),
  );
}

/** One submission with its status and every feedback revision, newest first. */
function submissionItem(s: Submission, timeZone: string): HTMLElement {
  return h('li', { class: 'submission' },
    h('p', {}, h('strong', {}, words(s.kind)), ` v${s.versionNumber} · sent ${localTime(s.submittedAt, timeZone)} · ${words(s.status)}`),
    s.feedback.length
      ? h('ul', { class: 'feedback' }, ...s.feedback.map((f) =>
          h('li', {}, h('p', {}, h('strong', {}, f.decision === 'APPROVED' ? 'Approved' : 'Needs work'), ` by ${f.author.name}, ${localTime(f.createdAt, timeZone)}`), h('blockquote', {}, f.body)),
        ))
      : h('p', { class: 'muted' }, s.status === 'NO_REVIEW' ? 'No review asked for.' : 'No feedback yet.'),
  );
}

/** This week's required activities (met or missing, and by when), and the week's submissions with their feedback. */
export function requiredSection(roadmap: Roadmap, submissions: Submission[], timeZone: string): HTMLElement {
  const thisWeek = submissions.filter((s) => s.moduleWeek === roadmap.moduleWeek);
  return h('section', { id: 'required', 'aria-labelledby': 'required-title' },
    h('h2', { id: 'required-title' }, `This week's required activities (week ${roadmap.moduleWeek})`),
    h('p', { class: 'muted' }, 'Complete them by the end of the week to stay enrolled.'),
    h('ul', { class: 'required' }, ...roadmap.requiredActivities.map((r) =>
      h('li', { class: r.met ? 'met' : 'missing' },
        h('strong', {}, r.title), ' — ',
        r.met && r.metAt ? `done ${localTime(r.metAt, timeZone)}` : `missing, due ${r.dueLocal}`,
      ),
    )),
    h('h3', {}, 'Your submissions this week'),
    thisWeek.length ? h('ul', { class: 'submissions' }, ...thisWeek.map((s) => submissionItem(s, timeZone))) : h('p', { class: 'muted' }, 'Nothing sent this week yet.'),
  );
}

/** Where to reach a coach outside Waypoint: the program's support desk. */
export function supportSection(supportUrl: string): HTMLElement {
  return h('section', { id: 'support', 'aria-labelledby': 'support-title' },
    h('h2', { id: 'support-title' }, 'Need help?'),
    h('p', {}, 'Ask your coach through the ', h('a', { href: supportUrl, rel: 'noopener noreferrer', target: '_blank' }, 'support desk'), '.'),
  );
}
