import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeVersion = require('../scripts/node-version.cjs') as { unsupported(version?: string): string | null; engines: string };

describe('the Node it runs on', () => {
  it('is Node 24 LTS, the one npm install brought, whatever node the machine has', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
    expect(process.release.lts).toBeTruthy();
    expect(nodeVersion.unsupported()).toBeNull();
    // npm scripts put the project's node_modules/.bin first on PATH: that is where this process came from.
    expect(process.execPath.startsWith(path.join(repoRoot, 'node_modules') + path.sep)).toBe(true);
  });

  it('refuses another Node in one line that names the version needed', () => {
    expect(nodeVersion.unsupported('20.20.2')).toBe(
      'Waypoint needs Node ^24.11.0 (this is Node 20.20.2): run it through npm (npm start, npm test), which uses the Node that npm install brought, or install Node 24 LTS.',
    );
    expect(nodeVersion.unsupported('22.18.0')).toMatch(/^Waypoint needs Node \^24\.11\.0 \(this is Node 22\.18\.0\)/);
    expect(nodeVersion.unsupported('25.1.0')).not.toBeNull();
    expect(nodeVersion.unsupported('24.11.0')).toBeNull();
  });

  // The machine's own node, found outside node_modules: where it is not 24 (Node 20 here and in CI), Waypoint
  // started directly on it stops at once with that line and nothing else.
  const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => existsSync(p));
  const systemMajor = systemNode ? spawnSync(systemNode, ['-p', 'process.versions.node.split(".")[0]']).stdout.toString().trim() : '24';
  (systemMajor !== '24' ? it : it.skip)(`started directly on the machine's Node ${systemMajor}, npm start's script and the API stop in one line`, () => {
    for (const args of [['scripts/start.mjs'], ['-r', '@swc-node/register', 'api/src/main.ts'], ['-r', '@swc-node/register', 'api/src/cli/seed.ts']]) {
      const run = spawnSync(systemNode!, args, { cwd: repoRoot, env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
      expect(run.status).toBe(1);
      expect(run.stdout.toString()).toBe('');
      expect(run.stderr.toString().trim().split('\n')).toEqual([expect.stringMatching(/^Waypoint needs Node \^24\.11\.0 \(this is Node \d+\./)]);
    }
  });
});
