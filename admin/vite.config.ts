import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

// Vendor code in long-lived chunks, first match wins. The sign-in page needs
// only `react`; the rest loads once someone is signed in.
const nm = (packages: string) => new RegExp(`node_modules[\\\\/](${packages})[\\\\/]`);
const vendorChunks: Array<[name: string, test: RegExp]> = [
  ['react', nm('react|react-dom|scheduler')],
  ['router', nm('react-router|react-router-dom|cookie|set-cookie-parser')],
  ['mui', nm('@mui|@emotion|@popperjs|react-transition-group|stylis|@babel[\\\\/]runtime|hoist-non-react-statics|react-is|clsx|prop-types')],
  ['ra-core', nm('ra-core|react-hook-form|@tanstack|lodash|query-string|decode-uri-component|filter-obj|split-on-first|inflection|eventemitter3|node-polyglot|ra-i18n-polyglot|ra-language-english')],
  ['apollo', nm('@apollo|graphql|graphql-tag|@wry|optimism|zen-observable[^\\\\/]*|ts-invariant|symbol-observable|ra-data-graphql|pluralize|tslib')],
  ['ra-ui', /node_modules[\\/]/],
];

export default defineConfig(({ command }) => ({
  base: '/admin/',
  plugins: [react(), waypointSchema()],
  // Apollo Client 3 keeps its dev-only checks and messages unless told this is a production build.
  define: command === 'build' ? { 'globalThis.__DEV__': 'false' } : {},
  server: {
    proxy: {
      '/graphql': 'http://localhost:4000',
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
