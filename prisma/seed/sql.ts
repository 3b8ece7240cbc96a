// SQL text for the seed's own values. Every value comes from the seed itself, never from
// users, so values are written inline and run the same on PGlite and PostgreSQL with no
// driver-specific parameter typing.
//
// Rows are shipped column by column, as one array literal per column unpacked with
// unnest(): array_in parses numbers and plain text far faster than the SQL parser handles
// thousands of VALUES tuples, and instants and days travel as numbers (milliseconds and
// days since the epoch), which PGlite converts much faster than it parses date text.
import type { SqlSession } from '../../server/src/db.ts';

/** A value the seed writes: scalars, instants, days ('YYYY-MM-DD'), arrays of enum labels. */
export type SqlValue = string | number | bigint | boolean | Date | null | undefined | readonly string[];

export type Row = Record<string, SqlValue>;

export function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A single value as an SQL literal. */
export function literal(value: SqlValue): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return quote(value.toISOString());
  if (Array.isArray(value)) return quote(`{${value.join(',')}}`);
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
      return String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    default:
      return quote(value as string);
  }
}

/** A PostgreSQL int[] literal for an inline array constant, e.g. `'{1,2,3}'::int[]`. */
export function intArray(values: readonly number[]): string {
  return `'{${values.join(',')}}'::int[]`;
}

/** What the database says about a column. */
export interface ColumnType {
  /** format_type(), e.g. `integer`, `"Channel"[]`, `timestamp(3) with time zone`. */
  type: string;
  /** pg_type.typcategory: N numeric, B boolean, D date/time, S string, E enum, A array. */
  category: string;
}

export type TableColumns = Map<string, ColumnType>;

/** The columns of every table of the current schema. */
export async function readColumns(session: SqlSession): Promise<Map<string, TableColumns>> {
  const rows = await session.query<{
    table_name: string;
    column_name: string;
    type: string;
    category: string;
  }>(
    `SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type,
            t.typcategory AS category
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  const tables = new Map<string, TableColumns>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? new Map<string, ColumnType>();
    columns.set(row.column_name, { type: row.type, category: row.category });
    tables.set(row.table_name, columns);
  }
  return tables;
}

/** An element of a text[] literal. */
function textElement(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

const DAY_MS = 86_400_000;

/** How one column travels: the array literal and the expression that turns it into the value. */
function encodeColumn(
  name: string,
  column: ColumnType,
  values: SqlValue[],
): { array: string; expression: string } {
  const ref = `u."${name}"`;
  const elements = (encode: (v: NonNullable<SqlValue>) => string) =>
    values.map((v) => (v === null || v === undefined ? 'NULL' : encode(v))).join(',');
  if (column.type === 'date') {
    const days = elements((v) => {
      if (typeof v !== 'string')
        throw new Error(`column ${name} takes days as 'YYYY-MM-DD', got ${String(v)}`);
      return String(Math.round(Date.parse(`${v}T00:00:00Z`) / DAY_MS));
    });
    return { array: `${quote(`{${days}}`)}::int[]`, expression: `date '1970-01-01' + ${ref}` };
  }
  if (column.category === 'D') {
    const ms = elements((v) => String(v instanceof Date ? v.getTime() : Date.parse(v as string)));
    return {
      array: `${quote(`{${ms}}`)}::bigint[]`,
      expression: `timestamptz 'epoch' + ${ref} * interval '1 millisecond'`,
    };
  }
  if (column.category === 'N' || column.category === 'B') {
    return { array: `${quote(`{${elements((v) => String(v))}}`)}::${column.type}[]`, expression: ref };
  }
  // Text, enums and enum arrays travel as text and are cast by the column type.
  const text = elements((v) => textElement(Array.isArray(v) ? `{${v.join(',')}}` : String(v)));
  return { array: `${quote(`{${text}}`)}::text[]`, expression: `${ref}::${column.type}` };
}

/** Rows per INSERT statement: large enough to amortise each statement, small enough to stay light. */
const CHUNK = 10_000;

/**
 * Inserts rows. Columns are every key any row has (a row without one gets NULL);
 * `createdAt` and `updatedAt` are filled with `stamp` when the table has them and the row does not.
 */
export async function insertRows(
  session: SqlSession,
  table: string,
  columns: TableColumns,
  rows: readonly Row[],
  stamp: Date,
): Promise<number> {
  if (rows.length === 0) return 0;
  const names = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  for (const extra of ['createdAt', 'updatedAt'])
    if (columns.has(extra) && !names.includes(extra)) names.push(extra);
  for (let offset = 0; offset < rows.length; offset += CHUNK) {
    const chunk = rows.slice(offset, offset + CHUNK);
    const encoded = names.map((name) => {
      const column = columns.get(name);
      if (!column) throw new Error(`table ${table} has no column ${name}`);
      const stamped = name === 'createdAt' || name === 'updatedAt';
      const values = chunk.map((row) => (name in row ? row[name] : stamped ? stamp : null));
      return encodeColumn(name, column, values);
    });
    await session.exec(
      `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')})
       SELECT ${encoded.map((e) => e.expression).join(', ')}
         FROM unnest(${encoded.map((e) => e.array).join(', ')}) AS u(${names.map((n) => `"${n}"`).join(', ')})`,
    );
  }
  return rows.length;
}

/**
 * Loads a table in bulk: its secondary indexes and foreign keys, and its primary key when no
 * other table refers to it, are dropped for the load and recreated from their saved
 * definitions afterwards, always (finally), so the schema is never left altered. Per-row
 * index maintenance and foreign-key checks (which lock the parent rows) dominate the cost
 * of large inserts; building each index once and validating each key once is far cheaper.
 * A savepoint keeps the transaction usable for the recreation even when the load fails.
 */
export async function bulkLoad(session: SqlSession, table: string, load: () => Promise<void>): Promise<void> {
  const relation = `${quote(`"${table}"`)}::regclass`;
  const indexes = await session.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = ${relation}
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
      ORDER BY i.relname`,
  );
  const constraints = await session.query<{ name: string; definition: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint c
      WHERE conrelid = ${relation}
        AND (contype = 'f' OR contype = 'p' AND NOT EXISTS (
              SELECT 1 FROM pg_constraint r WHERE r.confrelid = ${relation} AND r.contype = 'f'))
      ORDER BY contype = 'p', conname`,
  );
  const primaryKey = constraints.filter((c) => c.definition.startsWith('PRIMARY KEY'));
  const foreignKeys = constraints.filter((c) => !c.definition.startsWith('PRIMARY KEY'));
  const add = (c: { name: string; definition: string }) =>
    session.exec(`ALTER TABLE "${table}" ADD CONSTRAINT "${c.name}" ${c.definition}`);
  // Foreign keys go first: one of them may refer to this table's own primary key.
  for (const constraint of constraints)
    await session.exec(`ALTER TABLE "${table}" DROP CONSTRAINT "${constraint.name}"`);
  for (const index of indexes) await session.exec(`DROP INDEX "${index.name}"`);
  try {
    await session.exec('SAVEPOINT seed_bulk_load');
    try {
      await load();
      await session.exec('RELEASE SAVEPOINT seed_bulk_load');
    } catch (error) {
      await session.exec('ROLLBACK TO SAVEPOINT seed_bulk_load');
      throw error;
    }
  } finally {
    for (const constraint of primaryKey) await add(constraint);
    for (const index of indexes) await session.exec(index.definition);
    for (const constraint of foreignKeys) await add(constraint);
  }
}
