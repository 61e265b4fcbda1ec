// `npm run test:browser [-- args]`: the console's unit tests (jest, src/**/*.test.ts) and its browser tests
// (@playwright/test, e2e/*.test.ts), one after the other; it fails when either does.
//   no arguments            both
//   src/…  (a path filter)  only those unit tests
//   anything else           only Playwright, with those arguments: e2e/progress.test.ts, --project phone, -g "bell"
// TEST_RESULTS_DIR=dir writes dir/browser-unit.json (jest's JSON) and dir/browser.json (Playwright's), as CI reads them.
// Each run keeps its traces in e2e/results/<time>-<pid>/ (or E2E_RESULTS).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
/** A package's command-line script, from its package.json's bin (jest exports no path to it). */
const bin = (name) => {
  const manifest = require.resolve(`${name}/package.json`);
  const { bin: entry } = require(manifest);
  return path.join(path.dirname(manifest), typeof entry === 'string' ? entry : Object.values(entry)[0]);
};
const admin = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const unitFilters = args.filter((a) => /^(\.\/)?src\//.test(a));
const playwrightArgs = args.filter((a) => !unitFilters.includes(a));
const results = process.env.TEST_RESULTS_DIR ? path.resolve(process.env.TEST_RESULTS_DIR) : null;
if (results) mkdirSync(results, { recursive: true });

function run(label, cli, cliArgs, env = {}) {
  console.log(`\n— ${label}: ${['node', path.relative(admin, cli), ...cliArgs].join(' ')}`);
  const { status, signal } = spawnSync(process.execPath, [cli, ...cliArgs], { cwd: admin, stdio: 'inherit', env: { ...process.env, ...env } });
  return status === 0 && !signal;
}

let passed = true;
if (args.length === 0 || unitFilters.length > 0) {
  const json = results ? ['--json', `--outputFile=${path.join(results, 'browser-unit.json')}`] : [];
  passed = run('unit tests (jest)', bin('jest'), ['--config', 'jest.config.cjs', ...json, ...unitFilters]) && passed;
}
if (args.length === 0 || playwrightArgs.length > 0) {
  // Workers read the config again: the run's folder must come from the environment, not be worked out twice.
  const env = { E2E_RESULTS: process.env.E2E_RESULTS || `e2e/results/${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${process.pid}` };
  if (results) env.PLAYWRIGHT_JSON_OUTPUT_FILE = path.join(results, 'browser.json');
  console.log(`Traces and screenshots of failed tests go to admin/${env.E2E_RESULTS}/`);
  passed = run('browser tests (@playwright/test)', bin('@playwright/test'), ['test', ...playwrightArgs], env) && passed;
}
process.exit(passed ? 0 : 1);
