import type pg from 'pg';

/** Sizes of the compare data set: COMPARE_* when set, else the defaults times BENCH_SCALE (default 1). */
export interface CompareSizes {
  learners: number;
  submissions: number;
  activities: number;
  /** Days the job activities spread over, back from now (default 120). */
  activityDays?: number;
}

export function compareSizes(env: NodeJS.ProcessEnv = process.env): CompareSizes {
  const scale = Number(env.BENCH_SCALE ?? 1);
  const size = (name: string, base: number) => {
    const n = Math.round(env[name] !== undefined ? Number(env[name]) : base * scale);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number (got ${env[name] ?? `${base} x BENCH_SCALE ${scale}`})`);
    return n;
  };
  const learners = Math.max(size('COMPARE_LEARNERS', 10_000), 200); // (b) reads a page of 200
  return { learners, submissions: Math.max(size('COMPARE_SUBMISSIONS', 100_000), learners), activities: size('COMPARE_ACTIVITIES', 2_000_000) };
}

/** Zones with and without daylight saving, one with a half-hour offset, one far east of UTC. */
const ZONES = `array['UTC', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata', 'Africa/Lagos', 'America/Bogota', 'Australia/Sydney']`;

/**
 * The same rows on every run (relative to the moment of generation): ids are md5 of a name, every choice is a
 * hashtext or a modulo of the row number, never random(). Learners over coaches (one per 500 learners, at
 * least 10); each learner's submissions a week apart, the newest waiting for review for about half of them,
 * the older ones reviewed (with a correction on one in five); job activities spread over the last 120 days
 * (`activityDays`).
 * A third of the waiting items carry feedback from an earlier round, so the queue's latest-feedback lookup
 * returns rows rather than only nulls.
 */
export async function generateCompareData(client: pg.Client, sizes: CompareSizes): Promise<{ staffId: string; coachId: string }> {
  const { learners, submissions, activities } = sizes;
  const coaches = Math.max(10, Math.round(learners / 500));
  await client.query(`set synchronous_commit = off`);
  await client.query(`set maintenance_work_mem = '256MB'`);
  await client.query(`set work_mem = '256MB'`);
  // Rows right by construction: no foreign-key check row by row (a superuser's setting, as embedded PostgreSQL's
  // user is; elsewhere the checks run).
  const unchecked = await client.query(`set session_replication_role = replica`).then(() => true, () => false);
  await client.query(
    `insert into users (id, email, name, role, time_zone)
     select md5('compare-coach-' || g)::uuid, 'compare-coach-' || g || '@example.org', 'Coach ' || g, 'COACH'::role, 'UTC' from generate_series(1, $1::int) g
     union all
     select md5('compare-staff')::uuid, 'compare-staff@example.org', 'Staff', 'STAFF'::role, 'UTC'`,
    [coaches],
  );
  await client.query(
    `insert into users (id, email, name, role, time_zone)
     select md5('compare-user-' || g)::uuid, 'compare-learner-' || g || '@example.org', 'Learner ' || g, 'LEARNER', (${ZONES})[1 + g % 7]
     from generate_series(1, $1::int) g`,
    [learners],
  );
  await client.query(
    // Added to Waypoint a few days before their module started, so the weekly compliance run judges their weeks.
    `insert into learners (id, user_id, time_zone, module_start_date, coach_id, status, created_at)
     select md5('compare-learner-' || g)::uuid, md5('compare-user-' || g)::uuid, (${ZONES})[1 + g % 7], current_date - 7 * (g % 16) - g % 5,
            md5('compare-coach-' || (1 + abs(hashtext('coach' || g)) % $2::int))::uuid,
            (case when g % 11 = 0 then 'AT_RISK' when g % 37 = 0 then 'HIRED' when g % 53 = 0 then 'PAUSED' else 'ENROLLED' end)::enrollment_status,
            now() - (7 * (g % 16) + g % 5 + 3) * interval '1 day'
     from generate_series(1, $1::int) g`,
    [learners, coaches],
  );
  // Submission number s belongs to learner 1 + (s-1) % L and is that learner's version v = 1 + (s-1) / L (v = n is the newest).
  const rounds = Math.ceil(submissions / learners);
  await withoutSecondaryIndexes(client, 'submissions', () => client.query(
    `insert into submissions (id, learner_id, kind, status, content, submitted_at, submitted_by_id, assigned_coach_id, open_to_all_at,
                              review_requested, claimed_by_id, claimed_at, reviewed_at, revision)
     select md5('compare-submission-' || s)::uuid, l.id, x.kind, x.status,
            jsonb_build_object('material', jsonb_build_object('materialType', 'CV', 'link', 'https://example.org/cv-' || s || '.pdf', 'note', 'Is my summary clear?')),
            x.at, l.user_id, l.coach_id, x.at + interval '1 day', x.status <> 'NO_REVIEW',
            case when x.status in ('IN_REVIEW', 'REVIEWED', 'CHANGES_REQUESTED') then l.coach_id end,
            case when x.status in ('IN_REVIEW', 'REVIEWED', 'CHANGES_REQUESTED') then x.at + interval '2 hours' end,
            case when x.status in ('REVIEWED', 'CHANGES_REQUESTED') then x.at + interval '20 hours' end,
            case when x.status = 'SUBMITTED' then 1 else 3 end
     from generate_series(1, $1::int) s
     cross join lateral (select 1 + (s - 1) % $2::int as li, 1 + (s - 1) / $2::int as v) n
     join learners l on l.id = md5('compare-learner-' || n.li)::uuid
     cross join lateral (select
        (array['SMART_GOALS', 'WEEKLY_RETROSPECTIVE', 'JOB_SEARCH_ANALYSIS', 'APPLICATION_MATERIAL'])[1 + (n.li + n.v) % 4]::submission_kind as kind,
        now() - ($3::int - n.v) * interval '7 days' - (abs(hashtext('at' || s)) % 4320) * interval '1 minute' as at,
        (case when n.v = $3::int then (array['SUBMITTED', 'IN_REVIEW', 'REVIEWED', 'SUBMITTED', 'CHANGES_REQUESTED', 'REVIEWED'])[1 + abs(hashtext('st' || s)) % 6]
              when (n.li + n.v) % 4 = 1 then 'NO_REVIEW'
              when abs(hashtext('cr' || s)) % 4 = 0 then 'CHANGES_REQUESTED'
              else 'REVIEWED' end)::submission_status as status) x`,
    [submissions, learners, rounds],
  ));
  await withoutSecondaryIndexes(client, 'feedback', () => client.query(
    `insert into feedback (id, submission_id, revision, decision, body, author_id, created_at)
     select md5('compare-feedback-' || s.id || '-' || r)::uuid, s.id, r,
            (case when s.status = 'REVIEWED' then 'APPROVED' else 'NEEDS_WORK' end)::feedback_decision,
            case r when 1 then 'Clear and measurable; keep the weekly targets visible.' else 'Corrected: add one networking goal with a weekly number.' end,
            coalesce(s.claimed_by_id, s.assigned_coach_id), s.submitted_at + r * interval '3 hours'
     from submissions s
     cross join generate_series(1, 2) r
     where (s.status in ('REVIEWED', 'CHANGES_REQUESTED') and (r = 1 or abs(hashtext('fix' || s.id)) % 5 = 0))
        or (s.status in ('SUBMITTED', 'IN_REVIEW') and abs(hashtext('earlier' || s.id)) % 3 = 0 and r = 1)`,
  ));
  // Arrival order (oldest first), as Huntr delivers them. Here and above, secondary indexes are built after the load, not row by row.
  await withoutSecondaryIndexes(client, 'job_activities', async () => {
    await client.query(
      `insert into job_activities (id, learner_id, kind, company, role, occurred_at, source, stage)
       select md5('compare-activity-' || g)::uuid, md5('compare-learner-' || (1 + g % $2::int))::uuid,
              (case when abs(hashtext('kind' || g)) % 5 = 0 then 'INTERVIEW' else 'APPLICATION' end)::job_activity_kind,
              'Company ' || g % 97, 'Role ' || g % 13, now() - (abs(hashtext('when' || g)) % ($3::int * 24 * 60)) * interval '1 minute', 'HUNTR',
              case when abs(hashtext('kind' || g)) % 5 = 0 then (array['PHONE_SCREEN', 'PHONE_INTERVIEW', 'ON_SITE'])[1 + g % 3] end
       from generate_series(1, $1::int) g
       order by 6`,
      [activities, learners, sizes.activityDays ?? 120],
    );
  });
  if (unchecked) await client.query(`reset session_replication_role`);
  // Vacuumed as well as analyzed, so autovacuum is not still at work on 2,000,000 fresh rows while the first
  // server is measured (it was, and it cost whichever ran first), and every server gets index-only scans.
  await client.query('vacuum (analyze)');
  await client.query('checkpoint').catch(() => undefined); // needs a superuser or pg_checkpoint
  return { staffId: (await client.query(`select md5('compare-staff')::uuid as id`)).rows[0].id, coachId: (await client.query(`select md5('compare-coach-1')::uuid as id`)).rows[0].id };
}

/** Runs `fill` with the table's indexes that back no constraint dropped, then creates them again as they were. */
async function withoutSecondaryIndexes(client: pg.Client, table: string, fill: () => Promise<unknown>): Promise<void> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `select i.indexname as name, i.indexdef as definition from pg_indexes i
     where i.schemaname = current_schema() and i.tablename = $1
       and not exists (select 1 from pg_constraint c where c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`,
    [table],
  );
  for (const r of rows) await client.query(`drop index ${client.escapeIdentifier(r.name)}`);
  await fill();
  for (const r of rows) await client.query(r.definition);
}

/**
 * What PostGraphile needs to serve the same answers, in schema `pgl` of the scratch database only (never in
 * Waypoint's migrations), and the only schema it exposes: views of the columns the queries read, with smart
 * comments for keys and relations (so PostGraphile joins them inline), the open queue (ordered through orderBy)
 * with the id of its latest feedback, and the progress window as computed-column functions. The window mirrors
 * ProgressService: the last `days` learner-local days, today included, up to now.
 */
export const POSTGRAPHILE_SQL = `
  create schema pgl;
  create view pgl.users as select id, name from public.users;
  comment on view pgl.users is E'@primaryKey id';
  create view pgl.learners as
    select l.id, u.name, l.status, l.time_zone, l.module_start_date,
           case when (now() at time zone l.time_zone)::date >= l.module_start_date then ((now() at time zone l.time_zone)::date - l.module_start_date) / 7 + 1 end as module_week
    from public.learners l join public.users u on u.id = l.user_id;
  comment on view pgl.learners is E'@primaryKey id';
  create view pgl.feedback as select id, submission_id, revision, decision, body, author_id from public.feedback;
  comment on view pgl.feedback is E'@primaryKey id\\n@foreignKey (author_id) references pgl.users (id)';
  create view pgl.open_submissions as
    select s.id, s.learner_id, s.kind, s.status, s.submitted_at,
           (select f.id from public.feedback f where f.submission_id = s.id order by f.revision desc limit 1) as latest_feedback_id
    from public.submissions s where s.status in ('SUBMITTED', 'IN_REVIEW');
  comment on view pgl.open_submissions is
    E'@primaryKey id\\n@foreignKey (learner_id) references pgl.learners (id)\\n@foreignKey (latest_feedback_id) references pgl.feedback (id)';
  create type pgl.window_counts as (applications int, interviews int);
  create function pgl.learners_progress(l pgl.learners, days int) returns pgl.window_counts language sql stable as
    $$ select count(*) filter (where a.kind = 'APPLICATION')::int, count(*) filter (where a.kind = 'INTERVIEW')::int
       from public.job_activities a
       where a.learner_id = l.id and a.occurred_at <= now()
         and a.occurred_at >= (((now() at time zone l.time_zone)::date - (days - 1))::timestamp at time zone l.time_zone) $$;
  create type pgl.day_count as (date date, applications int, interviews int);
  create function pgl.learners_daily(l pgl.learners, days int) returns setof pgl.day_count language sql stable as
    $$ with w as (select (now() at time zone l.time_zone)::date as today),
       c as (select (a.occurred_at at time zone l.time_zone)::date as day,
                    count(*) filter (where a.kind = 'APPLICATION')::int as applications, count(*) filter (where a.kind = 'INTERVIEW')::int as interviews
             from public.job_activities a, w
             where a.learner_id = l.id and a.occurred_at <= now()
               and a.occurred_at >= ((w.today - (days - 1))::timestamp at time zone l.time_zone)
             group by 1)
       select d::date, coalesce(c.applications, 0), coalesce(c.interviews, 0)
       from w, generate_series(w.today - (days - 1), w.today, interval '1 day') d left join c on c.day = d::date
       order by 1 $$;
`;

/** Each server's document for the three queries; the fields are equivalent (see the README). */
export const WAYPOINT_QUERIES = {
  queue: `query { reviewQueue(perPage: 50) { id kind status learner { id name status moduleWeek } latestFeedback { decision body author { name } } } }`,
  progress: `query { progress(first: 200, days: 7) { totalCount nodes { learnerId applications interviews } } }`,
  learner: `query($id: ID!) { learnerProgress(learnerId: $id, days: 7) { applications interviews daily { date applications interviews } } }`,
};

export const POSTGRAPHILE_QUERIES = {
  queue: `query { allOpenSubmissions(first: 50, orderBy: [SUBMITTED_AT_ASC, ID_ASC]) { nodes { id kind status learner: learnerByLearnerId { id name status moduleWeek } latestFeedback: feedbackByLatestFeedbackId { decision body author: userByAuthorId { name } } } } }`,
  progress: `query { allLearners(first: 200, orderBy: ID_ASC) { totalCount nodes { id progress(days: 7) { applications interviews } } } }`,
  learner: `query($id: UUID!) { learnerById(id: $id) { progress(days: 7) { applications interviews } daily(days: 7) { nodes { date applications interviews } } } }`,
};

/** One statement per query building the whole response, as the physical limit. $1 is the learner id of (c). */
export const RAW_SQL = {
  queue: `
    select json_build_object('data', json_build_object('reviewQueue', coalesce(json_agg(json_build_object(
      'id', s.id, 'kind', s.kind, 'status', s.status,
      'learner', json_build_object('id', l.id, 'name', u.name, 'status', l.status,
        'moduleWeek', case when (now() at time zone l.time_zone)::date >= l.module_start_date then ((now() at time zone l.time_zone)::date - l.module_start_date) / 7 + 1 end),
      'latestFeedback', f.feedback) order by s.submitted_at, s.id), '[]'))) as body
    from (select * from submissions where status in ('SUBMITTED', 'IN_REVIEW') order by submitted_at, id limit 50) s
    join learners l on l.id = s.learner_id join users u on u.id = l.user_id
    left join lateral (select json_build_object('decision', f.decision, 'body', f.body, 'author', json_build_object('name', a.name)) as feedback
                       from feedback f join users a on a.id = f.author_id where f.submission_id = s.id order by f.revision desc limit 1) f on true`,
  progress: `
    with page as (select id, time_zone from learners order by id limit 200)
    select json_build_object('data', json_build_object('progress', json_build_object(
      'totalCount', (select count(*) from learners),
      'nodes', coalesce(json_agg(json_build_object('learnerId', p.id, 'applications', c.applications, 'interviews', c.interviews) order by p.id), '[]')))) as body
    from page p cross join lateral (
      select count(*) filter (where a.kind = 'APPLICATION')::int as applications, count(*) filter (where a.kind = 'INTERVIEW')::int as interviews
      from job_activities a
      where a.learner_id = p.id and a.occurred_at <= now()
        and a.occurred_at >= (((now() at time zone p.time_zone)::date - 6)::timestamp at time zone p.time_zone)) c`,
  learner: `
    with l as (select id, time_zone, (now() at time zone time_zone)::date as today from learners where id = $1::uuid),
    c as (select (a.occurred_at at time zone l.time_zone)::date as day,
                 count(*) filter (where a.kind = 'APPLICATION')::int as applications, count(*) filter (where a.kind = 'INTERVIEW')::int as interviews
          from l join job_activities a on a.learner_id = l.id
          where a.occurred_at <= now() and a.occurred_at >= ((l.today - 6)::timestamp at time zone l.time_zone)
          group by 1),
    d as (select d::date as day, coalesce(c.applications, 0) as applications, coalesce(c.interviews, 0) as interviews
          from l, generate_series(l.today - 6, l.today, interval '1 day') d left join c on c.day = d::date)
    select json_build_object('data', json_build_object('learnerProgress', (
      select json_build_object('applications', sum(applications), 'interviews', sum(interviews),
                               'daily', json_agg(json_build_object('date', day, 'applications', applications, 'interviews', interviews) order by day))
      from d))) as body`,
};
