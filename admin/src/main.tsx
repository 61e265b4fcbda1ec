import { StrictMode, useState, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { signIn } from './authProvider';
import { SignIn } from './layout/SignIn';
import { validSession } from './session';

// A learner who signs in reaches a page of their own (not the console): plain React, loaded only for them.
const loadLearnerLanding = () => import('./layout/LearnerLanding').then((module) => module.default);
const isLearner = () => validSession()?.user.role === 'LEARNER';

// The console (react-admin, Material UI, Apollo) loads only once someone is signed in,
// so the sign-in page needs nothing but React and this file.
const loadApp = () => import('./App').then((module) => module.default);

const BASE = import.meta.env.BASE_URL; // "/admin/"
const isLoginPath = () => window.location.pathname.replace(/\/+$/, '') === `${BASE}login`;

function Root({ loadedApp }: { loadedApp: ComponentType | null }) {
  const [App, setApp] = useState<ComponentType | null>(() => loadedApp);

  if (!App) {
    return (
      <SignIn
        // Fetch the console once the user starts typing, not on load: the sign-in page alone stays under 350 kB gzip.
        onStart={() => void loadApp()}
        onSignIn={async (credentials) => {
          const session = await signIn(credentials);
          // For the browser tests' figure: the console's time from here to the review queue's rows.
          performance.mark('waypoint:signed-in');
          const console = session.user.role === 'LEARNER' ? await loadLearnerLanding() : await loadApp();
          if (isLoginPath()) window.history.replaceState(null, '', BASE);
          setApp(() => console);
        }}
      />
    );
  }
  return <App />;
}

// Load the console before the first render rather than behind <Suspense>: React holds a
// revealed Suspense boundary back for up to 300 ms, which a signed-in reload would pay.
async function boot() {
  // Someone signed in who opens /admin/login (a bookmark) goes straight in.
  if (validSession() && isLoginPath()) window.history.replaceState(null, '', BASE);
  const loadedApp = !validSession() ? null : isLearner() ? await loadLearnerLanding() : await loadApp();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Root loadedApp={loadedApp} />
    </StrictMode>,
  );
}

void boot();
