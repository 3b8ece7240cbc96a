import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db.ts';
import { defaultMigrationsDir, MigrationError, migrate, readMigrations } from '../../server/src/migrate.ts';
import { backend, createPostgresDatabase, emptyDatabase } from '../fixtures/database.ts';

function runTool(script: string, args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--experimental-wasm-modules', '--no-warnings', '--import', 'tsx', script, ...args],
    { encoding: 'utf8', timeout: 120_000 },
  );
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

describe(`migrations (${backend})`, () => {
  it('yield exactly the schema in schema.prisma', async () => {
    const args = backend === 'postgres' ? ['--url', await createPostgresDatabase()] : [];
    const { code, out } = runTool('prisma/tools/verify-migrations.ts', args);
    expect(out).toContain(`identical: ${readMigrations().length} migrations on pglite yield the schema`);
    if (backend === 'postgres')
      expect(out).toMatch(/identical: postgres catalog equals pglite's \(\d+ objects\)/);
    expect(code).toBe(0);
  });

  it('are caught when the schema has changes no migration holds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-schema-'));
    const schema = readFileSync('prisma/schema.prisma', 'utf8').replace(
      'model Region {\n',
      'model Region {\n  motto String?\n',
    );
    writeFileSync(join(dir, 'schema.prisma'), schema);
    const { code, out } = runTool('prisma/tools/verify-migrations.ts', [
      '--schema',
      join(dir, 'schema.prisma'),
    ]);
    expect(out).toContain('ALTER TABLE "Region" ADD COLUMN     "motto" TEXT');
    expect(code).toBe(1);
  });

  it('have no pending schema change (pnpm db:migration --check)', () => {
    const { code, out } = runTool('prisma/tools/create-migration.ts', ['--check']);
    expect(out).toContain('migrations match prisma/schema.prisma');
    expect(code).toBe(0);
  });

  it('are applied once and recorded in _prisma_migrations with their checksums', async () => {
    const db = await emptyDatabase();
    const files = readMigrations();
    const first = await migrate(db);
    expect(first.applied).toEqual(files.map((file) => file.name));
    const second = await migrate(db);
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied, modified: [] });
    const rows = await db.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((row) => [row.migration_name, row.checksum])).toEqual(
      files.map((file) => [file.name, file.checksum]),
    );
    expect(rows.every((row) => row.finished_at instanceof Date)).toBe(true);
  });

  it('roll back a failing migration whole and record nothing of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-migrations-'));
    cpSync(defaultMigrationsDir, dir, { recursive: true });
    mkdirSync(join(dir, '29990101000000_broken'));
    writeFileSync(
      join(dir, '29990101000000_broken', 'migration.sql'),
      'CREATE TABLE "Half" (id int);\nINSERT INTO "Half" VALUES (1);\nSELECT * FROM "NoSuchTable";\n',
    );
    const db = await emptyDatabase();
    await expect(migrate(db, dir)).rejects.toThrow(MigrationError);
    await expect(migrate(db, dir)).rejects.toThrow(/29990101000000_broken failed and was rolled back/);
    const half = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = 'Half'`,
    );
    expect(half[0]?.n).toBe(0);
    const recorded = await db.sql.query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(recorded.map((row) => row.migration_name)).toEqual(readMigrations().map((file) => file.name));
  });

  it('key the follow-ups and credit repairs already stored when source systems arrive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-migrations-'));
    cpSync(defaultMigrationsDir, dir, { recursive: true });
    const sourceSystems = readMigrations().find((file) => file.name.endsWith('_source_systems'));
    expect(sourceSystems).toBeDefined();
    rmSync(join(dir, sourceSystems!.name), { recursive: true });
    const db = await emptyDatabase();
    await migrate(db, dir);
    await db.sql.exec(`
      INSERT INTO "Department" (id, code, name, "shortName", "updatedAt") VALUES (1, 'D-1', '县市场监督管理局', '市场监管', now());
      INSERT INTO "Region" (id, code, name, level, kind, path, "updatedAt")
        VALUES (1, '339901000000', '示例县', 'COUNTY', 'COUNTY', '/1/', now());
      INSERT INTO "Problem" (id, code, title, source, "ownerDepartmentId", "reportedOn", status, "updatedAt")
        VALUES (1, 'WT202200001', '用地手续', 'COUNTY_POOL', 1, '2022-03-01', 'IN_PROGRESS', now());
      INSERT INTO "ProblemFollowUp" ("problemId", "followedOn", note) VALUES
        (1, '2022-03-27', '第一次跟踪'), (1, '2022-03-27', '同日第二条'), (1, '2022-04-27', '第二次跟踪');
      INSERT INTO "CreditSubject" (id, "creditCode", name, "regionId", "registeredOn", "updatedAt")
        VALUES (1, '91339901MA00000011', '示例恒信科技有限公司', 1, '2019-04-01', now());
      INSERT INTO "BlacklistEntry" (id, "sourceSystem", "externalId", "subjectId", "sourceDepartmentId", reason, "listedOn", "updatedAt")
        VALUES (1, 'credit-platform', 'SX000001', 1, 1, '拒不履行', '2022-01-05', now());
      INSERT INTO "CreditRepair" ("subjectId", "blacklistEntryId", "appliedOn", status, "updatedAt") VALUES
        (1, 1, '2022-02-09', 'APPROVED', now()), (1, NULL, '2022-05-10', 'SUBMITTED', now());
      INSERT INTO "Enterprise" ("creditCode", name, industry, scale, "regionId", "registeredOn", "updatedAt")
        VALUES ('91339901MA00000011', '示例恒信科技有限公司', '制造业', 'SMALL', 1, '2019-04-01', now());
    `);
    expect((await migrate(db, defaultMigrationsDir)).applied).toEqual([sourceSystems!.name]);
    expect(
      await db.sql.query(`SELECT "sourceSystem", "externalId", note FROM "ProblemFollowUp" ORDER BY id`),
    ).toEqual([
      { sourceSystem: 'hub', externalId: 'WT202200001/2022-03-27', note: '第一次跟踪' },
      { sourceSystem: 'hub', externalId: 'WT202200001/2022-03-27#2', note: '同日第二条' },
      { sourceSystem: 'hub', externalId: 'WT202200001/2022-04-27', note: '第二次跟踪' },
    ]);
    expect(await db.sql.query(`SELECT "sourceSystem", "externalId" FROM "CreditRepair" ORDER BY id`)).toEqual(
      [
        { sourceSystem: 'hub', externalId: '91339901MA00000011/credit-platform:SX000001/2022-02-09' },
        { sourceSystem: 'hub', externalId: '91339901MA00000011/-/2022-05-10' },
      ],
    );
    expect(await db.sql.query(`SELECT "sourceSystem" FROM "Enterprise"`)).toEqual([{ sourceSystem: 'hub' }]);
  });

  it('notice an applied migration whose file changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-migrations-'));
    cpSync(defaultMigrationsDir, dir, { recursive: true });
    const db = await emptyDatabase();
    await migrate(db, dir);
    const [first] = readMigrations(dir);
    writeFileSync(join(dir, first!.name, 'migration.sql'), `${first!.sql}\n-- edited\n`);
    expect((await migrate(db, dir)).modified).toEqual([first!.name]);
  });

  it('are applied by only one of several replicas starting together', async () => {
    const url = backend === 'postgres' ? await createPostgresDatabase() : undefined;
    // PGlite belongs to one process, so "replicas" share it; on PostgreSQL each replica has
    // its own pool and the advisory lock makes them take turns.
    const replicas =
      url !== undefined
        ? await Promise.all([1, 2, 3].map(() => openDatabase({ url, poolSize: 2 })))
        : [await emptyDatabase()];
    try {
      const targets = url !== undefined ? replicas : [replicas[0]!, replicas[0]!, replicas[0]!];
      const reports = await Promise.all(targets.map((db) => migrate(db)));
      const applied = reports.flatMap((report) => report.applied);
      expect(applied).toEqual(readMigrations().map((file) => file.name));
      const rows = await replicas[0]!.sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM "_prisma_migrations"',
      );
      expect(rows[0]?.n).toBe(readMigrations().length);
    } finally {
      if (url !== undefined) await Promise.all(replicas.map((db) => db.close()));
    }
  });
});
