import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, seedScaleFor } from '../../server/src/config.ts';
import { DatabaseUnavailableError, openDatabase } from '../../server/src/db.ts';
import { migrate } from '../../server/src/migrate.ts';

describe('database choice', () => {
  it('keeps PGlite data on disk across close and reopen', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-data-'));
    const first = await openDatabase({ dataDir });
    await migrate(first);
    await first.prisma.department.create({
      data: { code: 'D-KEEP', name: '示例县数据局', shortName: '数据局' },
    });
    await first.close();

    const second = await openDatabase({ dataDir });
    try {
      expect((await migrate(second)).applied).toEqual([]);
      const found = await second.prisma.department.findUnique({ where: { code: 'D-KEEP' } });
      expect(found?.name).toBe('示例县数据局');
    } finally {
      await second.close();
    }
  });

  it('keeps a second process out of a PGlite folder in use', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-data-'));
    const db = await openDatabase({ dataDir });
    try {
      const child = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          `import('./server/src/db.ts').then(m => m.openDatabase({ dataDir: ${JSON.stringify(dataDir)} })).then(() => process.exit(0), e => { console.error(e.message); process.exit(3); })`,
        ],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(child.stderr).toContain(
        `data folder ${dataDir} is in use by another hub process (pid ${process.pid})`,
      );
      expect(child.status).toBe(3);
    } finally {
      await db.close();
    }
  });

  it('refuses a data folder under /proc at once (recursive mkdir would never return there)', async () => {
    await expect(openDatabase({ dataDir: '/proc/hub-data/pglite' })).rejects.toThrow(
      'data folder /proc/hub-data/pglite is not writable (ENOENT)',
    );
  });

  it('refuses an unwritable data folder with one clear line', async () => {
    const attempt = openDatabase({ dataDir: '/dev/null/hub-data' });
    await expect(attempt).rejects.toThrow(DatabaseUnavailableError);
    await expect(openDatabase({ dataDir: '/dev/null/hub-data' })).rejects.toThrow(
      /^data folder \/dev\/null\/hub-data is not writable \(\w+\); set HUB_DATA_DIR to a writable folder$/,
    );
  });

  it('runs PostgreSQL statements without JIT (compiling cost more than the KPI statements run)', async () => {
    const db = await openDatabase({
      url: process.env.HUB_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    });
    try {
      expect(await db.sql.query<{ jit: string }>('SHOW jit')).toEqual([{ jit: 'off' }]);
    } finally {
      await db.close();
    }
  });

  it('refuses an unreachable PostgreSQL with one clear line and no password in it', async () => {
    await expect(openDatabase({ url: 'postgresql://hub:secret@127.0.0.1:1/hub' })).rejects.toThrow(
      /^cannot reach PostgreSQL at postgresql:\/\/hub:\*\*\*@127\.0\.0\.1:1\/hub: .*ECONNREFUSED/,
    );
  });
});

describe('seed volume by database', () => {
  it('is realistic on PostgreSQL and half of it on the embedded database unless HUB_SEED_SCALE says', () => {
    const unset = loadConfig({});
    expect(seedScaleFor(unset, 'postgres')).toBe(1);
    expect(seedScaleFor(unset, 'pglite')).toBe(0.5);
    const set = loadConfig({ HUB_SEED_SCALE: '3' });
    expect(seedScaleFor(set, 'postgres')).toBe(3);
    expect(seedScaleFor(set, 'pglite')).toBe(3);
    expect(() => loadConfig({ HUB_SEED_SCALE: '-1' })).toThrow(ConfigError);
  });
});
