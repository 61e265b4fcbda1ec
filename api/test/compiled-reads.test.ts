import pg from 'pg';
import { TestApp, expectError, type GqlResponse } from './harness';
import { Role, type User } from '../src/modules/users/user.entity';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import { jsonTypeOf, readTypeOf, readTypes } from '../src/read/declare';
import { compiledRoots } from '../src/read/root';
import '../src/modules/job-search/progress.read';

// The console's own review-queue selection and tabs (another package, so required rather than imported): what
// coaches' screens ask for must compile too.
/* eslint-disable @typescript-eslint/no-require-imports */
const { QUEUE_ITEM_SELECTION } = require('../../admin/src/reviews/types') as { QUEUE_ITEM_SELECTION: string };
const { QUEUE_VIEWS } = require('../../admin/src/reviews/labels') as { QUEUE_VIEWS: { id: string; filter: Record<string, boolean> }[] };
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Compiled reads (src/compiled) answer the review queue and progress queries with one SQL statement. They must
 * give exactly what the resolvers give: every document here is asked with compiled reads off and on, by several
 * viewers at several instants, and the answers compared whole; with them on, the statement count proves the
 * compiled path answered. Errors, and the viewer checks it does inside its statement, are tested after.
 */

/** Every declared field of a type registered with the compiled roots, nested ones whole; an entity as { id name moduleWeek }. */
const checkedInSchema = buildSchema(readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8'));
function declaredSelection(typeName: string): string {
  const declared = compiledRoots().types.find((t) => t.name === typeName)!;
  const object = checkedInSchema.getType(typeName) as GraphQLObjectType;
  return Object.keys(declared.fields)
    .map((name) => {
      const inner = getNamedType(object.getFields()[name].type);
      if (!isObjectType(inner)) return name;
      return compiledRoots().types.some((t) => t.name === inner.name) ? `${name} { ${declaredSelection(inner.name)} }` : `${name} { id name moduleWeek }`;
    })
    .join(' ');
}
const PROGRESS_FIELDS = declaredSelection('LearnerProgress');

const DOCUMENTS: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  { name: 'the queue, claimable by me', query: `query { q: reviewQueue(filter: { claimableByMe: true }, perPage: 50) { id claimableByMe ... on Submission { when: submittedAt } } }` },
  { name: 'the queue, breached', query: `{ reviewQueue(filter: { breached: true }) { id breached nearBreach dueAt } }` },
  { name: 'the queue, a kind, page 2', query: `{ reviewQueue(filter: { kind: SMART_GOALS }, page: 1, perPage: 2) { id kind __typename } }` },
  {
    name: 'learners with their submissions and latest feedback, two levels (the live bench)',
    query: `{ allLearners(perPage: 20, sortField: "moduleStartDate") { id name status submissions { id kind status latestFeedback { decision body author { name } } } } }`,
  },
  { name: 'the learners connection, nested', query: `{ learners(first: 5) { totalCount nodes { id submissions { id learner { id } latestFeedback { id } } } } }` },
  { name: 'the queue, the bench query', query: `{ reviewQueue(perPage: 50) { id kind status learner { id name status moduleWeek } latestFeedback { decision body author { name } } } }` },
  { name: 'progress, every compiled field', query: `query($f: ProgressFilter) { progress(first: 3, filter: $f) { totalCount pageInfo { endCursor hasNextPage __typename } nodes { ${PROGRESS_FIELDS} } } }` },
  { name: 'progress, counts of all', query: `{ progress(first: 200, days: 30) { totalCount nodes { learnerId applications interviews } } }` },
  { name: 'progress and the queue at once', query: `{ a: progress(first: 2, days: 1) { pageInfo { hasNextPage endCursor } n: nodes { id: learnerId daily { date } } } b: reviewQueue(perPage: 3) { id } }` },
  {
    name: "the console's queue page with the count of every tab",
    query: `query reviewQueue($filter: SubmissionFilter, $page: Int, $perPage: Int, ${QUEUE_VIEWS.map((v) => `$${v.id}: SubmissionFilter`).join(', ')}) {
      items: reviewQueue(filter: $filter, page: $page, perPage: $perPage) { ${QUEUE_ITEM_SELECTION} }
      ${QUEUE_VIEWS.map((v) => `${v.id}: _reviewQueueMeta(filter: $${v.id}) { count }`).join('\n')} }`,
    variables: { filter: { claimableByMe: true }, page: 0, perPage: 50, ...Object.fromEntries(QUEUE_VIEWS.map((v) => [v.id, v.filter])) },
  },
  {
    name: 'every connection, a page with cursors',
    query: `{ l: learners(first: 3, orderBy: CREATED_AT_DESC) { totalCount edges { cursor node { id name moduleWeek coach { name } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename } }
              s: submissions(first: 4) { totalCount nodes { id kind dueAt breached learner { name } latestFeedback { body } } pageInfo { endCursor hasNextPage } }
              a: jobActivities(first: 2, orderBy: OCCURRED_AT_ASC) { edges { cursor node { id kind occurredAt } } }
              m: meetings { totalCount nodes { id status } } e: coachingEvents(first: 1) { __typename pageInfo { hasNextPage } } }`,
  },
  {
    name: "the console's learners page: this week's required activities, and a week given as a variable",
    query: `query($w: Int) { allLearners(perPage: 5, sortField: "name") { id name requiredActivities { requiredActivityId met } given: requiredActivities(moduleWeek: $w) { title met metAt dueLocal } } }`,
    variables: { w: 2 },
  },
  { name: 'learners, a filtered page', query: `query($f: LearnerFilter) { learners(first: 2, filter: $f) { totalCount nodes { id name email status moduleWeek firstJudgedWeek } pageInfo { endCursor hasNextPage } } }` },
  { name: 'the offset lists compiled', query: `{ allLearners(perPage: 3, sortField: "createdAt", sortOrder: "DESC") { id name coach { name } } _allLearnersMeta { count }
              allSubmissions(perPage: 5, page: 1) { id kind status learner { name } latestFeedback { body author { name } } } _allSubmissionsMeta { count }
              allMeetings(perPage: 5) { id status requestedAt } _allMeetingsMeta { count } }` },
  { name: 'the users list, filtered and sorted', query: `{ a: allUsers(perPage: 3, sortField: "email", sortOrder: "DESC") { id name email role active timeZone createdAt } _allUsersMeta { count }
              c: allUsers(filter: { role: COACH, q: "coach" }, sortField: "createdAt") { id name } cm: _allUsersMeta(filter: { role: COACH, q: "coach" }) { count }
              n: allUsers(filter: { active: false, ids: ["00000000-0000-4000-8000-000000000000"] }) { id } }` },
  { name: 'one learner', query: `query($id: ID!, $days: Int) { learnerProgress(learnerId: $id, days: $days) { ${PROGRESS_FIELDS} } }` },
];

describe('compiled reads', () => {
  let t: TestApp;
  let staff: User;
  let coach: User;
  let other: User;
  let learners: Awaited<ReturnType<TestApp['createLearner']>>[];

  const ask = async (query: string, variables: Record<string, unknown> | undefined, token: string, compiled: boolean): Promise<GqlResponse> => {
    t.config.compiledReads = compiled;
    try {
      return await t.gql(query, variables, token);
    } finally {
      t.config.compiledReads = true;
    }
  };

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-16T08:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH, { name: 'Ada Coach' });
    other = await t.createUser(Role.COACH, { name: 'Grace Coach' });
    // Zones on both sides of UTC and with half- and quarter-hour offsets; one module not started yet.
    learners = [
      await t.createLearner(coach, { timeZone: 'Pacific/Tongatapu', moduleStartDate: '2026-11-02' }),
      await t.createLearner(coach, { timeZone: 'Pacific/Honolulu', moduleStartDate: '2026-11-09' }),
      await t.createLearner(other, { timeZone: 'Asia/Kolkata', moduleStartDate: '2026-10-26' }),
      await t.createLearner(other, { timeZone: 'Asia/Kathmandu', moduleStartDate: '2026-12-07' }),
    ];
    const gql = async (query: string, variables: Record<string, unknown>, user: User) => {
      const res = await t.gql(query, variables, t.tokenFor(user));
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!;
    };
    // Due times follow the kind's target: SMART_GOALS items wait in the queue (list queries once ignored targets).
    await gql(`mutation { setReviewTarget(kind: WEEKLY_RETROSPECTIVE, hours: 24) { kind } }`, {}, staff);
    await gql(`mutation { setReviewTarget(kind: SMART_GOALS, hours: 72) { kind } }`, {}, staff);
    const sent: string[] = [];
    const kinds = ['SMART_GOALS', 'JOB_SEARCH_ANALYSIS', 'WEEKLY_RETROSPECTIVE', 'APPLICATION_MATERIAL'];
    for (const [i, l] of learners.entries()) {
      for (const [j, kind] of kinds.entries()) {
        const res = await t.submit(l, kind, `2026-11-${String(12 + j).padStart(2, '0')}T${String(3 + i * 5).padStart(2, '0')}:17:42.123Z`);
        sent.push(res.data!.submitAssignment.id);
      }
    }
    t.clock.set('2026-11-16T08:00:00Z');
    // One reviewed with a corrected feedback, one sent back, one claimed and waiting.
    const claim = async (id: string, by: User) => (await gql(`mutation($id: ID!) { claimSubmission(id: $id) { revision } }`, { id }, by)).claimSubmission.revision;
    const feedback = `mutation($id: ID!, $r: Int!, $d: FeedbackDecision!, $b: String!) { giveFeedback(submissionId: $id, revision: $r, decision: $d, body: $b) { revision } }`;
    let r = await claim(sent[0], coach);
    r = (await gql(feedback, { id: sent[0], r, d: 'NEEDS_WORK', b: 'Make the goals measurable.' }, coach)).giveFeedback.revision;
    await claim(sent[5], staff);
    // Ada holds a claim and Grace none: the suggested coach is Grace, not the first by name.
    await claim(sent[4], coach);
    r = await claim(sent[9], other);
    await gql(feedback, { id: sent[9], r, d: 'APPROVED', b: 'Good.' }, other);
    for (const [i, l] of learners.entries()) {
      for (let k = 0; k <= i * 2; k++) {
        await gql(
          `mutation($i: RecordJobActivityInput!) { recordJobActivity(input: $i) { id } }`,
          { i: { learnerId: l.learner.id, kind: k % 3 === 2 ? 'INTERVIEW' : 'APPLICATION', company: `Co ${k}`, role: 'Developer', occurredAt: `2026-11-${String(9 + k).padStart(2, '0')}T23:30:00.000Z` } },
          coach,
        );
      }
    }
  });
  afterAll(() => t.stop());

  /**
   * Computed fields whose values are objects built in SQL (not read types), with the selections they are asked with:
   * every field of the objects, and each argument the field takes.
   */
  const REQUIRED = 'requiredActivityId kind title description moduleWeek weekStartsAt dueAt dueLocal met submissionId metAt';
  const OBJECT_FIELDS: Record<string, string> = {
    'Meeting.windows': 'windows { startsAt endsAt }',
    'Learner.requiredActivities': `requiredActivities { ${REQUIRED} } week1: requiredActivities(moduleWeek: 1) { ${REQUIRED} } week2: requiredActivities(moduleWeek: 2) { met title }`,
  };

  const INSTANTS = ['2026-11-16T08:00:00Z', '2026-11-16T10:31:00.500Z', '2026-11-18T23:59:59.999Z'];

  /**
   * A selection of every field of a read type that compiles (its columns and its declared fields), following its
   * relations `depth` levels down: built from the declarations, so a new field is tested the day it is declared.
   */
  function everyField(name: string, depth: number, covered: Set<string>): string {
    const type = readTypeOf(name)!;
    return Object.keys(jsonTypeOf(t.orm.em, type).fields)
      .map((f) => {
        covered.add(`${name}.${f}`);
        if (OBJECT_FIELDS[`${name}.${f}`]) return OBJECT_FIELDS[`${name}.${f}`];
        const d = type.fields[f];
        const nested = d && (d.kind === 'relation' || d.kind === 'many' || (d.kind === 'through' && !d.field));
        if (!nested) return f;
        const target = d.target().name;
        return depth === 0 ? `${f} { id }` : `${f} { __typename ${everyField(target, depth - 1, covered)} }`;
      })
      .join(' ');
  }

  it('every field of every read type, from the declarations: the same answer as the resolvers, in one statement', async () => {
    const covered = new Set<string>();
    const query = `query($f: SubmissionFilter, $page: Int, $perPage: Int) { reviewQueue(filter: $f, page: $page, perPage: $perPage) { ${everyField('Submission', 2, covered)} } }`;
    // The read types no submission reaches, through the connections that list them.
    const lists = `{ m: meetings(first: 3) { nodes { ${everyField('Meeting', 0, covered)} } } e: coachingEvents(first: 3) { nodes { ${everyField('CoachingEvent', 0, covered)} } }
                     a: jobActivities(first: 3) { nodes { ${everyField('JobActivity', 0, covered)} } } }`;
    // The staff pages' lists (staff only: asked by staff; compiled-staff-lists.test.ts fills them).
    const staffLists = `{ au: auditLog(perPage: 3) { ${everyField('AuditEntry', 1, covered)} } cm: caughtMails(first: 3) { ${everyField('CaughtMail', 0, covered)} }
                          nd: notificationDeliveries(first: 3) { ${everyField('NotificationDelivery', 1, covered)} } we: webhookEndpoints { ${everyField('WebhookEndpoint', 0, covered)} }
                          wd: webhookDeliveries(first: 3) { ${everyField('WebhookDelivery', 0, covered)} } ca: coachAlerts(openOnly: false) { ${everyField('CoachAlert', 0, covered)} } }`;
    const all = [...readTypes().values()].flatMap((type) => Object.keys(jsonTypeOf(t.orm.em, type).fields).map((f) => `${type.name}.${f}`));
    expect([...covered].sort()).toEqual(all.sort());
    expect(all.length).toBeGreaterThan(40);
    await sameAnswers(query);
    await sameAnswers(lists);
    await sameAnswers(staffLists, undefined, [['staff', staff]]);
  });

  it.each(DOCUMENTS)('$name: the same answer as the resolvers, in one statement', async ({ query, variables }) => {
    await sameAnswers(query, variables);
  });

  /** Asked with compiled reads off and on, by three viewers at three instants and every variable set: equal answers, one statement. */
  async function sameAnswers(query: string, variables?: Record<string, unknown>, viewers: [string, User | null][] = [['staff', staff], ['coach', coach], ['other coach', other]]) {
    for (const at of INSTANTS) {
      t.clock.set(at);
      for (const [who, user] of viewers) {
        const token = t.tokenFor(user!);
        for (const vars of variants(query, variables)) {
          const resolved = await ask(query, vars, token, false);
          expect(resolved.errors).toBeUndefined();
          t.resetQueryCount();
          const compiled = await ask(query, vars, token, true);
          expect({ who, at, vars, data: compiled.data }).toEqual({ who, at, vars, data: resolved.data });
          expect({ who, at, vars, statements: t.queryCount }).toEqual({ who, at, vars, statements: 1 });
        }
      }
    }
  }

  /** The variable sets a document is asked with. */
  function variants(query: string, given?: Record<string, unknown>): (Record<string, unknown> | undefined)[] {
    if (query.includes('$id')) return learners.flatMap((l) => [{ id: l.learner.id, days: 1 }, { id: l.learner.id, days: 7 }, { id: l.learner.id, days: 30 }]);
    if (query.includes('$f: LearnerFilter')) return [{}, { f: { coachId: other.id } }, { f: { status: 'ENROLLED', q: 'a' } }];
    if (query.includes('$f: ProgressFilter')) return [{}, { f: { coachId: other.id } }, { f: { status: 'ENROLLED', ids: learners.slice(1).map((l) => l.learner.id) } }];
    if (query.includes('$f: SubmissionFilter')) return [{}, { f: { assignedToMe: true } }, { f: { claimedByMe: true } }, { f: { unclaimed: true } }, { page: 1, perPage: 5 }, { f: { learnerId: learners[2].learner.id } }];
    return [given];
  }

  it('gives a learner their own progress only, as the resolvers do', async () => {
    const [mine, theirs] = learners;
    const token = t.tokenFor(mine.user);
    const query = `query($id: ID!) { learnerProgress(learnerId: $id) { learnerId applications daily { date } } }`;
    const own = await ask(query, { id: mine.learner.id }, token, true);
    expect(own.data).toEqual((await ask(query, { id: mine.learner.id }, token, false)).data);
    expectError(await ask(query, { id: theirs.learner.id }, token, true), 'FORBIDDEN');
    const page = await ask(`{ progress(first: 10) { totalCount nodes { learnerId } } }`, undefined, token, true);
    expect(page.data!.progress).toEqual({ totalCount: 1, nodes: [{ learnerId: mine.learner.id }] });
    expectError(await ask(`{ reviewQueue { id } }`, undefined, token, true), 'FORBIDDEN');
  });

  it('leaves bad input and unknown learners to the resolvers, which give the coded error', async () => {
    const token = t.tokenFor(coach);
    expectError(await ask(`{ reviewQueue(perPage: 500) { id } }`, undefined, token, true), 'BAD_USER_INPUT', 'perPage');
    expectError(await ask(`{ reviewQueue(filter: { learnerId: "nope" }) { id } }`, undefined, token, true), 'BAD_USER_INPUT', 'filter.learnerId');
    expectError(await ask(`{ progress(after: "bad") { totalCount } }`, undefined, token, true), 'BAD_USER_INPUT', 'after');
    expectError(await ask(`{ learnerProgress(learnerId: "00000000-0000-4000-8000-000000000000") { applications } }`, undefined, token, true), 'NOT_FOUND', 'learnerId');
    expectError(await ask(`{ learnerProgress(learnerId: "x", days: 0) { applications } }`, undefined, token, true), 'BAD_USER_INPUT');
    expectError(await ask(`{ reviewQueue { id } }`, undefined, 'not-a-token', true), 'UNAUTHENTICATED');
  });

  it('checks the viewer inside its statement: deactivation, sign-out everywhere and a role change apply at once', async () => {
    const query = `{ reviewQueue(perPage: 1) { id } }`;
    const em = t.em();
    const victim = await t.createUser(Role.COACH);
    const token = t.tokenFor(victim);
    expect((await ask(query, undefined, token, true)).errors).toBeUndefined(); // now known to the server
    t.resetQueryCount();
    expect((await ask(query, undefined, token, true)).errors).toBeUndefined();
    expect(t.queryCount).toBe(1);

    await em.getConnection().execute(`update users set role = 'LEARNER' where id = ?`, [victim.id]);
    expectError(await ask(query, undefined, token, true), 'FORBIDDEN');
    await em.getConnection().execute(`update users set role = 'COACH', active = false where id = ?`, [victim.id]);
    expectError(await ask(query, undefined, token, true), 'UNAUTHENTICATED');
    await em.getConnection().execute(`update users set active = true, tokens_valid_after = ? where id = ?`, [new Date(t.clock.now().getTime() + 1000), victim.id]);
    expectError(await ask(query, undefined, token, true), 'UNAUTHENTICATED');
  });

  it('answers an API key in one statement, checking inside it that the key is not revoked', async () => {
    t.clock.set('2026-11-16T08:00:00Z');
    const created = await t.gql(
      `mutation($c: ID) { createApiClient(name: "Sync", scopes: ["progress:read"], coachId: $c) { key client { id } } }`,
      { c: other.id },
      t.tokenFor(staff),
    );
    const { key, client } = created.data!.createApiClient as { key: string; client: { id: string } };
    const query = `{ progress(first: 50) { totalCount nodes { learnerId applications } } }`;
    const counted = async () => {
      t.resetQueryCount();
      const res = await t.gql(query, undefined, key);
      return { res, statements: t.queryCount };
    };
    const first = await counted();
    expect(first.statements).toBe(3); // the key's client is read and its last use noted, then the page
    expect(first.res.data).toEqual((await ask(query, undefined, key, false)).data);
    // Only the coach's learners, as the resolvers give.
    expect(first.res.data!.progress.nodes.map((n: { learnerId: string }) => n.learnerId).sort()).toEqual([learners[2].learner.id, learners[3].learner.id].sort());
    const again = await counted();
    expect(again.statements).toBe(1);
    expect(again.res.data).toEqual(first.res.data);
    // Over a minute on, the client is read again (which keeps its last-used time), then one statement again.
    t.clock.set('2026-11-16T08:01:30Z');
    expect((await counted()).statements).toBe(3);
    expect((await counted()).statements).toBe(1);
    // A scope the key lacks is still refused, naming the field.
    expectError(await t.gql(`{ reviewQueue { id } }`, undefined, key), 'FORBIDDEN');
    await t.gql(`mutation($id: ID!) { revokeApiClient(id: $id) { id } }`, { id: client.id }, t.tokenFor(staff));
    expectError((await counted()).res, 'UNAUTHENTICATED');
  });

  it('runs a document it does not compile through the resolvers', async () => {
    const token = t.tokenFor(staff);
    await ask(`{ reviewQueue { id } }`, undefined, token, true);
    t.resetQueryCount();
    const res = await ask(`{ reviewQueue(perPage: 3) { id suggestedCoach { id } feedback { id } } }`, undefined, token, true);
    expect(res.errors).toBeUndefined();
    expect(res.data!.reviewQueue).toHaveLength(3);
    expect(t.queryCount).toBeGreaterThan(1);
  });

  it('keeps no answers: a change made outside the API shows on the next request, still in one statement', async () => {
    t.clock.set('2026-11-16T08:00:00Z');
    const token = t.tokenFor(staff);
    const query = `{ reviewQueue(perPage: 50) { id status dueAt learner { id name moduleWeek } latestFeedback { body author { name } } } }`;
    const [schema] = await t.em().getConnection().execute<{ n: number }[]>(`select count(*)::int as n from pg_namespace where nspname = 'read_cache'`);
    expect(schema.n).toBe(0);
    const writer = new pg.Client({ connectionString: t.databaseUrl });
    await writer.connect();
    try {
      const before = (await ask(query, undefined, token, true)).data;
      await writer.query(`update users set name = 'Renamed outside' where id = $1`, [learners[0].user.id]);
      t.resetQueryCount();
      const after = await ask(query, undefined, token, true);
      expect(t.queryCount).toBe(1);
      expect(JSON.stringify(before)).not.toContain('Renamed outside');
      expect(JSON.stringify(after.data)).toContain('Renamed outside');
      expect(after.data).toEqual((await ask(query, undefined, token, false)).data);
    } finally {
      await writer.end();
    }
  });
});
