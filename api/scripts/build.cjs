#!/usr/bin/env node
/**
 * Compiles api/src to api/dist (same layout, CommonJS, source maps) with the exact settings the dev loader
 * (@swc-node/register) derives from tsconfig.json, so production starts plain JavaScript: no compiler and no
 * TypeScript loaded at start (faster cold start, less memory). Only files newer than their output are compiled.
 * Type checking stays with `npm run typecheck`.
 */
const fs = require('node:fs');
const path = require('node:path');

const api = path.resolve(__dirname, '..');
const src = path.join(api, 'src');
const dist = path.join(api, 'dist');

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sources(file);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [file] : [];
  });
}

function build() {
  const started = Date.now();
  const stale = sources(src).filter((file) => {
    const out = path.join(dist, path.relative(src, file)).replace(/\.ts$/, '.js');
    return !fs.existsSync(out) || fs.statSync(out).mtimeMs < fs.statSync(file).mtimeMs;
  });
  if (stale.length) {
    const { readDefaultTsConfig, tsCompilerOptionsToSwcConfig } = require('@swc-node/register/read-default-tsconfig');
    const { transformSync } = require('@swc-node/core');
    const ts = require('typescript');
    const options = readDefaultTsConfig(path.join(api, 'tsconfig.json'));
    options.module = ts.ModuleKind.CommonJS; // as @swc-node/register does
    options.sourceMap = true;
    for (const file of stale) {
      const out = path.join(dist, path.relative(src, file)).replace(/\.ts$/, '.js');
      const swc = tsCompilerOptionsToSwcConfig(options, file);
      const { code, map } = transformSync(fs.readFileSync(file, 'utf8'), file, swc);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, `${code}\n//# sourceMappingURL=${path.basename(out)}.map\n`);
      if (map) fs.writeFileSync(`${out}.map`, map);
    }
  }
  // Outputs whose source is gone must not linger (a deleted module would still load).
  const wanted = new Set(sources(src).map((f) => path.join(dist, path.relative(src, f)).replace(/\.ts$/, '.js')));
  const prune = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) prune(file);
      else if (file.endsWith('.js') && !wanted.has(file)) fs.rmSync(file), fs.rmSync(`${file}.map`, { force: true });
    }
  };
  prune(dist);
  return { compiled: stale.length, ms: Date.now() - started, main: path.join(dist, 'main.js') };
}

/**
 * The flags the server runs with, everywhere it runs (npm start, the image, the benches): source maps for stack
 * traces; a young generation of 2 x 8 MB instead of V8's 2 x 32 MB (under 10 connections the larger one held 80-100 MB
 * more resident memory for no less CPU a request: issue 21, bench:ab, queue 207-283 MB at the default, 156-179 MB at
 * 8, 1.0-2.0 ms CPU a request either way); and an old generation that may grow to twice what the last full GC kept
 * before the next one, V8's own factor for memory-constrained devices, where V8 otherwise lets a heap that GCs cheaply
 * grow to four times (the server keeps about 57 MB; under the nested pages V8 let it reach 220 MB of which 160 MB was
 * garbage, and peak RSS 313 MB; at 2x: 219 MB, with CPU a request within the rounds' noise, bench:ab -- nested).
 * api/package.json's start script and the Dockerfile repeat them (test/server-flags.test.ts keeps the three the same).
 */
const serverFlags = ['--enable-source-maps', '--max-semi-space-size=8', '--heap-growing-percent=100'];

module.exports = { build, serverFlags };

if (require.main === module) {
  const result = build();
  console.log(`api: compiled ${result.compiled} file(s) to dist/ in ${result.ms} ms`);
}
