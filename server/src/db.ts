// The Prisma client and the adapter choice: PGlite (embedded PostgreSQL in WASM) stored on
// disk when no DATABASE_URL is set, PostgreSQL through node-postgres when it is. Both speak
// the same SQL, so migrations, raw aggregates and the seed run unchanged on either.
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
   * lock for the duration when `lockKey` is given, so replicas take turns.
   */
  exclusive<T>(lockKey: number, fn: (session: SqlSession) => Promise<T>): Promise<T>;
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
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url
    ? openPostgres(options.url, options.poolSize ?? 10)
    : openPglite(options.dataDir ?? './data');
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
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
    async exclusive(lockKey, fn) {
      const client = await pool.connect();
      const session: SqlSession = {
        query: async (text, params) => (await client.query(text, params as unknown[])).rows,
        exec: async (text) => {
          await client.query(text);
        },
      };
      try {
        await client.query('SELECT pg_advisory_lock($1)', [lockKey]);
        try {
          return await fn(session);
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [lockKey]);
        }
      } finally {
        client.release();
      }
    },
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
  const adapter = new PrismaPGlite(client);
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
    async close() {
      await prisma.$disconnect();
      await client.close();
      releaseFolder();
    },
  };
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
function claimFolder(dataDir: string): () => void {
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
