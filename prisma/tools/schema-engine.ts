// The WASM build of Prisma's schema engine, used where the CLI would need its native engine
// (which cannot be downloaded here). Needs `node --experimental-wasm-modules` on Node 20.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { type DiffTarget, SchemaEngine } from '@prisma/schema-engine-wasm';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { externalTables } from './external-tables.ts';

export const schemaPath = resolve('prisma/schema.prisma');
export const migrationsDir = resolve('prisma/migrations');
const filters = { externalTables: [...externalTables], externalEnums: [] };

export function readSchema(path = schemaPath): string {
  return readFileSync(path, 'utf8');
}

/** The migrations directory as the engine expects it. */
export function migrationList(): DiffTarget {
  const lockPath = join(migrationsDir, 'migration_lock.toml');
  const dirs = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    tag: 'migrations',
    baseDir: migrationsDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((path) => ({
      path,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok', value: readFileSync(join(migrationsDir, path, 'migration.sql'), 'utf8') },
      },
    })),
  };
}

/**
 * Opens the engine. Without an adapter factory it works against a throwaway in-memory
 * PGlite, which also serves as the shadow database when migrations are replayed.
 */
export async function openSchemaEngine(
  adapterFactory?: SqlMigrationAwareDriverAdapterFactory,
  schemaFile = schemaPath,
): Promise<SchemaEngine> {
  const factory = adapterFactory ?? new PrismaPGlite(new PGlite());
  return SchemaEngine.new(
    { datamodels: [[schemaFile, readSchema(schemaFile)]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
}

/** The SQL that turns `from` into `to`; an empty string when they are the same. */
export async function diffScript(engine: SchemaEngine, from: DiffTarget, to: DiffTarget): Promise<string> {
  const result = await engine.diff({ from, to, script: true, exitCode: null, filters });
  const script = result.stdout ?? '';
  return /^\s*(--[^\n]*\n\s*)*--\s*This is an empty migration\.?\s*$/.test(script) || script.trim() === ''
    ? ''
    : script;
}

export function schemaTarget(schemaFile = schemaPath): DiffTarget {
  return { tag: 'schemaDatamodel', files: [{ path: schemaFile, content: readSchema(schemaFile) }] };
}

/** The live database behind the engine's adapter, introspected. */
export function liveDatabaseTarget(schemaFile = schemaPath): DiffTarget {
  return {
    tag: 'schemaDatasource',
    files: [{ path: schemaFile, content: readSchema(schemaFile) }],
    configDir: dirname(schemaFile),
  };
}
