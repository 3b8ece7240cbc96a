// The Prisma client and the adapter choice: PGlite (embedded PostgreSQL in WASM) stored on
// disk when no DATABASE_URL is set, PostgreSQL through node-postgres when it is. Both speak
// the same SQL, so migrations, raw aggregates and the seed run unchanged on either.
import { AsyncLocalStorage } from 'node:async_hooks';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/prisma/client.ts';

/** Runs SQL text directly on the driver, outside Prisma. */
export interface SqlSession {
  /** One statement, with $1… parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A script of any number of statements, no parameters. */
  exec(sql: string): Promise<void>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for logs (a folder or a URL without its password). */
  location: string;
  prisma: PrismaClient;
  /** The driver adapter Prisma uses; also what the WASM schema engine can introspect. */
  adapter: SqlMigrationAwareDriverAdapterFactory;
  sql: SqlSession;
  /**
   * Runs fn on one dedicated connection. On PostgreSQL it holds a session-level advisory
   * lock for the duration when `lockKey` is given, so replicas take turns; `onWait` is called
   * when another replica holds the lock and this one starts waiting for it.
   */
  exclusive<T>(
    lockKey: number,
    fn: (session: SqlSession) => Promise<T>,
    options?: { onWait?: () => void },
  ): Promise<T>;
  /**
   * Runs fn so that the statements it starts stop when `signal` aborts (a query past its time
   * limit, a client gone): none starts after the abort, and on PostgreSQL the one running is
   * cancelled on the server. PGlite runs a statement to its end on this thread (it honours no
   * statement_timeout and no cancel), so there only the statements not yet started are spared.
   */
  cancelOn<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The database could not be opened; the message is one line for the operator. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

export interface DatabaseOptions {
  /** postgresql://… ; without it PGlite is used. */
  url?: string | undefined;
  /** PGlite's folder; `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined;
  /** Pool size on PostgreSQL. */
  poolSize?: number;
  /**
   * PostgreSQL: the server cancels any statement of the pool running longer than this
   * (statement_timeout), except in `exclusive` sessions (migrations and the seed run long
   * statements). Unset: no limit. PGlite cannot enforce it.
   */
  statementTimeoutMs?: number | undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url
    ? openPostgres(options.url, options.poolSize ?? 10, options.statementTimeoutMs)
    : openPglite(options.dataDir ?? './data');
}

/** The abort signal of the request whose statements run in this async context, if any. */
const statementSignal = new AsyncLocalStorage<AbortSignal>();

function abortedError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('The statement was cancelled.');
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/**
 * Makes the pool's promise queries cancellable (see Database.cancelOn): under a signal a query
 * takes a connection of its own, and an abort cancels its statement with pg_cancel_backend from
 * a separate connection (the pool may have none free). The connection goes back to the pool only
 * once that cancel is done, so a late cancel never hits another caller's statement; a cancel
 * reaching a backend that already finished is ignored by PostgreSQL.
 */
function cancellableQueries(pool: pg.Pool, url: string): void {
  const plainQuery = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  const cancelBackend = async (pid: number) => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.query('SELECT pg_cancel_backend($1)', [pid]);
    } catch {
      // The statement_timeout of the pool still ends the statement.
    } finally {
      await client.end().catch(() => {});
    }
  };
  const cancellable = async (signal: AbortSignal, args: unknown[]) => {
    if (signal.aborted) throw abortedError(signal);
    const client = await pool.connect();
    if (signal.aborted) {
      // Aborted while it waited for a connection.
      client.release();
      throw abortedError(signal);
    }
    let cancelling: Promise<void> | undefined;
    const cancel = () => {
      cancelling = cancelBackend((client as unknown as { processID: number }).processID);
    };
    signal.addEventListener('abort', cancel, { once: true });
    try {
      return await (client.query as (...args: unknown[]) => Promise<unknown>)(...args);
    } finally {
      signal.removeEventListener('abort', cancel);
      await cancelling;
      client.release();
    }
  };
  (pool as { query: unknown }).query = (...args: unknown[]) => {
    const signal = statementSignal.getStore();
    return signal && typeof args.at(-1) !== 'function' ? cancellable(signal, args) : plainQuery(...args);
  };
}

async function openPostgres(url: string, poolSize: number, statementTimeoutMs?: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5000,
    ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}),
    // No JIT: the KPI statements' estimates (CTEs, month series) pass jit_above_cost, and LLVM
    // then spends longer compiling than the statement runs: the blacklist series took 609 ms,
    // 516 ms of it JIT, on a database where it runs in under 100 ms without.
    options: '-c jit=off',
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  cancellableQueries(pool, url);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(
      `cannot reach PostgreSQL at ${redact(url)}: ${(error as Error).message || (error as { code?: string }).code}`,
    );
  }
  const adapter = new PrismaPg(pool);
  const prisma = new PrismaClient({ adapter });
  const sql: SqlSession = {
    query: async (text, params) => (await pool.query(text, params as unknown[])).rows,
    exec: async (text) => {
      await pool.query(text);
    },
  };
  return {
    kind: 'postgres',
    location: redact(url),
    prisma,
    adapter,
    sql,
    async exclusive(lockKey, fn, options) {
      const client = await pool.connect();
      const session: SqlSession = {
        query: async (text, params) => (await client.query(text, params as unknown[])).rows,
        exec: async (text) => {
          await client.query(text);
        },
      };
      try {
        // Migrations and the seed run statements far longer than any request may.
        await client.query('SET statement_timeout = 0');
        const [attempt] = (
          await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [lockKey])
        ).rows;
        if (!attempt?.locked) {
          options?.onWait?.();
          await client.query('SELECT pg_advisory_lock($1)', [lockKey]);
        }
        try {
          return await fn(session);
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [lockKey]);
        }
      } finally {
        await client.query('RESET statement_timeout').then(
          () => client.release(),
          (error: Error) => client.release(error),
        );
      }
    },
    cancelOn: (signal, fn) => statementSignal.run(signal, fn),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  let releaseFolder = () => {};
  if (!inMemory) {
    try {
      makeFolder(dataDir);
      accessSync(dataDir, constants.W_OK);
    } catch (error) {
      throw new DatabaseUnavailableError(
        `data folder ${dataDir} is not writable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); set HUB_DATA_DIR to a writable folder`,
      );
    }
    releaseFolder = claimFolder(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(inMemory ? undefined : join(dataDir, 'pglite'));
  } catch (error) {
    releaseFolder();
    throw new DatabaseUnavailableError(
      `cannot open the embedded database in ${dataDir}: ${(error as Error).message}`,
    );
  }
  const adapter = new PrismaPGlite(refuseAfterAbort(client));
  let turn: Promise<void> = Promise.resolve();
  const prisma = new PrismaClient({ adapter });
  const sql: SqlSession = {
    query: async <T>(text: string, params?: unknown[]) => (await client.query<T>(text, params)).rows,
    exec: async (text) => {
      await client.exec(text);
    },
  };
  return {
    kind: 'pglite',
    location: inMemory ? 'memory' : dataDir,
    prisma,
    adapter,
    sql,
    // PGlite is owned by this process (claimFolder keeps other processes out), so an
    // in-process queue is the whole lock.
    exclusive: (_lockKey, fn) => {
      const run = turn.then(() => fn(sql));
      turn = run.then(
        () => {},
        () => {},
      );
      return run;
    },
    cancelOn: (signal, fn) => statementSignal.run(signal, fn),
    async close() {
      await prisma.$disconnect();
      await client.close();
      releaseFolder();
    },
  };
}

/**
 * PGlite as Prisma sees it, except that a query started under an aborted signal (cancelOn) is
 * refused: a running statement cannot be interrupted, but the request's remaining ones need not
 * hold up the single connection.
 */
function refuseAfterAbort(client: PGlite): PGlite {
  const query: PGlite['query'] = (...args) => {
    const signal = statementSignal.getStore();
    if (signal?.aborted) return Promise.reject(abortedError(signal));
    return client.query(...args);
  };
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query') return query;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Creates the folder and its missing parents one level at a time: Node's recursive mkdirSync
 * never returns for some paths (under /proc, for one).
 */
function makeFolder(dir: string): void {
  const missing: string[] = [];
  let current = resolve(dir);
  while (!existsSync(current)) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) mkdirSync(folder);
}

/**
 * PGlite's files must not be opened by two processes at once. A pid file in the folder keeps
 * a second hub out while the first one is alive; a stale file from a crash is taken over.
 */
export function claimFolder(dataDir: string): () => void {
  const pidFile = join(dataDir, 'hub.pid');
  try {
    const other = Number(readFileSync(pidFile, 'utf8'));
    if (other && other !== process.pid && isAlive(other)) {
      throw new DatabaseUnavailableError(
        `data folder ${dataDir} is in use by another hub process (pid ${other}); stop it or set HUB_DATA_DIR`,
      );
    }
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw error;
  }
  writeFileSync(pidFile, String(process.pid));
  return () => rmSync(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
