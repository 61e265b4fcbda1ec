import { TestApp } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';

/**
 * Staff's open coach alerts are a few rows among every alert ever raised: the list reads them off an index of the open
 * ones, whatever the history holds. Checked with PostgreSQL's own plan on 5,000 alerts,
 * 1 in 20 open, and over GraphQL.
 */
describe('the open coach alerts', () => {
  let t: TestApp;
  let staff: User;

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    const coach = await t.createUser(Role.COACH);
    const learner = await t.createLearner(coach);
    const conn = t.em().getConnection();
    await conn.execute(
      `insert into coach_alerts (id, learner_id, coach_id, message, source_key, created_at, resolved_at)
       select md5('alert-' || g)::uuid, ?::uuid, ?::uuid, 'Offer received: role ' || g, 'alert-' || g,
              timestamptz '2026-11-18T12:00:00Z' - g * interval '1 hour',
              case when g % 20 <> 0 then timestamptz '2026-11-18T12:00:00Z' - g * interval '1 hour' + interval '1 day' end
       from generate_series(1, 5000) g`,
      [learner.learner.id, coach.id],
    );
    await conn.execute('analyze coach_alerts');
  });
  afterAll(() => t.stop());

  it('are read off the index of open alerts, not by a scan of every alert', async () => {
    const nodes = await t.planNodes(`select c.id from coach_alerts c where c.resolved_at is null order by c.created_at desc, c.id desc`);
    expect(nodes.join('\n')).toContain('(coach_alerts_open_created_at_id_index)');
    expect(nodes).not.toContain('Seq Scan on coach_alerts (-)');
  });

  it('answer staff newest first, the open ones only', async () => {
    const res = await t.gql(`{ coachAlerts(openOnly: true) { message createdAt } }`, {}, t.tokenFor(staff));
    const alerts = res.data!.coachAlerts as { message: string; createdAt: string }[];
    expect(alerts).toHaveLength(250);
    expect(alerts.slice(0, 2)).toEqual([
      { message: 'Offer received: role 20', createdAt: '2026-11-17T16:00:00.000Z' },
      { message: 'Offer received: role 40', createdAt: '2026-11-16T20:00:00.000Z' },
    ]);
  });
});
