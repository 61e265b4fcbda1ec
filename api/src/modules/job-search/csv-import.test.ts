import { TestApp } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';
import { CsvFileError, parseCsv } from './csv-import';

describe('CSV parsing', () => {
  it('reads quotes, doubled quotes, embedded commas and newlines, CRLF and a trailing newline', () => {
    expect(parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\n\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
    ]);
  });

  it('gives each row the line it starts on, after quoted newlines and blank lines', () => {
    const rows = parseCsv('\uFEFFh1,h2\n\n"one\ntwo\nthree",x\n\nlast,y\n');
    expect(rows.map((r) => [r.line, r.fields[0]])).toEqual([[1, 'h1'], [3, 'one\ntwo\nthree'], [7, 'last']]);
  });

  it('refuses a file that ends inside a quoted field, rather than swallow the rest of it', () => {
    expect(() => parseCsv('a,b\n"unclosed,1\n2,3\n')).toThrow(CsvFileError);
  });
});

describe('importing a Huntr CSV export', () => {
  let t: TestApp;
  let staff: User;
  let coach: User;
  let learner: Awaited<ReturnType<TestApp['createLearner']>>;

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH);
    learner = await t.createLearner(coach, { email: 'csv.learner@example.org' });
  });
  afterAll(() => t.stop());

  const upload = (csv: string, dryRun: boolean, token = t.tokenFor(staff)) =>
    fetch(`${t.url}/imports/huntr${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
      body: csv,
    });

  const FILE = [
    'Activity ID,Member Email,Activity Category,Company,Job Title,Completed,Completed At,Start At',
    'a1,CSV.Learner@example.org,Apply,Acme,Frontend Developer,true,2026-11-16T10:00:00Z,',
    'a2,csv.learner@example.org,Phone Screen,"Globex, Inc.",React Engineer,yes,2026-11-17T16:00:00Z,2026-11-17T15:00:00Z',
    'a1,csv.learner@example.org,Apply,Acme,Frontend Developer,true,2026-11-16T10:00:00Z,',
    'a3,csv.learner@example.org,Networking,Initech,Developer,true,2026-11-16T10:00:00Z,',
    'a4,csv.learner@example.org,Apply,Initech,Developer,true,not a date,',
    'a5,nobody@example.org,Apply,Initech,Developer,true,2026-11-16T10:00:00Z,',
    'a6,csv.learner@example.org,Apply,Initech,Developer,true,2026-12-16T10:00:00Z,',
  ].join('\n');

  it('reports a dry run line by line and writes nothing', async () => {
    const before = await t.snapshot();
    const report = await (await upload(FILE, true)).json();
    expect(report).toEqual({
      dryRun: true,
      rows: 7,
      accepted: 2,
      duplicates: 1,
      skipped: 1,
      rejected: [
        { line: 6, reason: 'bad or missing date "not a date"' },
        { line: 8, reason: 'date in the future' },
        { line: 7, reason: 'no learner with email nobody@example.org' },
      ],
    });
    expect(await t.snapshot()).toBe(before);
  });

  it('imports, and importing the same file again adds nothing', async () => {
    expect((await (await upload(FILE, false)).json()).accepted).toBe(2);
    const again = await (await upload(FILE, false)).json();
    expect(again).toMatchObject({ accepted: 0, duplicates: 3 });
    const view = (await t.gql(`query($id: ID!) { Learner(id: $id) { jobActivities { kind company occurredAt source } } }`, { id: learner.learner.id }, t.tokenFor(coach))).data!.Learner;
    expect(view.jobActivities).toEqual([
      { kind: 'INTERVIEW', company: 'Globex, Inc.', occurredAt: '2026-11-17T15:00:00.000Z', source: 'CSV' },
      { kind: 'APPLICATION', company: 'Acme', occurredAt: '2026-11-16T10:00:00.000Z', source: 'CSV' },
    ]);
    const funnel = (await t.gql(`query($c: ID) { funnel(coachId: $c) { applications phoneScreens interviews offers } }`, { c: coach.id }, t.tokenFor(staff))).data!.funnel;
    expect(funnel).toEqual({ applications: 1, phoneScreens: 1, interviews: 0, offers: 0 });
    const own = (await t.gql(`{ funnel { applications phoneScreens } }`, {}, t.tokenFor(coach))).data!.funnel;
    expect(own).toEqual({ applications: 1, phoneScreens: 1 });
  });

  it('refuses unknown columns, coaches and anonymous callers', async () => {
    const bad = await (await upload('Name,Date\nx,y', true)).json();
    expect(bad.rejected[0]).toMatchObject({ line: 1 });
    expect(bad.rejected[0].reason).toMatch(/missing column\(s\): email, category, company, role/);
    expect((await upload(FILE, true, t.tokenFor(coach))).status).toBe(403);
    expect((await fetch(`${t.url}/imports/huntr`, { method: 'POST', body: FILE })).status).toBe(401);
  });

  it('imports a 50,000-row file within a few seconds', async () => {
    const lines = ['Activity ID,Member Email,Activity Category,Company,Job Title,Completed,Completed At'];
    for (let i = 0; i < 50_000; i++) lines.push(`big-${i},csv.learner@example.org,Apply,Company ${i % 500},Role ${i % 40},true,2026-10-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00Z`);
    const started = Date.now();
    const report = await (await upload(lines.join('\n'), false)).json();
    expect(report).toMatchObject({ rows: 50_000, accepted: 50_000, rejected: [] });
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('reports the real line of a bad row after a quoted newline and a blank line, and imports nothing from a file with an unclosed quote', async () => {
    const file = [
      'Activity ID,Member Email,Activity Category,Company,Job Title,Completed,Completed At,Note',
      'l1,csv.learner@example.org,Apply,Acme,Developer,true,2026-11-10T10:00:00Z,"a note',
      'on two lines"',
      '',
      'l2,csv.learner@example.org,Apply,Acme,Developer,true,not a date,',
    ].join('\n');
    const report = await (await upload(file, true)).json();
    expect(report.rejected).toEqual([{ line: 5, reason: 'bad or missing date "not a date"' }]);

    const before = await t.snapshot();
    const broken = [
      'Activity ID,Member Email,Activity Category,Company,Job Title,Completed,Completed At',
      'u1,csv.learner@example.org,Apply,"Acme,Developer,true,2026-11-10T10:00:00Z',
      'u2,csv.learner@example.org,Apply,Beta,Developer,true,2026-11-11T10:00:00Z',
    ].join('\n');
    const refused = await (await upload(broken, false)).json();
    expect(refused.accepted).toBe(0);
    expect(refused.rejected[0].reason).toMatch(/quoted field is never closed.*nothing was imported/);
    expect(await t.snapshot()).toBe(before);
  });
});
