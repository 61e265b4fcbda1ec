import type http from 'node:http';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, getOperationAST, parse, validate, type GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config';
import type { Clock } from './common/clock';
import type { Logger } from './common/logger';
import type { LiveHub } from './common/live';
import type { Limits } from './common/rate-limit';
import { REQUEST_LIMITS } from './common/limits';
import type { Viewers } from './auth/viewers';
import type { Viewer } from './auth/viewer';
import { buildContext } from './context';

/** Close codes a console acts on: sign in again (4401), not allowed (4403). */
export const CLOSE_UNAUTHENTICATED = 4401;

type Extra = { viewer?: Viewer };

/**
 * GraphQL subscriptions over WebSocket (graphql-ws, the graphql-transport-ws protocol) on /graphql, the same port.
 * A connection is authorized like a request: a bearer token or API key in the connection's `authorization`
 * parameter, or the console's session cookie with its CSRF token in `csrf` (a page on another site cannot read it).
 * It closes when the session expires. Only subscriptions run here: queries and mutations go over HTTP, where the
 * limits, the compiled reads and the transactions are.
 */
export function subscriptionServer(deps: { server: http.Server; schema: GraphQLSchema; viewers: Viewers; orm: MikroORM; clock: Clock; config: Config; log: Logger; live: LiveHub; limits: Limits }) {
  const wss = new WebSocketServer({ server: deps.server, path: '/graphql', maxPayload: 64 * 1024 });
  const disposable = useServer<Record<string, unknown>, Extra>(
    {
      schema: deps.schema,
      connectionInitWaitTimeout: 10_000,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = typeof params.authorization === 'string' ? params.authorization : undefined;
        const csrf = typeof params.csrf === 'string' ? params.csrf : undefined;
        const cookie = ctx.extra.request.headers.cookie;
        try {
          const presented = await deps.viewers.presented({ authorization, cookie, csrf }, deps.orm.em.fork(), deps.clock.now());
          const found = presented.pending ? await presented.pending.read() : presented;
          if (!found.viewer) return false; // 4403 Forbidden: the client signs in again
          ctx.extra.viewer = found.viewer;
          // A session's socket lasts as long as the session (a token's expiry; signing out ends it on the next check).
          const expiresAt = presented.session?.expiresAt;
          if (expiresAt) {
            const timer = setTimeout(() => ctx.extra.socket.close(CLOSE_UNAUTHENTICATED, 'Your session has expired: sign in again'), Math.min(2 ** 31 - 1, Math.max(0, expiresAt.getTime() - deps.clock.now().getTime())));
            timer.unref();
            ctx.extra.socket.once('close', () => clearTimeout(timer));
          }
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query, { maxTokens: REQUEST_LIMITS.maxTokens });
        } catch (e) {
          return [e as GraphQLError];
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation || operation.operation !== 'subscription') {
          return [new GraphQLError('Only subscriptions run over WebSocket: send queries and mutations to POST /graphql', { extensions: { code: 'BAD_REQUEST' } })];
        }
        const errors = validate(deps.schema, document);
        if (errors.length) return errors;
        return {
          schema: deps.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables ?? undefined,
          contextValue: buildContext({
            em: () => deps.orm.em.fork(),
            rootEm: deps.orm.em,
            viewer: ctx.extra.viewer ?? null,
            pending: null,
            authProblem: null,
            session: null,
            sessionCookie: { set: () => undefined, clear: () => undefined },
            clock: deps.clock,
            config: deps.config,
            log: deps.log,
            requestId: `ws:${_id}`,
            publicUrl: deps.config.publicUrl ?? `http://${ctx.extra.request.headers.host ?? 'localhost'}`,
            ip: ctx.extra.request.socket.remoteAddress ?? 'unknown',
            caller: ctx.extra.viewer ? `u:${ctx.extra.viewer.userId}` : 'anonymous',
            limits: deps.limits,
            live: deps.live,
          }),
        };
      },
    },
    wss,
    10_000,
  );
  return {
    /** Open sockets (metrics). */
    clients: () => wss.clients.size,
    async close() {
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await disposable.dispose();
    },
  };
}
