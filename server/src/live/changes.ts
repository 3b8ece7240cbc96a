// What a transaction wrote, collected while it runs and handed to the live hub after it
// commits: which tables changed (for the KPI pushes) and which rows (for the event feeds).
// Writes record their changes where they happen (the upsert engine, audit rows); the log is
// found through the transaction client itself, so no write signature carries it (and no
// AsyncLocalStorage: on Node 20 it turns on promise hooks for the whole process).

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

const logs = new WeakMap<object, ChangeLog>();

/** Runs `work` with a fresh change log kept on the transaction client it is given. */
export async function collectChanges<Tx extends object, T>(
  transaction: (work: (tx: Tx) => Promise<T>) => Promise<T>,
  work: (tx: Tx) => Promise<T>,
): Promise<{ result: T; changes: ChangeLog }> {
  const changes = new ChangeLog();
  const result = await transaction((tx) => {
    logs.set(tx, changes);
    return work(tx);
  });
  return { result, changes };
}

/** Records a change in the transaction's log (nothing for a client outside a collected write). */
export function recordChange(tx: object, change: RowChange): void {
  logs.get(tx)?.add(change);
}

export function recordTouch(tx: object, table: string): void {
  logs.get(tx)?.touch(table);
}
