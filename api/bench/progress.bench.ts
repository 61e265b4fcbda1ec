import { createHmac, randomBytes } from 'node:crypto';
import pg from 'pg';
import { signToken } from '../src/auth/token';
import { fmt, scratchDatabase } from './scratch';
import { startServer } from './server';

/** Learners over 20 coaches and `perLearner` job activities each over the last 120 days. */
async function generate(client: pg.Client, learners: number, perLearner: number): Promise<void> {
  await client.query(`insert into users (id, email, name, role) select gen_random_uuid(), 'pcoach-' || g || '@example.org', 'Coach ' || g, 'COACH' from generate_series(1, 20) g`);
  await client.query(
    `with coaches as (select array_agg(id order by email) ids from users where role = 'COACH'),
     u as (insert into users (id, email, name, role, time_zone)
           select gen_random_uuid(), 'plearner-' || g || '@example.org', 'Learner ' || g, 'LEARNER', (array['UTC','Africa/Lagos','America/Bogota','Asia/Kolkata'])[1 + g % 4]
           from generate_series(1, $1::int) g returning id, email, time_zone)
     insert into learners (id, user_id, time_zone, module_start_date, coach_id)
     select gen_random_uuid(), u.id, u.time_zone, current_date - 60, c.ids[1 + abs(hashtext(u.email)) % 20] from u, coaches c`,
    [learners],
  );
  await client.query(
    `insert into job_activities (id, learner_id, kind, company, role, occurred_at, source, stage)
     select gen_random_uuid(), l.id, case when g % 5 = 0 then 'INTERVIEW' else 'APPLICATION' end::job_activity_kind,
            'Company ' || (g % 97), 'Role ' || (g % 13), now() - (g * 7919 % (120 * 24 * 60)) * interval '1 minute', 'HUNTR',
            case when g % 5 = 0 then (array['PHONE_SCREEN','PHONE_INTERVIEW','ON_SITE'])[1 + g % 3] end
     from learners l cross join generate_series(1, $1::int) g`,
    [perLearner],
  );
  await client.query('analyze');
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Runs `call` from `clients` loops for `seconds`; returns requests/s, p50 and p99 in ms. */
async function load(seconds: number, clients: number, call: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  const start = Date.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; Date.now() < deadline; i += clients) {
        const t0 = process.hrtime.bigint();
        await call(i);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / ((Date.now() - start) / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99), n: latencies.length };
}

/** The same JSON as a progress page of 200 (counts in the window and the daily series), in one hand-written query: the limit. */
const RAW_PAGE = `
  with page as (select id, time_zone from learners order by id limit 200),
  days as (select p.id, d::date as day from page p, generate_series((now() at time zone p.time_zone)::date - 6, (now() at time zone p.time_zone)::date, interval '1 day') d),
  counts as (
    select a.learner_id, (a.occurred_at at time zone p.time_zone)::date as day,
           count(*) filter (where a.kind = 'APPLICATION') as applications, count(*) filter (where a.kind = 'INTERVIEW') as interviews
    from job_activities a join page p on p.id = a.learner_id
    where a.occurred_at > now() - interval '8 days' group by 1, 2)
  select json_agg(json_build_object('learnerId', d.id, 'daily', d.daily)) from (
    select days.id, json_agg(json_build_object('date', days.day, 'applications', coalesce(c.applications, 0), 'interviews', coalesce(c.interviews, 0)) order by days.day) as daily
    from days left join counts c on c.learner_id = days.id and c.day = days.day group by days.id) d`;

export async function progressBench(learners: number, perLearner: number, seconds: number): Promise<void> {
  const db = await scratchDatabase();
  const secret = randomBytes(32).toString('base64url');
  const webhookSecret = randomBytes(16).toString('hex');
  process.env.HUNTR_WEBHOOK_SECRET = webhookSecret;
  const server = await startServer(db.url, secret);
  try {
    console.log(`\nProgress: ${fmt(learners)} learners, ${fmt(learners * perLearner)} job activities, ${db.server}\n`);
    const t0 = Date.now();
    await generate(db.client, learners, perLearner);
    console.log(`  generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const [staff] = (await db.client.query(`insert into users (id, email, name, role) values (gen_random_uuid(), 'pstaff@example.org', 'Staff', 'STAFF') returning id`)).rows;
    const token = signToken(staff.id, secret, 1, new Date()).token;
    const ids = (await db.client.query(`select id from learners order by id limit 1000`)).rows.map((r) => r.id as string);
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
    };
    const page = `query { progress(first: 200, days: 7) { totalCount nodes { learnerId applications interviews daily { date applications interviews } } } }`;
    const one = `query($id: ID!) { learnerProgress(learnerId: $id, days: 7) { applications interviews daily { date applications interviews } } }`;
    for (let i = 0; i < 10; i++) await gql(page);
    const single = await load(seconds, 1, (i) => gql(one, { id: ids[i % ids.length] }));
    const pageAlone = await load(seconds, 1, () => gql(page));
    const api = await load(seconds, 10, () => gql(page));
    const pool = new pg.Pool({ connectionString: db.url, max: 10 });
    const raw = await load(seconds, 10, async () => void (await pool.query(RAW_PAGE)));
    await pool.end();
    console.log(`  learnerProgress, one client:           p50 ${single.p50.toFixed(1)} ms, p99 ${single.p99.toFixed(1)} ms`);
    console.log(`  progress page of 200, one client:      p50 ${pageAlone.p50.toFixed(1)} ms, p99 ${pageAlone.p99.toFixed(1)} ms`);
    console.log(`  progress page of 200, 10 clients:      ${api.rps.toFixed(1)} requests/s, p50 ${api.p50.toFixed(1)} ms, p99 ${api.p99.toFixed(1)} ms`);
    console.log(`  hand-written SQL for the same JSON:    ${raw.rps.toFixed(1)} requests/s, p50 ${raw.p50.toFixed(1)} ms (the API reaches ${((api.rps / raw.rps) * 100).toFixed(0)}% of it)`);

    // Webhook: deliveries with redeliveries mixed in, each action stored exactly once.
    const email = (await db.client.query(`select u.email from users u join learners l on l.user_id = u.id limit 1`)).rows[0].email as string;
    const bodies = Array.from({ length: 400 }, (_, i) =>
      // The Action as Huntr documents it (api/test/fixtures/huntr/README.md): category and employer at the top, Unix seconds.
      JSON.stringify({
        id: `bench-${i}`,
        actionType: 'ACTIVITY_CREATED',
        date: Math.floor(Date.now() / 1000),
        ownerMember: { email },
        job: { id: `job-${i}`, title: 'Developer' },
        employer: { name: 'Acme' },
        activity: { id: `bench-activity-${i}`, completed: true, completedAt: Math.floor(Date.now() / 1000) },
        activityCategory: { name: 'Apply' },
      }),
    );
    const hook = await load(seconds, 10, async (i) => {
      const body = bodies[i % bodies.length];
      const res = await fetch(`${server.url}/webhooks/huntr`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-huntr-hmac-sha256': createHmac('sha256', webhookSecret).update(body).digest('base64') },
        body,
      });
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      await res.arrayBuffer();
    });
    const [{ stored, rows }] = (await db.client.query(
      `select (select count(*) from huntr_actions where id like 'bench-%')::int as stored, (select count(*) from job_activities where huntr_key like 'activity:bench-activity-%')::int as rows`,
    )).rows;
    console.log(`  webhook, 10 clients, ${bodies.length} actions redelivered: ${hook.rps.toFixed(0)} deliveries/s (${fmt(hook.n)} deliveries), ${stored} actions stored, ${rows} activities (each once: ${stored === Math.min(bodies.length, hook.n) && rows === stored})`);
  } finally {
    await server.stop();
    await db.drop();
    delete process.env.HUNTR_WEBHOOK_SECRET;
  }
}
