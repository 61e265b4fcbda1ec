/**
 * PostGraphile 5 (the `postgraphile5` alias of postgraphile 5.1.5) over the compare database, as grafserv's node
 * adapter on a plain http server in its own process (DATABASE_URL, PORT). Started by compare.bench.ts; not a part
 * of Waypoint. The preset is V5's v4-compatibility preset (Amber underneath) with the options the PostGraphile 4
 * server uses, so both versions answer the same documents (POSTGRAPHILE_QUERIES) over the same `pgl` schema.
 */
import http from 'node:http';

// Read by grafast when it loads: production mode, stated (unset, it runs in production mode anyway but warns).
process.env.GRAPHILE_ENV ??= 'production';

// Required here, after GRAPHILE_ENV; they resolve graphql 16 and graphile-build 5 from the root node_modules.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { postgraphile } = require('postgraphile5') as typeof import('postgraphile5');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeV4Preset } = require('postgraphile5/presets/v4') as typeof import('postgraphile5/presets/v4');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makePgService } = require('postgraphile5/adaptors/pg') as typeof import('postgraphile5/adaptors/pg');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { grafserv } = require('postgraphile5/grafserv/node') as typeof import('postgraphile5/grafserv/node');

const preset: GraphileConfig.Preset = {
  extends: [
    // The PostGraphile 4 server's options that V5 still has (legacyRelations, enhanceGraphiql, disableQueryLog and
    // enableQueryBatching are gone: only forward relations are queried, and batching is off on v4 too).
    makeV4Preset({
      disableDefaultMutations: true,
      dynamicJson: true,
      setofFunctionsContainNulls: false,
      ignoreRBAC: true,
      ignoreIndexes: true,
      graphiql: false,
      retryOnInitFail: false,
      watchPg: false,
      showErrorStack: false,
      extendedErrors: [],
    }),
  ],
  // Pool of 10 as on v4; no LISTEN client (pubsub), nothing here subscribes or watches.
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['pgl'], poolConfig: { max: 10 }, pubsub: false })],
  grafast: { explain: false },
  // graphiql: false only drops the /graphiql route; Ruru is also served on a GET of /graphql unless graphiqlOnGraphQLGET is off.
  grafserv: { graphiql: false, graphiqlOnGraphQLGET: false, watch: false, websockets: false },
};

async function main() {
  const pgl = postgraphile(preset);
  // Schema built (introspection of pgl) before listening, so a schema error ends the process instead of every request.
  await pgl.getSchema();
  const serv = pgl.createServ(grafserv);
  // createHandler, not addTo: /health must be answered here, and there are no websockets for addTo to wire.
  const handle = serv.createHandler();
  const server = http.createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => void Promise.resolve(pgl.release()).finally(() => process.exit(0))));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
