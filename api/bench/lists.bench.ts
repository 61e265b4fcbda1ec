import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { signToken } from '../src/auth/token';
import { fmt, scratchDatabase } from './scratch';
import { build, startServer } from './server';
import { startChild } from './compare-servers';
import { firstDifference, post } from './compare.bench';
import { load, num, printRounds, ratiosOf, type Measured } from './live.bench';
import { generateListsData, listsSizes, LISTS_PGL_SQL, type ListsSizes } from './lists-data';
import { CONSOLE_LISTS, LIST_SERVERS, listAsks, reduceAnswer, type ListIds, type ListServer } from './lists-asks';

/** Issue 21: every list in the console at least as fast as PostGraphile 5. */
const TARGET_OVER_PG5 = 1.0;

const pad = (s: string, n: number) => s.padEnd(n);

/** The lists to measure: all, or those whose label contains one of BENCH_LISTS's comma-separated words ("learners,mail"). */
const only = process.env.BENCH_LISTS?.split(',').map((w) => w.trim()).filter(Boolean);
const LISTS = only?.length ? CONSOLE_LISTS.filter((l) => only.some((w) => l.label.includes(w))) : CONSOLE_LISTS;

/**
 * The same answers from every server for every request of every list (reduced to one shape), before any load: a list
 * that answered differently would be measured doing different work. Returns the differences found.
 */
async function checkAnswers(urls: Map<ListServer, string>, ids: ListIds, token: (userId?: string) => string): Promise<{ problems: string[]; requests: number }> {
  const problems: string[] = [];
  let requests = 0;
  for (const list of LISTS) {
    const asks = new Map(LIST_SERVERS.map((s) => [s, listAsks(list, s, ids, token)]));
    for (let i = 0; i < asks.get('Waypoint')!.length; i++) {
      requests++;
      const answers: { server: ListServer; value?: unknown; error?: string }[] = [];
      for (const server of LIST_SERVERS) {
        try {
          answers.push({ server, value: reduceAnswer(list, server, (await post(urls.get(server)!, asks.get(server)![i])).data) });
        } catch (e) {
          answers.push({ server, error: (e as Error).message });
        }
      }
      const variant = JSON.stringify(list.variants(ids)[i]);
      for (const a of answers) if (a.error) problems.push(`${list.label} ${variant}: ${a.server} ${a.error}`);
      const [ref, ...others] = answers.filter((a) => !a.error);
      for (const o of others) {
        const d = firstDifference(ref.value, o.value);
        if (d) problems.push(`${list.label} ${variant}: ${ref.server} and ${o.server} differ at ${d}`);
      }
    }
  }
  return { problems, requests };
}

/**
 * Issue 21's "every list in the console >= 1.0x PostGraphile 5": each console list (its own document, its first pages
 * of 50 in its default order with and without a common filter) from Waypoint, PostGraphile 4, PostGraphile 5 and the
 * raw SQL server (lists-raw.ts) over the same rows, interleaved (every server in turn in each round, the first rotating), `rounds` rounds of autocannon at
 * 10 connections; min/median/max requests/s and the median p50 and p99.
 */
export async function listsBench(seconds: number, warmup: number, rounds: number, sizes: ListsSizes = listsSizes()): Promise<void> {
  const db = await scratchDatabase();
  const secret = randomBytes(32).toString('base64url');
  const stops: (() => Promise<void>)[] = [];
  try {
    const load0 = os.loadavg()[0];
    console.log(`\nLists: ${fmt(sizes.learners)} learners, ${fmt(sizes.submissions)} submissions, ${fmt(sizes.meetings)} meetings, ${fmt(sizes.audit)} audit entries, ${db.server}`);
    console.log(`  also ${fmt(sizes.notifications)} notification deliveries, ${fmt(sizes.webhooks)} webhook deliveries, ${fmt(sizes.mails)} caught mails, ${fmt(sizes.alerts)} coach alerts (1 in 20 open), ${fmt(sizes.failedJobs)} failed jobs of ${fmt(5 * sizes.failedJobs)}, ${fmt(sizes.huntrActions)} Huntr actions`);
    console.log(`  machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, load average ${load0.toFixed(2)} at start`);
    const genStart = Date.now();
    const { staffId } = await generateListsData(db.client, sizes);
    await db.client.query(LISTS_PGL_SQL);
    console.log(`  generated in ${((Date.now() - genStart) / 1000).toFixed(1)} s`);
    const staffToken = signToken(staffId, secret, 2, new Date()).token;
    const tokens = new Map<string, string>();
    const token = (userId?: string) => {
      if (!userId) return staffToken;
      if (!tokens.has(userId)) tokens.set(userId, signToken(userId, secret, 2, new Date()).token);
      return tokens.get(userId)!;
    };
    // Learners whose ids are RFC 4122 UUIDs (version and variant digits): the compare data's md5 ids are not all, and
    // the submissions filter checks them.
    const ids: ListIds = {
      staffId,
      learnerIds: (await db.client.query(`select id from learners where id::text ~ '^.{14}[1-8].{4}[89ab]' order by md5(id::text) limit 50`)).rows.map((r) => r.id as string),
      endpointIds: (await db.client.query(`select id from webhook_endpoints order by id`)).rows.map((r) => r.id as string),
      // Learners' users with notifications, each asking for their own (the bell).
      learnerUserIds: (await db.client.query(`select l.user_id from learners l where exists (select 1 from notifications n where n.recipient_id = l.user_id)
                                                order by md5(l.id::text) limit 20`)).rows.map((r) => r.user_id as string),
    };

    build();
    const waypoint = await startServer(db.url, secret);
    stops.push(waypoint.stop);
    const urls = new Map<ListServer, string>([['Waypoint', waypoint.url]]);
    for (const [name, file] of [['PostGraphile 4', 'compare-postgraphile.ts'], ['PostGraphile 5', 'compare-postgraphile5.ts'], ['raw SQL', 'compare-raw.ts']] as const) {
      const child = await startChild(file, db.url);
      stops.push(child.stop);
      urls.set(name, child.url);
    }

    const { problems, requests } = await checkAnswers(urls, ids, token);
    if (problems.length) {
      console.log(`\n  !!! MISMATCH: the servers do not give the same answers; the figures below compare different work !!!`);
      for (const p of problems.slice(0, 12)) console.log(`    ${p.slice(0, 400)}`);
    } else {
      console.log(`  answers checked: the same on all four for ${requests} requests over ${LISTS.length} lists`);
    }

    const results = new Map<string, Measured[]>();
    console.log(`  load: autocannon, 10 connections, ${warmup} s warm-up then ${seconds} s per list and server, ${rounds} rounds, servers interleaved\n`);
    for (let round = 0; round < rounds; round++) {
      for (const list of LISTS) {
        for (const server of LIST_SERVERS.map((_, i) => LIST_SERVERS[(i + round) % LIST_SERVERS.length])) {
          const key = `${list.label}|${server}`;
          results.set(key, [...(results.get(key) ?? []), await load(urls.get(server)!, listAsks(list, server, ids, token), seconds, warmup)]);
        }
      }
    }

    printRounds('list', 28, LISTS.map((l) => l.label), LIST_SERVERS, results);

    console.log(`\n  against issue 21's targets (medians; ✓ met, ✗ missed):`);
    for (const list of LISTS) {
      const { r4, r5, raw } = ratiosOf(results, list.label);
      console.log(`  ${pad(list.label, 28)}/PG4 ${num(r4, 2)}x    /PG5 ${num(r5, 2)}x ${r5 >= TARGET_OVER_PG5 ? '✓' : '✗'}  /raw ${num(raw, 2)}x`);
    }
    console.log(`  target: every list in the console >= ${TARGET_OVER_PG5}x PostGraphile 5`);
    console.log(`  load average ${load0.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end`);
    const failed = [...results].filter(([, ms]) => ms.some((m) => m.failed > 0));
    if (failed.length) console.log(`\n  !!! failed requests under load: ${failed.map(([k]) => k).join(', ')}`);
    if (problems.length) {
      console.log(`\n  !!! ${problems.length} answer mismatch(es) found before the load (listed above)`);
      process.exitCode = 1;
    }
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await db.drop();
  }
}
