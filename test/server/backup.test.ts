// `pnpm hub backup` / `restore` of the embedded database: a round trip keeps every row, a
// restore never overwrites a database, and a running hub's folder is refused.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openDatabase } from '../../server/src/db.ts';
import { migrate } from '../../server/src/migrate.ts';

const hub = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/hub.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', HUB_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 120_000,
  });

test('a backup restored into an empty folder holds the same rows; a restore over data is refused', async () => {
  const root = mkdtempSync(join(tmpdir(), 'hub-backup-'));
  const source = join(root, 'source');
  const db = await openDatabase({ dataDir: source });
  try {
    await migrate(db);
    await db.prisma.hubMeta.create({ data: { key: 'backup.test', value: '备份往返' } });
  } finally {
    await db.close();
  }

  const file = join(root, 'hub.tar.gz');
  const backup = hub(source, 'backup', file);
  expect(backup.stderr).toBe('');
  expect(backup.status).toBe(0);
  expect(backup.stdout).toMatch(/^backed up .* to .*hub\.tar\.gz \([\d,]+ bytes\)$/m);

  const target = join(root, 'target');
  const restore = hub(target, 'restore', file);
  expect(restore.stderr).toBe('');
  expect(restore.status).toBe(0);

  const restored = await openDatabase({ dataDir: target });
  try {
    expect(await restored.prisma.hubMeta.findUnique({ where: { key: 'backup.test' } })).toMatchObject({
      value: '备份往返',
    });
    const report = await migrate(restored);
    expect(report.applied).toEqual([]);
  } finally {
    await restored.close();
  }

  const again = hub(target, 'restore', file);
  expect(again.status).toBe(1);
  expect(again.stderr.trim()).toMatch(/^hub: .*already holds a database; move it away/);
}, 300_000);

test('a folder in use by a running hub is refused with one line', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-backup-busy-'));
  const db = await openDatabase({ dataDir });
  try {
    const result = hub(dataDir, 'backup', join(dataDir, 'x.tar.gz'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/in use by another hub process/);
  } finally {
    await db.close();
  }
}, 300_000);
