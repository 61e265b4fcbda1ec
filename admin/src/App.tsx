import { lazy } from 'react';
import { QueryClient } from '@tanstack/react-query';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { createBrowserRouter, Route, RouterProvider } from 'react-router-dom';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18nProvider';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import { theme } from './layout/theme';
import events from './events';
import learners from './learners';
import meetings from './meetings';
import reviewQueue from './reviews';
import { prefetchReviewQueue, QUEUE_PATH } from './reviews/useReviews';
import { validSession } from './session';
import users from './users';

// Pages outside the resources load when first opened.
const SchedulePage = lazy(() => import('./schedule/SchedulePage'));
const CompliancePage = lazy(() => import('./compliance/CompliancePage'));
const ReportsPage = lazy(() => import('./reports/ReportsPage'));
const MorningSessionPage = lazy(() => import('./morningSessions/MorningSessionPage'));
const CalendarPage = lazy(() => import('./calendar/CalendarPage'));
const SettingsPage = lazy(() => import('./settings/SettingsPage'));
const DashboardPage = lazy(() => import('./progress/DashboardPage'));
const NotificationPreferencesPage = lazy(() => import('./notifications/NotificationPreferencesPage'));

/** Same base as vite's `base`: the API serves the console at /admin. */
export const BASENAME = import.meta.env.BASE_URL.replace(/\/+$/, '');

// react-admin's own would be the same; ours can be handed the review queue's first read below.
const queryClient = new QueryClient();

function Console() {
  return (
    <Admin
      title="Waypoint"
      disableTelemetry
      requireAuth
      authProvider={authProvider}
      dataProvider={dataProvider}
      queryClient={queryClient}
      i18nProvider={i18nProvider}
      loginPage={LoginPage}
      layout={Layout}
      theme={theme}
    >
      {(permissions: string | undefined) => (
        <>
          {/* Coaches live in the review queue: first in their menu, and where they land; their 1:1 requests next. */}
          {permissions === 'COACH' && <Resource name="review-queue" {...reviewQueue} />}
          {permissions === 'COACH' && <Resource name="meetings" {...meetings} />}
          <Resource name="learners" {...learners} />
          {permissions !== 'COACH' && <Resource name="review-queue" {...reviewQueue} />}
          {permissions !== 'COACH' && <Resource name="meetings" {...meetings} />}
          <Resource name="events" {...events} />
          {permissions === 'STAFF' ? (
            <Resource name="users" {...users} />
          ) : (
            // Coaches still read coach names through it (coach filter and picker).
            <Resource name="users" recordRepresentation="name" />
          )}
          <CustomRoutes>
            <Route path="/calendar" element={<CalendarPage />} />
            <Route path="/schedule" element={<SchedulePage />} />
            <Route path="/morning-session" element={<MorningSessionPage />} />
            <Route path="/settings" element={<SettingsPage />} />
            <Route path="/notification-preferences" element={<NotificationPreferencesPage />} />
            {permissions === 'STAFF' && <Route path="/compliance" element={<CompliancePage />} />}
            {permissions === 'STAFF' && <Route path="/reports" element={<ReportsPage />} />}
            {permissions === 'COACH' && <Route path="/dashboard" element={<DashboardPage />} />}
          </CustomRoutes>
        </>
      )}
    </Admin>
  );
}

// A browser (not hash) data router under /admin: real deep links, and react-admin's
// unsaved-changes guard still works (it needs a data router). react-admin sees paths
// without the /admin prefix, so <Admin> gets no basename of its own.
// Made on first render, not when this module loads: the sign-in page loads the module while
// the address may still be /admin/login, and a router made then would stay on react-admin's
// login route after main.tsx moved the address to /admin/ (it only follows popstate).
let router: ReturnType<typeof createBrowserRouter> | null = null;

function consoleRouter() {
  if (router) return router;
  const session = validSession();
  let path = window.location.pathname.slice(BASENAME.length).replace(/\/+$/, '') || '/';
  if (session) {
    // What react-admin would otherwise ask the auth provider for, one render and a timer tick at a time, before it
    // shows the layout and the page: the provider only reads this same session (authProvider.ts).
    queryClient.setQueryData(['auth', 'checkAuth', {}], true);
    queryClient.setQueryData(['auth', 'getPermissions', {}], session.user.role);
    queryClient.setQueryData(['auth', 'getIdentity'], { id: session.user.id, fullName: session.user.name });
    // A coach's first resource is the queue: open it at once rather than through react-admin's first-resource
    // redirect (access checks, then a navigation rendered as a second pass).
    if (path === '/' && session.user.role === 'COACH') {
      path = QUEUE_PATH;
      window.history.replaceState(window.history.state, '', `${BASENAME}${QUEUE_PATH}${window.location.search}`);
    }
  }
  // The session exists by now, so the queue's first read can start while react-admin boots.
  prefetchReviewQueue(queryClient, dataProvider, path, window.location.search);
  router = createBrowserRouter([{ path: '*', element: <Console /> }], { basename: BASENAME });
  return router;
}

export default function App() {
  return <RouterProvider router={consoleRouter()} />;
}
