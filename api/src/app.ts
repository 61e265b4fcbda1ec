import http from 'node:http';
import express from 'express';
import helmet from 'helmet';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config';
import type { Clock } from './common/clock';
import type { Logger } from './common/logger';
import { requestScope } from './common/request-scope';
import { requestLog } from './common/request-log';
import { appErrors, redactUrl, replayedHeaders, trustProxy, type Middleware } from './common/http';
import { createViewers } from './auth/viewers';
import { ApiClientService, clientStillValidSql, hashKey, looksLikeApiKey } from './modules/api-clients/api-client.service';
import { jobSearchRoutes } from './modules/job-search/job-search.routes';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { exportRoutes } from './modules/exports/exports.routes';
import { notificationRoutes } from './modules/notifications/notification.routes';
import { graphqlRoute } from './graphql';
import { docsRoutes } from './docs/docs.routes';
import { graphiqlRoutes } from './docs/graphiql.routes';
import { referenceClientRoutes } from './docs/reference-client.routes';
import { subscriptionServer } from './subscriptions';
import { startLiveHub } from './common/live';
import { healthRoutes, type WorkerHealth } from './health.routes';
import { consoleRoutes } from './console.routes';
import { createMetrics, metricsRoute } from './common/metrics';

export interface App {
  server: http.Server;
  /** The Express app behind every route but /graphql (the authorization matrix lists its routes). */
  routes: express.Express;
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

/** Composes the HTTP server: request ids and logs, /health, the modules' REST routes, /graphql and the console. */
export async function createApp(deps: { config: Config; orm: MikroORM; clock: Clock; log: Logger; worker?: WorkerHealth | null }): Promise<App> {
  const { config, orm, clock, log } = deps;
  const app = express();
  // /graphql is served ahead of Express (graphql-http.ts), through the same middlewares; every other route by Express.
  let graphqlHandler: http.RequestListener | null = null;
  const isGraphql = (url: string | undefined) => url === '/graphql' || url === '/graphql/' || url?.startsWith('/graphql?') === true;
  // A request whose headers and body have not all arrived in time is cut off (Node answers 408: a slow or stalled
  // client cannot hold a connection); Node checks every quarter of the limit.
  const server = http.createServer(
    { requestTimeout: config.requestTimeoutMs, connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(config.requestTimeoutMs / 4))) },
    (req, res) => (graphqlHandler && isGraphql(req.url) ? graphqlHandler(req, res) : app(req, res)),
  );
  app.disable('x-powered-by');
  // GraphQL answers POSTs, which nothing caches: hashing every response body for an ETag is wasted work.
  app.set('etag', false);
  app.set('trust proxy', trustProxy);
  // Prometheus metrics (common/metrics.ts): every request below is counted by route family.
  const metrics = createMetrics();
  metrics.watch(await orm.em.getConnection().getNativeClient());
  // What every request goes through, /graphql included: its id and log line, the request scope, security
  // headers, metrics.
  const middlewares: Middleware[] = [
    requestLog(log, (url) => url.startsWith('/health')),
    (req, _res, next) => requestScope.run({ requestId: String((req as { id?: unknown }).id) }, next),
    // Security headers on every answer: the console runs no inline script and may not be framed; MUI's emotion
    // writes style elements, so inline styles stay allowed. HSTS only where Waypoint is served over HTTPS.
    // The policy is fixed, so helmet runs once and its headers are replayed.
    replayedHeaders(helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      strictTransportSecurity: config.env === 'production',
      referrerPolicy: { policy: 'no-referrer' },
      xFrameOptions: { action: 'deny' },
    }) as Middleware),
    metrics.httpMiddleware(),
  ];
  for (const middleware of middlewares) app.use(middleware as express.RequestHandler);
  app.get('/metrics', metricsRoute(metrics, { allow: config.metricsAllow, token: config.metricsToken }));

  app.use(healthRoutes({ orm, worker: deps.worker ?? null, workerExpected: config.worker }));

  const viewers = createViewers({
    authSecret: config.authSecret,
    apiKeys: {
      looksLike: looksLikeApiKey,
      hash: hashKey,
      read: (em, now, key) => new ApiClientService(em, () => now).viewerFromKey(key),
      stillValidSql: clientStillValidSql,
    },
  });
  const em = () => orm.em.fork();
  app.use(consoleRoutes({ adminDist: config.adminDist }));
  app.use(docsRoutes({ dir: config.docsDist }));
  app.use(jobSearchRoutes({ em, clock, log, huntrWebhookSecret: config.huntrWebhookSecret, authenticate: viewers.authenticate }));
  app.use(calendarRoutes({ em, clock, log }));
  app.use(exportRoutes({ em, clock, log, authenticate: viewers.authenticate }));
  app.use(notificationRoutes({ em, clock, log, secret: config.authSecret }));
  const graphql = await graphqlRoute({ config, orm, clock, log, server, viewers, metrics, middlewares });
  graphqlHandler = graphql.handler;
  app.use(graphiqlRoutes({ env: config.env, dir: config.graphiqlDist, schema: graphql.schema, em, clock, log, authenticate: viewers.authenticate, authenticatePage: viewers.authenticatePage }));
  app.use(referenceClientRoutes({ env: config.env, dir: config.progressExampleDist }));
  // Nothing here: JSON with a code, as every other refusal, rather than Express's HTML page.
  app.use((req, res) => void res.status(404).json({ error: `Nothing at ${req.method} ${redactUrl(req.path)}`, code: 'NOT_FOUND' }));
  app.use(appErrors(log));
  // Subscriptions: live updates from PostgreSQL's LISTEN/NOTIFY, over WebSocket on the same port.
  const live = await startLiveHub({ connectionString: orm.config.get('clientUrl')!, log });
  const sockets = subscriptionServer({ server, schema: graphql.schema, viewers, orm, clock, config, log, live, limits: graphql.limits });
  metrics.watchLive(() => ({ sockets: sockets.clients(), subscriptions: live.subscribers(), listening: live.listening() }));

  return {
    server,
    routes: app,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          const actual = typeof address === 'object' && address ? address.port : port;
          resolve(`http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${actual}`);
        });
      }),
    close: async () => {
      await sockets.close();
      await live.close();
      await graphql.stop();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
