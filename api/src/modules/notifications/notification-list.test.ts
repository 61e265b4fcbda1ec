import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { TestApp, expectError } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';

/**
 * Your notifications (the bell's list) compile to one statement, and their resolver asks the same SQL (pages,
 * cursors, counts, `link` and `read` declared once, in notification.read.ts); the live bell reads those fields once
 * per message for every console it wakes.
 */
const LIST = `query($first: Int, $after: String, $unreadOnly: Boolean) { notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
  __typename totalCount unreadCount pageInfo { __typename hasNextPage endCursor } nodes { __typename id kind title body link read readAt createdAt subjectId } } }`;

describe('notifications list, compiled', () => {
  let t: TestApp;
  let learner: User;
  let other: User;
  let coach: User;

  const ask = async (query: string, variables: Record<string, unknown>, user: User, compiled: boolean) => {
    t.config.compiledReads = compiled;
    try {
      return await t.gql(query, variables, t.tokenFor(user));
    } finally {
      t.config.compiledReads = true;
    }
  };

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-17T12:00:00Z' });
    coach = await t.createUser(Role.COACH);
    learner = (await t.createLearner(coach)).user;
    other = (await t.createLearner(coach)).user;
    // Seven of the learner's own (three at one instant: ties go by id), one hidden from the app, one read, and the
    // other learner's; some with a place to act on, one path with characters a URL and JSON must keep.
    const db = t.em().getConnection();
    const rows: [User, string, string | null, boolean, string | null][] = [
      [learner, '2026-11-16T09:00:00.000Z', '/admin/#/submissions/1', true, null],
      [learner, '2026-11-16T10:00:00.250Z', null, true, '2026-11-16T11:00:00Z'],
      [learner, '2026-11-16T10:00:00.250Z', '/admin/#/meetings?x="1"&y=é', true, null],
      [learner, '2026-11-16T10:00:00.250Z', null, true, null],
      [learner, '2026-11-16T12:00:00.999Z', '/admin/#/events/2', false, null],
      [learner, '2026-11-17T08:00:00.000Z', null, true, null],
      [learner, '2026-11-17T09:30:00.000Z', '/admin/#/learners/3', true, null],
      [other, '2026-11-17T09:00:00.000Z', '/admin/#/x', true, null],
    ];
    for (const [i, [who, at, path, inApp, readAt]] of rows.entries()) {
      await db.execute(
        `insert into notifications (id, recipient_id, kind, title, body, path, subject_id, in_app, created_at, read_at)
         values (gen_random_uuid(), ?, 'STATUS_CHANGED', ?, ?, ?, ?, ?, ?, ?)`,
        [who.id, `Title ${i}`, `Body ${i}\nwith "quotes"`, path, i % 2 ? `s-${i}` : null, inApp, at, readAt],
      );
    }
  });
  afterAll(() => t.stop());

  it('answers every page alike compiled (one statement) and through its resolver, following either one\'s cursors', async () => {
    for (const unreadOnly of [false, true]) {
      for (const first of [1, 2, 20]) {
        let after: string | null = null;
        const seen: string[] = [];
        for (let page = 0; page < 10; page++) {
          const vars = { first, after, unreadOnly };
          const resolved = await ask(LIST, vars, learner, false);
          expect(resolved.errors).toBeUndefined();
          t.resetQueryCount();
          const compiled = await ask(LIST, vars, learner, true);
          expect({ vars, data: compiled.data, statements: t.queryCount }).toEqual({ vars, data: resolved.data, statements: 1 });
          const list = compiled.data!.notifications;
          seen.push(...list.nodes.map((n: { id: string }) => n.id));
          if (!list.pageInfo.hasNextPage) break;
          after = list.pageInfo.endCursor;
        }
        // Every one of the learner's in-app notifications once (five unread), newest first, ties by id.
        expect({ unreadOnly, first, count: seen.length, distinct: new Set(seen).size }).toEqual({ unreadOnly, first, count: unreadOnly ? 5 : 6, distinct: unreadOnly ? 5 : 6 });
      }
    }
    const all = (await ask(LIST, { first: 20 }, learner, true)).data!.notifications;
    expect(all).toMatchObject({ totalCount: 6, unreadCount: 5, pageInfo: { hasNextPage: false } });
    expect(all.nodes.map((n: { title: string }) => n.title)).toEqual(['Title 6', 'Title 5', ...['Title 1', 'Title 2', 'Title 3'].sort((a, b) => idOf(all, b).localeCompare(idOf(all, a))), 'Title 0']);
    // link: the server's address (the request's host: PUBLIC_URL is unset here) before the path; read: readAt set.
    expect(all.nodes.find((n: { title: string }) => n.title === 'Title 2')).toMatchObject({ link: `${t.url}/admin/#/meetings?x="1"&y=é`, read: false });
    expect(all.nodes.find((n: { title: string }) => n.title === 'Title 1')).toMatchObject({ link: null, read: true, readAt: '2026-11-16T11:00:00.000Z' });
    // The cursor is what it always was: base64url of notification:<createdAt>:<id>.
    const firstPage = (await ask(LIST, { first: 1 }, learner, true)).data!.notifications;
    expect(Buffer.from(firstPage.pageInfo.endCursor, 'base64url').toString()).toBe(`notification:2026-11-17T09:30:00.000Z:${firstPage.nodes[0].id}`);
    // Nobody reads another's: the other learner sees their one.
    expect((await ask(LIST, {}, other, true)).data!.notifications).toMatchObject({ totalCount: 1, nodes: [{ title: 'Title 7' }] });
  });

  it('refuses cursors it did not make, and pages out of range, the same way either way', async () => {
    const forged = (s: string) => Buffer.from(s).toString('base64url');
    for (const compiled of [true, false]) {
      for (const after of ['bm90LWEtY3Vyc29y', forged('notification:2026-13-45T00:00:00.000Z:00000000-0000-4000-8000-000000000000'), forged('notification:2026-02-30T00:00:00.000Z:00000000-0000-4000-8000-000000000000'), forged("notification:2026-11-17T00:00:00.000Z:x' or 1=1")]) {
        expectError(await ask(LIST, { after }, learner, compiled), 'BAD_USER_INPUT', 'after');
      }
      expectError(await ask(LIST, { first: 101 }, learner, compiled), 'BAD_USER_INPUT');
      expectError(await ask(LIST, { first: 0 }, learner, compiled), 'BAD_USER_INPUT');
    }
  });

  it('the live bell reads the newest notification\'s link and read once for every console the message wakes', async () => {
    const clients = [0, 1, 2, 3].map(() =>
      createClient({ url: `${t.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${t.tokenFor(learner)}` }, retryAttempts: 0 }),
    );
    const events: Record<string, any>[][] = clients.map(() => []);
    const stops = clients.map((c, i) =>
      c.subscribe({ query: 'subscription { notificationAdded { unreadCount latest { id title link read } } }' }, { next: (v) => void events[i].push(v.data!), error: () => undefined, complete: () => undefined }),
    );
    try {
      // Once all four are listening (this process's open subscriptions, on /metrics), one write rings them all.
      const newest = (await ask(LIST, { first: 1 }, learner, true)).data!.notifications.nodes[0];
      const until = async (check: () => boolean | Promise<boolean>, what: string) => {
        const end = Date.now() + 10_000;
        while (!(await check())) {
          if (Date.now() > end) throw new Error(`never: ${what}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      await until(async () => / (\d+)$/.exec((await (await fetch(`${t.url}/metrics`)).text()).split('\n').find((l) => l.startsWith('waypoint_live{what="subscriptions"}')) ?? '')?.[1] === '4', 'four subscriptions');
      // Now measured: one write, four consoles of one person. The mutation's own statements (auth, update, count)
      // and the bell's three (the newest ids and counts, the rows, their declared fields), not one per console.
      t.resetQueryCount();
      await t.gql(`mutation { markNotificationsRead }`, {}, t.tokenFor(learner));
      await until(() => events.every((e) => e.length === 1), 'every console rang');
      await new Promise((r) => setTimeout(r, 200));
      const afterAll = t.queryCount;
      for (const e of events) expect(e.at(-1)!.notificationAdded).toEqual({ unreadCount: 0, latest: { id: newest.id, title: 'Title 6', link: `${t.url}/admin/#/learners/3`, read: true } });
      t.resetQueryCount();
      await t.gql(`mutation { markNotificationsRead }`, {}, t.tokenFor(other));
      const alone = t.queryCount;
      expect(afterAll - alone).toBe(3);
    } finally {
      for (const stop of stops) stop();
      for (const c of clients) await c.dispose();
    }
  });
});

function idOf(list: { nodes: { id: string; title: string }[] }, title: string): string {
  return list.nodes.find((n) => n.title === title)!.id;
}
