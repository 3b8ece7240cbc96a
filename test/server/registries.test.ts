// What a field reads is declared on the field (schema/reads.ts), and the live hub and the kept
// KPI answers trust that declaration. These tests hold it to the truth: every Query field
// declares its tables, every declared table carries the change trigger, and the SQL a field
// actually runs reads no table it did not declare.
import {
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  getNamedType,
  isEnumType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../server/src/db.ts';
import { Prisma, PrismaClient } from '../../server/src/generated/prisma/client.ts';
import { type LiveBus, memoryBus } from '../../server/src/live/bus.ts';
import { untrackedTables } from '../../server/src/migrate.ts';
import { tablesOf } from '../../server/src/schema/reads.ts';
import { schema } from '../../server/src/schema.ts';
import { createHubServer, type HubServer } from '../../server/src/server.ts';
import { backend, seededDatabase } from '../fixtures/database.ts';
import { admin, clock, request, secret } from './reads-client.ts';

const queryFields = Object.values(schema.getQueryType()?.getFields() ?? {});

/** The rollups are written by the triggers on "ServiceCase": reading them reads the cases. */
const rollups = ['KpiAreaDay', 'KpiAreaMonth', 'KpiCaseDay', 'KpiCaseMonth', 'KpiCaseItemMonth'];
const knownTables = new Set<string>([...Object.values(Prisma.ModelName), 'WorkCalendar', ...rollups]);

/** The tables a statement names (quoted identifiers that are tables), rollups as "ServiceCase". */
function tablesIn(statement: string): Set<string> {
  const found = new Set<string>();
  for (const [, name] of statement.matchAll(/"(\w+)"/g)) {
    if (name && knownTables.has(name)) found.add(rollups.includes(name) ? 'ServiceCase' : name);
  }
  return found;
}

/** The arguments a representative request passes: real keys of the seeded data. */
const sampleArgs: Record<string, Record<string, string>> = {
  region: { code: '"339901000000"' },
  indicator: { code: '"WT-ONE-NETWORK-RATE"' },
  oneNetworkRate: { year: '2026' },
  oneNetworkRateByChildren: { year: '2026' },
  department: { code: '"FGJ"' },
  enterprise: { creditCode: '"91330122MA2B000017"' },
  caseSeries: { bucket: 'MONTH' },
};

/** A selection of every leaf field without required arguments; connections by their nodes. */
function selectionOf(type: GraphQLNamedType, depth = 0): string {
  if (isLeafType(type) || !isObjectType(type)) return '';
  const parts: string[] = [];
  for (const field of Object.values((type as GraphQLObjectType).getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isScalarType(named) || isEnumType(named)) parts.push(field.name);
    else if (depth < 2 && ['edges', 'node', 'pageInfo'].includes(field.name)) {
      parts.push(`${field.name} { ${selectionOf(named, depth + 1) || '__typename'} }`);
    } else if (depth === 0 && !named.name.endsWith('Connection')) {
      // Figures nest their parts (a period, rows of a breakdown): one level of them.
      const inner = Object.values((named as GraphQLObjectType).getFields?.() ?? {})
        .filter((f) => isLeafType(getNamedType(f.type)) && f.args.length === 0)
        .map((f) => f.name);
      if (inner.length > 0) parts.push(`${field.name} { ${inner.join(' ')} }`);
    }
  }
  return parts.join(' ');
}

function documentOf(field: GraphQLField<unknown, unknown>): string {
  const given = sampleArgs[field.name] ?? {};
  const args = Object.entries(given).map(([name, value]) => `${name}: ${value}`);
  const selection = selectionOf(getNamedType(field.type));
  return `{ ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection ? ` { ${selection} }` : ''} }`;
}

describe(`what fields read (${backend})`, () => {
  let db: Database;
  let counting: PrismaClient;
  let hub: HubServer;
  let url: string;
  let statements: string[] = [];

  beforeAll(async () => {
    db = await seededDatabase();
    const client = new PrismaClient({ adapter: db.adapter, log: [{ emit: 'event', level: 'query' }] });
    client.$on('query', (event) => {
      statements.push(event.query);
    });
    counting = client;
    const sql: Database['sql'] = {
      query: (text, params) => {
        statements.push(text);
        return db.sql.query(text, params);
      },
      exec: (text) => {
        statements.push(text);
        return db.sql.exec(text);
      },
    };
    // No live query is followed here, and this hub is a replica that never leads (the leader's
    // start-up work, alerts and recomputations, would run beside the requests): what is
    // captured is what the requests ran.
    const follower: LiveBus = { ...memoryBus(), lead: async () => false };
    hub = createHubServer({
      db: { ...db, prisma: counting, sql },
      bus: follower,
      clock,
      secret,
      dashboardDir: '/nonexistent/dist',
      live: { tickMs: 3_600_000, alertEveryMs: 3_600_000, warmOnStart: false },
    });
    url = `http://127.0.0.1:${await hub.listen(0, '127.0.0.1')}`;
  });

  afterAll(async () => {
    await hub?.stop();
    await counting?.$disconnect();
  });

  test('every Query field declares the tables it reads', () => {
    const undeclared = queryFields
      .filter((field) => tablesOf(schema, field.name) === null)
      .map((f) => f.name);
    expect(undeclared).toEqual([]);
    expect(queryFields.length).toBeGreaterThan(60);
  });

  test('every table a field declares carries the change trigger', async () => {
    const rows = await db.sql.query<{ table: string }>(
      `SELECT c.relname AS "table" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE t.tgname = c.relname || '_kpi_touch'`,
    );
    const triggered = new Set(rows.map((row) => row.table));
    const missing = new Set<string>();
    for (const field of queryFields) {
      for (const table of tablesOf(schema, field.name) ?? []) if (!triggered.has(table)) missing.add(table);
    }
    expect([...missing].sort()).toEqual([]);
    const untracked = new Set<string>(untrackedTables);
    const models = Object.values(Prisma.ModelName).filter((model) => !untracked.has(model));
    expect(models.filter((model) => !triggered.has(model))).toEqual([]);
  });

  test("a field's SQL reads only the tables it declares", async () => {
    const overreach: Record<string, string[]> = {};
    for (const field of queryFields) {
      // `node` and `nodes` declare every model; they take ids no representative request has.
      if (field.name === 'node' || field.name === 'nodes') continue;
      statements = [];
      const answer = await request(url, admin, documentOf(field));
      if (answer.errors) overreach[field.name] = answer.errors.map((error) => error.message);
      const declared = tablesOf(schema, field.name) ?? new Set<string>();
      const read = new Set(statements.flatMap((statement) => [...tablesIn(statement)]));
      const undeclared = [...read].filter((table) => !declared.has(table)).sort();
      if (undeclared.length > 0) overreach[field.name] = undeclared;
    }
    expect(overreach).toEqual({});
  });
});
