// The executable schema: the builder with every domain of schema/ registered.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { scopeToOneRelations } from './access.ts';
import { builder } from './builder.ts';
import './schema/index.ts';

export const schema = builder.toSchema();
scopeToOneRelations(schema);

/** The checked-in SDL at the repository root, read by the dashboard's codegen and other systems. */
export const schemaFile = resolve(dirname(fileURLToPath(import.meta.url)), '../../schema.graphql');

/** The schema as SDL in a stable order, so the checked-in file only changes with the schema. */
export function printHubSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
