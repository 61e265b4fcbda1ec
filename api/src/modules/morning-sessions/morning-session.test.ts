import { TestApp, expectError } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';
import { EnrollmentStatus } from '../learners/enrollment-status';
import { pairKey, pairSignUps, type PairingCandidate } from './pairing';
import { taskList } from '../../jobs/worker';
import { createLogger } from '../../common/logger';
import { loadConfig } from '../../config';

const cand = (n: number, practiceType: 'TECHNICAL' | 'BEHAVIORAL' = 'TECHNICAL'): PairingCandidate => ({ learnerId: `l${String(n).padStart(2, '0')}`, practiceType });
const everyone = (groups: string[][], odd: string | null) => [...groups.flat(), ...(odd ? [odd] : [])].sort();

describe('pairing', () => {
  const opts = { seed: '2026-11-18', groupsOfThree: false, recentPairs: new Set<string>() };

  it('pairs an even count into pairs and tells an odd one out', () => {
    const even = pairSignUps([1, 2, 3, 4].map((n) => cand(n)), opts);
    expect(even.groups).toHaveLength(2);
    expect(even.oddOneOut).toBeNull();
    const odd = pairSignUps([1, 2, 3, 4, 5].map((n) => cand(n)), opts);
    expect(odd.groups).toHaveLength(2);
    expect(odd.oddOneOut).not.toBeNull();
    expect(everyone(odd.groups, odd.oddOneOut)).toEqual(['l01', 'l02', 'l03', 'l04', 'l05']);
    expect(pairSignUps([cand(1)], opts)).toEqual({ groups: [], oddOneOut: 'l01' });
    expect(pairSignUps([], opts)).toEqual({ groups: [], oddOneOut: null });
  });

  it('pairs the same practice type first, then the leftovers across types', () => {
    const signUps = [cand(1), cand(2), cand(3), cand(4, 'BEHAVIORAL'), cand(5, 'BEHAVIORAL'), cand(6, 'BEHAVIORAL')];
    const { groups, oddOneOut } = pairSignUps(signUps, opts);
    expect(oddOneOut).toBeNull();
    const types = groups.map((g) => g.map((id) => signUps.find((s) => s.learnerId === id)!.practiceType).sort().join('+'));
    expect(types.sort()).toEqual(['BEHAVIORAL+BEHAVIORAL', 'BEHAVIORAL+TECHNICAL', 'TECHNICAL+TECHNICAL']);
  });

  it('makes a group of three for the odd one out when asked, preferring the same practice type', () => {
    const signUps = [cand(1), cand(2), cand(3, 'BEHAVIORAL'), cand(4, 'BEHAVIORAL'), cand(5, 'BEHAVIORAL')];
    const { groups, oddOneOut } = pairSignUps(signUps, { ...opts, groupsOfThree: true });
    expect(oddOneOut).toBeNull();
    const trio = groups.find((g) => g.length === 3)!;
    expect(trio.every((id) => ['l03', 'l04', 'l05'].includes(id))).toBe(true);
  });

  it('never puts a learner in two groups, for any count and mix', () => {
    for (let n = 0; n <= 25; n++) {
      for (const groupsOfThree of [false, true]) {
        const signUps = Array.from({ length: n }, (_, i) => cand(i, i % 3 === 0 ? 'BEHAVIORAL' : 'TECHNICAL'));
        const { groups, oddOneOut } = pairSignUps(signUps, { ...opts, groupsOfThree });
        const placed = everyone(groups, oddOneOut);
        expect(placed).toEqual(signUps.map((s) => s.learnerId).sort());
        expect(new Set(placed).size).toBe(n);
        expect(groups.every((g) => g.length === 2 || (groupsOfThree && g.length === 3))).toBe(true);
        expect(oddOneOut === null || (!groupsOfThree || n === 1)).toBe(true);
      }
    }
  });

  it('is deterministic and avoids last week\'s pairs where it can', () => {
    const signUps = [1, 2, 3, 4, 5, 6].map((n) => cand(n));
    const first = pairSignUps(signUps, opts);
    expect(pairSignUps([...signUps].reverse(), opts)).toEqual(first);
    const recentPairs = new Set(first.groups.map(([a, b]) => pairKey(a, b)));
    const next = pairSignUps(signUps, { ...opts, recentPairs });
    for (const [a, b] of next.groups) expect(recentPairs.has(pairKey(a, b))).toBe(false);
    // With two learners there is no one else: they are paired again.
    expect(pairSignUps([cand(1), cand(2)], { ...opts, recentPairs: new Set([pairKey('l01', 'l02')]) }).groups).toEqual([[expect.any(String), expect.any(String)]]);
  });
});

const SESSION = `query($date: LocalDate!) { morningSession(date: $date) { date title startsAt cutoffAt pairedAt groupsOfThree signUpCount technicalCount behavioralCount
  signUps { learnerId practiceType outcome groupNumber partners { learnerId name } }
  groups { number mixedPractice members { learnerId practiceType } }
  mySignUp { outcome partners { learnerId name practiceType } } } }`;
const SIGN_UP = `mutation($learnerId: ID!, $date: LocalDate!, $practiceType: PracticeType!) {
  signUpForMorningSession(learnerId: $learnerId, date: $date, practiceType: $practiceType) { signUpCount mySignUp { outcome } } }`;

describe('morning sessions over GraphQL', () => {
  let t: TestApp;
  let staff: User;
  let coach: User;
  type L = Awaited<ReturnType<TestApp['createLearner']>>;
  const learners: L[] = [];

  // Monday 16 Nov 2026, 07:00 UTC; the session is Wednesday 18 Nov at 09:00 UTC, cut-off 08:45.
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-16T07:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH);
    for (let i = 0; i < 7; i++) learners.push(await t.createLearner(coach, { moduleStartDate: '2026-11-02', name: `Learner ${i}` }));
    const res = await t.gql(`mutation { createScheduleBlock(input: { weekday: 3, title: "Morning session", kind: MORNING_SESSION, startTime: "09:00", endTime: "10:00" }) { id } }`, {}, t.tokenFor(staff));
    expect(res.errors).toBeUndefined();
  });
  afterAll(() => t.stop());

  const signUp = (l: L, practiceType: string, date = '2026-11-18') =>
    t.gql(SIGN_UP, { learnerId: l.learner.id, date, practiceType }, t.tokenFor(l.user));

  it('shows a session from the template before anyone signs up, and null on a day without one', async () => {
    const view = (await t.gql(SESSION, { date: '2026-11-18' }, t.tokenFor(coach))).data!.morningSession;
    expect(view).toMatchObject({ date: '2026-11-18', title: 'Morning session', startsAt: '2026-11-18T09:00:00.000Z', cutoffAt: '2026-11-18T08:45:00.000Z', pairedAt: null, signUpCount: 0 });
    expect((await t.gql(SESSION, { date: '2026-11-19' }, t.tokenFor(coach))).data!.morningSession).toBeNull();
    // Without a date: today in the program zone (Monday 16 Nov has no morning session in this template).
    expect((await t.gql(`{ morningSession { date } }`, {}, t.tokenFor(coach))).data!.morningSession).toBeNull();
    t.clock.set('2026-11-18T07:00:00Z');
    expect((await t.gql(`{ morningSession { date } }`, {}, t.tokenFor(coach))).data!.morningSession).toEqual({ date: '2026-11-18' });
    t.clock.set('2026-11-16T07:00:00Z');
  });

  it('takes sign-ups until the cut-off, and refuses bad ones', async () => {
    const types = ['TECHNICAL', 'TECHNICAL', 'TECHNICAL', 'BEHAVIORAL', 'BEHAVIORAL', 'TECHNICAL'];
    for (const [i, type] of types.entries()) {
      const res = await signUp(learners[i], type);
      expect(res.data!.signUpForMorningSession).toEqual({ signUpCount: i + 1, mySignUp: { outcome: 'WAITING' } });
    }
    // Changing one's mind about the practice type is an update, not a second sign-up.
    expect((await signUp(learners[5], 'BEHAVIORAL')).data!.signUpForMorningSession.signUpCount).toBe(6);

    const before = await t.snapshot();
    expectError(await t.gql(SIGN_UP, { learnerId: learners[6].learner.id, date: '2026-11-18', practiceType: 'TECHNICAL' }, t.tokenFor(learners[0].user)), 'FORBIDDEN');
    expectError(await signUp(learners[6], 'TECHNICAL', '2026-11-19'), 'BAD_USER_INPUT', 'date');
    expectError(await signUp(learners[6], 'TECHNICAL', '2026-11-11'), 'BAD_USER_INPUT', 'date');
    expectError(await signUp(learners[6], 'SINGING'), 'BAD_USER_INPUT');
    const paused = await t.createLearner(coach, { status: EnrollmentStatus.PAUSED });
    const snapshotWithPaused = await t.snapshot();
    expectError(await signUp(paused, 'TECHNICAL'), 'BAD_USER_INPUT', 'learnerId');
    expect(await t.snapshot()).toBe(snapshotWithPaused);
    expect(before).not.toBe(snapshotWithPaused);

    t.clock.set('2026-11-18T08:45:00Z');
    expectError(await signUp(learners[6], 'TECHNICAL'), 'CONFLICT', 'date');
    t.clock.set('2026-11-16T07:00:00Z');
  });

  it('lets staff (only) choose groups of three and pair on demand; pairs are made once', async () => {
    expectError(await t.gql(`mutation { pairMorningSession(date: "2026-11-18") { pairedAt } }`, {}, t.tokenFor(coach)), 'FORBIDDEN');
    expectError(await t.gql(`mutation { pairMorningSession(date: "2026-11-18") { pairedAt } }`, {}, t.tokenFor(learners[0].user)), 'FORBIDDEN');
    const view = (await t.gql(`mutation { pairMorningSession(date: "2026-11-18") { pairedAt signUps { learnerId outcome groupNumber } groups { number mixedPractice members { learnerId practiceType } } } }`, {}, t.tokenFor(staff))).data!.pairMorningSession;
    expect(view.pairedAt).toBe('2026-11-16T07:00:00.000Z');
    // 3 TECHNICAL and 3 BEHAVIORAL: one same-type pair each, then the two leftovers together.
    expect(view.groups).toHaveLength(3);
    expect(view.groups.filter((g: { mixedPractice: boolean }) => g.mixedPractice)).toHaveLength(1);
    const grouped = view.groups.flatMap((g: { members: { learnerId: string }[] }) => g.members.map((m) => m.learnerId));
    expect(new Set(grouped).size).toBe(6);
    expect(view.signUps.every((s: { outcome: string }) => s.outcome === 'PAIRED')).toBe(true);

    const again = (await t.gql(`mutation { pairMorningSession(date: "2026-11-18", groupsOfThree: true) { groupsOfThree groups { members { learnerId } } } }`, {}, t.tokenFor(staff))).data!.pairMorningSession;
    expect(again.groupsOfThree).toBe(false);
    expect(again.groups.map((g: { members: unknown[] }) => g.members)).toEqual(view.groups.map((g: { members: { learnerId: string }[] }) => g.members.map((m) => ({ learnerId: m.learnerId }))));
    expectError(await signUp(learners[6], 'TECHNICAL'), 'CONFLICT', 'date');
  });

  it('shows each learner their partner only, and coaches every pair', async () => {
    const mine = (await t.gql(SESSION, { date: '2026-11-18' }, t.tokenFor(learners[0].user))).data!.morningSession;
    expect(mine.mySignUp.outcome).toBe('PAIRED');
    expect(mine.mySignUp.partners).toHaveLength(1);
    expect(mine.signUps).toHaveLength(1);
    expect(mine.groups).toHaveLength(1);
    expect(mine.groups[0].members.map((m: { learnerId: string }) => m.learnerId)).toContain(learners[0].learner.id);
    const outsider = (await t.gql(SESSION, { date: '2026-11-18' }, t.tokenFor(learners[6].user))).data!.morningSession;
    expect(outsider).toMatchObject({ signUps: [], groups: [], mySignUp: null, signUpCount: 6 });
    const coachView = (await t.gql(SESSION, { date: '2026-11-18' }, t.tokenFor(coach))).data!.morningSession;
    expect(coachView.groups).toHaveLength(3);
    expect(coachView.signUps).toHaveLength(6);
  });

  it('tells the odd one out, or makes a group of three when staff chose that', async () => {
    // Wednesday 25 Nov: five sign-ups.
    t.clock.set('2026-11-23T07:00:00Z');
    for (let i = 0; i < 5; i++) await signUp(learners[i], 'TECHNICAL', '2026-11-25');
    const paired = (await t.gql(`mutation { pairMorningSession(date: "2026-11-25") { signUps { learnerId outcome partners { learnerId } } groups { members { learnerId } } } }`, {}, t.tokenFor(staff))).data!.pairMorningSession;
    const odd = paired.signUps.filter((s: { outcome: string }) => s.outcome === 'ODD_ONE_OUT');
    expect(odd).toHaveLength(1);
    expect(odd[0].partners).toEqual([]);
    // Each learner is told: four their partner, one that they were the odd one out.
    const told = await t.em().execute<{ recipient: string; kind: string; title: string }[]>(
      `select l.id as recipient, n.kind, n.title from notifications n join learners l on l.user_id = n.recipient_id
        where n.kind in ('MORNING_PARTNER', 'MORNING_ODD_ONE_OUT') and n.subject_id = (select id::text from morning_sessions where date = '2026-11-25')`,
    );
    expect(told.filter((n) => n.kind === 'MORNING_PARTNER')).toHaveLength(4);
    expect(told.filter((n) => n.kind === 'MORNING_ODD_ONE_OUT')).toEqual([{ recipient: odd[0].learnerId, kind: 'MORNING_ODD_ONE_OUT', title: 'Morning session: no partner this time' }]);
    const pair = paired.groups[0].members.map((m: { learnerId: string }) => m.learnerId);
    const partnerName = learners.find((l) => l.learner.id === pair[1])!.user.name;
    expect(told.find((n) => n.recipient === pair[0])!.title).toBe(`Morning session: you practise with ${partnerName}`);
    // Last week's pairs were avoided: these five had three pairs among them on the 18th.
    const lastWeek = (await t.gql(SESSION, { date: '2026-11-18' }, t.tokenFor(coach))).data!.morningSession.groups
      .map((g: { members: { learnerId: string }[] }) => g.members.map((m) => m.learnerId));
    const recent = new Set(lastWeek.map((g: string[]) => pairKey(g[0], g[1])));
    for (const g of paired.groups) expect(recent.has(pairKey(g.members[0].learnerId, g.members[1].learnerId))).toBe(false);

    t.clock.set('2026-11-30T07:00:00Z');
    for (let i = 0; i < 5; i++) await signUp(learners[i], 'TECHNICAL', '2026-12-02');
    expectError(await t.gql(`mutation { setMorningSessionGroupsOfThree(date: "2026-12-02", groupsOfThree: true) { groupsOfThree } }`, {}, t.tokenFor(coach)), 'FORBIDDEN');
    const set = await t.gql(`mutation { setMorningSessionGroupsOfThree(date: "2026-12-02", groupsOfThree: true) { groupsOfThree } }`, {}, t.tokenFor(staff));
    expect(set.data!.setMorningSessionGroupsOfThree.groupsOfThree).toBe(true);
    // The job pairs it at the cut-off.
    t.clock.set('2026-12-02T08:45:00Z');
    const tasks = taskList({ orm: t.orm, clock: t.clock, config: loadConfig({ NODE_ENV: 'test' }), log: createLogger('silent') });
    await (tasks.pair_morning_sessions as (p: unknown, h: unknown) => Promise<void>)({}, {});
    const trio = (await t.gql(SESSION, { date: '2026-12-02' }, t.tokenFor(coach))).data!.morningSession;
    expect(trio.pairedAt).toBe('2026-12-02T08:45:00.000Z');
    expect(trio.groups.map((g: { members: unknown[] }) => g.members.length).sort()).toEqual([2, 3]);
    expect(trio.signUps.every((s: { outcome: string }) => s.outcome === 'PAIRED')).toBe(true);
  });

  it('lets a learner withdraw before the cut-off, not after', async () => {
    t.clock.set('2026-12-07T07:00:00Z');
    await signUp(learners[0], 'BEHAVIORAL', '2026-12-09');
    const cancel = `mutation($l: ID!, $d: LocalDate!) { cancelMorningSessionSignUp(learnerId: $l, date: $d) { signUpCount } }`;
    const res = await t.gql(cancel, { l: learners[0].learner.id, d: '2026-12-09' }, t.tokenFor(learners[0].user));
    expect(res.data!.cancelMorningSessionSignUp.signUpCount).toBe(0);
    expectError(await t.gql(cancel, { l: learners[0].learner.id, d: '2026-12-09' }, t.tokenFor(learners[0].user)), 'NOT_FOUND', 'learnerId');
    expectError(await t.gql(cancel, { l: learners[1].learner.id, d: '2026-11-18' }, t.tokenFor(learners[1].user)), 'CONFLICT', 'date');
  });
});
