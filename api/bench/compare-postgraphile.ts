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
// PostGraphile 5's graphile-build is hoisted to the root node_modules (graphile-build-pg 5 and pg-sql2 5 are nested
// under postgraphile5 today): stop with a clear error if a v4 package would ever load a v5 copy.
const core = path.dirname(require.resolve('postgraphile-core/package.json', { paths: [home] }));
for (const [name, major] of [['graphql', '15'], ['graphile-build', '4'], ['graphile-build-pg', '4'], ['pg-sql2', '4']]) {
  const file = require.resolve(`${name}/package.json`, { paths: [core] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require(file) as { version: string };
  if (version.split('.')[0] !== major) throw new Error(`PostGraphile 4 would load ${name} ${version} (${file}), not ${major}.x`);
}

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
