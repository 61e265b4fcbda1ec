#!/usr/bin/env node
// npm start: build the console when it is missing or older than its sources, then run the API
// (which starts PostgreSQL embedded when DATABASE_URL is unset, migrates, seeds and serves).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('../api/scripts/node-version.cjs').assertSupportedNode();
console.log(`Waypoint on Node ${process.version}`);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const admin = path.join(root, 'admin');
const builtIndex = path.join(admin, 'dist', 'index.html');

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((max, name) => Math.max(max, newestMtime(path.join(target, name))), stat.mtimeMs);
}

// The console bundles schema.graphql too (no introspection request at start).
const sources = [...['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => path.join(admin, p)), path.join(root, 'schema.graphql')];
const stale = !existsSync(builtIndex) || Math.max(...sources.map(newestMtime)) > statSync(builtIndex).mtimeMs;
if (stale && process.env.SKIP_ADMIN_BUILD !== '1') {
  console.log('Building the console (admin/dist)…');
  // Always a production bundle, whatever NODE_ENV the caller runs with (jest sets "test").
  const build = spawnSync('npm', ['run', 'build', '--workspace', 'admin', '--silent'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) {
    console.error('The console build failed; the API will still start, /admin will say the console is not built.');
  }
}

/** Runs an npm script of a workspace when its output is missing or older than its sources (SKIP_ADMIN_BUILD=1: never). */
function buildWhenStale(what, built, sourcePaths, args, env = process.env) {
  if (process.env.SKIP_ADMIN_BUILD === '1') return;
  if (existsSync(built) && Math.max(...sourcePaths.map(newestMtime)) <= statSync(built).mtimeMs) return;
  console.log(`Building ${what}…`);
  const result = spawnSync('npm', [...args, '--silent'], { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) console.error(`The ${what} build failed; the API will still start without it.`);
}

// GraphiQL (/graphiql: anyone in development, staff in production), bundled from the npm package into admin/graphiql/dist.
buildWhenStale(
  'GraphiQL (admin/graphiql/dist)',
  path.join(admin, 'graphiql', 'dist', 'index.html'),
  [...['index.html', 'main.tsx', 'page.css'].map((f) => path.join(admin, 'graphiql', f)), path.join(admin, 'vite.graphiql.config.ts'), path.join(admin, 'package.json')],
  ['run', 'build:graphiql', '--workspace', 'admin'],
  { ...process.env, NODE_ENV: 'production' },
);

// The reference client (examples/progress, served at /examples/progress/ outside production), typed from schema.graphql.
if (process.env.NODE_ENV !== 'production') {
  const example = path.join(root, 'examples', 'progress');
  buildWhenStale(
    'the reference client (examples/progress/dist)',
    path.join(example, 'dist', 'index.html'),
    [...['src', 'index.html', 'vite.config.ts', 'codegen.ts', 'package.json'].map((p) => path.join(example, p)), path.join(root, 'schema.graphql')],
    ['run', 'build', '--workspace', 'examples/progress'],
  );
}

// The API reference (/docs) is built from schema.graphql the same way: when it is missing or older than its sources.
const docsIndex = path.join(root, 'api', 'dist', 'api-reference', 'index.html');
const docsSources = [path.join(root, 'schema.graphql'), path.join(root, 'api', 'src', 'docs')];
if (process.env.SKIP_ADMIN_BUILD !== '1' && (!existsSync(docsIndex) || Math.max(...docsSources.map(newestMtime)) > statSync(docsIndex).mtimeMs)) {
  console.log('Building the API reference (api/dist/api-reference)…');
  const docs = spawnSync('npm', ['run', 'docs', '--workspace', 'api', '--silent'], { cwd: root, stdio: 'inherit' });
  if (docs.status !== 0) console.error('The API reference build failed; the API will still start, /docs will say it is not built.');
}

// The API runs as plain JavaScript compiled from api/src (only changed files are compiled): no compiler in the
// server process, so it starts faster and uses less memory.
const { build, serverFlags } = require('../api/scripts/build.cjs');
const built = build();
if (built.compiled) console.log(`Compiled ${built.compiled} API file(s) in ${built.ms} ms`);
const api = spawn(process.execPath, [...serverFlags, 'dist/main.js'], {
  cwd: path.join(root, 'api'),
  stdio: 'inherit',
  env: process.env,
});
// Ctrl-C reaches both processes; a signal sent to this one alone is passed on. The API stops PostgreSQL.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
