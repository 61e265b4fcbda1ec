import { useEffect, useState } from 'react';
import { GRAPHQL_URL, signOut } from '../authProvider';
import { readGraphQLErrors, type GraphQLErrorLike } from '../errors';
import { sessionHeaders, validSession } from '../session';
import './SignIn.css';

/**
 * What a learner reaches when they sign in to the console: the console is for coaches and staff, so this says so and
 * gives them what they came for, their progress (/admin/progress, read with their own session) and the program's
 * support desk (SUPPORT_URL). Plain React and the sign-in page's CSS: a learner never downloads the console.
 */

const BASE = import.meta.env.BASE_URL; // "/admin/"
export const PROGRESS_PATH = `${BASE}progress`;

// Checked against schema.graphql by codegen, like the sign-in mutation.
const LANDING = /* GraphQL */ `
  query LearnerLanding {
    supportUrl
    me { name learner { id } }
  }
`;

const PROGRESS = /* GraphQL */ `
  query LearnerOwnProgress($learnerId: ID!) {
    learnerProgress(learnerId: $learnerId) {
      applications interviews status moduleWeek timeZone daysSinceHuntrAction
      requiredActivities { requiredActivityId title met }
    }
  }
`;

interface Landing {
  supportUrl: string;
  me: { name: string; learner: { id: string } | null };
}

interface Progress {
  applications: number;
  interviews: number;
  status: string;
  moduleWeek: number | null;
  timeZone: string;
  daysSinceHuntrAction: number | null;
  requiredActivities: { requiredActivityId: string; title: string; met: boolean }[];
}

const STATUS_WORDS: Record<string, string> = {
  ENROLLED: 'Enrolled',
  AT_RISK: 'At risk',
  SUSPENDED: 'Suspended',
  PAUSED: 'Paused',
  HIRED: 'Hired',
  WITHDRAWN: 'Withdrawn',
};

async function ask<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(GRAPHQL_URL, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...sessionHeaders() },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: T | null; errors?: GraphQLErrorLike[] };
  if (body.errors?.length || !body.data) throw new Error(readGraphQLErrors(body.errors ?? []).message);
  return body.data;
}

function ProgressFigures({ learnerId }: { learnerId: string }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ask<{ learnerProgress: Progress }>(PROGRESS, { learnerId }).then((d) => setProgress(d.learnerProgress), (e: Error) => setError(e.message));
  }, [learnerId]);
  if (error) return <div className="wp-signin__error" role="alert">{error}</div>;
  if (!progress) return <p className="wp-landing__text" aria-busy="true">Loading your progress…</p>;
  return (
    <section aria-labelledby="wp-progress-title" data-testid="learner-progress">
      <h2 id="wp-progress-title" className="wp-landing__subtitle">Your progress</h2>
      <dl className="wp-landing__figures">
        <div><dt>Applications, last 7 days</dt><dd>{progress.applications}</dd></div>
        <div><dt>Interviews, last 7 days</dt><dd>{progress.interviews}</dd></div>
        <div><dt>Status</dt><dd>{STATUS_WORDS[progress.status] ?? progress.status}</dd></div>
        <div><dt>Module week</dt><dd>{progress.moduleWeek ?? 'Not started'}</dd></div>
      </dl>
      {progress.daysSinceHuntrAction === null || progress.daysSinceHuntrAction >= 5 ? (
        <p className="wp-landing__text">
          {progress.daysSinceHuntrAction === null ? 'Huntr has sent nothing of yours yet.' : `No Huntr activity for ${progress.daysSinceHuntrAction} days.`} Log
          every application and interview in Huntr: your progress counts only what Huntr knows.
        </p>
      ) : null}
      {progress.requiredActivities.length > 0 && (
        <>
          <h3 className="wp-landing__minor">This week's required activities</h3>
          <ul className="wp-landing__list">
            {progress.requiredActivities.map((a) => (
              <li key={a.requiredActivityId}>
                {a.title}: <strong>{a.met ? 'done' : 'not sent yet'}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export default function LearnerLanding() {
  const [landing, setLanding] = useState<Landing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onProgress = window.location.pathname.replace(/\/+$/, '') === PROGRESS_PATH;
  const firstName = (landing?.me.name ?? validSession()?.user.name ?? '').split(' ')[0];

  useEffect(() => {
    document.title = onProgress ? 'Your progress · Waypoint' : 'Waypoint';
    ask<Landing>(LANDING).then(setLanding, (e: Error) => setError(e.message));
  }, [onProgress]);

  const leave = async () => {
    await signOut();
    window.location.assign(BASE);
  };

  return (
    <main className="wp-signin">
      <div className="wp-signin__card wp-landing" data-testid="learner-landing">
        <p className="wp-signin__brand" aria-hidden="true">Waypoint</p>
        {onProgress ? (
          <>
            <h1 className="wp-landing__title">{firstName ? `${firstName}, your job search` : 'Your job search'}</h1>
            {landing?.me.learner ? <ProgressFigures learnerId={landing.me.learner.id} /> : !error && <p className="wp-landing__text">Loading…</p>}
            <p className="wp-landing__text">
              <a href={BASE}>Back</a>
            </p>
          </>
        ) : (
          <>
            <h1 className="wp-landing__title">This console is for coaches and staff</h1>
            <p className="wp-landing__text">
              {firstName ? `Hello ${firstName}. ` : ''}You signed in as a learner. Coaches and program staff use this console to review
              submissions and manage the program; your own progress and a way to reach your coach are below.
            </p>
            <ul className="wp-landing__links">
              <li>
                <a href={PROGRESS_PATH}>See your progress</a>
                <span> — applications and interviews of the last 7 days, your status and this week's required activities</span>
              </li>
              <li>
                {landing ? (
                  <a href={landing.supportUrl} target="_blank" rel="noopener noreferrer">
                    Contact the support desk<span className="wp-landing__hidden"> (opens in a new tab)</span>
                  </a>
                ) : (
                  <span>Contact the support desk</span>
                )}
                <span> — questions for your coach, a 1:1, anything about the program</span>
              </li>
            </ul>
          </>
        )}
        {error && <div className="wp-signin__error" role="alert">{error}</div>}
        <button type="button" className="wp-signin__submit" onClick={() => void leave()}>
          Sign out
        </button>
      </div>
    </main>
  );
}
