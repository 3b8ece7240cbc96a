// What the live-*.test.ts files share: a hub on a real port over a fresh database with the
// writes fixture, a clock the test moves, WebSocket subscriptions collected into arrays, and
// HTTP writes as the integration system.
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, expect } from 'vitest';
import WebSocket from 'ws';
import { mintToken, type Principal } from '../../server/src/auth.ts';
import type { Database } from '../../server/src/db.ts';
import { createHubServer, type HubServer, type HubServerOptions } from '../../server/src/server.ts';
import { migratedDatabase } from '../fixtures/database.ts';
import { type Caller, insertFixture, secret } from './writes-fixture.ts';

export { secret };
export const screen: Caller = { role: 'SCREEN' };
export const staffCaller: Caller = { role: 'STAFF' };
export const integration: Caller = { role: 'INTEGRATION', sourceSystem: 'one-network' };

/** 2026-11-28 10:00 in Asia/Shanghai. */
export const start = new Date('2026-11-28T02:00:00.000Z');

export class MovableClock {
  constructor(public now: Date = start) {}
  readonly read = () => this.now;
}

const tokens = new Map<string, Promise<string>>();
export function tokenFor(caller: Caller): Promise<string> {
  const key = JSON.stringify(caller);
  let token = tokens.get(key);
  if (!token) {
    const principal: Principal = { subject: `live-test-${caller.role.toLowerCase()}`, ...caller };
    token = mintToken(secret, principal);
    tokens.set(key, token);
  }
  return token;
}

export interface RunningHub {
  hub: HubServer;
  url: string;
  ws: string;
}

export async function startHub(
  db: Database,
  clock: MovableClock,
  options: Partial<HubServerOptions> = {},
): Promise<RunningHub> {
  const hub = createHubServer({
    db,
    clock: clock.read,
    secret,
    dashboardDir: '/nonexistent/dist',
    ...options,
    live: { throttleMs: 250, tickMs: 100, alertEveryMs: 60_000, ...options.live },
  });
  const port = await hub.listen(0, '127.0.0.1');
  return { hub, url: `http://127.0.0.1:${port}/graphql`, ws: `ws://127.0.0.1:${port}/graphql` };
}

export async function prepare(db: Database) {
  return insertFixture(db.prisma);
}

/** A fresh migrated database with the writes fixture for this test file (`.db`), closed after it. */
export function fixtureDatabase(): { readonly db: Database } {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await migratedDatabase();
    await prepare(db);
  });
  afterAll(async () => {
    await db?.close();
  });
  return {
    get db() {
      if (!db) throw new Error('the fixture database is opened in beforeAll');
      return db;
    },
  };
}

/** Waits until `done()` holds, looking every 20 ms, for at most `timeoutMs`. */
export async function waitUntil(done: () => boolean, timeoutMs = 5_000): Promise<void> {
  for (let waited = 0; !done() && waited < timeoutMs; waited += 20) await sleep(20);
}

export async function post<T>(
  url: string,
  caller: Caller,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${await tokenFor(caller)}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as never;
}

export async function gql<T>(
  url: string,
  caller: Caller,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const result = await post<T>(url, caller, query, variables);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

export interface Message<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
  extensions?: { live?: { seq: number; snapshot: boolean } };
  /** When it arrived (ms since epoch). */
  at: number;
}

export interface Subscription<T> {
  messages: Message<T>[];
  client: Client;
  /** Resolves with the first message (after `from`) that satisfies `test`. */
  next(test: (message: Message<T>) => boolean, timeoutMs?: number, from?: number): Promise<Message<T>>;
  close(): Promise<void>;
}

export async function subscribe<T>(
  ws: string,
  caller: Caller | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Subscription<T>> {
  const token = caller ? await tokenFor(caller) : null;
  const client = createClient({
    url: ws,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
  const messages: Message<T>[] = [];
  const waiters = new Set<() => void>();
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        messages.push({ ...(value as Omit<Message<T>, 'at'>), at: Date.now() });
        for (const wake of waiters) wake();
      },
      error: (error) => {
        messages.push({
          errors: [{ message: String((error as Error)?.message ?? JSON.stringify(error)) }],
          at: Date.now(),
        });
        for (const wake of waiters) wake();
      },
      complete: () => {},
    },
  );
  return {
    messages,
    client,
    next(test, timeoutMs = 5000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.slice(from).find(test);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      unsubscribe();
      await client.dispose();
    },
  };
}

let counter = 0;
/** A case submitted `minutesAgo` before the clock, in the east township's village. */
export function newCase(clock: MovableClock, extra: Record<string, unknown> = {}) {
  counter += 1;
  const submittedAt = new Date(clock.now.getTime() - 60_000).toISOString();
  return {
    externalId: `LIVE-${process.pid}-${counter}`,
    itemCode: 'I-MSR-01',
    regionCode: '339901100201',
    channel: 'WEB',
    oneNetwork: true,
    applicantKind: 'PERSON',
    applicantName: '张三丰',
    applicantIdNumber: '330000199001010011',
    applicantPhone: '13800000000',
    status: 'SUBMITTED',
    submittedAt,
    ...extra,
  };
}

export const upsertCase = `mutation ($input: ServiceCaseInput!) {
  upsertServiceCase(input: $input) { outcome version serviceCase { id status } }
}`;

export const upsertCases = `mutation ($input: [ServiceCaseInput!]!) {
  upsertServiceCases(input: $input) { total created }
}`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
