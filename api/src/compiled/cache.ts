/**
 * The compiled reads' answer cache. An answer is kept with the snapshot it was read in and the tables it read;
 * every later request still sends a statement, a small one, which checks the viewer and whether any transaction
 * that changed one of those tables has committed outside that snapshot (read_cache.changes, written by
 * triggers). Only if none has, the kept answer is given; otherwise the full statement follows and its answer
 * is kept instead. So a kept answer is always the one a fresh read would give, across any number of servers.
 *
 * Time: an answer whose fields depend on the exact instant (waiting minutes, breach, progress windows) is never
 * kept; one that depends only on learner-local dates (module weeks) is kept until the next quarter hour, since
 * every time zone's midnight falls on one.
 */

/** The tables with a read_cache trigger (migration 20261130010000): only answers reading nothing else are kept. */
export const TRACKED_TABLES = ['submissions', 'feedback', 'learners', 'users', 'review_targets'] as const;

/** Longest an answer is kept, whatever it reads. */
const MAX_AGE_MS = 15 * 60_000;

export interface CachedAnswer {
  data: Record<string, unknown>;
  /** pg_current_snapshot() of the statement that read it. */
  snapshot: string;
  tables: readonly string[];
  /** Epoch ms after which it is not used. */
  expires: number;
}

/** The first quarter-hour boundary (UTC :00, :15, :30, :45) after `now`. */
export function nextQuarterHour(now: number): number {
  const quarter = 15 * 60_000;
  return Math.floor(now / quarter) * quarter + quarter;
}

/** When an answer read at `now` stops being usable: dates-only answers at the next quarter hour. */
export function expiry(now: number, datesOnly: boolean): number {
  return datesOnly ? Math.min(nextQuarterHour(now), now + MAX_AGE_MS) : now + MAX_AGE_MS;
}

export class AnswerCache {
  private readonly entries = new Map<string, CachedAnswer>();

  constructor(private readonly maxEntries = 500) {}

  get(key: string, now: number): CachedAnswer | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: CachedAnswer): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** SQL true when no transaction that changed one of `tables` has committed outside `snapshot`. `p` adds a parameter. */
export function unchangedSinceSql(snapshot: string, tables: readonly string[], p: (value: unknown) => string): string {
  const snap = `${p(snapshot)}::pg_snapshot`;
  return `not exists (select 1 from read_cache.changes c
                      where c.xid >= pg_snapshot_xmin(${snap}) and c.table_name = any(${p(`{${tables.join(',')}}`)}::text[])
                        and not pg_visible_in_snapshot(c.xid, ${snap}))`;
}

/** Rows of read_cache.changes older than this are pruned (no transaction of Waypoint's stays open that long). */
export const PRUNE_SQL = `delete from read_cache.changes where changed_at < now() - interval '1 day'`;
