import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { ormConfig } from '../src/db/orm.config';
import { requestBounds } from '../src/db/database';
import { loadConfig, type Config } from '../src/config';
import { createLogger, type Logger } from '../src/common/logger';
import { FixedClock } from '../src/common/clock';
import { createApp, type App } from '../src/app';
import { signToken } from '../src/auth/token';
import { hashPassword } from '../src/auth/password';
import { Role, User } from '../src/modules/users/user.entity';
import { Learner } from '../src/modules/learners/learner.entity';
import { StatusChange } from '../src/modules/learners/status-change.entity';
import { EnrollmentStatus, StatusChangeSource } from '../src/modules/learners/enrollment-status';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string; [k: string]: unknown } }[];
}

/**
 * A real server on a real, private PostgreSQL database (a copy of the migrated template) with a
 * clock the test controls. Talk to it over HTTP like any client.
 */
export class TestApp {
  /** SQL statements sent by the ORM since the last resetQueryCount(). */
  queryCount = 0;
  private passwordHash?: Promise<string>;
  private counter = 0;

  private constructor(
    readonly url: string,
    readonly orm: MikroORM,
    readonly clock: FixedClock,
    private readonly app: App,
    private readonly dbName: string,
    readonly secret: string,
    /** The private database, for tools that connect themselves (graphile-worker). */
    readonly databaseUrl: string,
    /** The running app's settings; a test may flip one the app reads per request (compiledReads). */
    readonly config: Config,
  ) {}

  static async start(opts: { now?: string; config?: Partial<Config>; log?: Logger } = {}): Promise<TestApp> {
    const adminUrl = process.env.WAYPOINT_TEST_ADMIN_URL!;
    const dbName = `waypoint_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${dbName} template ${process.env.WAYPOINT_TEST_TEMPLATE}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;

    let harness: TestApp | undefined;
    const config = { ...loadConfig({ NODE_ENV: 'test' }), databaseUrl: url.toString(), ...opts.config };
    // One ORM for the app and the test's own setup, bounded as the app's requests are in production.
    const orm = await MikroORM.init(
      ormConfig(url.toString(), {
        debug: ['query'],
        logger: () => {
          if (harness) harness.queryCount++;
        },
        ...requestBounds(config.statementTimeoutMs),
      }),
    );
    const clock = new FixedClock(new Date(opts.now ?? '2026-11-18T12:00:00Z'));
    const app = await createApp({ config, orm, clock, log: opts.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') });
    const base = await app.listen(0, '127.0.0.1');
    harness = new TestApp(base, orm, clock, app, dbName, config.authSecret, url.toString(), config);
    return harness;
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.orm.close(true);
    const admin = new pg.Client({ connectionString: process.env.WAYPOINT_TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${this.dbName} with (force)`);
    await admin.end();
  }

  em(): EntityManager {
    return this.orm.em.fork();
  }

  resetQueryCount(): void {
    this.queryCount = 0;
  }

  /** Every node of PostgreSQL's plan for `sql` (EXPLAIN, not run), as "Node Type on relation (index)". */
  async planNodes(sql: string): Promise<string[]> {
    type Node = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: Node[] };
    const [row] = await this.em().getConnection().execute<{ 'QUERY PLAN': { Plan: Node }[] }[]>(`explain (format json) ${sql}`);
    const walk = (n: Node): string[] => [`${n['Node Type']} on ${n['Relation Name'] ?? '-'} (${n['Index Name'] ?? '-'})`, ...(n.Plans ?? []).flatMap(walk)];
    return walk(row['QUERY PLAN'][0].Plan);
  }

  async gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>> {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as GqlResponse<T>;
    return { ...body, status: res.status };
  }

  /** A token as login would issue it, without paying for a password check. */
  tokenFor(user: { id: string }): string {
    return signToken(user.id, this.secret, 12, this.clock.now()).token;
  }

  private hash(): Promise<string> {
    this.passwordHash ??= hashPassword(TEST_PASSWORD);
    return this.passwordHash;
  }

  async createUser(role: Role, fields: Partial<User> = {}): Promise<User> {
    const em = this.em();
    const n = ++this.counter;
    const user = em.create(User, {
      email: `${role.toLowerCase()}${n}@test.example`,
      name: `${role.toLowerCase()} ${n}`,
      role,
      passwordHash: await this.hash(),
      active: true,
      ...fields,
    });
    await em.flush();
    return user;
  }

  /** A learner with the enrollment history row createLearner would write. */
  /**
   * A learner of `coach`. Added to Waypoint the day before their module starts unless `createdAt` says otherwise
   * (compliance judges only the weeks that began after a learner was added).
   */
  async createLearner(coach: User, fields: Partial<Pick<Learner, 'timeZone' | 'moduleStartDate' | 'status' | 'createdAt'>> & { name?: string; email?: string } = {}) {
    const user = await this.createUser(Role.LEARNER, {
      ...(fields.name ? { name: fields.name } : {}),
      ...(fields.email ? { email: fields.email } : {}),
      timeZone: fields.timeZone ?? 'UTC',
    });
    const em = this.em();
    const learner = em.create(Learner, {
      user: em.getReference(User, user.id),
      coach: em.getReference(User, coach.id),
      timeZone: fields.timeZone ?? 'UTC',
      moduleStartDate: fields.moduleStartDate ?? '2026-11-02',
      status: fields.status ?? EnrollmentStatus.ENROLLED,
      createdAt: fields.createdAt ?? new Date(Date.parse(`${fields.moduleStartDate ?? '2026-11-02'}T00:00:00Z`) - 86_400_000),
    });
    em.create(StatusChange, {
      learner,
      fromStatus: null,
      toStatus: learner.status,
      reason: 'Enrolled',
      source: StatusChangeSource.ENROLLMENT,
    });
    await em.flush();
    return { learner, user, token: this.tokenFor(user) };
  }

  /** Row counts of every table, to prove a refused request wrote nothing. */
  async tableCounts(): Promise<Record<string, number>> {
    const rows = await this.orm.em.getConnection().execute<{ t: string; n: string }[]>(
      `select 'users' t, count(*) n from users union all select 'learners', count(*) from learners
       union all select 'status_changes', count(*) from status_changes`,
    );
    return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
  }

  /** A fingerprint of every row of every table of ours, to prove a refused request changed nothing. */
  async snapshot(opts: { except?: string[] } = {}): Promise<string> {
    const conn = this.orm.em.getConnection();
    const tables = await conn.execute<{ name: string }[]>(
      `select table_name as name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'mikro_orm_migrations' order by 1`,
    );
    const parts = tables
      .filter((t) => !opts.except?.includes(t.name))
      .map((t) => `(select coalesce(json_agg(x order by x::text), '[]') from "${t.name}" x)::text as "${t.name}"`);
    const [row] = await conn.execute(`select ${parts.join(', ')}`);
    return JSON.stringify(row);
  }

  /**
   * A cheap fingerprint of every table: row count and newest row version (xmin) each. It changes on any insert,
   * update or delete in this database, whatever other tests do elsewhere.
   */
  async fingerprint(): Promise<string> {
    this.tables ??= (
      await this.orm.em.getConnection().execute<{ name: string }[]>(
        `select table_name as name from information_schema.tables
         where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'mikro_orm_migrations' order by 1`,
      )
    ).map((r) => r.name);
    const parts = this.tables.map((t) => `(select count(*) || ':' || coalesce(max(xmin::text::bigint), 0) from "${t}")`);
    const [row] = await this.orm.em.getConnection().execute(`select concat_ws('|', ${parts.join(', ')}) as f`);
    return row.f as string;
  }

  private tables?: string[];

  /** Sends an assignment as the learner at a given instant (the clock is left there). */
  async submit(learner: { learner: { id: string }; user: { id: string } }, kind: string, at: string): Promise<GqlResponse> {
    this.clock.set(at);
    const res = await this.gql(
      `mutation($input: SubmitAssignmentInput!) { submitAssignment(input: $input) { id kind submittedAt moduleWeek } }`,
      { input: { learnerId: learner.learner.id, kind, ...contentFor(kind), text: `${kind} sent at ${at}` } },
      this.tokenFor(learner.user),
    );
    if (res.errors) throw new Error(`submit failed: ${JSON.stringify(res.errors)}`);
    return res;
  }
}

/** Valid content for each kind of submission, as a learner would send it. */
export function contentFor(kind: string): Record<string, unknown> {
  switch (kind) {
    case 'SMART_GOALS':
      return {
        smartGoals: {
          longTermGoal: 'A backend role within 4 months',
          midTermGoal: 'Ten first-round interviews in 6 weeks',
          goals: [
            { area: 'APPLICATIONS', statement: 'Apply to 15 jobs a week', weeklyTarget: 15 },
            { area: 'PORTFOLIO_PROJECTS', statement: 'Ship one feature a week', weeklyTarget: 1 },
            { area: 'INTERVIEW_PRACTICE', statement: 'Two mock interviews a week', weeklyTarget: 2 },
            { area: 'NETWORKING', statement: 'Meet developers at meetups' },
          ],
        },
      };
    case 'WEEKLY_RETROSPECTIVE':
      return { retrospective: { achievements: '12 applications', challenges: 'Take-home tests', nextWeekCommitments: '15 applications', doDifferently: 'Start earlier' } };
    case 'JOB_SEARCH_ANALYSIS':
      return { analysis: { applications: 40, responses: 8, phoneScreens: 2, interviews: 1, offers: 0, failingStage: 'PHONE_SCREENS', diagnosis: 'My CV hides impact' } };
    default:
      return { material: { materialType: 'CV', link: 'https://example.org/cv.pdf', note: 'Is the summary clear?' } };
  }
}

export function expectError(res: GqlResponse, code: string, field?: string): void {
  const error = res.errors?.[0];
  if (!error) throw new Error(`expected a ${code} error, got ${JSON.stringify(res)}`);
  expect(error.extensions?.code).toBe(code);
  if (field !== undefined) expect(error.extensions?.field).toBe(field);
  // Nothing internal reaches a client.
  expect(JSON.stringify(res)).not.toMatch(/stacktrace|\bselect\b|\binsert\b|\bupdate "|at .*\.ts:\d+/i);
}
