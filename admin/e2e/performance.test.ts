import os from 'node:os';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Response } from 'playwright-core';
import { apiToken, BASE_URL, COACH, graphql, openBrowser, signIn, STAFF, withFailureScreenshot, type Browser } from './browser';

/**
 * The console's figures from issue 7, measured in a real browser against a real server:
 * the JavaScript the sign-in page downloads (gzip, as zlib compresses each script the page
 * fetched until the network is quiet) stays under 350 kB, and the review queue's time from
 * navigation start to 50 rows on screen is printed, with the machine's load and the CPU time
 * the page's main thread spent by then. That time is reported, not gated on its target (1 s):
 * wall-clock time on a shared 2-core machine swings several-fold with what else runs, so the
 * bound below only catches a page that hangs.
 */
const SIGN_IN_BUDGET_BYTES = 350_000; // kB as in vite's report: 1,000 bytes
const ROWS = 50;
const QUEUE_SANITY_BOUND_MS = 15_000;

let browser: Browser;

beforeAll(async () => {
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

test('the sign-in page downloads under 350 kB of JavaScript (gzip)', async () => {
  await withFailureScreenshot(browser, 'performance-sign-in', async () => {
    const { page } = browser;
    const scripts: Response[] = [];
    const collect = (response: Response) => {
      const type = response.request().resourceType();
      if (type === 'script' || /\.m?js(\?|$)/.test(new URL(response.url()).pathname)) scripts.push(response);
    };
    page.on('response', collect);
    // A fresh profile (empty cache, no session): what a first visit downloads.
    await page.goto(`${BASE_URL}/admin/login`);
    await page.getByLabel('Email').waitFor();
    await page.waitForLoadState('networkidle');
    // Anything fetched once the page is idle (a prefetch on an idle callback) counts too.
    await page.waitForTimeout(1_500);
    await page.waitForLoadState('networkidle');
    page.off('response', collect);

    const sizes = await Promise.all(
      scripts.map(async (response) => {
        const body = await response.body();
        return { file: new URL(response.url()).pathname, raw: body.length, gzip: gzipSync(body).length };
      }),
    );
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.log(
      [
        `Sign-in page JavaScript: ${sizes.length} files, ${kB(total)} gzip (budget ${kB(SIGN_IN_BUDGET_BYTES)})`,
        ...sizes.map((s) => `  ${s.file}  ${kB(s.raw)} raw, ${kB(s.gzip)} gzip`),
      ].join('\n'),
    );
    expect(sizes.length).toBeGreaterThan(0);
    expect(total).toBeLessThan(SIGN_IN_BUDGET_BYTES);
  });
});

/** Tops the waiting queue up to `count` with application material from one of another coach's learners (reserved for that coach, so the demo coach's own "Claimable by me" view is left as the other suites expect it). */
async function queueAtLeast(count: number) {
  const coachToken = await apiToken(COACH);
  const { waiting } = await graphql<{ waiting: { count: number } }>(coachToken, '{ waiting: _reviewQueueMeta(filter: {}) { count } }');
  const missing = count - waiting.count;
  if (missing <= 0) return;
  const staffToken = await apiToken(STAFF);
  const { me } = await graphql<{ me: { id: string } }>(coachToken, '{ me { id } }');
  const { allLearners } = await graphql<{ allLearners: { id: string; coach: { id: string } | null }[] }>(
    staffToken,
    '{ allLearners(filter: { status: ENROLLED }, perPage: 200) { id coach { id } } }',
  );
  const learner = allLearners.find((l) => l.coach && l.coach.id !== me.id) ?? allLearners[0];
  for (let i = 0; i < missing; i++) {
    await graphql(staffToken, 'mutation($input: SubmitAssignmentInput!) { submitAssignment(input: $input) { id } }', {
      input: {
        learnerId: learner.id,
        kind: 'APPLICATION_MATERIAL',
        material: { materialType: 'CV', link: `https://example.org/cv-${i + 1}.pdf`, note: `Performance suite, item ${i + 1}` },
      },
    });
  }
}

interface QueueTiming {
  /** ms from navigation start until 50 rows are rendered and laid out */
  wall: number;
  /** CPU ms the page's main thread spent by then: what other processes' load does not inflate */
  cpu: number;
}

async function timeQueueNavigation(cdp: CDPSession): Promise<QueueTiming> {
  const { page } = browser;
  await page.goto(`${BASE_URL}/admin/review-queue?view=all`, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (rows) => {
      const items = document.querySelectorAll('[data-testid="queue-item"]');
      if (items.length < rows || items[rows - 1].getBoundingClientRect().height === 0) return false;
      return performance.now(); // ms since this document's navigation started
    },
    ROWS,
    { polling: 'raf', timeout: 30_000 },
  );
  const wall = Math.round((await handle.jsonValue()) as number);
  // Chromium's ThreadTime: CPU seconds of the renderer's main thread since this document began.
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const cpu = Math.round((metrics.find((m) => m.name === 'ThreadTime')?.value ?? Number.NaN) * 1000);
  return { wall, cpu };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

test('the review queue renders 50 rows soon after navigation', async () => {
  await withFailureScreenshot(browser, 'performance-queue', async () => {
    const { page } = browser;
    await queueAtLeast(ROWS);
    await signIn(page, COACH);

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    // First visit after sign-in, then reloads; the scripts come from the browser's cache as they would for a coach.
    const runs: QueueTiming[] = [];
    for (let run = 0; run < 5; run++) runs.push(await timeQueueNavigation(cdp));
    expect(await page.getByTestId('queue-item').count()).toBe(ROWS);
    await browser.screenshot('performance-01-queue');
    const wall = median(runs.map((r) => r.wall));
    const cpu = median(runs.map((r) => r.cpu));
    const load = `load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`;
    console.log(
      [
        `Review queue: ${ROWS} rows on screen ${wall} ms after navigation start (median of ${runs.length}; target 1000 ms; ${load})`,
        `  main-thread CPU by then: ${cpu} ms (median)`,
        `  runs: ${runs.map((r) => `${r.wall} ms (CPU ${r.cpu} ms)`).join(', ')}`,
      ].join('\n'),
    );
    expect(wall).toBeLessThan(QUEUE_SANITY_BOUND_MS);
  });
});
