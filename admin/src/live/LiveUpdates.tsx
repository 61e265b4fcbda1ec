import { useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { useLogoutIfAccessDenied } from 'react-admin';
import { SESSION_ENDED_MESSAGE } from '../errors';
import { BELL_SIZE, NOTIFICATIONS_KEY, type NotificationList } from '../notifications/data';
import { ALERTS_KEY } from '../progress/useProgress';
import { refetchReviewLists } from '../reviews/useReviews';
import { readSession, validSession } from '../session';
import { NotificationAdded, ReviewQueueChanged } from './data';
import type { NotificationAddedSubscription, ReviewQueueChangedSubscription } from '../gql/graphql';

/** The server's close codes for a session that ended (4401) or a socket nobody signed in on (4403). */
const SESSION_ENDED_CODES = [4401, 4403];
/** Changes to the queue come in bursts (a claim-next touches two rows): read it once they settle. */
const QUEUE_DEBOUNCE_MS = 300;
/** A ping every so often; no pong in time means the connection is gone even if the browser has not noticed. */
const KEEP_ALIVE_MS = 10_000;
const PONG_TIMEOUT_MS = 5_000;
/** Reconnecting: 1, 2, 4, 8 s, then every 10 s (plus a little jitter, so consoles do not return all at once). */
const retryDelay = (retries: number) => Math.min(10_000, 1_000 * 2 ** retries) + Math.floor(Math.random() * 500);

const closeCode = (event: unknown) => (event as { code?: number } | null)?.code;

const socketUrl = () => `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;

/** Waits out a retry, but not while the browser says it is offline, and not a moment longer once it is back. */
function waitToRetry(retries: number): Promise<void> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    window.addEventListener('online', done);
    if (navigator.onLine) timer = setTimeout(done, retryDelay(retries));
  });
}

/** The coach's dashboard: the same learners' week, read again when their submissions move. */
function refetchDashboard(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: ['coachProgress'] });
  void queryClient.invalidateQueries({ queryKey: ALERTS_KEY });
}

type Status = 'connecting' | 'live' | 'paused';

/**
 * The console's live connection (graphql-ws over /graphql, the session cookie plus its CSRF token): the bell hears of
 * each new notification, and coaches' and staff's queue, its counts and the dashboard are read again when a submission
 * changes. When the socket drops, a small banner says live updates are paused; when it is back, everything the socket
 * may have missed is read again. A socket the server closes for an ended session signs out, as a refused request does.
 */
export function LiveUpdates() {
  const queryClient = useQueryClient();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const [status, setStatus] = useState<Status>('connecting');
  const [caughtUp, setCaughtUp] = useState(false);
  const logout = useRef(logoutIfAccessDenied);
  useEffect(() => {
    logout.current = logoutIfAccessDenied;
  });

  useEffect(() => {
    const session = validSession();
    if (!session) return undefined;
    const watchesQueue = session.user.role === 'COACH' || session.user.role === 'STAFF';
    let disposed = false;
    let dropped = false;
    let queueTimer: ReturnType<typeof setTimeout> | undefined;
    let pongTimer: ReturnType<typeof setTimeout> | undefined;
    let caughtUpTimer: ReturnType<typeof setTimeout> | undefined;

    const queueChanged = () => {
      clearTimeout(queueTimer);
      queueTimer = setTimeout(() => {
        refetchReviewLists(queryClient);
        refetchDashboard(queryClient);
      }, QUEUE_DEBOUNCE_MS);
    };
    const bellChanged = (event?: NotificationAddedSubscription['notificationAdded']) => {
      // Shown at once from the event; the list is read again all the same (marks made elsewhere, a resync).
      if (event && !event.resync) {
        queryClient.setQueryData<NotificationList>(NOTIFICATIONS_KEY, (list) => {
          if (!list) return list;
          const latest = event.latest;
          const nodes = latest && !list.nodes.some((n) => n.id === latest.id) ? [latest, ...list.nodes].slice(0, BELL_SIZE) : list.nodes;
          return { ...list, nodes, unreadCount: event.unreadCount };
        });
      }
      void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    };
    const catchUp = () => {
      bellChanged();
      if (watchesQueue) queueChanged();
    };
    const sessionEnded = () => {
      disposed = true;
      void client.dispose();
      void logout.current({ status: 401, message: SESSION_ENDED_MESSAGE, body: { code: 'UNAUTHENTICATED' } });
    };

    const client: Client = createClient({
      url: socketUrl(),
      // The cookie rides on the upgrade; the CSRF token proves the page is this console's.
      connectionParams: () => ({ csrf: readSession()?.csrfToken }),
      lazy: false,
      retryAttempts: Infinity,
      retryWait: waitToRetry,
      shouldRetry: (event) => !SESSION_ENDED_CODES.includes(closeCode(event) ?? 0),
      onNonLazyError: () => undefined,
      keepAlive: KEEP_ALIVE_MS,
      on: {
        connected: () => {
          if (disposed) return;
          setStatus('live');
          if (dropped) {
            dropped = false;
            catchUp();
            setCaughtUp(true);
            clearTimeout(caughtUpTimer);
            caughtUpTimer = setTimeout(() => setCaughtUp(false), 4_000);
          }
        },
        closed: (event) => {
          clearTimeout(pongTimer);
          if (disposed) return;
          if (SESSION_ENDED_CODES.includes(closeCode(event) ?? 0)) return sessionEnded();
          dropped = true;
          setCaughtUp(false);
          setStatus('paused');
        },
        ping: (received) => {
          if (received) return;
          clearTimeout(pongTimer);
          pongTimer = setTimeout(() => client.terminate(), PONG_TIMEOUT_MS);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
      },
    });

    const subscriptions = [
      client.subscribe<NotificationAddedSubscription>(
        { query: print(NotificationAdded) },
        { next: ({ data }) => data && bellChanged(data.notificationAdded), error: () => undefined, complete: () => undefined },
      ),
    ];
    if (watchesQueue) {
      subscriptions.push(
        client.subscribe<ReviewQueueChangedSubscription>(
          { query: print(ReviewQueueChanged) },
          { next: ({ data }) => data && queueChanged(), error: () => undefined, complete: () => undefined },
        ),
      );
    }
    // The browser knows first when the network goes: drop the socket now rather than at the next ping.
    const offline = () => client.terminate();
    window.addEventListener('offline', offline);

    return () => {
      disposed = true;
      window.removeEventListener('offline', offline);
      clearTimeout(queueTimer);
      clearTimeout(pongTimer);
      clearTimeout(caughtUpTimer);
      for (const unsubscribe of subscriptions) unsubscribe();
      void client.dispose();
    };
  }, [queryClient]);

  return (
    <Box role="status" sx={{ position: 'fixed', left: 16, bottom: 16, zIndex: (theme) => theme.zIndex.snackbar - 1, maxWidth: 'calc(100vw - 32px)' }}>
      {status === 'paused' && (
        <Alert severity="warning" variant="outlined" sx={{ bgcolor: 'background.paper', py: 0 }} data-testid="live-status">
          Live updates paused — reconnecting…
        </Alert>
      )}
      {status === 'live' && caughtUp && (
        <Alert severity="success" variant="outlined" sx={{ bgcolor: 'background.paper', py: 0 }} data-testid="live-status">
          Live updates are back; the page is up to date.
        </Alert>
      )}
    </Box>
  );
}
