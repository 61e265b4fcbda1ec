import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types for every document the page sends, generated from Waypoint's schema.graphql (in your own project: a copy
 * of it, or the URL of a Waypoint that allows introspection, i.e. not production). A field the schema lacks fails
 * here; a changed type fails `tsc`. `documentMode: 'string'` makes each document a typed string, so the page posts it
 * with plain fetch and ships no GraphQL library.
 */
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**'],
  ignoreNoDocuments: false,
  errorsOnly: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTimeISO: 'string', LocalDate: 'string', JSONObject: 'Record<string, unknown>' },
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        skipTypename: true,
      },
    },
  },
};

export default config;
