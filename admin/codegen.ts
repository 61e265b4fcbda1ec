import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for every query, mutation and fragment the console sends, generated from the API's
 * ../schema.graphql: a field the schema lacks fails here, a changed type fails `tsc`.
 */
const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  errorsOnly: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      // Components read plain result types; fragments are for reuse, not for masking.
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTimeISO: 'string', LocalDate: 'string', JSONObject: 'Record<string, unknown>' },
        // A nullable field comes back as null, never missing: `T | null`, as the console's types always said.
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        skipTypename: true,
      },
    },
  },
};

export default config;
