// `pnpm hub backup <file>` and `pnpm hub restore <file>` for the embedded database (PGlite
// under HUB_DATA_DIR): a backup is PGlite's own dump of its data folder, a gzipped tar that
// PGlite loads back as it is. Both need the hub stopped (the folder is claimed as the hub
// claims it). PostgreSQL is backed up with its own tools, pg_dump and pg_restore (README).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Config } from '../config.ts';
import { ConfigError } from '../config.ts';
import { claimFolder } from '../db.ts';

function embeddedOnly(config: Config, command: string): void {
  if (config.DATABASE_URL) {
    throw new ConfigError(
      `${command} is for the embedded database; with DATABASE_URL use pg_dump -Fc / pg_restore (see the README's backups section)`,
    );
  }
}

/** Writes a gzipped tar of the embedded database to `file`; returns its size in bytes. */
export async function backupEmbedded(config: Config, file: string): Promise<number> {
  embeddedOnly(config, 'backup');
  const folder = join(config.dataDir, 'pglite');
  if (!existsSync(folder)) throw new ConfigError(`no embedded database in ${config.dataDir} to back up`);
  const release = claimFolder(config.dataDir);
  try {
    const db = await PGlite.create(folder);
    try {
      const dump = await db.dumpDataDir('gzip');
      const bytes = Buffer.from(await dump.arrayBuffer());
      writeFileSync(resolve(file), bytes);
      return bytes.length;
    } finally {
      await db.close();
    }
  } finally {
    release();
  }
}

/**
 * Loads a backup into HUB_DATA_DIR, which must hold no embedded database yet (move the old one
 * away first: a restore never overwrites data). Returns the migrations the backup had applied.
 */
export async function restoreEmbedded(config: Config, file: string): Promise<number> {
  embeddedOnly(config, 'restore');
  if (!existsSync(file)) throw new ConfigError(`no backup file ${file}`);
  const folder = join(config.dataDir, 'pglite');
  if (existsSync(folder) && readdirSync(folder).length > 0) {
    throw new ConfigError(
      `${folder} already holds a database; move it away before restoring into ${config.dataDir}`,
    );
  }
  mkdirSync(config.dataDir, { recursive: true });
  const release = claimFolder(config.dataDir);
  try {
    const db = await PGlite.create(folder, { loadDataDir: new Blob([readFileSync(file)]) });
    try {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
      return rows[0]?.n ?? 0;
    } finally {
      await db.close();
    }
  } finally {
    release();
  }
}
