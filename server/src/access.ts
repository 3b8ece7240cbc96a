// Which rows a caller may read. A DEPARTMENT token sees the rows of its department, a TOWNSHIP
// token the rows of its region subtree; the other roles are not limited. Every connection and
// every node lookup of a model that reaches a department or a region (directly or through a
// to-one relation) adds its model's fragment to the Prisma `where`, so a row outside the
// caller's scope is neither listed, counted nor fetched by id.
import { GraphQLError } from 'graphql';
import type { Access, Context } from './context.ts';
import type { Prisma } from './generated/prisma/client.ts';

/** How one model's rows reach a department and a region; a missing way leaves that scope open. */
export interface ScopeRoutes<Where> {
  department?: (departmentId: number) => Where;
  region?: (inSubtree: Prisma.RegionWhereInput) => Where;
}

/** The `where` fragments that keep a caller inside its scope (none for an unlimited caller). */
export type RowScope<Where> = (access: Access) => Where[];

export function rowScope<Where>(routes: ScopeRoutes<Where>): RowScope<Where> {
  return (access) => {
    const fragments: Where[] = [];
    if (access.departmentId !== null && routes.department)
      fragments.push(routes.department(access.departmentId));
    if (access.regionPath !== null && routes.region) {
      fragments.push(routes.region({ path: { startsWith: access.regionPath } }));
    }
    return fragments;
  };
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
  let paths = regionPaths.get(ctx);
  if (!paths) {
    paths = new Map();
    regionPaths.set(ctx, paths);
  }
  let path = paths.get(code);
  if (!path) {
    path = ctx.prisma.region.findUnique({ where: { code }, select: { path: true } }).then((region) => {
      if (!region) {
        throw new GraphQLError(`No region has the code ${code}.`, {
          extensions: { code: 'NOT_FOUND', field: 'regionCode' },
        });
      }
      return region.path;
    });
    paths.set(code, path);
  }
  return path;
}

/** Rows whose region lies in the subtree of the region with this code (the region included). */
export async function inRegionSubtree(ctx: Context, code: string): Promise<Prisma.RegionWhereInput> {
  return { path: { startsWith: await regionPath(ctx, code) } };
}
