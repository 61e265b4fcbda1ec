/**
 * PostGraphile 4.14.1 over the compare database, as a plain http server in its own process (DATABASE_URL, PORT).
 * Started by compare.bench.ts; not a part of Waypoint.
 */
import Module from 'node:module';
import path from 'node:path';
import http from 'node:http';

// PostGraphile 4 needs graphql 15 while Waypoint pins 16, so npm nests two copies of graphql 15 (under
// postgraphile and under graphile-build-pg) and the schema fails with "from another module or realm". In this
// process every require of graphql or graphile-build resolves from postgraphile's folder: one copy of each.
const home = path.dirname(require.resolve('postgraphile/package.json'));
type Resolve = (request: string, parent: unknown, isMain: boolean, options?: { paths?: string[] }) => string;
const resolver = Module as unknown as { _resolveFilename: Resolve };
const resolve = resolver._resolveFilename;
resolver._resolveFilename = function (request, parent, isMain, options) {
  const name = request.split('/')[0];
  if (name === 'graphql' || name === 'graphile-build') return resolve.call(this, request, parent, isMain, { paths: [home] });
  return resolve.call(this, request, parent, isMain, options);
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { postgraphile } = require('postgraphile') as typeof import('postgraphile');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pg = require('pg') as typeof import('pg');

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const middleware = postgraphile(pool, 'pgl', {
  disableDefaultMutations: true,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: true,
  ignoreIndexes: true,
  legacyRelations: 'omit',
  graphiql: false,
  enhanceGraphiql: false,
  disableQueryLog: true,
  retryOnInitFail: false,
  watchPg: false,
  showErrorStack: false,
  extendedErrors: [],
  enableQueryBatching: false,
});

const server = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  middleware(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
