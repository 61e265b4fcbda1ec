import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serverFlags } = require('../scripts/build.cjs') as { serverFlags: string[] };
const repo = path.resolve(__dirname, '../..');

/** The server runs with the same Node flags wherever it runs (api/scripts/build.cjs says why each). */
describe('the server\'s Node flags', () => {
  it('are the same in api/package.json\'s start script and the Dockerfile as in build.cjs', () => {
    const start = JSON.parse(readFileSync(path.join(repo, 'api/package.json'), 'utf8')).scripts.start as string;
    expect(start).toContain(`node ${serverFlags.join(' ')} dist/main.js`);
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(path.join(repo, 'Dockerfile'), 'utf8'))![1];
    expect(JSON.parse(cmd)).toEqual(['node', ...serverFlags, 'dist/main.js']);
  });

  it('are ones this Node takes, and give the young generation they promise', () => {
    const newSpace = execFileSync(process.execPath, [...serverFlags, '-e', `
      let keep = [];
      for (let i = 0; i < 1e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 50000) keep = []; }
      const s = require('v8').getHeapSpaceStatistics().find((x) => x.space_name === 'new_space');
      process.stdout.write(String(s.space_size));`]).toString();
    expect(Number(newSpace)).toBeLessThanOrEqual(16 * 1024 * 1024);
  });
});
