// Every write leaves an AuditLog row in the same transaction as the write itself, so either
// both are kept or neither is. Rows are kept HUB_AUDIT_RETENTION_DAYS (half a year by default)
// and pruned once a day after that.
import type { Context } from './context.ts';
import type { Database } from './db.ts';
import type { Prisma } from './generated/prisma/client.ts';
import { type ChangeAction, recordChange, recordTouch } from './live/changes.ts';
import type { Logger } from './logger.ts';

export interface AuditEntry {
  /** What was done: CREATE, UPDATE, UPSERT, TRANSITION, DELETE, BULK_UPSERT … */
  action: string;
  /** The model, e.g. "AssignmentSlip". */
  entity: string;
  entityId?: string | number | bigint | null;
  before?: unknown;
  after?: unknown;
}

/** JSON for the audit columns: BigInt and Decimal as strings, dates as ISO strings. */
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v)),
  ) as Prisma.InputJsonValue;
}

const statusOf = (image: unknown): string | null => {
  const status = (image as { status?: unknown } | null | undefined)?.status;
  return typeof status === 'string' ? status : null;
};

/** What the live hub learns of an audited write (see live/changes.ts). */
function noteChange(tx: object, entry: AuditEntry): void {
  const id = Number(entry.entityId);
  if (!Number.isSafeInteger(id)) {
    recordTouch(tx, entry.entity);
    return;
  }
  const action: ChangeAction =
    entry.action === 'CREATE' ? 'CREATED' : entry.action === 'TRANSITION' ? 'STATUS' : 'UPDATED';
  recordChange(tx, {
    table: entry.entity,
    id,
    action,
    from: statusOf(entry.before),
    to: statusOf(entry.after),
    // A transition moves the status and its time stamps only: nothing the KPI rollups count.
    ...(action === 'STATUS' ? { recounted: false } : {}),
  });
}

function auditRow(ctx: Pick<Context, 'principal' | 'requestId'>, entry: AuditEntry) {
  return {
    actor: ctx.principal?.subject ?? 'anonymous',
    role: ctx.principal?.role ?? 'NONE',
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    before: toJson(entry.before),
    after: toJson(entry.after),
    requestId: ctx.requestId,
  };
}

export async function audit(
  tx: Prisma.TransactionClient,
  ctx: Pick<Context, 'principal' | 'requestId'>,
  entry: AuditEntry,
): Promise<void> {
  await tx.auditLog.create({ data: auditRow(ctx, entry) });
  noteChange(tx, entry);
}

/** One row per record for bulk writes: a single multi-row insert. */
export async function auditMany(
  tx: Prisma.TransactionClient,
  ctx: Pick<Context, 'principal' | 'requestId'>,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.auditLog.createMany({ data: entries.map((entry) => auditRow(ctx, entry)) });
  for (const entry of entries) noteChange(tx, entry);
}

const DAY_MS = 86_400_000;

/** Rows deleted per statement, so a first prune of years of rows holds no long lock. */
const PRUNE_BATCH = 5000;

/** Deletes the audit rows older than `retentionDays` before `now`; returns how many went. */
export async function pruneAuditLog(
  db: Pick<Database, 'sql'>,
  retentionDays: number,
  now: Date,
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  let deleted = 0;
  for (;;) {
    const [batch] = await db.sql.query<{ n: number }>(
      `WITH gone AS (
         DELETE FROM "AuditLog" WHERE id IN (
           SELECT id FROM "AuditLog" WHERE at < $1::timestamptz ORDER BY id LIMIT ${PRUNE_BATCH})
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [cutoff],
    );
    const n = batch?.n ?? 0;
    deleted += n;
    if (n < PRUNE_BATCH) return deleted;
  }
}

export interface AuditPruningOptions {
  db: Pick<Database, 'sql'>;
  retentionDays: number;
  logger: Logger;
  clock?: () => Date;
  /** How often after the first prune, which runs at once. A day by default. */
  everyMs?: number;
}

/**
 * Prunes the audit log now and then every `everyMs`; returns a function that stops it and
 * resolves when a prune in progress is done. Every replica runs it: a second DELETE of the same
 * rows finds nothing, so no leader is needed.
 */
export function scheduleAuditPruning(options: AuditPruningOptions): () => Promise<void> {
  const { db, retentionDays, logger, clock = () => new Date(), everyMs = DAY_MS } = options;
  let running: Promise<void> = Promise.resolve();
  const prune = () => {
    running = running.then(async () => {
      try {
        const deleted = await pruneAuditLog(db, retentionDays, clock());
        if (deleted > 0) logger.info({ deleted, retentionDays }, 'pruned the audit log');
      } catch (error) {
        logger.warn({ err: error }, 'the audit log could not be pruned; trying again at the next turn');
      }
    });
  };
  prune();
  const timer = setInterval(prune, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
