import type http from 'node:http';
import express from 'express';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import compression from 'compression';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { trace } from '@opentelemetry/api';
import { estimatedWork } from './common/work';
import type { Config } from './config';
import type { Clock } from './common/clock';
import type { Logger } from './common/logger';
import { REQUEST_LIMITS, requestProtection } from './common/limits';
import { createLimits, rateLimitHeaders } from './common/rate-limit';
import { createErrorFormatter } from './common/format-error';
import type { Metrics } from './common/metrics';
import { orUnavailable, type Viewers } from './auth/viewers';
import { clearedSessionCookie, credentialsOf, sessionCookie } from './auth/session-cookie';
import type { Viewer } from './auth/viewer';
import { compiledReads, type CompiledAnswer } from './read/plugin';
import { fragmentsOf } from './read/json-select';
import { assertApiClientMayRead } from './modules/api-clients/api-client-scopes';
import { createSchema } from './schema';
import { buildContext, type Context } from './context';
import { graphqlHttp } from './graphql-http';
import { clientAddress, protocolOf, type Middleware } from './common/http';

/** Codes of a document refused before it runs. */
const REFUSED_DOCUMENT = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST']);

/**
 * The request's way through GraphQL, before anything runs: an API key's document is checked field by field
 * against its scopes; a signed-in user is read (or assumed, and checked inside the compiled statement); a query
 * that compiles is answered by one statement (read/plugin.ts). A request that failed because the database was
 * away answers 503, so clients and proxies retry.
 */
function requestPlugin(schema: GraphQLSchema, config: Config, metrics: Metrics): ApolloServerPlugin<Context> {
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
  /** Expensive documents running now, per caller. */
  const running = new Map<string, number>();
  return {
    async requestDidStart() {
      let compiled: CompiledAnswer | null = null;
      let heldBy: string | null = null;
      const started = process.hrtime.bigint();
      return {
        async didResolveOperation(rc) {
          const ctx = rc.contextValue;
          // What the document asks for, at the page sizes it asks for: refused past the limit, and a caller runs only
          // a few expensive documents at once (eight of them left /health unanswered for 14 s).
          const work = estimatedWork(schema, rc.operation!, fragmentsOf(rc.document), rc.request.variables ?? {});
          if (work > REQUEST_LIMITS.maxWork) {
            throw new GraphQLError(`The document asks for too much: about ${work.toLocaleString('en')} values (at most ${REQUEST_LIMITS.maxWork.toLocaleString('en')}); ask for smaller pages or fewer nested lists`, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', work, http: { status: 400 } },
            });
          }
          if (work > REQUEST_LIMITS.expensiveWork) {
            const n = running.get(ctx.caller) ?? 0;
            if (n >= REQUEST_LIMITS.maxExpensiveInFlight) {
              metrics.rateLimited('expensive');
              throw new GraphQLError(`Too many large requests at once: at most ${REQUEST_LIMITS.maxExpensiveInFlight}; wait for one to finish`, {
                extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1, http: { status: 429, headers: new HeaderMap([['retry-after', '1']]) } },
              });
            }
            running.set(ctx.caller, n + 1);
            heldBy = ctx.caller;
          }
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
        async responseForOperation({ contextValue: ctx }) {
          if (!compiled) return null;
          // Over HTTP the handler sends PostgreSQL's text as it is and Apollo serializes a stand-in; elsewhere, the data.
          let data: Record<string, unknown> = {};
          if (ctx.compiledText) ctx.compiledText.json = compiled.json;
          else data = JSON.parse(compiled.json) as Record<string, unknown>;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
        },
        async willSendResponse({ response, operationName, operation, contextValue: ctx }) {
          if (heldBy !== null) {
            const n = (running.get(heldBy) ?? 1) - 1;
            if (n > 0) running.set(heldBy, n);
            else running.delete(heldBy);
            heldBy = null;
          }
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
          if (errors?.some((e) => e.extensions?.code === 'UNAVAILABLE' || e.extensions?.code === 'TIMEOUT')) response.http.status = 503;
          // A document refused before it ran (over a limit, or not valid) is the client's error, never a 500.
          else if (errors?.length && body.kind === 'single' && !('data' in body.singleResult && body.singleResult.data) && errors.every((e) => REFUSED_DOCUMENT.has(String(e.extensions?.code)))) {
            response.http.status = 400;
          }
          // The request's span (tracing.ts): what ran and for which role, never who.
          trace.getActiveSpan()?.setAttributes({
            'graphql.operation.name': operationName ?? 'anonymous',
            'graphql.operation.type': operation?.operation ?? 'none',
            'waypoint.viewer.role': ctx.viewer?.role ?? 'anonymous',
          });
          const codes = (errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          metrics.graphql(operationName, operation?.operation ?? 'none', Number(process.hrtime.bigint() - started) / 1e9, codes);
        },
      };
    },
  };
}

/** /graphql: Apollo Server with the request limits, the viewer, compiled reads and one error formatter. */
export async function graphqlRoute(deps: {
  config: Config;
  orm: MikroORM;
  clock: Clock;
  log: Logger;
  server: http.Server;
  viewers: Viewers;
  metrics: Metrics;
  /** The app's middlewares every request goes through (graphql-http.ts). */
  middlewares: readonly Middleware[];
}) {
  const { config, orm, clock, log, server, viewers, metrics } = deps;
  const schema = await createSchema();
  const protection = requestProtection(config);
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
    parseOptions: { maxTokens: REQUEST_LIMITS.maxTokens },
    formatError: createErrorFormatter(log, config.statementTimeoutMs),
    plugins: [
      ...protection.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ApolloServerPluginLandingPageDisabled(),
      // Waypoint sends no cache hints; the default cache-control plugin would wrap every field's resolver to look for them.
      ApolloServerPluginCacheControlDisabled(),
      requestPlugin(schema, config, metrics),
    ],
  });
  await apollo.start();

  // compression() wraps every answer's writeHead, write and end, even for a client that takes no compressed answer
  // (5 % of a queue page's CPU in a client that sends no Accept-Encoding); such a request goes around it.
  const compress = compression({ threshold: 1024 }) as Middleware;
  const compressWhenAsked: Middleware = (req, res, next) => (req.headers['accept-encoding'] ? compress(req, res, next) : next());
  const limits = createLimits(await orm.em.getConnection().getNativeClient(), config.rateLimitPerMinute, (limit) => metrics.rateLimited(limit));
  // Secure (HTTPS only) in production; development and tests run on plain http://127.0.0.1.
  const secureCookies = config.env === 'production';
  const handler = graphqlHttp({
    apollo,
    log,
    responseLimitBytes: config.responseLimitBytes,
    // The app's own request id and log, request scope, security headers and metrics; then compression when the
    // client asks (brotli or gzip; small answers cost more to compress than they save) and the 1 MB JSON body.
    middlewares: [...deps.middlewares, compressWhenAsked, express.json({ limit: '1mb' }) as unknown as Middleware],
    context: async ({ req, res, compiled, signal }) => {
      // Forked when something first needs it: a compiled read answered for a viewer already known needs none.
      let forked: EntityManager | undefined;
      const em = () => (forked ??= orm.em.fork());
      // An API key not seen within a minute is read here; a sign-in token is only verified (signature, expiry),
      // and its user read once the document is known to be valid (didResolveOperation above).
      const auth = await viewers.presented(credentialsOf(req), em, clock.now());
      const ip = clientAddress(req);
      // Counted against a verified caller, or the address: a made-up bearer string earns no allowance of its own.
      const caller = auth.caller ?? `ip:${ip}`;
      // The count lives in PostgreSQL: while it is away, this request gets the same 503 UNAVAILABLE as any other.
      // Every answer says what is left of the caller's minute (RateLimit-Limit, -Remaining, -Reset), not only a 429.
      const quota = await orUnavailable(limits.request(caller));
      if (quota) for (const [name, value] of rateLimitHeaders(quota)) res.setHeader(name, value);
      return buildContext({
        em,
        viewer: auth.viewer,
        pending: auth.pending,
        authProblem: auth.problem,
        session: auth.session,
        sessionCookie: {
          set: (token, expiresAt) => void res.appendHeader('Set-Cookie', sessionCookie(token, expiresAt, clock.now(), secureCookies)),
          clear: () => void res.appendHeader('Set-Cookie', clearedSessionCookie(secureCookies)),
        },
        clock,
        config,
        // The request's own logger (bound to its id) is made only if something logs.
        log: () => req.log ?? log,
        requestId: String(req.id),
        publicUrl: config.publicUrl ?? `${protocolOf(req)}://${req.headers.host ?? 'localhost'}`,
        ip,
        caller,
        limits,
        rootEm: orm.em,
        compiledText: compiled,
        signal,
      });
    },
  });

  return { handler, schema, limits, stop: () => apollo.stop() };
}
