// What a transaction wrote, collected while it runs and handed to the live hub after it
// commits: which tables changed (for the KPI pushes) and which rows (for the event feeds).
// Writes record their changes where they happen (the upsert engine, the transitions); the
// collector travels with the transaction through AsyncLocalStorage, so no write signature
// carries it.
import { AsyncLocalStorage } from 'node:async_hooks';

export type ChangeAction = 'CREATED' | 'UPDATED' | 'STATUS';

export interface RowChange {
  table: string;
  id: number;
  action: ChangeAction;
  /** For rows with a status: the status before the write (null for a new row) and after. */
  from?: string | null;
  to?: string | null;
}

export class ChangeLog {
  readonly rows: RowChange[] = [];
  readonly tables = new Set<string>();

  add(change: RowChange): void {
    this.rows.push(change);
    this.tables.add(change.table);
  }

  /** A table written without row detail (e.g. a statement over many rows). */
  touch(table: string): void {
    this.tables.add(table);
  }

  get empty(): boolean {
    return this.tables.size === 0;
  }
}

const current = new AsyncLocalStorage<ChangeLog>();

/** Runs `work` with a fresh change log and returns both. */
export async function collectChanges<T>(work: () => Promise<T>): Promise<{ result: T; changes: ChangeLog }> {
  const changes = new ChangeLog();
  const result = await current.run(changes, work);
  return { result, changes };
}

/** Records a change in the running transaction's log (nothing outside a collected write). */
export function recordChange(change: RowChange): void {
  current.getStore()?.add(change);
}

export function recordTouch(table: string): void {
  current.getStore()?.touch(table);
}
