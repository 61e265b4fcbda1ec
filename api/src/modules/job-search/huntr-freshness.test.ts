import { TestApp } from '../../../test/harness';
import { Role } from '../users/user.entity';
import { quietInHuntrSql } from './huntr-freshness';

/**
 * "Quiet in Huntr" and a learner's last Huntr action are looked up per learner on every learners page (the field, the
 * filter, the progress page's lastHuntrActionAt): each lookup reads that learner's actions off an index, never the
 * whole table of the program's Huntr actions. Checked with PostgreSQL's own plan on 20,000 actions of 200 learners.
 */
describe("a learner's Huntr actions", () => {
  let t: TestApp;
  let ids: string[];
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
    const coach = await t.createUser(Role.COACH);
    const conn = t.em().getConnection();
    await conn.execute(
      `insert into users (id, email, name, role) select md5('huntr-user-' || g)::uuid, 'huntr-' || g || '@example.org', 'Learner ' || g, 'LEARNER' from generate_series(1, 200) g`,
    );
    await conn.execute(
      `insert into learners (id, user_id, time_zone, module_start_date, coach_id)
       select md5('huntr-learner-' || g)::uuid, md5('huntr-user-' || g)::uuid, 'UTC', date '2026-10-05', ?::uuid from generate_series(1, 200) g`,
      [coach.id],
    );
    // 100 actions a learner over the last 60 days.
    await conn.execute(
      `insert into huntr_actions (id, action_type, member_email, learner_id, outcome, payload, received_at, arrived_at, subject)
       select 'action-' || g, 'JOB_APPLIED', 'huntr-' || (1 + g % 200) || '@example.org', md5('huntr-learner-' || (1 + g % 200))::uuid, 'APPLIED', '{}',
              timestamptz '2026-11-18T12:00:00Z' - (g % 1440) * interval '1 hour', timestamptz '2026-11-18T12:00:00Z', 'job-' || g
       from generate_series(1, 20000) g`,
    );
    await conn.execute('analyze huntr_actions');
    ids = (await conn.execute<{ id: string }[]>(`select id from learners order by id limit 50`)).map((r) => r.id);
  });
  afterAll(() => t.stop());

  it("answers quietInHuntr for a learner off the index on (learner_id, received_at): no scan of every learner's actions", async () => {
    const where = quietInHuntrSql('l').replace('?', `timestamptz '2026-11-18T12:00:00Z'`);
    const explained = await t.planNodes(`select l.id, ${where} as quiet from learners l where l.id = any('{${ids.join(',')}}'::uuid[])`);
    expect(explained.join('\n')).toContain('(huntr_actions_learner_id_received_at_index)');
    expect(explained).not.toContain('Seq Scan on huntr_actions (-)');
  });

  it("finds a page's last Huntr actions (the lastHuntrActionAt loader) off the same index", async () => {
    const explained = await t.planNodes(`select learner_id, max(received_at) as at from huntr_actions where learner_id = any('{${ids.join(',')}}'::uuid[]) group by learner_id`);
    expect(explained.join('\n')).toContain('(huntr_actions_learner_id_received_at_index)');
    expect(explained).not.toContain('Seq Scan on huntr_actions (-)');
  });

  it('answers quietInHuntr in the learners page\'s own statement, on the rule the filter uses (5 whole days)', async () => {
    const staff = await t.createUser(Role.STAFF);
    const coach = await t.createUser(Role.COACH);
    const [recent, edge, never] = [await t.createLearner(coach), await t.createLearner(coach), await t.createLearner(coach)];
    await t.em().getConnection().execute(
      `insert into huntr_actions (id, action_type, learner_id, outcome, payload, received_at, arrived_at)
       values ('recent', 'JOB_APPLIED', ?, 'APPLIED', '{}', timestamptz '2026-11-14T12:00:00Z', now()),
              ('edge', 'JOB_APPLIED', ?, 'APPLIED', '{}', timestamptz '2026-11-13T12:00:00Z', now())`,
      [recent.learner.id, edge.learner.id],
    );
    const ids = [recent, edge, never].map((l) => l.learner.id);
    const query = `query($ids: [ID!]) { allLearners(filter: { ids: $ids }, perPage: 10) { id quietInHuntr } }`;
    const answers: unknown[] = [];
    for (const compiled of [false, true]) {
      t.config.compiledReads = compiled;
      t.resetQueryCount();
      const res = await t.gql(query, { ids }, t.tokenFor(staff));
      answers.push({ data: res.data, statements: compiled ? t.queryCount : 'any' });
      t.config.compiledReads = true;
    }
    const quiet = new Map([[recent.learner.id, false], [edge.learner.id, true], [never.learner.id, true]]);
    const expected = { allLearners: expect.arrayContaining(ids.map((id) => ({ id, quietInHuntr: quiet.get(id) }))) };
    expect(answers).toEqual([{ data: expected, statements: 'any' }, { data: expected, statements: 1 }]);
  });
});
