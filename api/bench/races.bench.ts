import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { signToken } from '../src/auth/token';
import { fmt, scratchDatabase } from './scratch';
import { startServer } from './server';

/**
 * The races from the feature issues, all at once under load: claims and claim-next on the review queue,
 * RSVPs and withdrawals for a small event, overlapping 1:1 scheduling for one coach, and enrollment status
 * changes, from many clients against the real server. Then the invariants are checked in SQL.
 */
async function generate(client: pg.Client): Promise<void> {
  await client.query(
    `insert into users (id, email, name, role, time_zone)
     select gen_random_uuid(), 'race-coach-' || g || '@example.org', 'Race Coach ' || g, 'COACH', 'UTC' from generate_series(1, 20) g`,
  );
  await client.query(
    `with coaches as (select array_agg(id order by email) ids from users where role = 'COACH'),
     u as (insert into users (id, email, name, role, time_zone)
           select gen_random_uuid(), 'race-' || g || '@example.org', 'Race Learner ' || g, 'LEARNER', 'UTC' from generate_series(1, 300) g
           returning id, email)
     insert into learners (id, user_id, time_zone, module_start_date, coach_id)
     select gen_random_uuid(), u.id, 'UTC', current_date - 14, c.ids[1 + abs(hashtext(u.email)) % 20] from u, coaches c`,
  );
  await client.query(
    `insert into status_changes (id, learner_id, from_status, to_status, reason, source) select gen_random_uuid(), id, null, 'ENROLLED', 'Enrolled', 'ENROLLMENT' from learners`,
  );
  // 600 submissions waiting and open to every coach.
  await client.query(
    `insert into submissions (id, learner_id, kind, status, content, submitted_at, submitted_by_id, assigned_coach_id, open_to_all_at)
     select gen_random_uuid(), l.id, 'APPLICATION_MATERIAL', 'SUBMITTED', '{}', now() - interval '3 days' + g * interval '1 second', l.user_id, l.coach_id, now() - interval '1 day'
     from learners l cross join generate_series(1, 2) g`,
  );
  // A small event, and 200 meeting requests for the first coach, all wanting tomorrow 14:00-18:00.
  await client.query(
    `insert into coaching_events (id, type, title, facilitator_id, starts_at, ends_at, capacity)
     select gen_random_uuid(), 'WORKSHOP', 'Race workshop', (select id from users where role = 'COACH' order by email offset 1 limit 1),
            date_trunc('day', now()) + interval '3 days 10 hours', date_trunc('day', now()) + interval '3 days 11 hours', 20`,
  );
  await client.query(
    `insert into meetings (id, learner_id, coach_id, topic, windows, status, requested_at)
     select gen_random_uuid(), l.id, (select id from users where role = 'COACH' order by email limit 1), 'GENERAL',
            jsonb_build_array(jsonb_build_object('startsAt', date_trunc('day', now()) + interval '1 day 14 hours', 'endsAt', date_trunc('day', now()) + interval '1 day 18 hours')),
            'REQUESTED', now()
     from learners l limit 200`,
  );
  await client.query('analyze');
}

const INVARIANTS: [string, string][] = [
  ['a claimed submission has exactly one claimant, an unclaimed one none',
    `select count(*)::int as n from submissions where (status = 'IN_REVIEW') <> (claimed_by_id is not null)`],
  ['seats never exceed capacity',
    `select count(*)::int as n from coaching_events e where (select count(*) from event_rsvps r where r.event_id = e.id and r.status = 'SEATED') > e.capacity`],
  ['nobody waits while a seat is free',
    `select count(*)::int as n from coaching_events e
      where (select count(*) from event_rsvps r where r.event_id = e.id and r.status = 'SEATED') < e.capacity
        and exists (select 1 from event_rsvps r where r.event_id = e.id and r.status = 'WAITLISTED')`],
  ['one RSVP row per learner and event',
    `select count(*)::int as n from (select event_id, learner_id from event_rsvps group by 1, 2 having count(*) > 1) d`],
  ['no coach is double-booked',
    `select count(*)::int as n from meetings a join meetings b on a.coach_id = b.coach_id and a.id < b.id
      where a.status = 'SCHEDULED' and b.status = 'SCHEDULED' and a.starts_at < b.ends_at and b.starts_at < a.ends_at`],
  ["every learner's status is the last one in their history",
    `select count(*)::int as n from learners l
      where l.status <> (select s.to_status from status_changes s where s.learner_id = l.id order by s.seq desc limit 1)`],
];

export async function racesBench(seconds: number, clients: number): Promise<void> {
  const db = await scratchDatabase();
  const secret = randomBytes(32).toString('base64url');
  const server = await startServer(db.url, secret);
  try {
    console.log(`\nRaces: ${clients} clients for ${seconds} s, ${db.server}\n`);
    await generate(db.client);
    const coaches = (await db.client.query(`select id from users where role = 'COACH' order by email`)).rows.map((r) => r.id as string);
    const learners = (await db.client.query(`select l.id, l.user_id from learners l order by l.id`)).rows as { id: string; user_id: string }[];
    const submissions = (await db.client.query(`select id from submissions order by submitted_at`)).rows.map((r) => r.id as string);
    const meetings = (await db.client.query(`select id from meetings`)).rows.map((r) => r.id as string);
    const [event] = (await db.client.query(`select id from coaching_events`)).rows;
    const [staff] = (await db.client.query(`insert into users (id, email, name, role) values (gen_random_uuid(), 'race-staff@example.org', 'Race Staff', 'STAFF') returning id`)).rows;
    const token = (id: string) => signToken(id, secret, 2, new Date()).token;
    const tomorrow14 = new Date(new Date().setUTCHours(0, 0, 0, 0) + 86_400_000 + 14 * 3_600_000);
    const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];

    const actions: Record<string, () => Promise<{ query: string; variables: Record<string, unknown>; token: string }>> = {
      claim: async () => ({ query: `mutation($id: ID!) { claimSubmission(id: $id) { id } }`, variables: { id: pick(submissions.slice(0, 60)) }, token: token(pick(coaches)) }),
      claimNext: async () => ({ query: `mutation { claimNextSubmission { id } }`, variables: {}, token: token(pick(coaches)) }),
      release: async () => ({ query: `mutation($id: ID!) { releaseSubmission(id: $id) { id } }`, variables: { id: pick(submissions.slice(0, 60)) }, token: token(staff.id) }),
      rsvp: async () => {
        const l = pick(learners.slice(0, 60));
        return { query: `mutation($e: ID!, $l: ID!) { rsvpEvent(eventId: $e, learnerId: $l) { status } }`, variables: { e: event.id, l: l.id }, token: token(l.user_id) };
      },
      cancelRsvp: async () => {
        const l = pick(learners.slice(0, 60));
        return { query: `mutation($e: ID!, $l: ID!) { cancelRsvp(eventId: $e, learnerId: $l) { status } }`, variables: { e: event.id, l: l.id }, token: token(l.user_id) };
      },
      schedule: async () => ({
        query: `mutation($id: ID!, $s: DateTimeISO!) { scheduleMeeting(id: $id, startsAt: $s, durationMinutes: 30, videoLink: "https://meet.example.org/race") { id } }`,
        variables: { id: pick(meetings), s: new Date(tomorrow14.getTime() + Math.floor(Math.random() * 14) * 15 * 60_000).toISOString() },
        token: token(coaches[0]),
      }),
      status: async () => ({
        query: `mutation($id: ID!, $s: EnrollmentStatus!) { setEnrollmentStatus(learnerId: $id, status: $s, reason: "race") { id } }`,
        variables: { id: pick(learners.slice(0, 30)).id, s: pick(['AT_RISK', 'ENROLLED', 'PAUSED']) },
        token: token(pick(coaches)),
      }),
    };
    const names = Object.keys(actions);
    const outcomes = new Map<string, number>();
    let requests = 0;
    const deadline = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < deadline) {
          const name = pick(names);
          const { query, variables, token: bearer } = await actions[name]();
          const res = await fetch(`${server.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
            body: JSON.stringify({ query, variables }),
          });
          const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
          const code = res.status >= 500 ? `HTTP ${res.status}` : (body.errors?.[0]?.extensions?.code ?? 'ok');
          outcomes.set(`${name} ${code}`, (outcomes.get(`${name} ${code}`) ?? 0) + 1);
          requests++;
        }
      }),
    );
    console.log(`  ${fmt(requests)} requests (${(requests / seconds).toFixed(0)}/s); outcomes:`);
    for (const [k, n] of [...outcomes].sort()) console.log(`    ${k.padEnd(40)} ${fmt(n)}`);
    let violations = 0;
    console.log('  invariants:');
    for (const [label, sql] of INVARIANTS) {
      const [{ n }] = (await db.client.query(sql)).rows;
      violations += n;
      console.log(`    ${n === 0 ? 'ok  ' : 'FAIL'} ${label}${n ? ` (${n})` : ''}`);
    }
    const internal = [...outcomes].filter(([k]) => /INTERNAL|HTTP 5/.test(k)).reduce((a, [, n]) => a + n, 0);
    console.log(`  invariant violations: ${violations}; internal errors: ${internal}`);
    if (violations || internal) throw new Error('races broke an invariant or the server');
  } finally {
    await server.stop();
    await db.drop();
  }
}
