// A write input's GraphQL type, derived from the zod schema that validates it: the record's
// fields, their types, which are required and what they mean are declared once, in the zod
// object of the domain's writes.ts, and read both by GraphQL (this input type) and by the
// write path (parseRecord). A field's description is its zod `.describe()`.
import type { InputObjectRef } from '@pothos/core';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { objectOf, stored } from './validate.ts';

type HubTypes = typeof builder.$inferSchemaTypes;
type Schema = z.core.$ZodType;

/** A zod object as it validates an input; a refinement or a transform of one counts as the object. */
type ObjectSchema = z.ZodType<unknown, Record<string, unknown>>;

export interface InputTypeOptions {
  description: string;
  /** Descriptions of fields whose zod schema has none (`.describe()` is the usual place). */
  fieldDescriptions?: Record<string, string>;
}

/** Every derived input type, for the test that compares them with their zod schemas. */
export const derivedInputs: Array<{ name: string; schema: ObjectSchema }> = [];

/** The input type derived from each zod object, by the object: a nested object's type. */
const declared = new WeakMap<Schema, InputObjectRef<HubTypes, unknown>>();

/** How one zod field reads in GraphQL. */
export interface FieldShape {
  /** A scalar's or an input type's name, or the enum object Pothos knows the enum by. */
  type: unknown;
  list: boolean;
  /** Whether the field (for a list: the list) must be given. */
  required: boolean;
  /** For a list: whether its items may not be null. */
  itemsRequired: boolean;
  description: string | undefined;
  defaultValue: unknown;
}

function declaredFor(schema: Schema): InputObjectRef<HubTypes, unknown> | undefined {
  for (let at: Schema | undefined = schema; at; at = at._zod.parent) {
    const ref = declared.get(at);
    if (ref) return ref;
  }
  return undefined;
}

/** Peels optional/nullable/default/pipe wrappers off a field, collecting what they say. */
function peel(schema: Schema) {
  let at = schema;
  let required = true;
  let description: string | undefined;
  let defaultValue: unknown;
  for (;;) {
    description ??= z.globalRegistry.get(at)?.description;
    if (stored.get(at)) break;
    const def = at._zod.def;
    if (def.type === 'optional' || def.type === 'nullable') {
      required = false;
      at = (at as z.ZodOptional)._zod.def.innerType;
    } else if (def.type === 'default') {
      defaultValue = (at as z.ZodDefault)._zod.def.defaultValue;
      at = (at as z.ZodDefault)._zod.def.innerType;
    } else if (def.type === 'pipe') {
      at = (at as z.ZodPipe)._zod.def.in;
    } else if (def.type === 'readonly') {
      at = (at as z.ZodReadonly)._zod.def.innerType;
    } else break;
  }
  return { at, required, description, defaultValue };
}

function typeOf(schema: Schema, where: string): unknown {
  const meta = stored.get(schema);
  if (meta) return meta.scalar;
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'bigint':
      return 'BigInt';
    case 'number':
      return (schema as z.ZodNumber).isInt ? 'Int' : 'Float';
    case 'date':
      throw new Error(`${where}: a date field says whether it is a day or a moment (day(), instant())`);
    case 'enum':
      // z.enum(Prisma's enum object): builder.enumType(that object, …) made the GraphQL enum.
      return (schema as z.ZodEnum)._zod.def.entries;
    case 'object': {
      const ref = declaredFor(schema);
      if (!ref) throw new Error(`${where}: declare the nested object's input type with inputTypeOf first`);
      return ref;
    }
    default:
      throw new Error(`${where}: no GraphQL input type for a zod ${def.type}`);
  }
}

/** The GraphQL shape of each field of a zod object schema, in the object's order. */
export function fieldShapes(name: string, schema: Schema): Array<[string, FieldShape]> {
  return Object.entries(objectOf(schema).shape).map(([key, field]) => {
    const where = `${name}.${key}`;
    const { at, required, description, defaultValue } = peel(field);
    if (at._zod.def.type === 'array') {
      const item = peel((at as z.ZodArray)._zod.def.element);
      return [
        key,
        {
          type: typeOf(item.at, where),
          list: true,
          required,
          itemsRequired: item.required,
          description,
          defaultValue,
        },
      ];
    }
    return [
      key,
      { type: typeOf(at, where), list: false, required, itemsRequired: false, description, defaultValue },
    ];
  });
}

/**
 * The input type of a zod object schema: a field per key, in the schema's order, required
 * unless the key is optional or nullable, with a default where the schema has one. Strings,
 * integers, booleans and bigints map to their scalars, day()/instant()/monthStart()/decimal()
 * to Date, DateTime and Decimal, z.enum(a Prisma enum) to the GraphQL enum made from it, an
 * array to a list and a nested object to the input type derived from it before.
 */
export function inputTypeOf<S extends ObjectSchema>(
  name: string,
  schema: S,
  { description, fieldDescriptions = {} }: InputTypeOptions,
) {
  const shapes = fieldShapes(name, schema);
  const ref = builder.inputRef<z.input<S>>(name).implement({
    description,
    fields: (t) =>
      Object.fromEntries(
        shapes.map(([key, shape]) => [
          key,
          t.field({
            type: (shape.list ? [shape.type] : shape.type) as never,
            required: (shape.list
              ? { list: shape.required, items: shape.itemsRequired }
              : shape.required) as never,
            description: shape.description ?? fieldDescriptions[key],
            ...(shape.defaultValue === undefined ? {} : { defaultValue: shape.defaultValue as never }),
          }),
        ]),
      ) as never,
  });
  declared.set(objectOf(schema), ref as never);
  declared.set(schema, ref as never);
  derivedInputs.push({ name, schema });
  return ref;
}
