import { TestApp } from './harness';
import { Role } from '../src/modules/users/user.entity';
import { ReviewService } from '../src/modules/submissions/review.service';
import { ListArgs } from '../src/common/pagination';
import { replacePlaceholders } from '../src/common/sql';

/**
 * A page of a list costs the same however large the table grows: its statement reads the page off an index
 * instead of sorting the table. Checked with PostgreSQL's own plan on 20,000 submissions.
 */
describe('list statements', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
    const coach = await t.createUser(Role.COACH);
    const learner = await t.createLearner(coach);
    await t.submit(learner, 'APPLICATION_MATERIAL', '2026-11-18T10:00:00Z');
    // 20,000 more like it, a minute apart, straight in SQL.
    const conn = t.em().getConnection();
    const columns = (
      await conn.execute<{ name: string }[]>(
        `select column_name as name from information_schema.columns where table_name = 'submissions' and column_name not in ('id', 'previous_id', 'submitted_at') order by ordinal_position`,
      )
    ).map((c) => `"${c.name}"`);
    await conn.execute(
      `insert into submissions (id, submitted_at, ${columns.join(', ')})
       select gen_random_uuid(), s.submitted_at - make_interval(mins => g), ${columns.map((c) => `s.${c}`).join(', ')}
         from submissions s cross join generate_series(1, 20000) g`,
    );
    await conn.execute('analyze submissions');
  });
  afterAll(() => t.stop());

  const plan = async (sql: string, params: unknown[]) => {
    const conn = t.em().getConnection();
    const [row] = await conn.execute<{ 'QUERY PLAN': unknown }[]>(`explain (format json) ${replacePlaceholders(sql, (i) => {
      const v = params[i];
      return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
    })}`);
    return JSON.stringify(row['QUERY PLAN']);
  };

  it("reads a coach's page of allSubmissions, newest first, off the index: no sort of the table", async () => {
    const coach = await t.createUser(Role.COACH);
    for (const args of [{ perPage: 50 }, { perPage: 50, page: 40 }]) {
      const { where, order, page } = new ReviewService(t.em(), () => t.clock.now()).listPlan(
        { userId: coach.id, role: Role.COACH, learnerId: null },
        Object.assign(new ListArgs(), args),
        undefined,
        false,
      );
      const explained = await plan(`select s.id from submissions s where ${where.sql} order by ${order} limit ? offset ?`, [...where.params, page.limit, page.offset]);
      expect(explained).toContain('submissions_submitted_at_id_index');
      expect(explained).not.toMatch(/"Node Type":"Sort"/);
    }
  });
});
