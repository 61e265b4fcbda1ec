import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { buildSchema, introspectionFromSchema } from 'graphql';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const schemaFile = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const SCHEMA_MODULE = 'virtual:waypoint-schema';

/**
 * Bundles the API's introspection (from ../schema.graphql) so the console
 * works when the API turns introspection off in production; without the file
 * the module exports null and the data provider introspects at run time.
 */
function waypointSchema(): Plugin {
  return {
    name: 'waypoint-schema',
    resolveId(id) {
      return id === SCHEMA_MODULE ? `\0${SCHEMA_MODULE}` : null;
    },
    load(id) {
      if (id !== `\0${SCHEMA_MODULE}`) return null;
      this.addWatchFile(schemaFile);
      if (!existsSync(schemaFile)) {
        this.warn(`${schemaFile} not found: the console will introspect the API at run time`);
        return 'export default null;';
      }
      const schema = buildSchema(readFileSync(schemaFile, 'utf8'));
      const { __schema } = introspectionFromSchema(schema, { descriptions: false });
      // Only what buildQuery reads: no meta-types, directives, nulls or deprecation flags.
      const lean = { ...__schema, directives: [], types: __schema.types.filter((t) => !t.name.startsWith('__')) };
      const json = JSON.stringify(lean, (key, value) =>
        value === null || key === 'isDeprecated' || key === 'deprecationReason' || key === 'specifiedByURL' ? undefined : value,
      );
      return `export default ${json};`;
    },
  };
}

/**
 * Writes `file.br` and `file.gz` beside every built script, style sheet and page, once, at build time and at
 * the strongest levels (brotli 11, gzip 9): the API then sends them as they are (api/src/console.routes.ts)
 * instead of compressing on every request. A copy not smaller than its file is not written.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'waypoint-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|css|html|svg|json|map)$/.test(f));
      for (const file of files) {
        const full = path.join(outDir, file);
        const body = readFileSync(full);
        const br = brotliCompressSync(body, {
          params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
        });
        const gz = gzipSync(body, { level: 9 });
        if (br.length < body.length) writeFileSync(`${full}.br`, br);
        if (gz.length < body.length) writeFileSync(`${full}.gz`, gz);
      }
    },
  };
}

// Vendor code in long-lived chunks, first match wins. The sign-in page needs
// only `react`; the rest loads once someone is signed in.
const nm = (packages: string) => new RegExp(`node_modules[\\\\/](${packages})[\\\\/]`);
const vendorChunks: Array<[name: string, test: RegExp]> = [
  ['react', nm('react|react-dom|scheduler')],
  ['router', nm('react-router|react-router-dom|cookie|set-cookie-parser')],
  ['mui', nm('@mui[\\\\/](?!x-)[^\\\\/]+|@emotion|@popperjs|react-transition-group|stylis|@babel[\\\\/]runtime|hoist-non-react-statics|react-is|clsx|prop-types')],
  ['ra-core', nm('ra-core|react-hook-form|@tanstack|lodash|query-string|decode-uri-component|filter-obj|split-on-first|inflection|eventemitter3|node-polyglot|ra-i18n-polyglot|ra-language-english')],
  ['apollo', nm('@apollo|graphql|graphql-tag|@wry|optimism|zen-observable[^\\\\/]*|ts-invariant|symbol-observable|ra-data-graphql|pluralize|tslib')],
  // Only Reports draws charts: MUI X Charts and its d3 parts load with that page, not with every console page.
  // Below mui and the others: a group takes its modules' dependencies along, and MUI's own must stay in `mui`.
  ['charts', nm('@mui[\\\\/]x-charts[^\\\\/]*|@mui[\\\\/]x-internal[^\\\\/]*|@base-ui[\\\\/][^\\\\/]+|d3-[^\\\\/]+|internmap|bezier-easing|flatqueue|reselect|robust-predicates|delaunator')],
  ['ra-ui', /node_modules[\\/]/],
];

export default defineConfig(({ command }) => ({
  base: '/admin/',
  plugins: [react(), waypointSchema(), precompress()],
  // Apollo Client 3 keeps its dev-only checks and messages unless told this is a production build.
  define: command === 'build' ? { 'globalThis.__DEV__': 'false' } : {},
  server: {
    proxy: {
      // ws: the live updates' WebSocket shares /graphql.
      '/graphql': { target: 'http://localhost:4000', ws: true },
      '/health': 'http://localhost:4000',
    },
  },
  build: {
    target: 'es2022',
    rolldownOptions: {
      output: {
        // rolldown's successor of `manualChunks`
        codeSplitting: {
          groups: vendorChunks.map(([name, test], index) => ({
            name,
            test,
            priority: vendorChunks.length - index,
          })),
        },
      },
    },
  },
}));
