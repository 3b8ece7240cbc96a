// The one write path for records with a natural key: set-based SQL over all the rows at once,
// the same for one record and for a batch of 5,000. The rows travel as one JSON parameter
// that json_to_recordset types with the columns' exact types.
//
// 1. Lock the rows that already exist (SELECT … FOR UPDATE, in id order so concurrent batches
//    cannot deadlock) and compare those with the input in the database: which rows change,
//    what they were, whose they are and in which status.
// 2. Refuse, before anything is written, what the caller may not do to an existing row:
//    touch another's record, write over a newer version, move a status back.
// 3. INSERT … SELECT … ON CONFLICT (key) DO UPDATE … WHERE the row differs, for the new and
//    changed rows only, so a replay writes nothing and bumps no version.
// 4. One audit row per created or changed record, in the same statement as the upsert.
import type { Prisma } from '../generated/prisma/client.ts';
import { collectChanges, recordChange } from '../live/changes.ts';
import { liveOf } from '../live/commits.ts';
import { type Owner, scopeIssue, type WriteContext } from './access.ts';
import {
  concurrentWrite,
  type FieldPath,
  type Issue,
  isConcurrencyFailure,
  refuse,
  refuseAll,
  rejectBatch,
  WriteError,
} from './errors.ts';
import { canReach, type StateMachine, transitionMessage } from './machines.ts';

export type Tx = Prisma.TransactionClient;

/** A PostgreSQL column type, exactly as declared, so input compares equal to what is stored. */
export type SqlType =
  | 'text'
  | 'int4'
  | 'int8'
  | 'bool'
  | 'date'
  | 'timestamptz(3)'
  | `numeric(${number},${number})`
  | `"${string}"`;

export interface Column {
  name: string;
  type: SqlType;
}

export type SqlValue = string | number | boolean | bigint | Date | null;

export interface TableSpec {
  /** The model, which is also the table and the audit entity. */
  table: string;
  /** Chinese name of a record, for messages (e.g. 办件). */
  label: string;
  /** The unique key the upsert is keyed by (ON CONFLICT target). */
  keys: readonly Column[];
  /** Written and compared. */
  columns: readonly Column[];
  /** Written when the record is created, never changed by an upsert (initial status, owner system). */
  insertOnly?: readonly Column[];
  /** Has a `version` column, bumped on every change. */
  versioned: boolean;
  /** Has an `updatedAt` column. */
  stamped: boolean;
  /** A status column that an upsert may move forward only. */
  status?: { column: string; machine: StateMachine<string> };
  /**
   * The columns the KPI rollups count the table's rows by: an update that changes none of them
   * leaves every count as it was, which the live hub is told (RowChange.recounted).
   */
  counted?: readonly string[];
  /** SQL giving the owner of an existing row `t` (joins, then expressions). */
  owner: { joins: string; departmentId: string; regionPath: string; sourceSystem: string };
}

export interface PreparedRow {
  /** Position in the caller's input. */
  index: number;
  /** Every key, column and insert-only value, by column name. */
  values: Record<string, SqlValue>;
  /** Whose the record will be. */
  owner: Owner;
}

export type Outcome = 'CREATED' | 'UPDATED' | 'UNCHANGED';

export interface RowResult {
  index: number;
  id: number;
  version: number;
  outcome: Outcome;
}

export interface UpsertOptions {
  mode: 'single' | 'bulk';
  /** Where row i's fields are in the arguments: ['input'] or ['input', i]. */
  rowPath(index: number): FieldPath;
  /** Rows in the caller's input (for the bulk report). */
  total: number;
  /** Single writes: the version the caller last read; null or absent to write regardless. */
  expectedVersion?: number | null;
}

const SEPARATOR = '\u001f';
const quote = (name: string) => `"${name}"`;

function toText(value: SqlValue, type: SqlType): string | null {
  if (value === null) return null;
  if (value instanceof Date) return type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
  return String(value);
}

function keyOf(spec: TableSpec, values: Record<string, SqlValue>): string {
  return spec.keys.map((key) => toText(values[key.name] ?? null, key.type)).join(SEPARATOR);
}

/**
 * The rows as one JSON parameter, typed by json_to_recordset with the columns' exact types:
 * one string to send instead of an array per column, parsed by the database in one pass. The
 * objects name the columns by position (`c0`, `c1`, …) and leave out nulls (a missing key reads
 * as NULL): a batch of 5,000 cases is half the text to build, hand through the client and parse.
 */
function inputRows(columns: readonly Column[]): string {
  const names = columns.map((column, n) => `c${n} AS ${quote(column.name)}`).join(', ');
  const types = columns.map((column, n) => `c${n} ${column.type}`).join(', ');
  return `SELECT ord, ${names} FROM json_to_recordset($1::json) AS j(ord int4, ${types})`;
}

/** The rows as JSON objects; `ord` is each row's position in the batch, counted from 1. */
function rowsJson(columns: readonly Column[], rows: PreparedRow[], positions?: number[]): string {
  const keys = columns.map((_, n) => `c${n}`);
  return JSON.stringify(
    rows.map((row, at) => {
      const record: Record<string, string | number | boolean> = { ord: (positions?.[at] ?? at) + 1 };
      for (let n = 0; n < columns.length; n += 1) {
        const column = columns[n] as Column;
        const value = row.values[column.name] ?? null;
        if (value === null) continue;
        record[keys[n] as string] =
          value instanceof Date || typeof value === 'bigint' ? (toText(value, column.type) as string) : value;
      }
      return record;
    }),
  );
}

const at = (alias: string, column: Column) => `${alias}.${quote(column.name)}`;

interface Prior {
  ord: number;
  id: number;
  version: number;
  ownerDepartmentId: number | null;
  ownerRegionPath: string | null;
  ownerSourceSystem: string | null;
  priorStatus: string | null;
  changed: boolean;
  /** Whether a column of spec.counted differs from the input. */
  recounted: boolean;
  before: unknown;
}

/**
 * Locks the stored rows with the batch's keys (in id order, so concurrent batches cannot
 * deadlock), then compares only those with the input: a batch of new records costs one key
 * lookup, not a comparison of every column.
 */
async function lockAndCompare(tx: Tx, spec: TableSpec, rows: PreparedRow[]): Promise<Map<number, Prior>> {
  const join = spec.keys.map((key) => `${at('t', key)} = ${at('i', key)}`).join(' AND ');
  const locked = await tx.$queryRawUnsafe<Array<{ ord: number }>>(
    `WITH i AS (${inputRows(spec.keys)})
     SELECT i.ord FROM i JOIN ${quote(spec.table)} t ON ${join} ORDER BY t.id FOR UPDATE OF t`,
    rowsJson(spec.keys, rows),
  );
  if (locked.length === 0) return new Map();
  const positions = locked.map((row) => row.ord - 1);
  const all = [...spec.keys, ...spec.columns];
  const counted = spec.columns.filter((column) => spec.counted?.includes(column.name));
  const priors = await tx.$queryRawUnsafe<Prior[]>(
    `WITH i AS (${inputRows(all)})
     SELECT i.ord, t.id, ${spec.versioned ? 't."version"' : '1'} AS version,
            (${spec.owner.departmentId})::int4 AS "ownerDepartmentId",
            (${spec.owner.regionPath})::text AS "ownerRegionPath",
            (${spec.owner.sourceSystem})::text AS "ownerSourceSystem",
            ${spec.status ? `t.${quote(spec.status.column)}::text` : 'NULL::text'} AS "priorStatus",
            c.changed,
            ${
              counted.length > 0
                ? `ROW(${counted.map((c) => at('t', c)).join(', ')}) IS DISTINCT FROM ROW(${counted.map((c) => at('i', c)).join(', ')})`
                : 'false'
            } AS recounted,
            CASE WHEN c.changed THEN to_jsonb(t) END AS before
       FROM i JOIN ${quote(spec.table)} t ON ${join}
      CROSS JOIN LATERAL (
        SELECT ROW(${spec.columns.map((c) => at('t', c)).join(', ')})
               IS DISTINCT FROM ROW(${spec.columns.map((c) => at('i', c)).join(', ')}) AS changed
      ) c
      ${spec.owner.joins}`,
    rowsJson(
      all,
      positions.map((position) => rows[position]!),
      positions,
    ),
  );
  return new Map(priors.map((prior) => [prior.ord - 1, prior]));
}

interface Written {
  id: number;
  version: number;
  inserted: boolean;
  key: string;
}

interface AuditFacts {
  actor: string;
  role: string;
  requestId: string;
  /** The before-image of each changed row, by key. */
  before: Map<string, unknown>;
}

/**
 * The upsert and its audit rows in one statement: the audit rows are built in the database
 * from what the upsert returns, with the before-images the comparison found. (Prisma's
 * createMany, behind auditMany, takes about two seconds for 5,000 rows: ten times the upsert.)
 */
async function writeRows(
  tx: Tx,
  spec: TableSpec,
  rows: PreparedRow[],
  now: Date,
  audit: AuditFacts,
): Promise<Written[]> {
  const all = [...spec.keys, ...spec.columns, ...(spec.insertOnly ?? [])];
  const param = (n: number) => `$${n + 1}`;
  const targets = [...all.map((c) => quote(c.name)), '"createdAt"', ...(spec.stamped ? ['"updatedAt"'] : [])];
  const stamp = `${param(1)}::timestamptz`;
  const values = [...all.map((c) => at('i', c)), stamp, ...(spec.stamped ? [stamp] : [])];
  const updates = [
    ...spec.columns.map((c) => `${quote(c.name)} = EXCLUDED.${quote(c.name)}`),
    ...(spec.versioned ? ['"version" = t."version" + 1'] : []),
    ...(spec.stamped ? ['"updatedAt" = EXCLUDED."updatedAt"'] : []),
  ];
  const sql = `
    WITH i AS (${inputRows(all)}),
    w AS (
      INSERT INTO ${quote(spec.table)} AS t (${targets.join(', ')})
      SELECT ${values.join(', ')} FROM i ORDER BY i.ord
      ON CONFLICT (${spec.keys.map((key) => quote(key.name)).join(', ')}) DO UPDATE
         SET ${updates.join(', ')}
       WHERE ROW(${spec.columns.map((c) => at('t', c)).join(', ')})
             IS DISTINCT FROM ROW(${spec.columns.map((c) => at('EXCLUDED', c)).join(', ')})
      RETURNING t.id, ${spec.versioned ? 't."version"' : '1'} AS version, (t.xmax = 0) AS inserted,
                concat_ws(E'\\x1f', ${spec.keys.map((key) => `${at('t', key)}::text`).join(', ')}) AS key,
                to_jsonb(t) AS after
    ),
    b AS (SELECT * FROM json_to_recordset(${param(2)}::json) AS b(key text, before jsonb)),
    a AS (
      INSERT INTO "AuditLog" (actor, role, action, entity, "entityId", before, after, "requestId")
      SELECT ${param(3)}, ${param(4)}, CASE WHEN w.inserted THEN ${param(5)} ELSE ${param(6)} END,
             ${param(7)}, w.id::text, CASE WHEN w.inserted THEN NULL ELSE b.before END, w.after, ${param(8)}
        FROM w LEFT JOIN b ON b.key = w.key
       ORDER BY w.id
    )
    SELECT id, version, inserted, key FROM w`;
  return tx.$queryRawUnsafe<Written[]>(
    sql,
    rowsJson(all, rows),
    now,
    JSON.stringify([...audit.before].map(([key, before]) => ({ key, before }))),
    audit.actor,
    audit.role,
    'CREATE',
    'UPDATE',
    spec.table,
    audit.requestId,
  );
}

/** Ids of rows a concurrent transaction wrote identically while this one thought them new. */
async function idsByKey(tx: Tx, spec: TableSpec, rows: PreparedRow[]): Promise<Map<string, Written>> {
  const join = spec.keys.map((key) => `${at('t', key)} = ${at('i', key)}`).join(' AND ');
  const found = await tx.$queryRawUnsafe<Written[]>(
    `WITH i AS (${inputRows(spec.keys)})
     SELECT t.id, ${spec.versioned ? 't."version"' : '1'} AS version, false AS inserted,
            concat_ws(E'\\x1f', ${spec.keys.map((key) => `${at('t', key)}::text`).join(', ')}) AS key
       FROM i JOIN ${quote(spec.table)} t ON ${join}`,
    rowsJson(spec.keys, rows),
  );
  return new Map(found.map((row) => [row.key, row]));
}

function priorIssues(
  check: 'scope' | 'status',
  ctx: WriteContext,
  spec: TableSpec,
  rows: PreparedRow[],
  priors: Map<number, Prior>,
  options: UpsertOptions,
) {
  const issues: Issue[] = [];
  rows.forEach((row, position) => {
    const prior = priors.get(position);
    if (!prior) return;
    const path = options.rowPath(row.index);
    const index = options.mode === 'bulk' ? { index: row.index } : {};
    const owner: Owner = {
      departmentId: prior.ownerDepartmentId,
      regionPath: prior.ownerRegionPath,
      sourceSystem: prior.ownerSourceSystem,
    };
    if (check === 'scope') {
      const forbidden = scopeIssue(ctx, owner, path, `已有的${spec.label}`);
      if (forbidden) issues.push({ ...forbidden, ...index });
    } else if (spec.status && prior.priorStatus !== null) {
      const to = row.values[spec.status.column];
      if (typeof to === 'string' && !canReach(spec.status.machine, prior.priorStatus, to)) {
        issues.push({
          path: [...path, spec.status.column],
          code: 'INVALID_TRANSITION',
          message: transitionMessage(spec.status.machine, prior.priorStatus, to),
          ...index,
        });
      }
    }
  });
  return issues;
}

/**
 * Creates or updates the rows by their key inside the caller's transaction. The rows must be
 * valid and in the caller's reach as they will be, with distinct keys; what is checked here
 * is what only the stored rows can tell.
 */
export async function upsertRows(
  tx: Tx,
  ctx: WriteContext,
  spec: TableSpec,
  rows: PreparedRow[],
  options: UpsertOptions,
): Promise<RowResult[]> {
  if (rows.length === 0) return [];
  const priors = await lockAndCompare(tx, spec, rows);

  // What the caller may not touch, then whether it read the current version, then whether the
  // status may move as pushed: each stage refuses before the next is looked at.
  const fail = (issues: Issue[]) =>
    options.mode === 'bulk' ? rejectBatch(issues, options.total) : refuseAll(issues);
  const forbidden = priorIssues('scope', ctx, spec, rows, priors, options);
  if (forbidden.length > 0) throw fail(forbidden);
  if (options.mode === 'single' && options.expectedVersion != null) {
    const current = priors.get(0);
    if (current?.version !== options.expectedVersion) {
      throw refuse(
        {
          path: ['expectedVersion'],
          code: 'VERSION_CONFLICT',
          message: current
            ? `${spec.label}已被修改：当前版本为 ${current.version}，不是 ${options.expectedVersion}，请重新读取后再提交`
            : `${spec.label}尚不存在，不能按版本 ${options.expectedVersion} 更新`,
        },
        { currentVersion: current?.version ?? null },
      );
    }
  }

  const backwards = priorIssues('status', ctx, spec, rows, priors, options);
  if (backwards.length > 0) throw fail(backwards);

  const keys = rows.map((row) => keyOf(spec, row.values));
  const toWrite: PreparedRow[] = [];
  const before = new Map<string, unknown>();
  rows.forEach((row, at) => {
    const prior = priors.get(at);
    if (prior?.changed === false) return;
    toWrite.push(row);
    if (prior) before.set(keys[at]!, prior.before);
  });
  const written =
    toWrite.length === 0
      ? []
      : await writeRows(tx, spec, toWrite, ctx.clock(), {
          actor: ctx.principal?.subject ?? 'anonymous',
          role: ctx.principal?.role ?? 'NONE',
          requestId: ctx.requestId,
          before,
        });
  const byKey = new Map(written.map((row) => [row.key, row]));
  rows.forEach((row, at) => {
    const write = byKey.get(keys[at]!);
    if (!write) return;
    const to = spec.status ? row.values[spec.status.column] : undefined;
    recordChange(tx, {
      table: spec.table,
      id: write.id,
      action: write.inserted ? 'CREATED' : 'UPDATED',
      from: priors.get(at)?.priorStatus ?? null,
      to: typeof to === 'string' ? to : null,
      recounted: write.inserted || (priors.get(at)?.recounted ?? true),
    });
  });
  const missing = rows.filter((_, at) => !byKey.has(keys[at]!) && !priors.has(at));
  const raced = missing.length > 0 ? await idsByKey(tx, spec, missing) : new Map<string, Written>();

  return rows.map((row, at) => {
    const key = keys[at]!;
    const write = byKey.get(key);
    if (write) {
      return {
        index: row.index,
        id: write.id,
        version: write.version,
        outcome: write.inserted ? 'CREATED' : 'UPDATED',
      };
    }
    const other = priors.get(at) ?? raced.get(key);
    if (!other) throw concurrentWrite(options.rowPath(row.index));
    return { index: row.index, id: other.id, version: other.version, outcome: 'UNCHANGED' };
  });
}

/**
 * Runs a write in one transaction; a key taken by a concurrent write becomes VERSION_CONFLICT.
 * Once it has committed, the server's live hub hears what changed (event feeds, KPI pushes).
 */
export async function inTransaction<T>(ctx: WriteContext, write: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    const { result, changes } = await collectChanges<Tx, T>(
      (work) => ctx.prisma.$transaction(work, { maxWait: 10_000, timeout: 120_000 }),
      write,
    );
    if (!changes.empty) liveOf(ctx)?.commits.publish('committed', changes);
    return result;
  } catch (error) {
    if (error instanceof WriteError) throw error;
    if (isConcurrencyFailure(error)) throw concurrentWrite(['input']);
    throw error;
  }
}
