// Types for every GraphQL document of the screen, from the hub's published schema:
// `pnpm --filter @hub/dashboard codegen` after schema.graphql or a document changed.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.ts', 'src/**/*.vue', '!src/graphql/generated/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/graphql/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        strictScalars: true,
        scalars: { BigInt: 'string', Date: 'string', DateTime: 'string', Decimal: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
