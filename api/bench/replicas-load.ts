import { sleep } from './replicas-cluster';

/**
 * The drill's clients: coaches working the review queue, learners sending assignments, API clients reading
 * progress. Each request is judged as its client sees it: answered (data), failed visibly (an HTTP status or a
 * GraphQL error code) or lost (no answer at all, or one that is neither data nor a coded error). Reads go as GET,
 * so HAProxy may send them again to another replica; writes go as POST and carry a unique marker, so the
 * database can be asked afterwards whether each was stored once.
 */

/** How one request ended, as its client saw it; `replica` is the one that answered (none: HAProxy itself). */
export type Answer = { replica: string | null } & (
  | { kind: 'ok'; data: Record<string, any> }
  | { kind: 'failed'; label: string; code: string | null }
  | { kind: 'lost'; label: string; op: string }
);

/** Sends one GraphQL document through HAProxy: a query as GET, a mutation as POST. */
export async function send(url: string, document: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
  const read = document.trimStart().startsWith('query');
  const op = /^\s*(?:query|mutation) (\w+)/.exec(document)?.[1] ?? '?';
  const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const params = new URLSearchParams({ query: document, variables: JSON.stringify(variables) });
  let res: Response;
  try {
    res = read
      ? await fetch(`${url}/graphql?${params}`, { headers: { ...headers, 'apollo-require-preflight': 'true' }, signal: AbortSignal.timeout(45_000) })
      : await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ query: document, variables }),
        signal: AbortSignal.timeout(45_000),
      });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    return { replica: null, kind: 'lost', label: `no answer (${cause})`, op };
  }
  const replica = res.headers.get('x-replica');
  let body: { data?: Record<string, any> | null; errors?: { extensions?: { code?: unknown } }[] } | undefined;
  try {
    body = JSON.parse(await res.text());
  } catch {
    body = undefined;
  }
  const errors = Array.isArray(body?.errors) ? body.errors : [];
  if (errors.length) {
    const code = errors[0]?.extensions?.code;
    if (errors.every((e) => typeof e?.extensions?.code === 'string')) return { replica, kind: 'failed', label: `${res.status} ${String(code)}`, code: String(code) };
    return { replica, kind: 'lost', label: `${res.status}, an error without a code`, op };
  }
  if (res.status === 200 && body?.data) return { replica, kind: 'ok', data: body.data };
  // A proxy's or server's own error page: no GraphQL body, but the HTTP status says what happened.
  if (res.status >= 400 && !body) return { replica, kind: 'failed', label: `${res.status} from ${replica ?? 'HAProxy'}`, code: null };
  return { replica, kind: 'lost', label: `${res.status}, neither data nor a coded error`, op };
}

/** A write the drill made, found (or not) in the database afterwards by its marker. */
export interface Write {
  marker: string;
  what: 'submission' | 'feedback';
  answer: Answer;
}

/** What the clients saw: counts per outcome, failures per label, and every write with its marker. */
export class Tally {
  sent = 0;
  ok = 0;
  readonly failed = new Map<string, number>();
  readonly lost = new Map<string, number>();
  readonly writes: Write[] = [];
  readonly replicas = new Map<string, number>();
  /** When each lost request was sent back (seconds from the start), and what it was. */
  readonly lostWhen: string[] = [];
  /** Seconds (from the load's start) of the last answer that was not OK. */
  lastTrouble = 0;

  constructor(private readonly started = Date.now()) {}

  record(answer: Answer, write?: Omit<Write, 'answer'>): Answer {
    this.sent++;
    if (answer.replica) this.replicas.set(answer.replica, (this.replicas.get(answer.replica) ?? 0) + 1);
    if (answer.kind === 'ok') this.ok++;
    else {
      const bucket = answer.kind === 'failed' ? this.failed : this.lost;
      bucket.set(answer.label, (bucket.get(answer.label) ?? 0) + 1);
      const at = (Date.now() - this.started) / 1000;
      if (answer.kind === 'lost') this.lostWhen.push(`${answer.op} at ${at.toFixed(1)} s${answer.replica ? ` from ${answer.replica}` : ''}`);
      if (answer.kind === 'lost' || answer.code !== 'CONFLICT') this.lastTrouble = at;
    }
    if (write) this.writes.push({ ...write, answer });
    return answer;
  }

  get failedCount(): number {
    return sum(this.failed);
  }

  get lostCount(): number {
    return sum(this.lost);
  }
}

export const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

export interface Caller {
  name: string;
  token: string;
  /** A learner's own learner id. */
  learnerId?: string;
}

const QUEUE = `query Queue { reviewQueue(filter: { claimableByMe: true }, perPage: 5) { id revision } }`;
const CLAIM = `mutation Claim($id: ID!) { claimSubmission(id: $id) { id revision } }`;
const FEEDBACK = `mutation Feedback($id: ID!, $revision: Int!, $body: String!) {
  giveFeedback(submissionId: $id, revision: $revision, decision: APPROVED, body: $body) { id status }
}`;
const SUBMIT = `mutation Submit($input: SubmitAssignmentInput!) { submitAssignment(input: $input) { id } }`;
const MINE = `query Mine { allSubmissions(perPage: 5) { id status } }`;
const PROGRESS = `query Progress($after: String) {
  progress(first: 50, after: $after, days: 7) { pageInfo { endCursor hasNextPage } nodes { learnerId status applications interviews } }
}`;

/**
 * Runs every client until `done()`: each sends at most one request per `gapMs` (under the rate limit), so a
 * failing backend slows nobody into a tight loop. `runId` prefixes every marker.
 */
export async function runClients(opts: {
  url: string;
  coaches: Caller[];
  learners: Caller[];
  apiClients: Caller[];
  gapMs: number;
  runId: string;
  tally: Tally;
  done: () => boolean;
}): Promise<void> {
  const { url, tally, done, runId } = opts;
  const paced = () => {
    let next = Date.now() + Math.random() * opts.gapMs;
    return async () => {
      await sleep(Math.max(0, next - Date.now()));
      next = Math.max(Date.now(), next) + opts.gapMs;
      return !done();
    };
  };

  const coach = async (c: Caller, n: number) => {
    const turn = paced();
    for (let seq = 0; await turn(); seq++) {
      const queue = tally.record(await send(url, QUEUE, {}, c.token));
      const waiting = queue.kind === 'ok' ? (queue.data.reviewQueue as { id: string }[]) : [];
      if (!waiting.length || !(await turn())) continue;
      const pick = waiting[Math.floor(Math.random() * waiting.length)];
      const claim = tally.record(await send(url, CLAIM, { id: pick.id }, c.token));
      if (claim.kind !== 'ok' || !(await turn())) continue;
      const marker = `${runId}-f-${n}-${seq}`;
      const { id, revision } = claim.data.claimSubmission as { id: string; revision: number };
      tally.record(await send(url, FEEDBACK, { id, revision, body: marker }, c.token), { marker, what: 'feedback' });
    }
  };

  const learner = async (c: Caller, n: number) => {
    const turn = paced();
    for (let seq = 0; await turn(); seq++) {
      if (seq % 2) {
        tally.record(await send(url, MINE, {}, c.token));
        continue;
      }
      const marker = `${runId}-s-${n}-${seq}`;
      const input = {
        learnerId: c.learnerId, kind: 'APPLICATION_MATERIAL', text: marker,
        material: { materialType: 'CV', link: `https://example.org/cv/${marker}.pdf`, note: 'Reliability drill' },
      };
      tally.record(await send(url, SUBMIT, { input }, c.token), { marker, what: 'submission' });
    }
  };

  const apiClient = async (c: Caller) => {
    const turn = paced();
    let after: string | null = null;
    while (await turn()) {
      const page = tally.record(await send(url, PROGRESS, { after }, c.token));
      const info = page.kind === 'ok' ? (page.data.progress.pageInfo as { endCursor: string | null; hasNextPage: boolean }) : null;
      after = info?.hasNextPage ? info.endCursor : null;
    }
  };

  await Promise.all([
    ...opts.coaches.map(coach),
    ...opts.learners.map(learner),
    ...opts.apiClients.map(apiClient),
  ]);
}

/** One caller (an API key) sending `count` cheap reads as fast as `concurrency` connections allow. */
export async function hammer(url: string, key: string, count: number, concurrency: number): Promise<Tally> {
  const tally = new Tally();
  let left = count;
  const worker = async () => {
    while (left-- > 0) tally.record(await send(url, `query Hammer { progress(first: 1) { totalCount } }`, {}, key));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return tally;
}

/** A setup request that must succeed (signing in, creating API keys): anything else ends the drill. */
export async function must(url: string, document: string, variables: Record<string, unknown>, token?: string): Promise<Record<string, any>> {
  const answer = await send(url, document, variables, token);
  if (answer.kind !== 'ok') throw new Error(`setup request failed (${answer.label}): ${document.split('\n')[0]}`);
  return answer.data;
}
