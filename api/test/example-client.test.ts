import { spawn } from 'node:child_process';
import path from 'node:path';
import { TestApp } from './harness';
import { Role, type User } from '../src/modules/users/user.entity';

const script = path.resolve(__dirname, '../../examples/progress-client.mjs');

/** Runs the README's example client against the test server, as a client developer would. */
function run(env: Record<string, string>, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { env: { PATH: process.env.PATH!, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

describe('the example progress client (examples/progress-client.mjs)', () => {
  let t: TestApp;
  let staff: User;

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
    staff = await t.createUser(Role.STAFF);
  });
  afterAll(() => t.stop());

  it('pages through every learner with a progress:read key and writes one CSV line each', async () => {
    const coach = await t.createUser(Role.COACH);
    const learners = await Promise.all(Array.from({ length: 205 }, () => t.createLearner(coach, { moduleStartDate: '2026-11-16' })));
    await t.gql(
      `mutation($i: RecordJobActivityInput!) { recordJobActivity(input: $i) { id } }`,
      { i: { learnerId: learners[0].learner.id, kind: 'APPLICATION', company: 'Acme', role: 'Developer', occurredAt: '2026-11-17T09:00:00Z' } },
      t.tokenFor(coach),
    );
    const created = await t.gql(`mutation { createApiClient(name: "Example", scopes: ["progress:read"]) { key } }`, {}, t.tokenFor(staff));
    const key = created.data!.createApiClient.key as string;

    const result = await run({ WAYPOINT_URL: `${t.url}/graphql`, WAYPOINT_API_KEY: key }, ['--coach', coach.id]);
    expect(result.stderr).toContain('205 of 205 learners');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('learnerId,status,moduleWeek,applications7d,interviews7d,daysSinceHuntrAction,missingThisWeek');
    expect(lines).toHaveLength(206); // two pages
    expect(lines.find((l) => l.startsWith(learners[0].learner.id))).toMatch(/,ENROLLED,1,1,0,,/);
  });

  it('stops with the API\'s code when the key is wrong or missing', async () => {
    const bad = await run({ WAYPOINT_URL: `${t.url}/graphql`, WAYPOINT_API_KEY: 'wp_not-a-real-key-000000000000000000000000000' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('waypoint: UNAUTHENTICATED');
    const none = await run({ WAYPOINT_URL: `${t.url}/graphql` });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('WAYPOINT_API_KEY');
  });
});
