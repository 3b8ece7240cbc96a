// The checked-in schema.graphql is what other systems and the dashboard build against: it must
// be exactly what the code builds, fully described, and free of personal data.
import { readFileSync } from 'node:fs';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';
import { describe, expect, test } from 'vitest';
import { printHubSchema, schema, schemaFile } from '../../server/src/schema.ts';

const ownTypes = Object.values(schema.getTypeMap()).filter(
  (type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type),
);

/** Every described element's coordinate, e.g. `Query.regions(level:)`, with its description. */
function describedElements(): Array<[string, string | null | undefined]> {
  const elements: Array<[string, string | null | undefined]> = [];
  for (const type of ownTypes) {
    elements.push([type.name, type.description]);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        elements.push([`${type.name}.${field.name}`, field.description]);
        for (const arg of field.args)
          elements.push([`${type.name}.${field.name}(${arg.name}:)`, arg.description]);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        elements.push([`${type.name}.${field.name}`, field.description]);
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) elements.push([`${type.name}.${value.name}`, value.description]);
    }
  }
  return elements;
}

describe('schema.graphql', () => {
  test('is what the code builds (run `pnpm schema:print` after changing the schema)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(printHubSchema());
  });

  test('describes every type, field, argument and enum value', () => {
    const elements = describedElements();
    expect(elements.length).toBeGreaterThan(100);
    const undescribed = elements.filter(([, description]) => !description?.trim()).map(([name]) => name);
    expect(undescribed).toEqual([]);
  });

  test('exposes no personal data', () => {
    const forbidden = new Set(['applicantName', 'applicantIdNumber', 'applicantPhone', 'idNumber', 'phone']);
    const exposed = describedElements()
      .map(([name]) => name)
      .filter((name) => (name.match(/\w+/g) ?? []).slice(1).some((part) => forbidden.has(part)));
    expect(exposed).toEqual([]);
    expect(schema.getType('ServiceCase')).toBeDefined();
  });
});
