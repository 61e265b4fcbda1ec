import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import express from 'express';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import pinoHttp from 'pino-http';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { DocumentNode } from 'graphql';
import type { Config } from './config';
import type { Clock } from './common/clock';
import type { Logger } from './common/logger';
import { createSchema } from './schema';
import { buildContext, type Context, type PendingViewer } from './context';
import { requestProtection } from './common/limits';
import { rateLimit } from './common/rate-limit';
import { databaseUnavailable, isDatabaseUnavailable } from './common/unavailable';
import { CalendarService } from './modules/calendar/calendar.service';
import { ApiClientService, clientStillValidSql, hashKey, looksLikeApiKey } from './modules/api-clients/api-client.service';
import { assertApiClientMayRead } from './modules/api-clients/api-client-scopes';
import { importJobActivities } from './modules/job-search/csv-import';
import { HuntrPayloadError, receiveHuntrAction, verifyHuntrSignature, type HuntrPayload } from './modules/job-search/huntr';
import { AuthService, sessionStillValidSql, type Session } from './auth/auth.service';
import type { Viewer } from './auth/viewer';
import { createErrorFormatter, loggable } from './common/format-error';
import { requestScope } from './common/request-scope';
import { compiledReads, type CompiledAnswer } from './read/plugin';
import { verifyToken } from './auth/token';

export interface App {
  server: http.Server;
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/** Express + Apollo wiring: /graphql, /health, and the console at /admin. No domain code here. */
export async function createApp(deps: { config: Config; orm: MikroORM; clock: Clock; log: Logger }): Promise<App> {
  const { config, orm, clock, log } = deps;
  const app = express();
  // A request whose headers and body have not all arrived in time is cut off (Node answers 408: a slow or stalled
  // client cannot hold a connection); Node checks every quarter of the limit.
  const server = http.createServer(
    { requestTimeout: config.requestTimeoutMs, connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(config.requestTimeoutMs / 4))) },
    app,
  );
  app.disable('x-powered-by');
  // GraphQL answers POSTs, which nothing caches: hashing every response body for an ETag is wasted work.
  app.set('etag', false);
  app.set('trust proxy', 'loopback');

  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/health' },
      serializers: { req: (req) => ({ id: req.id, method: req.method, url: req.url }) },
    }),
  );
  app.use((req, _res, next) => requestScope.run({ requestId: String(req.id) }, next));

  app.get('/health', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ok', database: 'reachable' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });

  /**
   * Who each signed-in user (by id) and each API client (by key hash, with when) was when last read: a compiled
   * read assumes it and checks it in its own statement. Never trusted on its own; a stale entry only costs the
   * read it saves.
   */
  const knownUsers = new Map<string, Viewer>();
  const knownClients = new Map<string, { viewer: Viewer; readAt: number }>();

  /** Reads the API client behind a key (and notes when it was last used), and remembers it. */
  const clientOf = async (key: string, keyHash: string, em: EntityManager, now: Date): Promise<{ viewer: Viewer | null; problem: Context['authProblem'] }> => {
    const viewer = await new ApiClientService(em, () => now).viewerFromKey(key);
    if (knownClients.size >= 10_000) knownClients.clear();
    if (viewer) knownClients.set(keyHash, { viewer, readAt: now.getTime() });
    else knownClients.delete(keyHash);
    return { viewer, problem: viewer ? null : 'invalid' };
  };

  /** A verified sign-in token's user, to read once the document is valid: deactivation, role changes and sign-out apply to tokens already out. */
  const pendingUser = (session: Session, em: EntityManager): PendingViewer => {
    const assumed = knownUsers.get(session.sub);
    return {
      assumed,
      stillValid: (p) => sessionStillValidSql(session, assumed!, p),
      read: async () => {
        const found = await new AuthService(em).viewerOfSession(session);
        if (knownUsers.size >= 10_000) knownUsers.clear();
        if (found.viewer) knownUsers.set(session.sub, found.viewer);
        else knownUsers.delete(session.sub);
        return found;
      },
    };
  };

  /** An API key's client as read less than a minute ago (scopes and coach limit never change; revocation does). */
  const pendingClient = (key: string, keyHash: string, known: Viewer, em: EntityManager, now: Date): PendingViewer => ({
    assumed: known,
    stillValid: (p) => clientStillValidSql(keyHash, known, p),
    read: () => clientOf(key, keyHash, em, now),
  });

  /**
   * What an Authorization header presents: nothing, a token refused outright, an API client read now, or a viewer
   * to read once the document is known to be valid (a verified sign-in token; an API key read within a minute).
   */
  const presented = async (
    header: string | undefined,
    em: EntityManager,
    now: Date,
  ): Promise<{ viewer: Viewer | null; problem: Context['authProblem']; pending: PendingViewer | null }> => {
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    if (!token) return { viewer: null, problem: null, pending: null };
    if (looksLikeApiKey(token)) {
      const keyHash = hashKey(token);
      const known = knownClients.get(keyHash);
      // Read once a minute at least (which also keeps its last-used time), else re-checked in the statement.
      if (known && now.getTime() - known.readAt < 60_000) return { viewer: null, problem: null, pending: pendingClient(token, keyHash, known.viewer, em, now) };
      return { ...(await clientOf(token, keyHash, em, now)), pending: null };
    }
    const check = verifyToken(token, config.authSecret, now);
    return check.ok ? { viewer: null, problem: null, pending: pendingUser(check.claims, em) } : { viewer: null, problem: check.reason, pending: null };
  };

  /** The viewer behind an Authorization header, read now: a user's sign-in token or an API client's key. */
  const authenticate = async (header: string | undefined, em: EntityManager, now: Date): Promise<{ viewer: Viewer | null; problem: Context['authProblem'] }> => {
    const found = await presented(header, em, now);
    return found.pending ? found.pending.read() : found;
  };

  /** A database outage while reading the viewer, as the GraphQL error clients retry on (503). */
  const orUnavailable = async <T>(reading: Promise<T>): Promise<T> => {
    try {
      return await reading;
    } catch (e) {
      if (isDatabaseUnavailable(e)) throw databaseUnavailable();
      throw e;
    }
  };

  /** A route's unexpected failure: logged with the request id, answered without internals. */
  const failed = (req: express.Request, res: express.Response, e: unknown) => {
    const requestId = String((req as unknown as { id: string }).id);
    log.error({ err: loggable(e), requestId, url: req.path }, 'unexpected error');
    res.status(500).json({ error: `Something went wrong on our side. Quote request id ${requestId} when reporting it.` });
  };

  // Huntr's webhook: the signature is over the raw body, so it is read raw. A non-2xx makes Huntr retry.
  app.post('/webhooks/huntr', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    try {
      if (!config.huntrWebhookSecret) {
        res.status(503).json({ error: 'The Huntr webhook is not configured (HUNTR_WEBHOOK_SECRET)' });
        return;
      }
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!verifyHuntrSignature(raw, req.get('x-huntr-hmac-sha256'), config.huntrWebhookSecret)) {
        res.status(401).json({ error: 'Missing or wrong x-huntr-hmac-sha256 signature' });
        return;
      }
      let payload: HuntrPayload;
      try {
        payload = JSON.parse(raw.toString('utf8')) as HuntrPayload;
      } catch {
        res.status(400).json({ error: 'The body is not JSON' });
        return;
      }
      const outcome = await receiveHuntrAction(orm.em.fork(), payload, clock.now());
      res.json({ status: outcome });
    } catch (e) {
      if (e instanceof HuntrPayloadError) res.status(400).json({ error: e.message });
      else if (isDatabaseUnavailable(e)) res.status(503).json({ error: 'Database unavailable; retry' });
      else failed(req, res, e);
    }
  });

  // Staff upload a Huntr CSV export (up to 20 MB); ?dryRun=true reports what would happen and writes nothing.
  app.post('/imports/huntr', express.text({ type: () => true, limit: '20mb' }), async (req, res) => {
    try {
      const auth = await authenticate(req.get('authorization'), orm.em.fork(), clock.now());
      if (!auth.viewer) {
        res.status(401).json({ error: 'Sign in as staff (Authorization: Bearer <token>)' });
        return;
      }
      if (auth.viewer.role !== 'STAFF') {
        res.status(403).json({ error: 'Only staff import job activity' });
        return;
      }
      const dryRun = req.query.dryRun === 'true' || req.query.dryRun === '1';
      const report = await importJobActivities(orm.em.fork(), typeof req.body === 'string' ? req.body : '', { dryRun, now: clock.now(), userId: auth.viewer.userId });
      res.json(report);
    } catch (e) {
      if (isDatabaseUnavailable(e)) res.status(503).json({ error: 'Database unavailable; retry' });
      else failed(req, res, e);
    }
  });

  // A person's secret iCalendar feed: unguessable token in the path, only its hash stored.
  app.get('/calendar/:file', async (req, res) => {
    try {
      const match = /^([A-Za-z0-9_-]+)\.ics$/.exec(req.params.file);
      const body = match ? await new CalendarService(orm.em.fork(), () => clock.now()).feed(match[1]) : null;
      if (!body) {
        res.status(404).type('text/plain').send('No calendar at this address. Make a new one in Waypoint (regenerateCalendarFeed).');
        return;
      }
      res.setHeader('cache-control', 'private, max-age=300');
      res.type('text/calendar; charset=utf-8').send(body);
    } catch (e) {
      if (isDatabaseUnavailable(e)) res.status(503).type('text/plain').send('The calendar is unavailable right now; try again shortly.');
      else failed(req, res, e);
    }
  });

  const schema = await createSchema();
  const protection = requestProtection(config);
  const reads = compiledReads(schema, { strict: config.env === 'test' });

  /** Whether an API key's scopes let it read every field of the document (other viewers: yes). */
  const scopesAllow = (viewer: Viewer, document: DocumentNode): boolean => {
    if (!viewer.client) return true;
    try {
      assertApiClientMayRead(schema, document, viewer.client.scopes);
      return true;
    } catch {
      return false;
    }
  };

  const apollo = new ApolloServer<Context>({
    schema,
    includeStacktraceInErrorResponses: false,
    // main.ts owns shutdown: drain HTTP, close the pool, then stop the embedded PostgreSQL.
    stopOnTerminationSignals: false,
    // The console ships the schema from schema.graphql, so production needs no introspection.
    introspection: config.env !== 'production',
    csrfPrevention: true,
    allowBatchedHttpRequests: protection.allowBatchedHttpRequests,
    validationRules: protection.validationRules,
    formatError: createErrorFormatter(log),
    plugins: [
      ...protection.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ApolloServerPluginLandingPageDisabled(),
      // Waypoint sends no cache hints; the default cache-control plugin would wrap every field's resolver to look for them.
      ApolloServerPluginCacheControlDisabled(),
      // Before anything runs: an API key's document is checked field by field against its scopes; a signed-in
      // user is read (see viewerOf); a query that compiles to SQL is answered by one statement (src/compiled).
      // A request that failed because the database was away answers 503, so clients and proxies retry.
      {
        async requestDidStart() {
          let compiled: CompiledAnswer | null = null;
          return {
            async didResolveOperation(rc) {
              const ctx = rc.contextValue;
              const pending = ctx.pending;
              if (pending) {
                // The viewer as last read stands in for one round trip: the compiled statement re-checks it.
                const { assumed } = pending;
                if (assumed && config.compiledReads && scopesAllow(assumed, rc.document) && (compiled = await reads.answer(rc, assumed, pending.stillValid))) {
                  ctx.setViewer(assumed, null);
                  return;
                }
                const found = await orUnavailable(pending.read());
                ctx.setViewer(found.viewer, found.problem);
              }
              const client = ctx.viewer?.client;
              if (client) assertApiClientMayRead(schema, rc.document, client.scopes);
              if (config.compiledReads && ctx.viewer) compiled = await reads.answer(rc, ctx.viewer, null);
            },
            async responseForOperation() {
              return compiled && { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: compiled.data } } };
            },
            async willSendResponse({ response }) {
              const body = response.body;
              const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
              if (errors?.some((e) => e.extensions?.code === 'UNAVAILABLE')) response.http.status = 503;
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.use(
    '/graphql',
    rateLimit(config.rateLimitPerMinute),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const em = orm.em.fork();
        const now = clock.now();
        // An API key not seen within a minute is read here; a sign-in token is only verified (signature, expiry),
        // and its user read once the document is known to be valid (didResolveOperation above).
        const auth = await orUnavailable(presented(req.headers.authorization, em, now));
        return buildContext({
          em,
          viewer: auth.viewer,
          pending: auth.pending,
          authProblem: auth.problem,
          clock,
          config,
          log: (req as unknown as { log: Logger }).log ?? log,
          requestId: String((req as unknown as { id: string }).id),
          publicUrl: config.publicUrl ?? `${req.protocol}://${req.get('host')}`,
        });
      },
    }),
  );

  // Bodies that never reach Apollo (malformed JSON, over the size limit) still get a GraphQL-shaped
  // error with a code, never Express's HTML page with a stack trace.
  app.use('/graphql', ((err, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) (req as unknown as { log: Logger }).log?.error({ err }, 'request failed before GraphQL');
    const message =
      status === 413 ? 'The request body is too large (1 MB at most)'
        : status === 400 ? 'The request body is not valid JSON'
          : 'Something went wrong on our side';
    res.status(status).json({
      errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST', requestId: String((req as unknown as { id: string }).id) } }],
    });
  }) as express.ErrorRequestHandler);

  // The console: a built single-page app; every /admin path serves index.html so deep links work.
  const adminIndex = path.join(config.adminDist, 'index.html');
  if (existsSync(adminIndex)) {
    app.use('/admin', express.static(config.adminDist, { index: false, maxAge: '1h' }));
    app.get(/^\/admin(\/.*)?$/, (_req, res) => res.sendFile(adminIndex));
  } else {
    app.get(/^\/admin(\/.*)?$/, (_req, res) => {
      res.status(503).type('text').send('The console is not built yet: run "npm run build -w admin" (npm start does this for you).');
    });
  }
  app.get('/', (_req, res) => res.redirect('/admin/'));

  return {
    server,
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
      await apollo.stop();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
