import pg from 'pg';

/**
 * The program at work while the servers are read: learners submit, coaches claim the oldest waiting item and give
 * feedback on the oldest one in review, in turn, at `perSecond` writes a second in all, straight to PostgreSQL
 * (the same writes whichever server is being measured, and none of them through a server under test). Each write
 * is one statement and fires Waypoint's triggers as the API's own writes do.
 */
const WRITES = [
  // A learner submits (learners in turn, kinds in turn).
  `insert into submissions (id, learner_id, kind, status, content, submitted_at, submitted_by_id, assigned_coach_id, open_to_all_at, review_requested, revision)
   select gen_random_uuid(), l.id, (array['SMART_GOALS', 'WEEKLY_RETROSPECTIVE', 'JOB_SEARCH_ANALYSIS', 'APPLICATION_MATERIAL'])[1 + $1::int % 4]::submission_kind,
          'SUBMITTED', jsonb_build_object('material', jsonb_build_object('materialType', 'CV', 'link', 'https://example.org/cv-live.pdf', 'note', 'Live bench')),
          now(), l.user_id, l.coach_id, now() + interval '1 day', true, 1
   from learners l where l.id = md5('compare-learner-' || (1 + $1::int % $2::int))::uuid`,
  // A coach claims the oldest waiting item.
  `update submissions set status = 'IN_REVIEW', claimed_by_id = assigned_coach_id, claimed_at = now()
   where id = (select id from submissions where status = 'SUBMITTED' order by submitted_at limit 1 for update skip locked)
     and $1::int is not null and $2::int is not null`,
  // A coach gives feedback on the oldest item in review.
  `with s as (update submissions set status = 'REVIEWED', reviewed_at = now()
              where id = (select id from submissions where status = 'IN_REVIEW' order by claimed_at nulls first limit 1 for update skip locked)
                and $1::int is not null and $2::int is not null
              returning id, coalesce(claimed_by_id, assigned_coach_id) as author, revision)
   insert into feedback (id, submission_id, revision, decision, body, author_id, created_at)
   select gen_random_uuid(), s.id, s.revision, 'APPROVED', 'Clear and measurable; keep the weekly targets visible.', s.author, now() from s
   on conflict do nothing`,
];

export interface Writer {
  /** Writes done and failed since the last start(). */
  counts(): { done: number; failed: number; seconds: number };
  start(perSecond: number): void;
  stop(): Promise<void>;
  end(): Promise<void>;
}

export function liveWriter(databaseUrl: string, learners: number): Writer {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  let timer: NodeJS.Timeout | undefined;
  let n = 0;
  let done = 0;
  let failed = 0;
  let startedAt = 0;
  const running = new Set<Promise<void>>();
  const write = () => {
    const i = n++;
    const p = pool.query({ name: `live_write_${i % 3}`, text: WRITES[i % 3], values: [Math.floor(i / 3), learners] }).then(
      () => void done++,
      (e) => {
        failed++;
        if (failed <= 3) console.error(`  live write failed: ${(e as Error).message}`);
      },
    );
    running.add(p);
    void p.finally(() => running.delete(p));
  };
  return {
    counts: () => ({ done, failed, seconds: (Date.now() - startedAt) / 1000 }),
    start(perSecond) {
      done = failed = 0;
      startedAt = Date.now();
      if (perSecond <= 0) return;
      // Paced by the clock, not by a fixed interval: a late timer catches up instead of lowering the rate.
      timer = setInterval(() => {
        const due = Math.floor(((Date.now() - startedAt) / 1000) * perSecond);
        while (done + failed + running.size < due) write();
      }, Math.max(5, Math.floor(1000 / perSecond / 2)));
    },
    async stop() {
      clearInterval(timer);
      await Promise.all(running);
    },
    async end() {
      clearInterval(timer);
      await Promise.all(running);
      await pool.end();
    },
  };
}
