import type { EntityManager } from '@mikro-orm/postgresql';
import { huntrInstant, HuntrPayloadError, receiveHuntrAction, retryKeptActions, type HuntrOutcome, type HuntrPayload } from './huntr';

/**
 * The pull-sync: reads Huntr's Organization API (`GET /members`, `GET /actions`; `Authorization: Bearer <token>`;
 * lists answer `{ data, next }` where `next` is the id of the last object, passed back as `?next=` for the following
 * page; actions come newest first and `created_after` takes Unix seconds) and applies what the webhook missed through
 * the same path as a delivery, so an action both delivered and pulled is taken in once.
 *
 * It remembers where it stopped: `huntr_sync_state.synced_through` is the creation instant of the newest action
 * applied, advanced as actions are applied oldest first, and the next run asks from there (less an overlap; the
 * overlap's actions are DUPLICATE). The first run looks back FIRST_RUN_DAYS.
 */
export const FIRST_RUN_DAYS = 30;
const OVERLAP_MS = 10 * 60_000;
const PAGE_SIZE = 100;
/** A run stops paging after this many pages (100,000 actions) rather than loop on a cursor that never ends. */
const MAX_PAGES = 1000;
const STATE_ID = 'actions';

export class HuntrApiError extends Error {}

export interface HuntrSyncReport {
  /** False when HUNTR_API_TOKEN is unset: only the kept actions were tried again. */
  pulled: boolean;
  members: number;
  actions: number;
  outcomes: Partial<Record<HuntrOutcome | 'MALFORMED', number>>;
  keptRetried: number;
  keptApplied: number;
}

interface Page<T> {
  data: T[];
  next: string | null;
}

interface HuntrApiMember {
  id?: string;
  email?: string;
  givenName?: string;
  familyName?: string;
  isActive?: boolean;
}

async function getPage<T>(apiUrl: string, token: string, resource: string, params: Record<string, string>, fetchImpl: typeof fetch): Promise<Page<T>> {
  const url = new URL(`${apiUrl.replace(/\/+$/, '')}/${resource}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  let res: Response;
  try {
    res = await fetchImpl(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
  } catch (e) {
    throw new HuntrApiError(`Huntr could not be reached for /${resource}: ${(e as Error).message}`);
  }
  if (!res.ok) {
    await res.arrayBuffer().catch(() => undefined);
    throw new HuntrApiError(`Huntr answered ${res.status} to GET /${resource}${res.status === 401 || res.status === 403 ? ' (check HUNTR_API_TOKEN)' : ''}`);
  }
  const body = (await res.json().catch(() => null)) as { data?: unknown; next?: unknown } | null;
  if (!body || !Array.isArray(body.data)) throw new HuntrApiError(`Huntr's /${resource} answer has no "data" list`);
  return { data: body.data as T[], next: typeof body.next === 'string' && body.next ? body.next : null };
}

/** Every page of a list, following `next` until Huntr gives none (or an empty page). */
async function* pages<T>(apiUrl: string, token: string, resource: string, params: Record<string, string>, fetchImpl: typeof fetch, pageSize: number): AsyncGenerator<T[]> {
  let next: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page: Page<T> = await getPage<T>(apiUrl, token, resource, { ...params, limit: String(pageSize), ...(next ? { next } : {}) }, fetchImpl);
    if (page.data.length) yield page.data;
    if (!page.next || !page.data.length || page.next === next) return;
    next = page.next;
  }
  throw new HuntrApiError(`Huntr's /${resource} went on past ${MAX_PAGES} pages`);
}

const createdAt = (a: HuntrPayload) => huntrInstant(a.createdAt) ?? huntrInstant(a.date);

export async function syncHuntr(deps: {
  em: EntityManager;
  now: () => Date;
  apiUrl: string;
  token: string | undefined;
  fetch?: typeof fetch;
  /** Objects asked per page (Huntr's `limit`, default 100). */
  pageSize?: number;
}): Promise<HuntrSyncReport> {
  const { em, now } = deps;
  const fetchImpl = deps.fetch ?? fetch;
  const pageSize = deps.pageSize ?? PAGE_SIZE;
  // The mapping may have changed since (a learner now has the email; staff linked a member): try the kept ones again.
  const kept = await retryKeptActions(em, now());
  const report: HuntrSyncReport = { pulled: false, members: 0, actions: 0, outcomes: {}, keptRetried: kept.tried, keptApplied: kept.applied };
  if (!deps.token) return report;
  report.pulled = true;

  const [state] = await em.execute<{ synced_through: Date | null }[]>(
    `insert into huntr_sync_state (id, last_run_at) values (?, ?)
     on conflict (id) do update set last_run_at = excluded.last_run_at returning synced_through`,
    [STATE_ID, now()],
  );
  try {
    for await (const members of pages<HuntrApiMember>(deps.apiUrl, deps.token, 'members', {}, fetchImpl, pageSize)) {
      const rows = [...new Map(members.filter((m) => m.id && m.email).map((m) => [m.id!, m])).values()].map((m) => ({
        id: m.id!.slice(0, 100),
        email: m.email!.trim().toLowerCase().slice(0, 254),
        name: [m.givenName, m.familyName].filter(Boolean).join(' ').slice(0, 400),
        active: m.isActive !== false,
      }));
      await em.execute(
        `insert into huntr_members (id, email, name, is_active, seen_at)
         select m ->> 'id', m ->> 'email', m ->> 'name', (m ->> 'active')::boolean, ? from jsonb_array_elements(?::jsonb) m
         on conflict (id) do update set email = excluded.email, name = excluded.name, is_active = excluded.is_active, seen_at = excluded.seen_at`,
        [now(), JSON.stringify(rows)],
      );
      report.members += rows.length;
    }

    const since = state?.synced_through ? new Date(new Date(state.synced_through).getTime() - OVERLAP_MS) : new Date(now().getTime() - FIRST_RUN_DAYS * 86_400_000);
    const byId = new Map<string, HuntrPayload>();
    for await (const actions of pages<HuntrPayload>(deps.apiUrl, deps.token, 'actions', { created_after: String(Math.floor(since.getTime() / 1000)) }, fetchImpl, pageSize)) {
      for (const a of actions) if (a && typeof a.id === 'string') byId.set(a.id, a);
    }
    // Huntr lists newest first; applied oldest first, so an update lands after what it updates and the mark only moves forward.
    const ordered = [...byId.values()].sort((a, b) => (createdAt(a)?.getTime() ?? 0) - (createdAt(b)?.getTime() ?? 0) || a.id!.localeCompare(b.id!));
    let through: Date | null = null;
    for (const [i, action] of ordered.entries()) {
      let outcome: HuntrOutcome | 'MALFORMED';
      try {
        outcome = await receiveHuntrAction(em, action, { now: now(), source: 'SYNC' });
      } catch (e) {
        if (!(e instanceof HuntrPayloadError)) throw e;
        outcome = 'MALFORMED';
      }
      report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
      report.actions++;
      through = createdAt(action) ?? through;
      if (through && (i % 100 === 99 || i === ordered.length - 1)) {
        await em.execute(`update huntr_sync_state set synced_through = greatest(coalesce(synced_through, ?), ?) where id = ?`, [through, through, STATE_ID]);
      }
    }
    const applied = (report.outcomes.APPLIED ?? 0) + (report.outcomes.IGNORED ?? 0) + (report.outcomes.SUPERSEDED ?? 0);
    const keptNow = (report.outcomes.UNMATCHED ?? 0) + (report.outcomes.UNMAPPED ?? 0);
    await em.execute(
      `update huntr_sync_state set last_success_at = ?, last_error = null, last_pulled = ?, last_applied = ?, last_kept = ?, members = ?,
         synced_through = coalesce(synced_through, ?) where id = ?`,
      [now(), report.actions, applied, keptNow, report.members, now(), STATE_ID],
    );
    return report;
  } catch (e) {
    await em.execute(`update huntr_sync_state set last_error = ?, last_pulled = ? where id = ?`, [(e as Error).message.slice(0, 2000), report.actions, STATE_ID]);
    throw e;
  }
}
