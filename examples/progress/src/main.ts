/**
 * A learner's View Progress page on Waypoint's GraphQL API: sign in, then today's road map (done, skip, undo), the
 * last 7 days' applications and interviews, this week's required activities with the submissions and feedback, and
 * the support desk. Everything it sends is in documents.ts, typed from schema.graphql.
 */
import './style.css';
import { ApiError, execute } from './api';
import { CompleteActivity, SignIn, SignOut, SkipActivity, UndoActivity, ViewProgress } from './documents';
import { h, show } from './dom';
import { currentSession, forgetSession, keepSession, todayIn, type LearnerSession } from './session';
import type { ViewProgressQuery } from './gql/graphql';
import { lastSevenDaysSection, requiredSection, roadmapSection, supportSection, type ActivityAction } from './view';

const app = document.getElementById('app')!;
const account = document.getElementById('account')!;

function signInForm(notice?: string): void {
  show(account);
  const error = h('p', { class: 'refusal', role: 'alert' }, notice ?? '');
  const email = h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', { id: 'sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h2', { id: 'sign-in-title' }, 'Sign in'),
    h('label', { for: 'email' }, 'Email'), email,
    h('label', { for: 'password' }, 'Password'), password,
    submit, error,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.textContent = '';
    try {
      const { login } = await execute(SignIn, { email: email.value.trim(), password: password.value });
      if (login.user.role !== 'LEARNER' || !login.user.learner) {
        // This page is a learner's; a coach or staff token is not kept.
        throw new ApiError('This page is for learners: sign in with a learner account.', 'FORBIDDEN');
      }
      keepSession({ token: login.token, expiresAt: login.expiresAt, learnerId: login.user.learner.id, timeZone: login.user.learner.timeZone, name: login.user.name });
      await load();
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : String(e);
      submit.disabled = false;
    }
  });
  show(app, form);
  email.focus();
}

async function signOut(): Promise<void> {
  try {
    await execute(SignOut);
  } catch {
    // Signed out here all the same: the token is forgotten and expires on its own.
  }
  forgetSession();
  signInForm('You are signed out.');
}

/** Reads the whole page in one request and draws it; an expired or ended session goes back to sign-in. */
async function load(): Promise<void> {
  const session = currentSession();
  if (!session) return signInForm();
  try {
    const data = await execute(ViewProgress, { learnerId: session.learnerId, date: todayIn(session.timeZone) });
    render(session, data);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') return signInForm(`${e.message}. Sign in again.`);
    show(app, h('p', { class: 'refusal', role: 'alert' }, e instanceof Error ? e.message : String(e)), h('button', { type: 'button', onclick: () => void load() }, 'Try again'));
  }
}

function render(session: LearnerSession, data: ViewProgressQuery): void {
  const timeZone = data.me?.learner?.timeZone ?? session.timeZone;
  const date = data.roadmap.date;
  /** Done, skip, undo: on success the page is read again (counts and required activities follow); a refusal is shown as the API words it. */
  const act: ActivityAction = async (action, activity, say) => {
    const variables = { learnerId: session.learnerId, activityId: activity.activityId, date };
    try {
      if (action === 'complete') await execute(CompleteActivity, variables);
      else if (action === 'skip') await execute(SkipActivity, variables);
      else await execute(UndoActivity, variables);
      await load();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') return signInForm(`${e.message}. Sign in again.`);
      say(e instanceof Error ? e.message : String(e));
    }
  };
  show(account, h('span', {}, `Signed in as ${data.me?.name ?? session.name}`), ' ', h('button', { type: 'button', onclick: () => void signOut() }, 'Sign out'));
  show(
    app,
    roadmapSection(data.roadmap, timeZone, act),
    lastSevenDaysSection(data.learnerProgress),
    requiredSection(data.roadmap, data.submissions.nodes, timeZone),
    supportSection(data.supportUrl),
  );
}

void load();
