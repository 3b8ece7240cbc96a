// Applies prisma/migrations/*/migration.sql in order, each in its own transaction, and
// records them in Prisma's `_prisma_migrations` table so `prisma migrate status/deploy`
// agree where the native engine exists. Then it puts the KPI change trigger on every table that
// lacks it, so a new model's writes expire the figures reading it without a list to keep.
// Replicas starting together take turns on a PostgreSQL advisory lock; the second finds nothing
// left to apply.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, SqlSession } from './db.ts';

export const defaultMigrationsDir = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../prisma/migrations',
);

/** Arbitrary constant shared by every replica: "hub-migrate". */
const MIGRATION_LOCK_KEY = 0x6875626d;

const createTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
  /** Applied migrations whose file changed afterwards. */
  modified: string[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function readMigrations(dir = defaultMigrationsDir): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export async function migrate(db: Database, dir = defaultMigrationsDir): Promise<MigrationReport> {
  const migrations = readMigrations(dir);
  return db.exclusive(MIGRATION_LOCK_KEY, async (session) => {
    await session.exec(createTable);
    const rows = await session.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    const report: MigrationReport = { applied: [], alreadyApplied: [], modified: [] };
    for (const migration of migrations) {
      const checksum = done.get(migration.name);
      if (checksum !== undefined) {
        report.alreadyApplied.push(migration.name);
        if (checksum !== migration.checksum) report.modified.push(migration.name);
        continue;
      }
      await applyOne(session, migration);
      report.applied.push(migration.name);
    }
    await session.exec(installChangeTriggers);
    return report;
  });
}

/**
 * Tables whose writes must not add to "KpiChange": the counter itself (its trigger would fire on
 * its own inserts without end); the rollups, written only by the triggers on "ServiceCase",
 * whose own change is counted once there; the runner's book of migrations; "HubMeta", where the
 * hub saves its live queries (its writes change no figure and would wake the hub's own check
 * for writes it did not hear of); "ApiKey", whose `lastUsedAt` moves with use and which no
 * field reads. Every other table, models added later included, gets the trigger.
 */
export const untrackedTables = [
  'KpiChange',
  'KpiAreaDay',
  'KpiAreaMonth',
  'KpiCaseDay',
  'KpiCaseMonth',
  'KpiCaseItemMonth',
  '_prisma_migrations',
  'HubMeta',
  'ApiKey',
] as const;

/**
 * Puts the `kpi_touch` trigger (20261128120000_kpi_change_tables) on every table of the schema
 * that lacks it, in one statement; a second run finds none missing and changes nothing.
 */
const installChangeTriggers = `
DO $$
DECLARE
  missing text;
BEGIN
  -- A folder of migrations that never created the function (tests of the runner itself).
  IF to_regproc('kpi_touch') IS NULL THEN
    RETURN;
  END IF;
  FOR missing IN
    SELECT c.relname FROM pg_class c
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
       AND c.relname <> ALL (ARRAY[${untrackedTables.map((table) => `'${table}'`).join(', ')}])
       AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = c.relname || '_kpi_touch')
     ORDER BY 1
  LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "kpi_touch"()',
      missing || '_kpi_touch', missing);
  END LOOP;
END
$$`;

async function applyOne(session: SqlSession, migration: MigrationFile): Promise<void> {
  const startedAt = new Date();
  try {
    await session.exec('BEGIN');
    await session.exec(migration.sql);
    await session.query(
      `INSERT INTO "_prisma_migrations"
         (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, $4, 1)`,
      [randomUUID(), migration.checksum, migration.name, startedAt.toISOString()],
    );
    await session.exec('COMMIT');
  } catch (error) {
    await session.exec('ROLLBACK').catch(() => {});
    throw new MigrationError(
      `migration ${migration.name} failed and was rolled back: ${(error as Error).message}`,
    );
  }
}
