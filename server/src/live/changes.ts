// What a transaction wrote, collected while it runs and handed to the live hub after it
// commits: which tables changed (for the KPI pushes) and which rows (for the event feeds).
// Writes record their changes where they happen (the upsert engine, audit rows); the log is
// found through the transaction client itself, so no write signature carries it (and no
// AsyncLocalStorage: on Node 20 it turns on promise hooks for the whole process).
import type { CaseFact } from '../schema/services/case-facts.ts';

export type ChangeAction = 'CREATED' | 'UPDATED' | 'STATUS';

export interface RowChange {
  table: string;
  id: number;
  action: ChangeAction;
  /** For rows with a status: the status before the write (null for a new row) and after. */
  from?: string | null;
  to?: string | null;
  /** Whether the KPI rollups count the row anew (a new row, or a counted column changed). */
  recounted?: boolean;
}

export class ChangeLog {
  readonly rows: RowChange[] = [];
  readonly tables = new Set<string>();
  /** Tables written without row detail. */
  readonly touched = new Set<string>();
  /**
   * The new cases as the rollups count them, when they are all the write did to the counts
   * (see describeNewCases); null when cases changed in a way not described.
   */
  caseFacts: CaseFact[] | null = null;

  add(change: RowChange): void {
    this.rows.push(change);
    this.tables.add(change.table);
  }

  /** A table written without row detail (e.g. a statement over many rows). */
  touch(table: string): void {
    this.tables.add(table);
    this.touched.add(table);
  }

  get empty(): boolean {
    return this.tables.size === 0;
  }
}

const logs = new WeakMap<object, ChangeLog>();

/** The raw-query side of a transaction client (Prisma's $queryRawUnsafe). */
interface RawQueries {
  $queryRawUnsafe<T>(query: string, ...values: unknown[]): Promise<T>;
}

/**
 * Runs `work` with a fresh change log kept on the transaction client it is given, then describes
 * the new cases it holds in the same transaction (describeNewCases).
 */
export async function collectChanges<Tx extends RawQueries, T>(
  transaction: (work: (tx: Tx) => Promise<T>) => Promise<T>,
  work: (tx: Tx) => Promise<T>,
): Promise<{ result: T; changes: ChangeLog }> {
  const changes = new ChangeLog();
  const result = await transaction(async (tx) => {
    logs.set(tx, changes);
    const result = await work(tx);
    await describeNewCases(tx, changes);
    return result;
  });
  return { result, changes };
}

/** The most kinds of new cases a write describes; a write of more is left undescribed. */
const MAX_CASE_FACTS = 200;

/**
 * Sets changes.caseFacts when every change to cases is a new case or leaves the rollups' counts
 * as they were (status moves and the like): the new cases counted as the kpi_case_rollup trigger
 * counts them (by day, area, channel and one-network), with the transaction's id, inside the
 * transaction. An import of cases of many days and places is left undescribed: the live hub then
 * recomputes from the rollups (as it does within a quarter of a second anyway).
 */
async function describeNewCases(tx: RawQueries, changes: ChangeLog): Promise<void> {
  if (!changes.tables.has('ServiceCase') || changes.touched.has('ServiceCase')) return;
  const cases = changes.rows.filter((row) => row.table === 'ServiceCase');
  if (cases.some((row) => row.recounted === undefined || (row.recounted && row.action !== 'CREATED'))) return;
  const created = cases.filter((row) => row.action === 'CREATED').map((row) => row.id);
  if (created.length === 0) {
    changes.caseFacts = [];
    return;
  }
  const facts = await tx.$queryRawUnsafe<CaseFact[]>(
    `SELECT pg_current_xact_id()::text AS xid, (c."submittedAt" AT TIME ZONE 'Asia/Shanghai')::date::text AS day,
            a.path AS "areaPath", c."townshipId" IS NOT NULL AS "townshipCase", c.channel::text AS channel,
            c."oneNetwork", count(*)::int AS cases
       FROM "ServiceCase" c JOIN "Region" a ON a.id = coalesce(c."townshipId", c."regionId")
      WHERE c.id = ANY($1::int4[])
      GROUP BY 2, 3, 4, 5, 6
      LIMIT ${MAX_CASE_FACTS + 1}`,
    created,
  );
  if (facts.length <= MAX_CASE_FACTS) changes.caseFacts = facts;
}

/** Records a change in the transaction's log (nothing for a client outside a collected write). */
export function recordChange(tx: object, change: RowChange): void {
  logs.get(tx)?.add(change);
}

export function recordTouch(tx: object, table: string): void {
  logs.get(tx)?.touch(table);
}
