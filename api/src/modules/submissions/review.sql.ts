/**
 * The review queue's rules, each once, in SQL over a submissions row aliased `s`: the declared fields of
 * Submission (submission.read.ts), the queue's filters and the lapse job all use these fragments. `now` is SQL
 * for the request's instant (a placeholder); where a fragment may not need a value, it takes a function that adds
 * the placeholder only when used (PostgreSQL cannot type a parameter the statement never uses).
 */

/** A claim nobody touches for this long lapses (the job puts the submission back in the queue). */
export const CLAIM_LAPSES_AFTER_HOURS = 24;

/** A kind's review target when staff set none. */
export const DEFAULT_TARGET_HOURS = 48;

/** "Near breach": less than this share of the review target is left before the due time. */
export const NEAR_BREACH_SHARE = 0.25;

/** Waiting for review: sent and not yet reviewed. */
export const isOpenSql = (s: string) => `(${s}.status in ('SUBMITTED', 'IN_REVIEW'))`;

/** Its kind's review target in hours (ReviewTarget, or the default). */
export const targetHoursSql = (s: string) => `coalesce((select rt.hours from review_targets rt where rt.kind = ${s}.kind), ${DEFAULT_TARGET_HOURS})`;

/** When its review is due: sent + its kind's target. */
export const dueAtSql = (s: string) => `(${s}.submitted_at + interval '1 hour' * ${targetHoursSql(s)})`;

/** Waiting past its due time. */
export const breachedSql = (s: string, now: string) => `(${isOpenSql(s)} and ${now} > ${dueAtSql(s)})`;

/** Waiting, not yet due, with less than NEAR_BREACH_SHARE of its target left. */
export const nearBreachSql = (s: string, now: string) =>
  `(select ${isOpenSql(s)} and x.due - ${now} >= interval '0' and x.due - ${now} < interval '1 hour' * x.hours * ${NEAR_BREACH_SHARE}
    from (select ${dueAtSql(s)} as due, ${targetHoursSql(s)} as hours) x)`;

/** Minutes waited: until now while waiting, until the review after that. */
export const waitingMinutesSql = (s: string, now: string) =>
  `greatest(0, floor(extract(epoch from (case when ${s}.reviewed_at is not null and not ${isOpenSql(s)} then ${s}.reviewed_at else ${now} end) - ${s}.submitted_at) / 60))::int`;

/** While in review: when an untouched claim lapses back to the queue. */
export const claimLapsesAtSql = (s: string) => `(case when ${s}.status = 'IN_REVIEW' then ${s}.claimed_at + interval '${CLAIM_LAPSES_AFTER_HOURS} hours' end)`;

/**
 * Open to every coach: its assigned coach's working day is over (openToAllAt), or it is past its due time. The
 * working day counts working hours and the target clock hours, so over a weekend an item can breach while still
 * reserved; a breached item waits for nobody.
 */
export const openToAllSql = (s: string, now: string | (() => string)) => {
  const at = typeof now === 'string' ? () => now : now; // a `?` placeholder takes its value once per use
  return `(${at()} >= ${s}.open_to_all_at or ${at()} > ${dueAtSql(s)})`;
};

/** A coach may claim it now: unclaimed, and theirs or open to all coaches (staff: any unclaimed one). */
export const claimableSql = (s: string, now: () => string, viewer: { role: string; id: () => string }) => {
  if (viewer.role === 'STAFF') return `(${s}.status = 'SUBMITTED')`;
  if (viewer.role !== 'COACH') return 'false';
  return `(${s}.status = 'SUBMITTED' and (${s}.assigned_coach_id = ${viewer.id()}::uuid or ${openToAllSql(s, now)}))`;
};

/** For an unclaimed submission open to all: the active coach with the fewest submissions in review (by name, then id). */
export const suggestedCoachIdSql = (s: string, now: string) =>
  `(case when ${s}.status = 'SUBMITTED' and ${openToAllSql(s, now)} then
      (select lc.id from users lc left join submissions ls on ls.claimed_by_id = lc.id and ls.status = 'IN_REVIEW'
       where lc.role = 'COACH' and lc.active group by lc.id, lc.name order by count(ls.id), lc.name, lc.id limit 1) end)`;

