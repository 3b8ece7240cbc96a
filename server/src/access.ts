// Which rows a caller may read. A DEPARTMENT token sees the rows of its department, a TOWNSHIP
// token the rows of its region subtree; the other roles are not limited. Every connection and
// every node lookup of a model that reaches a department or a region (directly or through a
// to-one relation) adds its model's fragment to the Prisma `where`, so a row outside the
// caller's scope is neither listed, counted nor fetched by id. A to-one relation to such a model
// (a case's enterprise, a visit's problem …) reads as null when the row it points to is outside
// the scope, the same as a node lookup of it (scopeToOneRelations).
import {
  defaultFieldResolver,
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  isNonNullType,
  isObjectType,
} from 'graphql';
import type { Access, Context } from './context.ts';
import type { Prisma, PrismaClient } from './generated/prisma/client.ts';

/** How one model's rows reach a department and a region; a missing way leaves that scope open. */
export interface ScopeRoutes<Where> {
  department?: (departmentId: number) => Where;
  region?: (inSubtree: Prisma.RegionWhereInput) => Where;
}

/** The `where` fragments that keep a caller inside its scope (none for an unlimited caller). */
export type RowScope<Where> = (access: Access) => Where[];

/** What a request keeps by key (a region's path, which rows are visible): made once per request. */
function perRequest<Key, Value>(
  store: WeakMap<Context, Map<Key, Value>>,
  ctx: Context,
  key: Key,
  make: () => Value,
): Value {
  let values = store.get(ctx);
  if (!values) {
    values = new Map();
    store.set(ctx, values);
  }
  let value = values.get(key);
  if (value === undefined) {
    value = make();
    values.set(key, value);
  }
  return value;
}

/** Every model's scope, by model name: what a to-one relation to the model is checked against. */
const modelScopes = new Map<Prisma.ModelName, RowScope<unknown>>();

/** The scope of one model's rows; each model has at most one. */
export function rowScope<Where>(model: Prisma.ModelName, routes: ScopeRoutes<Where>): RowScope<Where> {
  const scope: RowScope<Where> = (access) => {
    const fragments: Where[] = [];
    if (access.departmentId !== null && routes.department)
      fragments.push(routes.department(access.departmentId));
    if (access.regionPath !== null && routes.region) {
      fragments.push(routes.region({ path: { startsWith: access.regionPath } }));
    }
    return fragments;
  };
  if (modelScopes.has(model)) throw new Error(`${model} has a row scope already`);
  modelScopes.set(model, scope as RowScope<unknown>);
  return scope;
}

type IdLookup = { findMany(args: unknown): Promise<Array<{ id: number }>> };

const delegateOf = (prisma: PrismaClient, model: Prisma.ModelName) =>
  (prisma as unknown as Record<string, IdLookup>)[model.charAt(0).toLowerCase() + model.slice(1)] as IdLookup;

/**
 * Whether `access` may read one row of `model`, by the model's declared row scope; outside a
 * request (a live feed checks each record it pushes against a subscriber's scope). A model
 * without a scope is open to everyone; an unknown model is not readable.
 */
export async function rowVisible(
  prisma: PrismaClient,
  access: Pick<Access, 'departmentId' | 'regionPath'>,
  model: string,
  id: number,
): Promise<boolean> {
  if (access.departmentId === null && access.regionPath === null) return true;
  const scope = modelScopes.get(model as Prisma.ModelName);
  if (!scope) return false;
  const found = await delegateOf(prisma, model as Prisma.ModelName).findMany({
    where: { id, AND: scope({ ...access, sourceSystem: null }) },
    select: { id: true },
  });
  return found.length > 0;
}

/** Per request and model: the answer for each id asked, and the ids waiting for the next batch. */
interface VisibleRows {
  known: Map<number, Promise<boolean>>;
  waiting: Map<number, (visible: boolean) => void>;
}

const visibleRows = new WeakMap<Context, Map<Prisma.ModelName, VisibleRows>>();

/**
 * Whether the caller's scope holds this row. Asked for each item of a list as GraphQL resolves
 * it, so the ids asked before the event loop turns are checked together: one query per model
 * and level of the selection, never one per row.
 */
function inScope(ctx: Context, model: Prisma.ModelName, id: number): Promise<boolean> {
  const rows = perRequest(visibleRows, ctx, model, () => ({ known: new Map(), waiting: new Map() }));
  const known = rows.known.get(id);
  if (known) return known;
  const batch = rows;
  if (batch.waiting.size === 0) setImmediate(() => checkBatch(ctx, model, batch));
  const answer = new Promise<boolean>((resolve) => batch.waiting.set(id, resolve));
  batch.known.set(id, answer);
  return answer;
}

async function checkBatch(ctx: Context, model: Prisma.ModelName, rows: VisibleRows): Promise<void> {
  const waiting = new Map(rows.waiting);
  rows.waiting.clear();
  const scope = modelScopes.get(model) as RowScope<unknown>;
  const delegate = delegateOf(ctx.prisma, model);
  try {
    const found = await delegate.findMany({
      where: { id: { in: [...waiting.keys()] }, AND: scope(ctx.access) },
      select: { id: true },
    });
    const visible = new Set(found.map((row) => row.id));
    for (const [id, resolve] of waiting) resolve(visible.has(id));
  } catch {
    // Unknown is not visible; the request's own queries report what went wrong.
    for (const [id, resolve] of waiting) {
      rows.known.delete(id);
      resolve(false);
    }
  }
}

/**
 * Makes every to-one relation field whose target model has a row scope answer null for a row
 * outside the caller's scope. A non-null relation is one whose parent's scope already implies
 * its target's (a slip's problem, a visit's grid staff); should that ever not hold, the field
 * fails with FORBIDDEN rather than leak the row. Callers without a scope pay nothing.
 */
export function scopeToOneRelations(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const relation = field.extensions?.pothosPrismaRelationField as
        | { type: Prisma.ModelName; isList: boolean }
        | undefined;
      const scope = relation && !relation.isList ? modelScopes.get(relation.type) : undefined;
      if (!relation || !scope) continue;
      const model = relation.type;
      const required = isNonNullType(field.type);
      const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
      const visibleOrNull = async (row: unknown, ctx: Context): Promise<unknown> => {
        if (row === null || row === undefined) return row;
        const { id } = row as { id?: number };
        if (typeof id !== 'number')
          throw new Error(`${type.name}.${field.name}: ${model} loaded without its id`);
        if (await inScope(ctx, model, id)) return row;
        if (!required) return null;
        throw new GraphQLError(`${type.name}.${field.name} is outside your scope.`, {
          extensions: { code: 'FORBIDDEN' },
        });
      };
      field.resolve = (parent, args, ctx: Context, info) => {
        if (scope(ctx.access).length === 0) return resolve(parent, args, ctx, info);
        // A relation the parent did not load comes back as a PrismaPromise (a thenable).
        return Promise.resolve(resolve(parent, args, ctx, info)).then((row) => visibleOrNull(row, ctx));
      };
    }
  }
}

/** The database id inside a node's global id; rejects what cannot be one. */
export function rowId(id: string): number {
  const value = Number(id);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new GraphQLError(`Not a record id: ${id}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

/**
 * A node lookup's `where`: the id, and the caller's scope. With `nullable: true` on the node a
 * row outside the scope reads as null, the same as a row that does not exist.
 */
export function nodeWhere<Where>(scope: RowScope<Where>) {
  return (id: string, ctx: Context) => ({ id: rowId(id), AND: scope(ctx.access) });
}

const regionPaths = new WeakMap<Context, Map<string, Promise<string>>>();

/**
 * The materialised path of the region with this code, for a subtree filter; looked up once per
 * request (a connection's page and its totalCount share it). An unknown code is an error the
 * caller must fix, not an empty result.
 */
export function regionPath(ctx: Context, code: string): Promise<string> {
  return perRequest(regionPaths, ctx, code, () =>
    ctx.prisma.region.findUnique({ where: { code }, select: { path: true } }).then((region) => {
      if (!region) {
        throw new GraphQLError(`No region has the code ${code}.`, {
          extensions: { code: 'NOT_FOUND', field: 'regionCode' },
        });
      }
      return region.path;
    }),
  );
}

/** Rows whose region lies in the subtree of the region with this code (the region included). */
export async function inRegionSubtree(ctx: Context, code: string): Promise<Prisma.RegionWhereInput> {
  return { path: { startsWith: await regionPath(ctx, code) } };
}
