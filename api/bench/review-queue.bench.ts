import { randomBytes } from 'node:crypto';
import { signToken } from '../src/auth/token';
import { fmt, scratchDatabase } from './scratch';
import { startServer } from './server';


const QUEUE_PAGE = `query($filter: SubmissionFilter) {
  reviewQueue(perPage: 50, filter: $filter) {
    id kind status versionNumber revision waitingMinutes dueAt breached nearBreach claimableByMe
    learner { id name moduleWeek status } assignedCoach { id name } claimedBy { id name }
    latestFeedback { decision body author { name } }
  }
}`;

/** Learners over 10 coaches, 20 submissions each over 20 weeks; the newest of each learner's is mostly waiting. */
async function generate(client: import('pg').Client, learners: number): Promise<void> {
  await client.query(
    `insert into users (id, email, name, role, time_zone)
     select gen_random_uuid(), 'bench-coach-' || g || '@example.org', 'Bench Coach ' || g, 'COACH', 'UTC' from generate_series(1, 10) g`,
  );
  await client.query(
    `with coaches as (select array_agg(id order by email) ids from users where role = 'COACH'),
     u as (
       insert into users (id, email, name, role, time_zone)
       select gen_random_uuid(), 'bench-' || g || '@example.org', 'Bench Learner ' || g, 'LEARNER', 'UTC' from generate_series(1, $1::int) g
       returning id, email
     )
     insert into learners (id, user_id, time_zone, module_start_date, coach_id)
     select gen_random_uuid(), u.id, 'UTC', (now() - interval '20 weeks')::date, c.ids[1 + abs(hashtext(u.email)) % 10]
     from u, coaches c`,
    [learners],
  );
  await client.query(
    `insert into submissions (id, learner_id, kind, status, content, submitted_at, submitted_by_id, assigned_coach_id, open_to_all_at,
                              review_requested, claimed_by_id, claimed_at, reviewed_at, revision)
     select gen_random_uuid(), l.id, x.kind, x.status,
            jsonb_build_object('material', jsonb_build_object('materialType', 'CV', 'link', 'https://example.org/cv.pdf', 'note', 'Is my summary clear?')),
            x.at, l.user_id, l.coach_id, x.at + interval '1 day', x.status <> 'NO_REVIEW',
            case when x.status in ('IN_REVIEW', 'REVIEWED') then l.coach_id end,
            case when x.status in ('IN_REVIEW', 'REVIEWED') then x.at + interval '2 hours' end,
            case when x.status = 'REVIEWED' then x.at + interval '20 hours' end,
            case when x.status = 'SUBMITTED' then 1 else 3 end
     from learners l cross join generate_series(1, 20) g
     cross join lateral (select
        (case when g = 1 then (array['SMART_GOALS', 'JOB_SEARCH_ANALYSIS', 'APPLICATION_MATERIAL'])[1 + abs(hashtext(l.id::text || 'k')) % 3]
              else (array['SMART_GOALS', 'JOB_SEARCH_ANALYSIS', 'WEEKLY_RETROSPECTIVE', 'APPLICATION_MATERIAL'])[1 + g % 4] end)::submission_kind as kind,
        now() - (g - 1) * interval '7 days' - (abs(hashtext(l.id::text || g)) % 4320) * interval '1 minute' as at,
        (case when g <> 1 and g % 4 = 2 then 'NO_REVIEW'
              when g = 1 then (array['SUBMITTED', 'SUBMITTED', 'IN_REVIEW', 'REVIEWED'])[1 + abs(hashtext(l.id::text || 's')) % 4]
              else 'REVIEWED' end)::submission_status as status) x`,
  );
  await client.query(
    `insert into feedback (id, submission_id, revision, decision, body, author_id, created_at)
     select gen_random_uuid(), s.id, 1, 'APPROVED', 'Clear and measurable; keep the weekly targets visible.', s.claimed_by_id, s.reviewed_at
     from submissions s where s.status = 'REVIEWED'`,
  );
  await client.query('analyze');
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Review-queue pages over real HTTP: 10 clients in a loop, as coaches triaging at once. */
export async function reviewQueueBench(scale: number, seconds: number): Promise<void> {
  const learners = Math.round(5000 * scale);
  const db = await scratchDatabase();
  const secret = randomBytes(32).toString('base64url');
  let server: { url: string; stop(): Promise<void> } | undefined;
  try {
    console.log(`\nReview queue: ${fmt(learners)} learners, ${db.server}\n`);
    const genStart = Date.now();
    await generate(db.client, learners);
    const counts = (await db.client.query(`select (select count(*) from submissions) s, (select count(*) from submissions where status in ('SUBMITTED', 'IN_REVIEW')) o, (select count(*) from feedback) f`)).rows[0];
    console.log(`  generated ${fmt(Number(counts.s))} submissions (${fmt(Number(counts.o))} waiting) and ${fmt(Number(counts.f))} feedbacks in ${((Date.now() - genStart) / 1000).toFixed(1)} s`);
    server = await startServer(db.url, secret);
    const url = `${server.url}/graphql`;
    const coach = (await db.client.query(`select id from users where role = 'COACH' order by email limit 1`)).rows[0];
    const token = signToken(coach.id, secret, 1, new Date()).token;
    const filters = [{}, { claimableByMe: true }, { breached: true }, { kind: 'APPLICATION_MATERIAL' }];
    const call = async (i: number) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: QUEUE_PAGE, variables: { filter: filters[i % filters.length] } }),
      });
      const body = (await res.json()) as { errors?: unknown; data?: { reviewQueue: unknown[] } };
      if (body.errors || !body.data?.reviewQueue.length) throw new Error(`queue page failed: ${JSON.stringify(body).slice(0, 300)}`);
    };
    for (let i = 0; i < 20; i++) await call(i); // warm up
    const latencies: number[] = [];
    const deadline = Date.now() + seconds * 1000;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 10 }, async (_, client) => {
        for (let i = client; Date.now() < deadline; i++) {
          const t0 = process.hrtime.bigint();
          await call(i);
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
      }),
    );
    const elapsed = (Date.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `  queue page of 50 (learner, coaches, latest feedback), 10 concurrent clients for ${seconds} s:\n` +
        `    ${fmt(latencies.length)} requests, ${(latencies.length / elapsed).toFixed(0)} requests/s, ` +
        `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (server: src/main.ts, production settings)`,
    );
  } finally {
    await server?.stop();
    await db.drop();
  }
}
