/**
 * The physical limit for the compare and live benches: node http and a pg Pool (max 10), one hand-written SQL
 * statement per query that builds the whole JSON response. POST /queue, /progress, /learner with
 * {"variables": {"id": ...}} (compare); POST /live/<workload> with {"values": [...]} (live); POST /lists/<list> (lists).
 */
import http from 'node:http';
import pg from 'pg';
import { RAW_SQL } from './compare-data';
import { LIVE_RAW_SQL } from './live-data';
import { LISTS_RAW_SQL } from './lists-raw';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
// Prepared by name: parsed and planned once per connection, as a driver in production would.
const prepared = (prefix: string, name: string, sql: string) => ({ name: `${prefix}_${name}`, text: `select body::text from (${sql}) q`, rowMode: 'array' as const });
const statements = {
  ...Object.fromEntries(Object.entries(RAW_SQL).map(([name, sql]) => [`/${name}`, prepared('raw', name, sql)])),
  ...Object.fromEntries(Object.entries(LIVE_RAW_SQL).map(([name, sql]) => [`/live/${name}`, prepared('live', name, sql)])),
  ...Object.fromEntries(Object.entries(LISTS_RAW_SQL).map(([name, sql]) => [`/lists/${name}`, prepared('lists', name, sql)])),
};

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    const statement = statements[req.url ?? ''];
    if (req.url === '/health') return void res.writeHead(200).end('ok');
    if (req.method !== 'POST' || !statement) return void res.writeHead(404).end();
    try {
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      const values = Array.isArray(body?.values) ? body.values : statement.name === 'raw_learner' ? [String(body?.variables?.id ?? '')] : [];
      const { rows } = await pool.query({ ...statement, values });
      res.writeHead(200, { 'content-type': 'application/json' }).end(rows[0][0]);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: (e as Error).message }] }));
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
