import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Browser as Chromium, type BrowserContext, type Page } from '@playwright/test';

/**
 * Shared by the browser suites (run by @playwright/test, see ../playwright.config.ts): a browser context per suite
 * at the project's size, sign-in, screenshots, and the API for setting the scene.
 */
export const BASE_URL = (process.env.WAYPOINT_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');
export const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');
export const PASSWORD = 'waypoint-demo';
export const STAFF = 'staff@waypoint.test';
export const COACH = 'coach@waypoint.test';

export interface Browser {
  page: Page;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserOptions {
  viewport?: { width: number; height: number };
  /** a touch screen (no hover, coarse pointer), as on phones and tablets */
  hasTouch?: boolean;
}

/** Phone and tablet sizes the console must work at without sideways scrolling (CSS pixels, portrait). */
export const PHONE = { width: 390, height: 844 };
export const TABLET = { width: 820, height: 1180 };

/**
 * A fresh context (empty cache, no session) on the worker's Chromium, at the project's size unless `options` say
 * otherwise. Suites open one in beforeAll and keep it across their tests; Playwright traces it for each test all the
 * same (trace: 'retain-on-failure'), and screenshots its pages when a test fails.
 */
export async function openBrowser(chromium: Chromium, options: BrowserOptions = {}): Promise<Browser> {
  const { project } = test.info();
  const folder = path.join(SCREENSHOTS, project.name);
  mkdirSync(folder, { recursive: true });
  // A context made by hand (not the `page` fixture) gets none of the project's `use` options on its own.
  const context: BrowserContext = await chromium.newContext({
    viewport: options.viewport ?? project.use.viewport,
    hasTouch: options.hasTouch ?? project.use.hasTouch ?? false,
  });
  if (project.use.actionTimeout) context.setDefaultTimeout(project.use.actionTimeout);
  if (project.use.navigationTimeout) context.setDefaultNavigationTimeout(project.use.navigationTimeout);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return {
    page,
    async screenshot(name) {
      const file = path.join(folder, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`screenshot: ${file}`);
    },
    async close() {
      if (problems.length) console.log(`Browser reported:\n${problems.join('\n')}`);
      await context.close();
    },
  };
}

/** Signs in through the sign-in page and waits for the console: its menu on a desktop, the app bar's profile menu on a phone (where the menu is folded away). */
export async function signIn(page: Page, email: string) {
  await page.goto(`${BASE_URL}/admin/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(consoleReady(page)).toBeVisible();
}

/** What shows the console is up at the project's size: the Learners menu item, or on a touch screen the profile menu. */
export function consoleReady(page: Page) {
  return test.info().project.use.hasTouch ? page.getByRole('button', { name: /profile/i }) : page.getByRole('menuitem', { name: 'Learners' });
}

/** GraphQL over HTTP, as the console's users would through it: for setting the scene, not for assertions. */
export async function graphql<T = Record<string, unknown>>(token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${BASE_URL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data as T;
}

export async function apiToken(email: string): Promise<string> {
  const data = await graphql<{ login: { token: string } }>(
    null,
    'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email, password: PASSWORD },
  );
  return data.login.token;
}

/** A suffix that keeps names from earlier runs against the same server apart. */
export const stamp = () => Date.now().toString(36).slice(-5);

/** axe's impacts that fail a page: "critical" and "serious" (WCAG 2.x A and AA rules, and axe's best practices). */
const FAILING_IMPACTS = new Set(['critical', 'serious']);

/**
 * Runs axe-core on the page once its transitions have ended and fails on any critical or serious violation, naming
 * each rule and the elements it found. axe reads colours as painted: a dialog or pop-over still fading in (MUI's
 * 225 ms, longer on a loaded machine) has its text blended with the backdrop and fails colour contrast for a state
 * nobody reads (seen in CI: 2.5:1 on #dfdfdf). Endless animations (spinners, skeletons) are not waited for.
 * `exclude` leaves out selectors owned elsewhere (each with why, in the caller).
 */
export async function expectAccessible(page: Page, label: string, exclude: string[] = []) {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
  let builder = new AxeBuilder({ page });
  for (const selector of exclude) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const failing = violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ''));
  const report = failing.map(
    (v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}  ${n.failureSummary?.split('\n').slice(1, 2).join('').trim() ?? ''}`).join('\n')}`,
  );
  console.log(`axe ${label}: ${failing.length === 0 ? '0 critical, 0 serious' : `\n  ${report.join('\n  ')}`}${violations.length > failing.length ? ` (${violations.length - failing.length} moderate or minor)` : ''}`);
  expect(report).toEqual([]);
}

/** The page's width against the window's: a page wider than the window scrolls sideways. */
export async function pageWidth(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
}
