// The checked-in schema.graphql is what other systems and the dashboard build against: it must
// be exactly what the code builds, fully described, and show personal data only masked.
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
import { maskPersonal, type PersonalKind } from '../../server/src/personal.ts';
import { printHubSchema, schema, schemaFile } from '../../server/src/schema.ts';
import { admin, analyst, gql, readsHub } from './reads-client.ts';

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
});

// Personal data (people's names, ID numbers, phone numbers) is exposed only through fields that
// mask it for the roles without the personalData scope. Each such field is listed here with how
// its rows are reached; a new field with a personal name that is not listed fails the first test,
// and every listed one is checked against the database for an ANALYST and an ADMIN.
const maskedFields: Record<string, { kind: PersonalKind; rows: string }> = {
  'ServiceCase.applicantName': { kind: 'name', rows: 'serviceCases(first: 10)' },
  'ServiceCase.applicantIdNumber': { kind: 'idNumber', rows: 'serviceCases(first: 10)' },
  'ServiceCase.applicantPhone': { kind: 'phone', rows: 'serviceCases(first: 10)' },
  'Staff.name': { kind: 'name', rows: 'staff(first: 10)' },
  'Staff.phone': { kind: 'phone', rows: 'staff(first: 10)' },
  'Staff.idNumber': { kind: 'idNumber', rows: 'staff(first: 10)' },
  'GridStaff.name': { kind: 'name', rows: 'gridStaff(first: 10)' },
  'GridStaff.phone': { kind: 'phone', rows: 'gridStaff(first: 10)' },
  'Enterprise.legalRepName': { kind: 'name', rows: 'enterprises(first: 10)' },
  'Enterprise.legalRepPhone': { kind: 'phone', rows: 'enterprises(first: 10)' },
  'EmploymentCreditRating.subjectName': {
    kind: 'name',
    rows: 'employmentCreditRatings(subjectKind: WORKER, first: 10)',
  },
  'EmploymentCreditRating.idNumber': {
    kind: 'idNumber',
    rows: 'employmentCreditRatings(subjectKind: WORKER, first: 10)',
  },
};

/** Output fields that carry personal data by their name, or a person's name on a type of people. */
const personalNames = new Set(['applicantName', 'applicantIdNumber', 'applicantPhone', 'idNumber', 'phone']);
const personalNamePattern = /(IdNumber|Phone|^legalRepName)$/;
const people = new Set(['Staff', 'GridStaff', 'EmploymentCreditRating']);

function personalOutputFields(): string[] {
  const found: string[] = [];
  for (const type of ownTypes) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const personalByName = personalNames.has(field.name) || personalNamePattern.test(field.name);
      const personName = people.has(type.name) && (field.name === 'name' || field.name === 'subjectName');
      if (personalByName || personName) found.push(`${type.name}.${field.name}`);
    }
  }
  return found.sort();
}

describe('personal data', () => {
  const hub = readsHub();

  test('is exposed only through the masked fields, each described as masked', () => {
    expect(personalOutputFields()).toEqual(Object.keys(maskedFields).sort());
    for (const coordinate of Object.keys(maskedFields)) {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      const type = schema.getType(typeName);
      const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
      expect(field?.description, coordinate).toMatch(/masked/);
    }
  });

  test.each(Object.entries(maskedFields))(
    '%s is masked for ANALYST and as stored for ADMIN',
    async (coordinate, { kind, rows }) => {
      const field = coordinate.split('.')[1] as string;
      const query = `{ rows: ${rows} { edges { node { id ${field} } } } }`;
      type Rows = { rows: { edges: Array<{ node: Record<string, string | null> }> } };
      const plain = (await gql<Rows>(hub.url(), admin, query)).rows.edges.map((edge) => edge.node);
      const masked = (await gql<Rows>(hub.url(), analyst, query)).rows.edges.map((edge) => edge.node);
      expect(masked.map((row) => row.id)).toEqual(plain.map((row) => row.id));
      const values = plain.filter((row) => row[field] !== null);
      expect(values.length, `${coordinate} has values to mask`).toBeGreaterThan(0);
      plain.forEach((row, i) => {
        const value = row[field] ?? null;
        const shown = masked[i]?.[field] ?? null;
        expect(shown).toBe(value === null ? null : maskPersonal(kind, value));
        if (value !== null) expect(shown).not.toBe(value);
      });
    },
  );
});
