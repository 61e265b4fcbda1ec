import { PassThrough, Readable } from 'node:stream';
import pg from 'pg';
import { TestApp } from './harness';
import { Role } from '../src/modules/users/user.entity';
import { seedDemo } from '../src/db/seed';
import { backupDatabase, restoreDatabase, RestoreError } from '../src/db/backup';

/** Every table's row count and a checksum of its rows, by table (the migrations' bookkeeping aside). */
async function tableSums(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (await client.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'mikro_orm_migrations' order by 1`)).rows;
    const sums: Record<string, string> = {};
    for (const { name } of tables) {
      const [row] = (await client.query<{ n: string; sum: string | null }>(`select count(*)::text as n, md5(string_agg(t::text, '|' order by t::text)) as sum from "${name}" t`)).rows;
      sums[name] = `${row.n} ${row.sum ?? '-'}`;
    }
    return sums;
  } finally {
    await client.end();
  }
}

async function backupToBuffer(url: string, onTable?: (table: string) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await backupDatabase(url, out, { onTable });
  return Buffer.concat(chunks);
}

describe('backup and restore without pg_dump', () => {
  let t: TestApp;
  let admin: pg.Client;
  const created: string[] = [];

  /** An empty database on the test server. */
  const emptyDatabase = async () => {
    const name = `restore_${process.pid}_${created.length}`;
    await admin.query(`create database ${name}`);
    created.push(name);
    const url = new URL(process.env.WAYPOINT_TEST_ADMIN_URL!);
    url.pathname = `/${name}`;
    return url.toString();
  };

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
    admin = new pg.Client({ connectionString: process.env.WAYPOINT_TEST_ADMIN_URL });
    await admin.connect();
    await seedDemo(t.em(), t.clock.now());
  });
  afterAll(async () => {
    await t.stop();
    for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('round-trips the seeded demo: every table has the same rows, and the sequences go on', async () => {
    const file = await backupToBuffer(t.databaseUrl);
    const target = await emptyDatabase();
    const report = await restoreDatabase(target, Readable.from([file]));
    const source = await tableSums(t.databaseUrl);
    expect(Object.values(report.rows).reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
    expect(await tableSums(target)).toEqual(source);
    // The audit log's sequence carries on past the restored rows instead of starting over.
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      const [{ max, next }] = (await client.query(`select (select max(seq) from audit_log)::bigint as max, nextval('audit_log_seq_seq')::bigint as next`)).rows;
      expect(BigInt(next)).toBeGreaterThan(BigInt(max ?? 0));
      // The migrations stand where the code is, so the restored database serves as is.
      const names = async (c: pg.Client) => (await c.query(`select name from mikro_orm_migrations order by id`)).rows.map((r) => r.name);
      const origin = new pg.Client({ connectionString: t.databaseUrl });
      await origin.connect();
      expect(await names(client)).toEqual(await names(origin).finally(() => origin.end()));
    } finally {
      await client.end();
    }
  });

  it('refuses to overwrite a database that holds data, unless forced; a damaged file changes nothing', async () => {
    const file = await backupToBuffer(t.databaseUrl);
    const target = await emptyDatabase();
    await restoreDatabase(target, Readable.from([file]));
    const before = await tableSums(target);
    await expect(restoreDatabase(target, Readable.from([file]))).rejects.toThrow(RestoreError);
    await expect(restoreDatabase(target, Readable.from([file]))).rejects.toThrow(/--force/);
    expect(await tableSums(target)).toEqual(before);

    // Cut short: refused, and the empty database it was restoring into keeps no rows.
    const cut = await emptyDatabase();
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const text = gunzipSync(file).toString('utf8');
    await expect(restoreDatabase(cut, Readable.from([gzipSync(text.slice(0, Math.floor(text.length * 0.6)))]))).rejects.toThrow(/cut short|damaged/);
    // Cut at the end of a row inside a table: the COPY is abandoned, not left waiting.
    const atRow = text.slice(0, text.indexOf('\n', text.indexOf('COPY "submissions"') + 2000) + 1);
    await expect(restoreDatabase(cut, Readable.from([gzipSync(atRow)]))).rejects.toThrow(/cut short/);
    const left = await tableSums(cut);
    for (const table of ['users', 'learners', 'submissions', 'audit_log']) expect(left[table]).toMatch(/^0 /);

    const forced = await restoreDatabase(target, Readable.from([file]), { force: true });
    expect(forced.tables).toBeGreaterThan(20);
    expect(await tableSums(target)).toEqual(before);
  });

  it('takes a consistent backup while Waypoint writes: each learner\'s status matches its history', async () => {
    const staff = t.tokenFor(await t.createUser(Role.STAFF));
    const source = new pg.Client({ connectionString: t.databaseUrl });
    await source.connect();
    const { rows: learners } = await source.query<{ id: string; status: string }>(`select id, status from learners where status in ('ENROLLED', 'AT_RISK') order by id limit 3`).finally(() => source.end());
    // Learners are copied before their status history: status changes that commit in between must not be half in the backup.
    const changes: string[] = [];
    const file = await backupToBuffer(t.databaseUrl, async (table) => {
      if (table !== 'learners') return;
      for (const learner of learners) {
        const res = await t.gql(
          `mutation($id: ID!, $s: EnrollmentStatus!) { setEnrollmentStatus(learnerId: $id, status: $s, reason: "Changed during the backup") { id status } }`,
          { id: learner.id, s: learner.status === 'AT_RISK' ? 'ENROLLED' : 'AT_RISK' },
          staff,
        );
        expect(res.errors).toBeUndefined();
        changes.push(learner.id);
      }
    });
    expect(changes).toHaveLength(3);
    const target = await emptyDatabase();
    await restoreDatabase(target, Readable.from([file]));
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      const mismatched = await client.query(
        `select l.id from learners l
          where l.status <> coalesce((select c.to_status from status_changes c where c.learner_id = l.id order by c.seq desc limit 1), l.status)`,
      );
      expect(mismatched.rows).toEqual([]);
      const during = await client.query(`select count(*)::int as n from status_changes where reason = 'Changed during the backup'`);
      expect(during.rows[0].n).toBe(0); // they came after the snapshot
    } finally {
      await client.end();
    }
  });
});
