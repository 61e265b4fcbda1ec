import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { buildSchema, parse, validate } from 'graphql';
import { TestApp } from './harness';
import { Role } from '../src/modules/users/user.entity';
import { repoRoot } from '../src/config';
import { SCOPE_EXAMPLES } from '../src/docs/examples';
import { buildDocs } from '../src/docs/build-docs';
import { docsRoutes } from '../src/docs/docs.routes';

/** The keys of an answer, all the way down (a list by its first item; an empty list fits any). */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]).sort(([a], [b]) => String(a).localeCompare(String(b))));
  return value === null ? null : typeof value;
}

/** Whether a real answer has the documented shape (a null or an empty list in the real one fits). */
function fits(real: unknown, documented: unknown): boolean {
  if (Array.isArray(real)) return Array.isArray(documented) && (real.length === 0 || fits(real[0], documented[0]));
  if (real && typeof real === 'object') {
    if (!documented || typeof documented !== 'object') return false;
    const keys = (o: object) => Object.keys(o).sort().join(',');
    return keys(real) === keys(documented) && Object.entries(real).every(([k, v]) => fits(v, (documented as Record<string, unknown>)[k]));
  }
  return real === null || documented === null || typeof real === typeof documented;
}

/** What a built reference looks like from a server that serves it. */
async function expectServed(url: string): Promise<void> {
  const page = await fetch(`${url}/docs/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(await page.text()).toContain('Waypoint GraphQL API');
  expect((await fetch(`${url}/docs`, { redirect: 'manual' })).headers.get('location')).toBe('/docs/');
  expect((await fetch(`${url}/docs/javascripts/spectaql.min.js`)).status).toBe(200);
}

describe('the API reference (/docs)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
  });
  afterAll(() => t.stop());

  it('has a worked example per scope that the API answers in exactly the documented shape', async () => {
    const schema = buildSchema(readFileSync(path.join(repoRoot, 'schema.graphql'), 'utf8'));
    const staff = await t.createUser(Role.STAFF);
    const coach = await t.createUser(Role.COACH, { name: 'Grace Hopper' });
    for (const name of ['Ada Lovelace', 'Alan Turing', 'Barbara Liskov']) await t.createLearner(coach, { name });
    const event = await t.gql(
      `mutation($input: CoachingEventInput!) { createCoachingEvent(input: $input) { id } }`,
      { input: { type: 'WORKSHOP', title: 'Negotiating an offer', facilitatorId: coach.id, startsAt: '2026-11-25T16:00:00Z', durationMinutes: 60, capacity: 20 } },
      t.tokenFor(staff),
    );
    expect(event.errors).toBeUndefined();
    expect(SCOPE_EXAMPLES.map((e) => e.scope).sort()).toEqual(['events:read', 'learners:read', 'progress:read']);
    for (const example of SCOPE_EXAMPLES) {
      expect(validate(schema, parse(example.query))).toEqual([]);
      const created = await t.gql(`mutation($s: [String!]!) { createApiClient(name: "Docs", scopes: $s) { key } }`, { s: [example.scope] }, t.tokenFor(staff));
      const answer = await t.gql(example.query, {}, created.data!.createApiClient.key);
      expect(answer.errors).toBeUndefined();
      const real = { data: answer.data };
      if (!fits(real, example.answer)) throw new Error(`${example.scope}: the API answers ${JSON.stringify(shapeOf(real))}, the reference shows ${JSON.stringify(shapeOf(example.answer))}`);
    }
  });

  it('is generated from schema.graphql with who may call each operation and what each scope reads', async () => {
    const target = mkdtempSync(path.join(os.tmpdir(), 'waypoint-docs-test-'));
    try {
      await buildDocs(target);
      const html = readFileSync(path.join(target, 'index.html'), 'utf8');
      expect(existsSync(path.join(target, 'javascripts', 'spectaql.min.js'))).toBe(true);
      // Every operation is there; a key's operations name its scope; creating mutations say they are safe to retry.
      const sdl = buildSchema(readFileSync(path.join(repoRoot, 'schema.graphql'), 'utf8'));
      for (const name of [...Object.keys(sdl.getQueryType()!.getFields()), ...Object.keys(sdl.getMutationType()!.getFields())]) expect(html).toContain(name);
      expect(html).toMatch(/Who may call it:<\/strong> staff, coaches, learners \(their own data\); API keys with <code>progress:read<\/code>/);
      expect(html).toMatch(/Who may call it:<\/strong> staff; no API key/);
      expect(html).toContain('Safe to retry');
      expect(html).toMatch(/API keys read:<\/strong> <code>progress:read<\/code>: every field/);
      for (const example of SCOPE_EXAMPLES) expect(html).toContain(`Example: ${example.scope}`);
      // Where to try it: GraphiQL on this server, and the reference client.
      expect(html).toContain('href="/graphiql/"');
      expect(html).toContain('href="/examples/progress/"');
      // Served from this server only: no outside host for scripts or styles.
      expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="(https?:)?\/\//);
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  }, 120_000);

  it('is served at /docs once built, and says how to build it before', async () => {
    // Built into a folder of its own: start.test.ts runs npm start's build, which rebuilds the shared docs folder
    // (a CI run caught this test reading it half-written).
    const own = mkdtempSync(path.join(os.tmpdir(), 'waypoint-docs-'));
    await buildDocs(own);
    const served = await TestApp.start({ now: '2026-11-18T12:00:00Z', config: { docsDist: own } });
    try {
      await expectServed(served.url);
    } finally {
      await served.stop();
      rmSync(own, { recursive: true, force: true });
    }

    const bare = express().use(docsRoutes({ dir: path.join(os.tmpdir(), 'waypoint-docs-never-built') }));
    const server = bare.listen(0, '127.0.0.1');
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/docs/`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ errors: [{ message: 'The API reference is not built here: run "npm run docs"', extensions: { code: 'NOT_FOUND' } }] });
    } finally {
      server.close();
    }
  }, 120_000);
});
