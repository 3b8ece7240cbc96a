// Audit rows and log files are kept half a year, then go: the hub prunes the audit log at start
// and daily; the log files roll and all but the newest HUB_LOG_RETENTION_DAYS are deleted.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { beforeAll, expect, test } from 'vitest';
import { pruneAuditLog, scheduleAuditPruning } from '../../server/src/audit.ts';
import type { Database } from '../../server/src/db.ts';
import { logFileOptions, logger } from '../../server/src/logger.ts';
import { migratedDatabase } from '../fixtures/database.ts';

let db: Database;
const now = new Date('2026-11-28T10:00:00+08:00');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

beforeAll(async () => {
  db = await migratedDatabase();
});

async function auditRowAt(at: Date, entityId: string): Promise<void> {
  await db.prisma.auditLog.create({
    data: { at, actor: 'retention-test', role: 'ADMIN', action: 'UPDATE', entity: 'Retention', entityId },
  });
}

async function keptIds(): Promise<string[]> {
  const rows = await db.prisma.auditLog.findMany({
    where: { entity: 'Retention' },
    orderBy: { entityId: 'asc' },
    select: { entityId: true },
  });
  return rows.map((row) => row.entityId ?? '');
}

test('pruning deletes the audit rows older than the retention, in batches, and keeps the rest', async () => {
  for (let i = 0; i < 12; i += 1) await auditRowAt(daysAgo(400 + i), `old-${i}`);
  await db.sql.exec(
    `INSERT INTO "AuditLog" (at, actor, role, action, entity, "entityId")
     SELECT '${daysAgo(200).toISOString()}', 'retention-test', 'ADMIN', 'UPDATE', 'Bulk', g::text
       FROM generate_series(1, 12000) g`,
  );
  await auditRowAt(daysAgo(184), 'a-184');
  await auditRowAt(daysAgo(182), 'b-182');
  await auditRowAt(daysAgo(1), 'c-1');

  const deleted = await pruneAuditLog(db, 183, now);

  expect(deleted).toBe(12 + 12_000 + 1);
  expect(await keptIds()).toEqual(['b-182', 'c-1']);
  expect(await db.prisma.auditLog.count({ where: { entity: 'Bulk' } })).toBe(0);
});

test('the schedule prunes at once, then on its interval, until stopped', async () => {
  await auditRowAt(daysAgo(30), 'd-30');
  const stop = scheduleAuditPruning({ db, retentionDays: 10, logger, clock: () => now, everyMs: 3_600_000 });
  await stop();
  expect(await keptIds()).toEqual(['c-1']);
});

test('log files roll and all but the newest `retention` files are deleted, earlier runs’ too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-logs-'));
  for (const day of ['01', '02', '03', '04']) writeFileSync(join(dir, `hub.2026-01-${day}.1.log`), '{}\n');
  // Rolls every 100 ms instead of daily, so a few rolls happen within the test.
  const transport = pino.transport({ target: 'pino-roll', options: logFileOptions(dir, 2, 100) });
  const fileLogger = pino({ base: null }, transport);
  const logs = () => readdirSync(dir).filter((name) => /^hub\..*\.log$/.test(name));
  try {
    const deadline = Date.now() + 20_000;
    let n = 0;
    while (logs().some((name) => name.startsWith('hub.2026-01-')) || logs().length > 2) {
      if (Date.now() > deadline) throw new Error(`still there: ${logs().join(', ')}`);
      n += 1;
      fileLogger.info({ n }, 'a line');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    n += 1;
    fileLogger.info({ n }, 'the last line');
    fileLogger.flush();
    await expect
      .poll(() => readFileSync(join(dir, 'current.log'), 'utf8'), { timeout: 10_000 })
      .toContain(`"n":${n}`);
    expect(logs().length).toBeLessThanOrEqual(2);
  } finally {
    transport.end();
  }
});
