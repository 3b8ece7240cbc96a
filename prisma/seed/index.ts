// The deterministic seed: a fictional county (示例县) with history from 2022-01-01 to
// `today`. 2022 reproduces the office's work summary exactly; the years after follow the
// 2023 plan, their case volume multiplied by `scale`. The same `today` and `scale` always
// give the same data. Everything is written in one transaction on one connection, so a
// failed seed leaves nothing behind.
import type { Database, SqlSession } from '../../server/src/db.ts';
import { seedAwards } from './awards.ts';
import { seedCases, type YearFigures } from './cases.ts';
import { seedCatalogue } from './catalogue.ts';
import { createContext } from './context.ts';
import { seedCredit } from './credit.ts';
import { seedFunds } from './funds.ts';
import { seedGrid } from './grid.ts';
import { seedHalls } from './halls.ts';
import { seedIndicators } from './indicators.ts';
import { seedDepartments, seedPlaces } from './places.ts';
import { seedProblems } from './problems.ts';
import { SEED_VERSION } from './random.ts';
import { literal } from './sql.ts';

export interface SeedOptions {
  /** Multiplies case volume of the years after 2022 (2022 is always exact). Default 1. */
  scale?: number;
  /** The seed's "now"; history ends here. Default: the current time. */
  today?: Date;
  log?: (line: string) => void;
}

export interface SeedReport {
  version: string;
  today: string;
  scale: number;
  elapsedMs: number;
  /** Rows per table after seeding. */
  counts: Record<string, number>;
  /** Milliseconds per step, in order. */
  steps: Array<{ step: string; ms: number }>;
  /** Case figures per year as planned (2022 exact). */
  cases: YearFigures[];
}

/** The seed refuses to run on a database that already has data. */
export class SeedRefusedError extends Error {
  override name = 'SeedRefusedError';
}

/** Advisory-lock key shared by seeders on PostgreSQL ("hubs"), so two never run at once. */
const SEED_LOCK_KEY = 0x68756273;

export async function seedDatabase(db: Database, options: SeedOptions = {}): Promise<SeedReport> {
  const plan = planOf(options);
  return db.exclusive(SEED_LOCK_KEY, async (session) => {
    const [existing] = await session.query<{ seeded: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM "Region") AS seeded`,
    );
    if (existing?.seeded) {
      throw new SeedRefusedError(
        `the database at ${db.location} already has regions; the seed only runs on an empty, migrated database`,
      );
    }
    return seedOn(session, plan);
  });
}

/**
 * What a starting hub runs: seeds the database unless it has been seeded (or holds regions),
 * and returns null then. Replicas starting together take turns on the seed's lock, so the one
 * that waited finds the other's seed complete instead of a half-filled database; the check runs
 * on the lock's own connection, which has no statement timeout.
 */
export async function seedIfEmpty(
  db: Database,
  options: SeedOptions & { onWait?: () => void; onStart?: () => void } = {},
): Promise<SeedReport | null> {
  const plan = planOf(options);
  return db.exclusive(
    SEED_LOCK_KEY,
    async (session) => {
      const [state] = await session.query<{ seeded: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM "HubMeta" WHERE key = 'seed.completedAt')
             OR EXISTS (SELECT 1 FROM "Region") AS seeded`,
      );
      if (state?.seeded) return null;
      options.onStart?.();
      return seedOn(session, plan);
    },
    options.onWait ? { onWait: options.onWait } : {},
  );
}

interface SeedPlan {
  started: number;
  scale: number;
  today: Date;
  log: (line: string) => void;
}

function planOf(options: SeedOptions): SeedPlan {
  const started = Date.now();
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0)
    throw new RangeError(`seed scale must be a positive number, got ${scale}`);
  const today = options.today ?? new Date();
  if (Number.isNaN(today.getTime())) throw new RangeError('seed today is not a valid date');
  return { started, scale, today, log: options.log ?? (() => {}) };
}

async function seedOn(session: SqlSession, { started, scale, today, log }: SeedPlan): Promise<SeedReport> {
  const steps: SeedReport['steps'] = [];
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const stepStarted = Date.now();
    const result = await run();
    const ms = Date.now() - stepStarted;
    steps.push({ step: name, ms });
    log(`seed: ${name} (${ms} ms)`);
    return result;
  };

  let cases: YearFigures[] = [];
  await session.exec('BEGIN');
  try {
    const ctx = await createContext(session, { today, scale, log });
    const places = await step('places', () => seedPlaces(ctx));
    const departments = await step('departments', () => seedDepartments(ctx));
    const catalogue = await step('catalogue', () => seedCatalogue(ctx, departments));
    const halls = await step('halls', () => seedHalls(ctx, places, departments, catalogue));
    const grid = await step('grid', () => seedGrid(ctx, places, departments));
    cases = await step('cases', () => seedCases(ctx, places, catalogue, halls, grid));
    await step('indicators', () => seedIndicators(ctx, places, departments));
    await step('funds', () => seedFunds(ctx, departments, grid.enterprises));
    await step('problems', () => seedProblems(ctx, places, departments, grid));
    await step('credit', () => seedCredit(ctx, places, departments, grid.enterprises));
    await step('awards', () => seedAwards(ctx));
    await step('sequences', () => resetSequences(session));
    // Last: the meta rows, seed.completedAt after the others.
    await step('meta', async () => {
      const meta: Array<[string, string]> = [
        ['seed.version', SEED_VERSION],
        ['seed.today', today.toISOString()],
        ['seed.scale', String(scale)],
      ];
      for (const [key, value] of meta) {
        await session.exec(
          `INSERT INTO "HubMeta" (key, value, "updatedAt") VALUES (${literal(key)}, ${literal(value)}, now())`,
        );
      }
      await session.exec(
        `INSERT INTO "HubMeta" (key, value, "updatedAt") VALUES ('seed.completedAt', ${literal(new Date().toISOString())}, now())`,
      );
    });
    await session.exec('COMMIT');
  } catch (error) {
    await session.exec('ROLLBACK').catch(() => {});
    throw error;
  }
  await step('analyze', () => session.exec('ANALYZE'));

  const tables = await session.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
      ORDER BY table_name`,
  );
  // Cases are counted from the plan (exact by construction: the table was empty), which
  // spares a scan of millions of rows; every other table is counted.
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    if (name === 'ServiceCase') {
      counts[name] = cases.reduce((sum, year) => sum + year.total, 0);
      continue;
    }
    const [row] = await session.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`);
    counts[name] = row?.n ?? 0;
  }
  const elapsedMs = Date.now() - started;
  log(`seed: done in ${elapsedMs} ms, ${counts.ServiceCase ?? 0} cases`);
  return { version: SEED_VERSION, today: today.toISOString(), scale, elapsedMs, counts, steps, cases };
}

/** Rows were written with explicit ids; move every id sequence past them. */
async function resetSequences(session: SqlSession): Promise<void> {
  const sequences = await session.query<{ table_name: string; sequence: string }>(
    `SELECT c.table_name, pg_get_serial_sequence(format('%I', c.table_name), c.column_name) AS sequence
       FROM information_schema.columns c
      WHERE c.table_schema = current_schema() AND c.column_name = 'id'
        AND pg_get_serial_sequence(format('%I', c.table_name), c.column_name) IS NOT NULL`,
  );
  for (const { table_name, sequence } of sequences) {
    await session.exec(
      `SELECT setval(${literal(sequence)}, coalesce(m.id, 1), m.id IS NOT NULL) FROM (SELECT max(id) AS id FROM "${table_name}") m`,
    );
  }
}
