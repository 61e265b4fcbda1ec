import type express from 'express';
import type { Pool } from 'pg';
import proxyaddr from 'proxy-addr';
import type { Middleware } from './http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { timingSafeEqual } from 'node:crypto';

/** Operation names kept apart; past this many, new names count as "other" (clients choose names freely). */
const MAX_OPERATIONS = 200;

/**
 * What Waypoint counts for Prometheus (prom-client): GraphQL requests, errors and latency per operation name (never
 * per document), REST requests per route, the request pool, statement timeouts, rate-limit refusals, and, read at
 * each scrape, the job queue and Huntr's freshness. One registry per app, served at /metrics (metricsRoute).
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const operations = new Set<string>();
  const operationLabel = (name: string | null | undefined) => {
    const label = name || 'anonymous';
    if (operations.has(label)) return label;
    if (operations.size >= MAX_OPERATIONS) return 'other';
    operations.add(label);
    return label;
  };

  const graphqlRequests = new Counter({
    name: 'waypoint_graphql_requests_total',
    help: 'GraphQL requests by operation name, type and outcome (ok, or the first error code).',
    labelNames: ['operation', 'type', 'outcome'],
    registers: [registry],
  });
  const graphqlDuration = new Histogram({
    name: 'waypoint_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to its answer, by operation name.',
    labelNames: ['operation', 'type'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const graphqlErrors = new Counter({
    name: 'waypoint_graphql_errors_total',
    help: 'GraphQL errors in answers, by operation name and code.',
    labelNames: ['operation', 'code'],
    registers: [registry],
  });
  const httpRequests = new Counter({
    name: 'waypoint_http_requests_total',
    help: 'HTTP requests by route family and status.',
    labelNames: ['route', 'status'],
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'waypoint_http_request_duration_seconds',
    help: 'HTTP request latency by route family.',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  // Each label set's child, looked up once: labels() validates and hashes its labels on every call.
  const graphqlRequestsOf = childrenOf(graphqlRequests);
  const graphqlDurationOf = childrenOf(graphqlDuration);
  const requestsOf = childrenOf(httpRequests);
  const durationOf = childrenOf(httpDuration);
  const rateLimited = new Counter({
    name: 'waypoint_rate_limited_total',
    help: 'Requests refused by a limit (requests a minute, large documents at once, failed sign-ins).',
    labelNames: ['limit'],
    registers: [registry],
  });
  const statementTimeouts = new Counter({
    name: 'waypoint_statement_timeouts_total',
    help: 'Requests whose SQL statement ran past STATEMENT_TIMEOUT_MS and was stopped.',
    registers: [registry],
  });

  return {
    registry,
    /** One GraphQL answer: its operation, how long it took, and the codes of its errors. */
    graphql(operation: string | null | undefined, type: string, seconds: number, codes: string[]): void {
      const label = operationLabel(operation);
      const outcome = codes[0] ?? 'ok';
      graphqlRequestsOf(label, type, outcome).inc();
      graphqlDurationOf(label, type).observe(seconds);
      for (const code of codes) graphqlErrors.inc({ operation: label, code });
      for (const code of codes) if (code === 'TIMEOUT') statementTimeouts.inc();
    },
    rateLimited(limit: 'requests' | 'expensive' | 'sign-in'): void {
      rateLimited.inc({ limit });
    },
    /** Counts every HTTP request by route family (not by path: ids and tokens stay out of labels). */
    httpMiddleware(): Middleware {
      return (req, res, next) => {
        const started = process.hrtime.bigint();
        // Now: routers mounted on a path rewrite req.url while they handle it.
        const url = req.url ?? '';
        const q = url.indexOf('?');
        const route = routeFamily(q < 0 ? url : url.slice(0, q));
        res.once('finish', () => {
          requestsOf(route, String(res.statusCode)).inc();
          durationOf(route).observe(Number(process.hrtime.bigint() - started) / 1e9);
        });
        next();
      };
    },
    /** Gauges read at each scrape: the request pool, the job queue, how long since Huntr last sent something. */
    watch(pool: Pool): void {
      new Gauge({
        name: 'waypoint_db_pool_connections',
        help: 'Connections of the request pool: total, idle, and requests waiting for one.',
        labelNames: ['state'],
        registers: [registry],
        collect() {
          this.set({ state: 'total' }, pool.totalCount);
          this.set({ state: 'idle' }, pool.idleCount);
          this.set({ state: 'waiting' }, pool.waitingCount);
        },
      });
      new Gauge({
        name: 'waypoint_jobs',
        help: 'Jobs in the queue by task and state: waiting (due or scheduled), retrying (failed, will run again), failed (out of attempts).',
        labelNames: ['task', 'state'],
        registers: [registry],
        async collect() {
          this.reset();
          const { rows } = await pool.query<{ task: string; waiting: number; retrying: number; failed: number }>(
            `select t.identifier as task,
                    count(*) filter (where j.attempts = 0)::int as waiting,
                    count(*) filter (where j.attempts > 0 and j.attempts < j.max_attempts)::int as retrying,
                    count(*) filter (where j.attempts >= j.max_attempts)::int as failed
               from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
              group by t.identifier`,
          ).catch(() => ({ rows: [] }));
          for (const r of rows) {
            this.set({ task: r.task, state: 'waiting' }, r.waiting);
            this.set({ task: r.task, state: 'retrying' }, r.retrying);
            this.set({ task: r.task, state: 'failed' }, r.failed);
          }
        },
      });
      new Gauge({
        name: 'waypoint_outbox_deliveries',
        help: 'Notification deliveries by channel (email, webhook) and state: due (pending, its time has come), waiting (pending, later: quiet hours, back-off, digest), failed (given up).',
        labelNames: ['channel', 'state'],
        registers: [registry],
        async collect() {
          this.reset();
          const { rows } = await pool
            .query<{ channel: string; due: number; waiting: number; failed: number }>(
              `select 'email' as channel, count(*) filter (where status = 'PENDING' and due_at <= now())::int as due,
                      count(*) filter (where status = 'PENDING' and due_at > now())::int as waiting, count(*) filter (where status = 'FAILED')::int as failed
                 from notification_deliveries
               union all
               select 'webhook', count(*) filter (where status = 'PENDING' and due_at <= now())::int,
                      count(*) filter (where status = 'PENDING' and due_at > now())::int, count(*) filter (where status = 'FAILED')::int
                 from webhook_deliveries`,
            )
            .catch(() => ({ rows: [] as { channel: string; due: number; waiting: number; failed: number }[] }));
          for (const r of rows) for (const state of ['due', 'waiting', 'failed'] as const) this.set({ channel: r.channel, state }, r[state]);
        },
      });
      new Gauge({
        name: 'waypoint_outbox_oldest_due_seconds',
        help: 'How long the oldest due delivery has waited past its time, by channel (0 when none): the delivery job is behind or the receiver is failing.',
        labelNames: ['channel'],
        registers: [registry],
        async collect() {
          this.reset();
          const { rows } = await pool
            .query<{ channel: string; seconds: number }>(
              `select 'email' as channel, coalesce(extract(epoch from now() - min(due_at)), 0)::float8 as seconds from notification_deliveries where status = 'PENDING' and due_at <= now()
               union all
               select 'webhook', coalesce(extract(epoch from now() - min(due_at)), 0)::float8 from webhook_deliveries where status = 'PENDING' and due_at <= now()`,
            )
            .catch(() => ({ rows: [] as { channel: string; seconds: number }[] }));
          for (const r of rows) this.set({ channel: r.channel }, r.seconds);
        },
      });
      new Gauge({
        name: 'waypoint_huntr_seconds_since_last_action',
        help: 'Seconds since the newest Huntr action happened (as Huntr dates it; webhook or sync); absent before the first.',
        registers: [registry],
        async collect() {
          this.reset();
          const { rows } = await pool
            .query<{ seconds: number | null }>(`select extract(epoch from now() - max(received_at))::float8 as seconds from huntr_actions`)
            .catch(() => ({ rows: [] as { seconds: number | null }[] }));
          if (rows[0]?.seconds !== null && rows[0]?.seconds !== undefined) this.set(rows[0].seconds);
        },
      });
    },
    /** Live updates in this process: open WebSockets and subscriptions, and whether it listens to PostgreSQL. */
    watchLive(read: () => { sockets: number; subscriptions: number; listening: boolean }): void {
      new Gauge({
        name: 'waypoint_live',
        help: 'Live updates in this process: open sockets, open subscriptions, and listening (1 while its LISTEN connection is up).',
        labelNames: ['what'],
        registers: [registry],
        collect() {
          const now = read();
          this.set({ what: 'sockets' }, now.sockets);
          this.set({ what: 'subscriptions' }, now.subscriptions);
          this.set({ what: 'listening' }, now.listening ? 1 : 0);
        },
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The route family of a path, for labels: never an id or a token. */
function routeFamily(path: string): string {
  if (path === '/graphql') return '/graphql';
  if (path.startsWith('/admin')) return '/admin';
  if (path.startsWith('/calendar/')) return '/calendar';
  if (path.startsWith('/health')) return '/health';
  for (const known of ['/webhooks/huntr', '/imports/huntr', '/metrics']) if (path === known) return known;
  return 'other';
}

/**
 * GET /metrics in Prometheus' text format, for the addresses in `allow` (IPs or CIDRs, matched against the
 * connection's own address, never a forwarded header) or a request bearing `token`. Anyone else gets 403.
 */
export function metricsRoute(metrics: Metrics, opts: { allow: string[]; token?: string }): express.RequestHandler {
  const allowed = proxyaddr.compile(opts.allow);
  const tokenOk = (header: string | undefined) => {
    if (!opts.token || !header?.startsWith('Bearer ')) return false;
    const given = Buffer.from(header.slice('Bearer '.length));
    const expected = Buffer.from(opts.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  return async (req, res) => {
    const address = req.socket.remoteAddress ?? '';
    if (!tokenOk(req.get('authorization')) && !(address && allowed(address, 0))) {
      res.status(403).json({ error: 'Metrics are for the addresses in METRICS_ALLOW, or with METRICS_TOKEN as a bearer token', code: 'FORBIDDEN' });
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}

/** A metric's child per label values, looked up once (labels() validates and hashes them on every call); label sets are bounded. */
function childrenOf<C>(metric: { labels(...values: string[]): C }): (...values: string[]) => C {
  const children = new Map<string, C>();
  return (...values) => {
    const key = values.join('\u0000');
    let child = children.get(key);
    if (!child) children.set(key, (child = metric.labels(...values)));
    return child;
  };
}
