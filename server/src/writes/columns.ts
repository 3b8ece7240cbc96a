// The engine's columns of a record kind, from Prisma's data model and the kind's zod schema
// rather than a list of names and types beside them. A column's type is its model field's
// (text, int4, int8, bool, the enum's name); a calendar day, a moment or a decimal is as the
// zod field of the same name declares it (day(), instant(), monthStart(), decimal()), since
// the generated data model does not keep `@db` native types.
import type { z } from 'zod';
import type PrismaTypes from '../generated/pothos-types.ts';
import { getDatamodel } from '../generated/pothos-types.ts';
import type { Column, SqlType, TableSpec } from './engine.ts';
import { objectOf, storedOf } from './validate.ts';

type Model = keyof PrismaTypes;

const models = getDatamodel().datamodel.models;

const scalarTypes: Partial<Record<string, SqlType>> = {
  String: 'text',
  Int: 'int4',
  BigInt: 'int8',
  Boolean: 'bool',
};

/** The column `name` of `model`, typed by the model and, for days, moments and decimals, by `input`. */
function columnOf(model: Model, input: Record<string, z.core.$ZodType>, name: string): Column {
  const field = models[model]?.fields.find((f) => f.name === name);
  if (!field || (field.kind !== 'scalar' && field.kind !== 'enum')) {
    throw new Error(`${model}.${name} is not a column of the model`);
  }
  if (field.kind === 'enum') return { name, type: `"${field.type}"` };
  const type = scalarTypes[field.type] ?? (input[name] ? storedOf(input[name])?.sql : undefined);
  if (!type) throw new Error(`${model}.${name}: a ${field.type} column is typed by a zod field of its name`);
  return { name, type };
}

export interface TableColumns {
  /** The unique key the upsert is keyed by. */
  keys: readonly string[];
  /** Columns the row's codes resolve to (ids) or derived from the input; written and compared. */
  resolved?: readonly string[];
  /** Written when the record is created, never changed by an upsert. */
  insertOnly?: readonly string[];
}

/**
 * The table part of a kind's TableSpec: its keys, its columns (every field of the zod schema
 * that is a column of the model and not a key, then the resolved ones), the insert-only ones,
 * and whether the model has a `version` and an `updatedAt`.
 */
export function tableOf(
  model: Model,
  schema: z.core.$ZodType,
  { keys, resolved = [], insertOnly }: TableColumns,
): Pick<TableSpec, 'table' | 'keys' | 'columns' | 'insertOnly' | 'versioned' | 'stamped'> {
  const input = objectOf(schema).shape as Record<string, z.core.$ZodType>;
  const fields = new Set(
    models[model]?.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum').map((f) => f.name),
  );
  const apart = new Set([...keys, ...resolved, ...(insertOnly ?? [])]);
  const written = [...Object.keys(input).filter((name) => fields.has(name) && !apart.has(name)), ...resolved];
  const column = (name: string) => columnOf(model, input, name);
  return {
    table: model,
    keys: keys.map(column),
    columns: written.map(column),
    ...(insertOnly ? { insertOnly: insertOnly.map(column) } : {}),
    versioned: fields.has('version'),
    stamped: models[model]?.fields.some((f) => f.name === 'updatedAt' && f.isUpdatedAt) ?? false,
  };
}
