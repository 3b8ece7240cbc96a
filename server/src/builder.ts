// The Pothos builder: plugins, scalars and the empty root types. Domain types live in schema/.
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import ZodPlugin from '@pothos/plugin-zod';
import { GraphQLError, Kind } from 'graphql';
import { DateResolver, DateTimeISOResolver, JSONResolver } from 'graphql-scalars';
import type { Role } from './auth.ts';
import type { Context } from './context.ts';
import type PrismaTypes from './generated/pothos-types.ts';
import { getDatamodel } from './generated/pothos-types.ts';
import { pageSizes } from './limits.ts';
import { everyModel } from './schema/reads.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: {
    /** Anyone who can reach the hub, with or without a token. */
    public: boolean;
    /** Any valid token. */
    authenticated: boolean;
    /** Exactly this role. */
    role: Role;
    /** May read aggregates (KPIs, counts, rankings, masked feeds): every role. */
    aggregates: boolean;
    /** May read record rows: every role but SCREEN. */
    rows: boolean;
    /** Sees personal data unmasked: ADMIN, STAFF, DEPARTMENT, TOWNSHIP. */
    personalData: boolean;
    /** May write: ADMIN, STAFF, DEPARTMENT, TOWNSHIP (within their scope), INTEGRATION (its source). */
    write: boolean;
    /** The office's administrators. */
    admin: boolean;
  };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
    Decimal: { Input: string; Output: string | number | { toFixed(): string } };
    BigInt: { Input: bigint; Output: bigint | number | string };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
}>({
  defaultFieldNullability: false,
  // Relay first so scope checks see decoded global ids; scope-auth before the resolver wrappers.
  plugins: [RelayPlugin, ScopeAuthPlugin, PrismaPlugin, ErrorsPlugin, ZodPlugin, SimpleObjectsPlugin],
  prisma: {
    // The client is opened at run time (PGlite or PostgreSQL), so it travels in the context.
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'error',
    // The cost limit counts pages at these sizes (limits.ts).
    defaultConnectionSize: pageSizes.default,
    maxConnectionSize: pageSizes.max,
  },
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => {
      const role = ctx.principal?.role;
      return {
        public: true,
        authenticated: role !== undefined,
        role: (wanted: Role) => role === wanted,
        aggregates: role !== undefined,
        rows: role !== undefined && role !== 'SCREEN',
        personalData: role === 'ADMIN' || role === 'STAFF' || role === 'DEPARTMENT' || role === 'TOWNSHIP',
        write:
          role === 'ADMIN' ||
          role === 'STAFF' ||
          role === 'DEPARTMENT' ||
          role === 'TOWNSHIP' ||
          role === 'INTEGRATION',
        admin: role === 'ADMIN',
      };
    },
    unauthorizedError: (_parent, context) =>
      context.principal
        ? new GraphQLError('Not allowed for your role.', { extensions: { code: 'FORBIDDEN' } })
        : new GraphQLError('Sign in with a bearer token.', { extensions: { code: 'UNAUTHENTICATED' } }),
  },
  errors: {
    defaultTypes: [],
  },
  zod: {
    validationError: (error) =>
      new GraphQLError(error.issues.map((issue) => issue.message).join('; '), {
        extensions: {
          code: 'BAD_USER_INPUT',
          issues: error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
        },
      }),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false, description: 'The items of this page with their cursors.' },
    nodeTypeOptions: { description: 'An object with a global id that `node(id:)` can fetch again.' },
    idFieldOptions: { description: 'Global id, stable across requests (opaque; pass it back as is).' },
    pageInfoTypeOptions: { description: 'Where a page sits in its connection (Relay cursor pagination).' },
    hasNextPageFieldOptions: { description: 'More items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of the page; pass as `after`.' },
    pageInfoFieldOptions: { description: 'Position of this page.' },
    cursorFieldOptions: { description: 'Opaque position of this item, for `after`/`before`.' },
    nodeFieldOptions: { description: 'The item.' },
    firstArgOptions: { description: 'Page size counting from the start (default 20, at most 200).' },
    afterArgOptions: { description: 'Return items after this cursor.' },
    lastArgOptions: { description: 'Page size counting from the end.' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
    // A global id may name a record of any model.
    nodeQueryOptions: {
      extensions: everyModel,
      description: 'Fetch any object by its global id.',
      args: { id: { description: 'A global id from an `id` field.' } },
    },
    nodesQueryOptions: {
      extensions: everyModel,
      description: 'Fetch several objects by their global ids, in the same order.',
      args: { ids: { description: 'Global ids from `id` fields.' } },
    },
  },
});

// Closed by default: every Query and Subscription field needs a token unless it says
// `skipTypeScopes: true` (the few `public` ones, schema/system.ts). Fields add their own scope
// on top: `aggregates` for figures, `rows` for records, `admin` for the audit log.
builder.queryType({
  description: 'Read the hub: regions, service cases and their figures.',
  authScopes: { authenticated: true },
});
// No Mutation type yet: GraphQL rejects an object type without fields, so the first schema file
// with a mutation declares it, with `authScopes: { write: true }` on the type (or each field).
builder.subscriptionType({
  description: 'Live updates over WebSocket (graphql-ws) on /graphql.',
  authScopes: { authenticated: true },
});

builder.addScalarType('DateTime', DateTimeISOResolver, {
  description: 'An instant, ISO 8601 in UTC with milliseconds, e.g. 2023-05-04T01:30:00.000Z.',
});

builder.addScalarType('Date', DateResolver, {
  description: 'A calendar day, YYYY-MM-DD (read in Asia/Shanghai time wherever it bounds instants).',
});

builder.addScalarType('JSON', JSONResolver, {
  description: 'Any JSON value, e.g. a record as it was before or after a write (audit log).',
});

const DECIMAL = /^-?\d+(\.\d+)?$/;

function decimalFrom(value: unknown): string {
  if (typeof value === 'string' && DECIMAL.test(value)) return value;
  throw new GraphQLError('Decimal must be a string of digits, e.g. "98.13".', {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

builder.scalarType('Decimal', {
  description: 'An exact decimal number as a string, e.g. "98.1300" (no floating-point rounding).',
  serialize: (value) => (typeof value === 'object' ? value.toFixed() : String(value)),
  parseValue: decimalFrom,
  parseLiteral: (ast) => decimalFrom(ast.kind === Kind.STRING ? ast.value : undefined),
});

const INTEGER = /^-?\d+$/;

function bigIntFrom(value: unknown): bigint {
  if (typeof value === 'string' && INTEGER.test(value)) return BigInt(value);
  throw new GraphQLError('BigInt must be a string of digits, e.g. "41600000000".', {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

builder.scalarType('BigInt', {
  description: 'A whole number beyond 2^53 as a string of digits, e.g. money in fen (分).',
  serialize: (value) => String(value),
  parseValue: bigIntFrom,
  parseLiteral: (ast) => bigIntFrom(ast.kind === Kind.STRING ? ast.value : undefined),
});

type HubTypes = typeof builder.$inferSchemaTypes;

/** What the Prisma plugin leaves on a connection for its `totalCount`: the count or its loader. */
interface CountedConnection {
  totalCount?: number | (() => number | Promise<number>);
}

/**
 * A described `totalCount` for a connection type (in its `fields`). The Prisma plugin adds the
 * field without a description; this one replaces it and resolves it the same way.
 */
export function totalCountField<Shape>(
  t: PothosSchemaTypes.ObjectFieldBuilder<HubTypes, Shape>,
  description: string,
) {
  return t.int({
    description,
    extensions: { pothosPrismaTotalCount: true },
    resolve: async (connection) => {
      const { totalCount } = connection as CountedConnection;
      const count = typeof totalCount === 'function' ? await totalCount() : totalCount;
      if (count === undefined) throw new Error('totalCount was not loaded');
      return count;
    },
  });
}
