import { TestApp, TEST_PASSWORD, expectError } from '../../../test/harness';
import { Role } from './user.entity';

/** Ending sessions and choosing passwords, over HTTP as people do it. */
describe('sessions and passwords', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
  });
  afterAll(() => t.stop());

  const me = (token: string) => t.gql(`{ me { id } }`, {}, token);
  // `me` answers null to an unknown token; an operation that needs a viewer refuses it.
  const guarded = (token: string) => t.gql(`{ reviewTargets { kind } }`, {}, token);
  const login = (email: string, password: string) =>
    t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: password });

  it('ends every session when staff deactivate someone, and reactivating does not bring them back', async () => {
    const staff = await t.createUser(Role.STAFF);
    const coach = await t.createUser(Role.COACH);
    t.clock.set('2026-11-18T12:00:00Z');
    const old = t.tokenFor(coach);
    expect((await me(old)).data!.me.id).toBe(coach.id);
    t.clock.set('2026-11-18T12:00:05Z');
    await t.gql(`mutation($id: ID!) { deactivateUser(id: $id) { id } }`, { id: coach.id }, t.tokenFor(staff));
    await t.gql(`mutation($id: ID!) { reactivateUser(id: $id) { id } }`, { id: coach.id }, t.tokenFor(staff));
    t.clock.set('2026-11-18T12:00:10Z');
    expectError(await guarded(old), 'UNAUTHENTICATED');
    const fresh = (await login(coach.email, TEST_PASSWORD)).data!.login.token;
    expect((await me(fresh)).data!.me.id).toBe(coach.id);
  });

  it('signs out everywhere: every token issued before stops working', async () => {
    const learner = (await t.createLearner(await t.createUser(Role.COACH))).user;
    t.clock.set('2026-11-18T13:00:00Z');
    const phone = (await login(learner.email, TEST_PASSWORD)).data!.login.token;
    const laptop = t.tokenFor(learner);
    t.clock.set('2026-11-18T13:00:02Z');
    expect((await t.gql(`mutation { signOutEverywhere }`, {}, laptop)).data!.signOutEverywhere).toBe(true);
    t.clock.set('2026-11-18T13:00:03Z');
    expectError(await guarded(phone), 'UNAUTHENTICATED');
    expectError(await guarded(laptop), 'UNAUTHENTICATED');
    expect((await me((await login(learner.email, TEST_PASSWORD)).data!.login.token)).data!.me.id).toBe(learner.id);
  });

  it("changes one's own password after checking the current one; the other sessions end, this one goes on with its new token", async () => {
    const coach = await t.createUser(Role.COACH);
    t.clock.set('2026-11-18T14:00:00Z');
    const other = t.tokenFor(coach);
    const mine = (await login(coach.email, TEST_PASSWORD)).data!.login.token;
    t.clock.set('2026-11-18T14:00:02Z');
    const change = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token user { id } } }`;
    const before = await t.snapshot();
    expectError(await t.gql(change, { c: 'not my password', n: 'a brand new long passphrase' }, mine), 'BAD_USER_INPUT', 'currentPassword');
    expectError(await t.gql(change, { c: TEST_PASSWORD, n: 'qwerty123456' }, mine), 'BAD_USER_INPUT', 'newPassword');
    expect(await t.snapshot()).toBe(before);
    const changed = (await t.gql(change, { c: TEST_PASSWORD, n: 'a brand new long passphrase' }, mine)).data!.changePassword;
    t.clock.set('2026-11-18T14:00:03Z');
    expectError(await guarded(other), 'UNAUTHENTICATED');
    expect((await me(changed.token)).data!.me.id).toBe(coach.id);
    expectError(await login(coach.email, TEST_PASSWORD), 'UNAUTHENTICATED');
    expect((await login(coach.email, 'a brand new long passphrase')).data!.login.token).toBeTruthy();
  });

  it('refuses short, common and one-character passwords wherever a password is set, naming the argument', async () => {
    const staff = t.tokenFor(await t.createUser(Role.STAFF));
    const create = `mutation($p: String!) { createUser(email: "weak@example.org", name: "Weak", role: COACH, password: $p) { id } }`;
    for (const [password, message] of [
      ['short pass1', /at least 12 characters/],
      ['qwerty123456', /most common passwords/],
      ['1q2w3e4r5t6y', /most common passwords/],
      ['zzzzzzzzzzzzzzzz', /one character repeated/],
    ] as const) {
      const res = await t.gql(create, { p: password }, staff);
      expectError(res, 'BAD_USER_INPUT', 'password');
      expect(res.errors![0].message).toMatch(message);
    }
    expect((await t.gql(create, { p: 'a long and unusual passphrase' }, staff)).data!.createUser.id).toBeTruthy();
  });

  it('signs out of this session alone: its token stops at once, on both read paths; the other sessions go on', async () => {
    const coach = await t.createUser(Role.COACH);
    t.clock.set('2026-11-18T15:00:00Z');
    const phone = (await login(coach.email, TEST_PASSWORD)).data!.login.token;
    const laptop = (await login(coach.email, TEST_PASSWORD)).data!.login.token;
    const queue = `{ reviewQueue(perPage: 1) { id } }`;
    expect((await t.gql(queue, {}, phone)).errors).toBeUndefined(); // the viewer is now known: the compiled read assumes it
    expect((await t.gql(`mutation { signOut }`, {}, phone)).data!.signOut).toBe(true);
    expectError(await t.gql(queue, {}, phone), 'UNAUTHENTICATED');
    expectError(await guarded(phone), 'UNAUTHENTICATED');
    expect((await me(phone)).data!.me).toBeNull();
    expect((await t.gql(queue, {}, laptop)).errors).toBeUndefined();
    expect((await me(laptop)).data!.me.id).toBe(coach.id);
    expectError(await t.gql(`mutation { signOut }`), 'UNAUTHENTICATED');
  });
});

/** The console's session: an httpOnly cookie and a CSRF token, over HTTP as a browser sends them. */
describe('cookie sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
  });
  afterAll(() => t.stop());

  const signIn = `mutation($e: String!, $p: String!) { signInWithCookie(email: $e, password: $p) { csrfToken expiresAt user { id } } }`;

  /** A POST to /graphql as the console makes it: the cookie, and the CSRF header when given. */
  const post = async (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, setCookie: res.headers.getSetCookie(), body: (await res.json()) as { data?: any; errors?: any[] } };
  };
  const cookieOf = (setCookie: string[]) => setCookie.find((c) => c.startsWith('waypoint_session='))!.split(';')[0];

  it('keeps the session in an httpOnly SameSite=Strict cookie, never in the answer, and needs the CSRF token with it', async () => {
    const coach = await t.createUser(Role.COACH);
    const signedIn = await post(signIn, { e: coach.email, p: TEST_PASSWORD });
    expect(signedIn.body.errors).toBeUndefined();
    expect(signedIn.body.data.signInWithCookie.user.id).toBe(coach.id);
    expect(JSON.stringify(signedIn.body)).not.toMatch(/eyJ/); // no token in the body
    const set = signedIn.setCookie.find((c) => c.startsWith('waypoint_session='))!;
    expect(set).toMatch(/; HttpOnly/i);
    expect(set).toMatch(/; SameSite=Strict/i);
    expect(set).toMatch(/; Path=\//i);
    expect(set).toMatch(/; Max-Age=43200/i);
    expect(set).not.toMatch(/; Secure/i); // plain http in tests; production adds it (below)
    const cookie = cookieOf(signedIn.setCookie);
    const csrf = signedIn.body.data.signInWithCookie.csrfToken as string;

    const queue = `{ reviewQueue(perPage: 1) { id } }`;
    const ok = await post(queue, {}, { cookie, 'x-csrf-token': csrf });
    expect(ok.body.errors).toBeUndefined();
    expect((await post(`{ me { id } }`, {}, { cookie, 'x-csrf-token': csrf })).body.data.me.id).toBe(coach.id);

    // The cookie alone (what a page on another site could make a browser send) signs nobody in.
    for (const headers of <Record<string, string>[]>[{ cookie }, { cookie, 'x-csrf-token': 'forged' }, { cookie, 'x-csrf-token': csrf.slice(0, -1) + (csrf.endsWith('A') ? 'B' : 'A') }]) {
      const refused = await post(queue, {}, headers);
      expect(refused.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
      expect(refused.body.errors![0].message).toMatch(/X-CSRF-Token/);
      expect((await post(`{ me { id } }`, {}, headers)).body.data.me).toBeNull();
    }
    // Another session's CSRF token does not fit this cookie.
    const other = await post(signIn, { e: coach.email, p: TEST_PASSWORD });
    expectError((await post(queue, {}, { cookie, 'x-csrf-token': other.body.data.signInWithCookie.csrfToken })).body as never, 'UNAUTHENTICATED');
    // A form post from another site never reaches a resolver (Apollo's CSRF prevention), cookie or not.
    const form = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-csrf-token': csrf },
      body: 'query=mutation%7BsignOutEverywhere%7D',
    });
    expect(form.status).toBe(400);
    expect((await post(`{ me { id } }`, {}, { cookie, 'x-csrf-token': csrf })).body.data.me.id).toBe(coach.id);
    // A bearer token wins over the cookie: API clients are never judged by a cookie the browser added.
    const learner = (await t.createLearner(coach)).user;
    expect((await post(`{ me { id } }`, {}, { cookie, authorization: `Bearer ${t.tokenFor(learner)}` })).body.data.me.id).toBe(learner.id);
  });

  it("lets the console's session, with its CSRF token, reach the staff import; the cookie alone does not", async () => {
    const staff = await t.createUser(Role.STAFF);
    const signedIn = await post(signIn, { e: staff.email, p: TEST_PASSWORD });
    const cookie = cookieOf(signedIn.setCookie);
    const upload = (headers: Record<string, string>) =>
      fetch(`${t.url}/imports/huntr?dryRun=true`, { method: 'POST', headers: { 'content-type': 'text/csv', ...headers }, body: 'Email,Date\n' });
    expect((await upload({ cookie })).status).toBe(401);
    expect((await upload({ cookie, 'x-csrf-token': 'forged' })).status).toBe(401);
    const allowed = await upload({ cookie, 'x-csrf-token': signedIn.body.data.signInWithCookie.csrfToken });
    expect([200, 400]).toContain(allowed.status);
  });

  it('signs out: the cookie is cleared, and the old cookie with its CSRF token no longer works', async () => {
    const staff = await t.createUser(Role.STAFF);
    const signedIn = await post(signIn, { e: staff.email, p: TEST_PASSWORD });
    const cookie = cookieOf(signedIn.setCookie);
    const headers = { cookie, 'x-csrf-token': signedIn.body.data.signInWithCookie.csrfToken };
    const out = await post(`mutation { signOut }`, {}, headers);
    expect(out.body.data.signOut).toBe(true);
    expect(out.setCookie.find((c) => c.startsWith('waypoint_session='))).toMatch(/^waypoint_session=;.*Max-Age=0/i);
    const replay = await post(`{ reviewTargets { kind } }`, {}, headers);
    expect(replay.status).toBe(200);
    expectError(replay.body as never, 'UNAUTHENTICATED');
  });

  it('changes the password in a cookie session: the cookie is renewed for the same session, and the CSRF token still fits', async () => {
    const coach = await t.createUser(Role.COACH);
    t.clock.set('2026-11-18T16:00:00Z');
    const signedIn = await post(signIn, { e: coach.email, p: TEST_PASSWORD });
    const csrf = signedIn.body.data.signInWithCookie.csrfToken;
    t.clock.set('2026-11-18T16:00:02Z');
    const changed = await post(
      `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { user { id } } }`,
      { c: TEST_PASSWORD, n: 'a brand new long passphrase' },
      { cookie: cookieOf(signedIn.setCookie), 'x-csrf-token': csrf },
    );
    expect(changed.body.errors).toBeUndefined();
    t.clock.set('2026-11-18T16:00:03Z');
    expectError((await post(`{ reviewTargets { kind } }`, {}, { cookie: cookieOf(signedIn.setCookie), 'x-csrf-token': csrf })).body as never, 'UNAUTHENTICATED');
    const renewed = await post(`{ reviewTargets { kind } }`, {}, { cookie: cookieOf(changed.setCookie), 'x-csrf-token': csrf });
    expect(renewed.body.errors).toBeUndefined();
  });
});

describe('cookie sessions in production', () => {
  it('marks the session cookie Secure', async () => {
    const t = await TestApp.start({ config: { env: 'production' } });
    try {
      const coach = await t.createUser(Role.COACH);
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `mutation($e: String!, $p: String!) { signInWithCookie(email: $e, password: $p) { csrfToken } }`, variables: { e: coach.email, p: TEST_PASSWORD } }),
      });
      expect(res.headers.getSetCookie().find((c) => c.startsWith('waypoint_session='))).toMatch(/; Secure/i);
    } finally {
      await t.stop();
    }
  });
});
