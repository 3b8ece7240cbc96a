// What the live-*.test.ts files share: a hub on a real port over a fresh database with the
// writes fixture, a clock the test moves, WebSocket subscriptions collected into arrays, and
// HTTP writes as the integration system.
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, expect } from 'vitest';
import WebSocket from 'ws';
import { mintToken, type Principal } from '../../server/src/auth.ts';
import type { Database, SqlSession } from '../../server/src/db.ts';
import { type LiveBus, memoryBus } from '../../server/src/live/bus.ts';
import type { Scheduler, Timer } from '../../server/src/live/scheduler.ts';
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

/**
 * A memory bus whose stream-number reads a test watches. A live query's snapshot reads the
 * number of its stream (`live:<key>`) once, right after registering and right before computing:
 * counting those reads counts snapshots, and work done inside one lands between the two.
 */
export function watchedBus(onSnapshot: () => Promise<void> | void = () => {}): {
  bus: LiveBus;
  counted: { snapshots: number };
} {
  const inner = memoryBus();
  const counted = { snapshots: 0 };
  const bus: LiveBus = {
    ...inner,
    async lastNumber(stream) {
      const last = await inner.lastNumber(stream);
      if (stream.startsWith('live:')) {
        counted.snapshots += 1;
        await onSnapshot();
      }
      return last;
    },
  };
  return { bus, counted };
}

/** The database with every SQL statement's rows passed through `after` before they are returned. */
export function watchedDatabase(db: Database, after: () => Promise<void> | void): Database {
  const sql: SqlSession = {
    async query(text, params) {
      const rows = await db.sql.query(text, params);
      await after();
      return rows as never;
    },
    exec: (text) => db.sql.exec(text),
  };
  return new Proxy(db, { get: (target, name) => (name === 'sql' ? sql : Reflect.get(target, name)) });
}

/**
 * Time for the live hub that passes only when the test says so (`advance`). A timer already due
 * (a zero delay) runs on the next turn of the event loop, as Node's would; later ones run, in the
 * order they are due, when `advance` reaches them.
 */
export class ManualScheduler implements Scheduler {
  private time = 1_000_000;
  private timers: Array<{ at: number; order: number; run: () => void }> = [];
  private order = 0;
  private flushing = false;

  now(): number {
    return this.time;
  }

  setTimeout(run: () => void, ms: number): Timer {
    const timer = { at: this.time + Math.max(0, ms), order: this.order++, run };
    this.timers.push(timer);
    if (timer.at <= this.time) this.flushSoon();
    return timer;
  }

  clearTimeout(timer: Timer): void {
    this.timers = this.timers.filter((pending) => pending !== timer);
  }

  /** Timers waiting, not yet due. */
  get pending(): number {
    return this.timers.filter((timer) => timer.at > this.time).length;
  }

  /** Moves time forward by `ms`, running every timer due on the way in order (each at its time). */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      const due = this.nextDue(target);
      if (!due) break;
      this.time = Math.max(this.time, due.at);
      this.timers = this.timers.filter((pending) => pending !== due);
      due.run();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.time = target;
  }

  private nextDue(until: number) {
    let first: (typeof this.timers)[number] | undefined;
    for (const timer of this.timers) {
      if (
        timer.at <= until &&
        (!first || timer.at < first.at || (timer.at === first.at && timer.order < first.order))
      )
        first = timer;
    }
    return first;
  }

  private flushSoon(): void {
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => {
      this.flushing = false;
      void this.advance(0);
    });
  }
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
