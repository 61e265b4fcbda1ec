import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { introspectionFromSchema, type GraphQLSchema } from 'graphql';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import { routeFailure } from '../common/http';
import type { Viewer } from '../auth/viewer';
import { credentialsOf } from '../auth/session-cookie';
import type { Credentials } from '../auth/viewers';
import { IMMUTABLE, sendBuilt } from '../console.routes';

type Authenticate = (credentials: Credentials, em: EntityManager, now: Date) => Promise<{ viewer: Viewer | null }>;

/** A page a browser shows instead of GraphiQL: what is wrong and where to sign in (no script: the CSP allows none inline). */
function refusalPage(status: 401 | 403, viewer: Viewer | null): string {
  const said =
    status === 401
      ? 'GraphiQL is for Waypoint staff. Sign in to the console as staff, then open this page again.'
      : `GraphiQL is for Waypoint staff; you are signed in as ${viewer?.client ? 'an API client' : `a ${viewer?.role.toLowerCase()}`}.`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>GraphiQL · Waypoint</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>${status === 401 ? 'Sign in as staff' : 'Only staff may use GraphiQL'}</h1>
<p>${said}</p>
<p><a href="/admin/">Open the console</a> · <a href="/docs/">The API reference</a> describes every type, field and operation.</p>
</body></html>`;
}

/**
 * /graphiql: GraphiQL (admin/graphiql, built by npm run build) on the same /graphql, for anyone in development and for
 * signed-in staff otherwise (production; tests run the production rule).
 * - /graphiql/ and /graphiql/assets/*: the page and its hashed scripts (no data). A page load cannot carry
 *   X-CSRF-Token, so the console's cookie counts alone here (auth/viewers.ts authenticatePage); others get an HTML page
 *   that says why (401, 403).
 * - /graphiql/schema.json: the running schema as introspection JSON, with the same credentials as any data (a bearer
 *   token, or the cookie with its X-CSRF-Token). /graphql itself keeps introspection off in production, for staff too:
 *   GraphiQL gets its schema here instead, so nobody else can read it.
 * Requests GraphiQL sends go to /graphql as the console's do, judged there as any other.
 */
export function graphiqlRoutes(deps: {
  env: 'development' | 'production' | 'test';
  dir: string;
  schema: GraphQLSchema;
  em: () => EntityManager;
  clock: Clock;
  log: Logger;
  authenticate: Authenticate;
  authenticatePage: Authenticate;
}): express.Router {
  const router = express.Router();
  const dist = path.resolve(deps.dir);
  const failed = routeFailure(deps.log);
  const open = deps.env === 'development';
  let introspection: string | undefined;

  /** Lets the request on when GraphiQL is open to it; otherwise answers 401/403 as `refuse` words it. */
  const staffOnly = (authenticate: Authenticate, refuse: (res: express.Response, status: 401 | 403, viewer: Viewer | null) => void): express.RequestHandler =>
    async (req, res, next) => {
      if (open) return next();
      try {
        const { viewer } = await authenticate(credentialsOf(req), deps.em(), deps.clock.now());
        if (viewer?.role === 'STAFF' && !viewer.client) return next();
        res.setHeader('Cache-Control', 'no-store');
        refuse(res, viewer ? 403 : 401, viewer);
      } catch (e) {
        failed(req, res, e);
      }
    };
  const pageGate = staffOnly(deps.authenticatePage, (res, status, viewer) => void res.status(status).type('html').send(refusalPage(status, viewer)));
  const dataGate = staffOnly(deps.authenticate, (res, status) =>
    void res.status(status).json({
      errors: [
        {
          message: status === 401 ? 'Sign in as staff: a bearer token, or the console\'s session with its X-CSRF-Token' : 'Only staff may read the schema here',
          extensions: { code: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN' },
        },
      ],
    }),
  );

  router.get('/graphiql/schema.json', dataGate, (_req, res) => {
    introspection ??= JSON.stringify({ data: introspectionFromSchema(deps.schema) });
    res.setHeader('Cache-Control', 'no-store');
    res.type('json').send(introspection);
  });
  if (!existsSync(path.join(dist, 'index.html'))) {
    router.get(/^\/graphiql(\/.*)?$/, (_req, res) => {
      res.status(503).type('text').send('GraphiQL is not built yet: run "npm run build" (npm start does this for you).');
    });
    return router;
  }
  // Named as express.static's is: a folder of built files mounted at /graphiql (the authorization matrix reads the name).
  router.use('/graphiql/assets', pageGate, function serveStatic(req, res, next) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const name = req.path.slice(1);
    // A name ending in .br/.gz is one of the copies: asked for directly, it would go out without its Content-Encoding.
    if (!/^[\w.-]+$/.test(name) || /\.(br|gz)$/.test(name) || !existsSync(path.join(dist, 'assets', name))) {
      res.status(404).setHeader('Cache-Control', 'no-store').type('text').send('Not found');
      return;
    }
    sendBuilt(dist, `assets/${name}`, IMMUTABLE)(req, res, next);
  });
  // The page is asked for afresh each time (it names the current hashed files) and kept by no shared cache.
  router.get(/^\/graphiql\/?$/, pageGate, sendBuilt(dist, 'index.html', 'private, no-cache'));
  return router;
}
