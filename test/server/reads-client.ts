// A hub on a real port over the shared seeded database, and a GraphQL client that signs its
// requests with a token of the given role: what the reads-*.test.ts files share.
import { afterAll, beforeAll, expect } from 'vitest';
import { mintToken, type Principal, type Role } from '../../server/src/auth.ts';
import type { Database } from '../../server/src/db.ts';
import { createHubServer, type HubServer } from '../../server/src/server.ts';
import { seededDatabase, seedToday } from '../fixtures/database.ts';

export const secret = 'reads-test-secret-0123456789abcdef0123456789';
export const clock = () => seedToday;

export interface GraphQLResponse<T> {
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string } }>;
}

export interface Caller {
  role: Role;
  departmentCode?: string;
  regionCode?: string;
}

/** Starts a hub for the file; `db()` and `url()` are valid inside tests. */
export function readsHub(): { db: () => Database; url: () => string } {
  let db: Database;
  let hub: HubServer;
  let url: string;
  beforeAll(async () => {
    db = await seededDatabase();
    hub = createHubServer({ db, clock, secret, dashboardDir: '/nonexistent/dist' });
    url = `http://127.0.0.1:${await hub.listen(0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await hub?.stop();
  });
  return { db: () => db, url: () => url };
}

const tokens = new Map<string, Promise<string>>();

export function tokenFor(caller: Caller): Promise<string> {
  const key = JSON.stringify(caller);
  let token = tokens.get(key);
  if (!token) {
    const principal: Principal = { subject: `reads-test-${caller.role.toLowerCase()}`, ...caller };
    token = mintToken(secret, principal);
    tokens.set(key, token);
  }
  return token;
}

export async function request<T>(
  url: string,
  caller: Caller,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${await tokenFor(caller)}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** The data of a request that must succeed. */
export async function gql<T>(
  url: string,
  caller: Caller,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const result = await request<T>(url, caller, query, variables);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

export const admin: Caller = { role: 'ADMIN' };
export const analyst: Caller = { role: 'ANALYST' };
export const screen: Caller = { role: 'SCREEN' };

/** The database id behind a global id ("Type:id" in base64). */
export function databaseId(globalId: string): number {
  return Number(Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]);
}

export function globalId(typename: string, id: number): string {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}
