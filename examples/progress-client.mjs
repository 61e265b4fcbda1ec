#!/usr/bin/env node
/**
 * Waypoint progress API — example client. Node 20+, no dependencies.
 *
 *   WAYPOINT_API_KEY=wp_… node examples/progress-client.mjs [--days 7] [--coach <coachId>] > progress.csv
 *
 * Pages through `progress` (200 learners a page, cursor after cursor) and writes one CSV line per learner:
 * applications and interviews in the last N learner-local days, status, module week, days since the last Huntr
 * action and this week's required activities still missing. A key with `progress:read` is enough (no names or
 * emails are asked for). Waits and retries when the API answers 429 (Retry-After) or 503 (database restarting);
 * any other error ends the run with its GraphQL code.
 *
 * WAYPOINT_URL defaults to http://127.0.0.1:4000/graphql.
 */
const url = process.env.WAYPOINT_URL ?? 'http://127.0.0.1:4000/graphql';
const key = process.env.WAYPOINT_API_KEY;
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const days = Number(arg('days', '7'));
const coachId = arg('coach', null);

const PAGE = `query Progress($after: String, $days: Int!, $filter: ProgressFilter) {
  progress(first: 200, after: $after, days: $days, filter: $filter) {
    totalCount
    pageInfo { endCursor hasNextPage }
    nodes { learnerId status moduleWeek applications interviews daysSinceHuntrAction requiredActivities { title met } }
  }
}`;

class ApiError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One GraphQL request; retries on 429 and 503 as the API asks, up to 5 times. */
async function request(query, variables) {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    if ((res.status === 429 || res.status === 503) && attempt < 5) {
      const wait = Number(res.headers.get('retry-after') ?? attempt);
      process.stderr.write(`waypoint answered ${res.status}; retrying in ${wait} s\n`);
      await sleep(wait * 1000);
      continue;
    }
    const body = await res.json();
    if (body.errors?.length) {
      const [e] = body.errors;
      throw new ApiError(`${e.message}${e.extensions?.field ? ` (field ${e.extensions.field})` : ''}`, e.extensions?.code ?? `HTTP_${res.status}`);
    }
    return body.data;
  }
}

const csv = (value) => (/[",\n]/.test(String(value)) ? `"${String(value).replaceAll('"', '""')}"` : String(value ?? ''));

async function main() {
  if (!key) throw new ApiError('Set WAYPOINT_API_KEY to a key staff created for you (Settings → API clients)', 'NO_KEY');
  console.log(['learnerId', 'status', 'moduleWeek', `applications${days}d`, `interviews${days}d`, 'daysSinceHuntrAction', 'missingThisWeek'].join(','));
  let after = null;
  let seen = 0;
  let total = 0;
  do {
    const { progress } = await request(PAGE, { after, days, filter: coachId ? { coachId } : null });
    total = progress.totalCount;
    for (const p of progress.nodes) {
      const missing = p.requiredActivities.filter((r) => !r.met).map((r) => r.title).join('; ');
      console.log([p.learnerId, p.status, p.moduleWeek, p.applications, p.interviews, p.daysSinceHuntrAction, missing].map(csv).join(','));
    }
    seen += progress.nodes.length;
    after = progress.pageInfo.hasNextPage ? progress.pageInfo.endCursor : null;
  } while (after);
  process.stderr.write(`${seen} of ${total} learners, last ${days} days\n`);
}

main().catch((e) => {
  process.stderr.write(`waypoint: ${e.code ?? 'ERROR'}: ${e.message}\n`);
  process.exit(1);
});
