// Every write leaves an AuditLog row in the same transaction as the write itself, so either
// both are kept or neither is.
import type { Context } from './context.ts';
import type { Prisma } from './generated/prisma/client.ts';
import { type ChangeAction, recordChange, recordTouch } from './live/changes.ts';

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
