// What changes without a write the hub heard of: the Asia/Shanghai day turning (today's figures
// and working-day deadlines roll over) and the KPI tables changed by someone else (the seed, SQL
// by hand, another process on the database). The leader asks both on every tick.
import type { Database } from '../db.ts';
import { shanghaiDay } from '../kpi/period.ts';
import { type ChangeSums, kpiChangeSums } from '../kpi/sql.ts';

/** Tells the day the calendar clock turned to, once, when it turned. */
export function dayWatch(clock: () => Date) {
  let day = shanghaiDay(clock());
  return {
    /** The new day, the first time it is asked after the day turned; null otherwise. */
    turned(): string | null {
      const today = shanghaiDay(clock());
      if (today === day) return null;
      day = today;
      return today;
    },
  };
}

/** The tables whose change sum moved between two readings; null when any table may have. */
function changedTables(before: ChangeSums, after: ChangeSums): Set<string> | null {
  const changed = new Set<string>();
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(table) !== after.get(table)) changed.add(table);
  }
  return changed.has('') ? null : changed;
}

/**
 * Writes no replica told of, found by the KPI tables' change sums between two ticks. A tick in
 * which a write was heard proves nothing (that write moved the sums), so it only takes a reading.
 */
export function untoldWrites(db: Database) {
  let last: ChangeSums | null = null;
  let heardWrite = false;
  return {
    heard(): void {
      heardWrite = true;
    },
    /** Forgets the last reading (a replica that starts leading reads afresh). */
    restart(): void {
      last = null;
    },
    /** The tables changed since the last reading (null: any may have), or none: an empty set. */
    async check(): Promise<ReadonlySet<string> | null> {
      const sums = await kpiChangeSums(db);
      const changed = last !== null && !heardWrite ? changedTables(last, sums) : new Set<string>();
      last = sums;
      heardWrite = false;
      return changed;
    },
  };
}
