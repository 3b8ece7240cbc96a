// What every part of the seed shares: the session it writes through (one connection, one
// transaction), the fixed "today", the volume scale and a row writer that stamps rows.
import type { SqlSession } from '../../server/src/db.ts';
import { type Day, dayOf } from './calendar.ts';
import { bulkLoad, insertRows, type Row, readColumns } from './sql.ts';

/** From this many rows a table is loaded with its indexes and foreign keys set aside. */
const BULK_ROWS = 2_000;

export interface SeedContext {
  session: SqlSession;
  /** The seed's "now": nothing happens after it. */
  today: Date;
  /** today's calendar day in Asia/Shanghai. */
  todayDay: Day;
  /** Multiplies case volume of the years after 2022. */
  scale: number;
  log: (line: string) => void;
  /** Inserts rows; createdAt/updatedAt default to `stamp`, else to today. */
  insert(table: string, rows: readonly Row[], stamp?: Date): Promise<number>;
}

export async function createContext(
  session: SqlSession,
  options: { today: Date; scale: number; log: (line: string) => void },
): Promise<SeedContext> {
  const tables = await readColumns(session);
  return {
    session,
    today: options.today,
    todayDay: dayOf(options.today),
    scale: options.scale,
    log: options.log,
    insert: async (table, rows, stamp) => {
      const columns = tables.get(table);
      if (!columns) throw new Error(`no table ${table}`);
      const write = () => insertRows(session, table, columns, rows, stamp ?? options.today);
      if (rows.length < BULK_ROWS) return write();
      await bulkLoad(session, table, async () => {
        await write();
      });
      return rows.length;
    },
  };
}
