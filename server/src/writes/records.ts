// Writing records of one kind, one at a time or in batches of up to 5,000: validate every row
// (zod), resolve the codes it names, check the caller may write it, then upsert the whole lot
// with the engine in one transaction. Any invalid row refuses the batch, with every row's
// issues reported at once, and nothing is written.
import type { z } from 'zod';
import { type Owner, scopeIssue, type WriteContext, writerSource } from './access.ts';
import {
  inTransaction,
  type RowResult,
  type SqlValue,
  type TableSpec,
  type Tx,
  upsertRows,
} from './engine.ts';
import { type FieldPath, type Issue, refuse, refuseAll, rejectBatch } from './errors.ts';
import { parseRecord } from './validate.ts';

/** The most rows one bulk call takes. */
export const MAX_BATCH = 5000;

/** Who writes: the source system the records are written as. */
export interface Writer {
  source: string;
}

export type Report = (field: string, code: Issue['code'], message: string) => void;

export interface Prepared {
  values: Record<string, SqlValue>;
  owner: Owner;
}

export interface RecordKind<P, R> {
  spec: TableSpec;
  schema: z.ZodType<P>;
  /** The record's key as the client wrote it; two rows of a batch may not share one. */
  key(parsed: P): string;
  /** Loads what the rows refer to, by code, once for the batch. */
  load(tx: Tx, parsed: P[], writer: Writer): Promise<R>;
  /** The row's column values and owner; reports what is wrong and returns null instead. */
  prepare(parsed: P, refs: R, writer: Writer, report: Report): Prepared | null;
  /** What follows from the write in the same transaction (e.g. a problem becoming ASSIGNED). */
  after?(tx: Tx, ctx: WriteContext, written: Array<{ result: RowResult; parsed: P; refs: R }>): Promise<void>;
}

export interface WriteOptions {
  /** For staff: the source system written as (default `hub`); an INTEGRATION's own always. */
  sourceSystem?: string | null | undefined;
  /** Single writes: the version the caller last read. */
  expectedVersion?: number | null | undefined;
}

export interface BulkSummary {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
}

async function write<P, R>(
  ctx: WriteContext,
  kind: RecordKind<P, R>,
  inputs: readonly unknown[],
  mode: 'single' | 'bulk',
  options: WriteOptions,
): Promise<RowResult[]> {
  const rowPath = (index: number): FieldPath => (mode === 'single' ? ['input'] : ['input', index]);
  const at = (index: number) => (mode === 'bulk' ? { index } : {});
  const fail = (issues: Issue[]) =>
    mode === 'bulk' ? rejectBatch(issues, inputs.length) : refuseAll(issues);

  if (mode === 'bulk' && inputs.length > MAX_BATCH) {
    throw refuse({
      path: ['input'],
      code: 'BAD_USER_INPUT',
      message: `一次最多写入 ${MAX_BATCH} 条，本次 ${inputs.length} 条；请分批提交`,
    });
  }
  const writer = writerSource(ctx, options.sourceSystem, ['sourceSystem']);
  if ('issue' in writer) throw refuse(writer.issue);

  const issues: Issue[] = [];
  const valid: Array<{ index: number; parsed: P }> = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, index) => {
    const result = parseRecord(
      kind.schema,
      input,
      rowPath(index),
      ctx.clock(),
      mode === 'bulk' ? index : undefined,
    );
    if (!result.ok) {
      issues.push(...result.issues);
      return;
    }
    const key = kind.key(result.data);
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        path: rowPath(index),
        code: 'DUPLICATE_KEY',
        message: `与第 ${first + 1} 条的键（${key}）重复；同一批次中每条记录只能出现一次`,
        ...at(index),
      });
      return;
    }
    seen.set(key, index);
    valid.push({ index, parsed: result.data });
  });
  if (mode === 'single' && issues.length > 0) throw fail(issues);

  return inTransaction(ctx, async (tx) => {
    const source = { source: writer.source };
    const refs = await kind.load(
      tx,
      valid.map((row) => row.parsed),
      source,
    );
    const rows = valid.flatMap(({ index, parsed }) => {
      let bad = false;
      const prepared = kind.prepare(parsed, refs, source, (field, code, message) => {
        bad = true;
        issues.push({ path: [...rowPath(index), field], code, message, ...at(index) });
      });
      if (!prepared || bad) return [];
      const forbidden = scopeIssue(ctx, prepared.owner, rowPath(index), kind.spec.label);
      if (forbidden) {
        issues.push({ ...forbidden, ...at(index) });
        return [];
      }
      return [{ index, values: prepared.values, owner: prepared.owner, parsed }];
    });
    if (issues.length > 0) throw fail(issues);

    const results = await upsertRows(tx, ctx, kind.spec, rows, {
      mode,
      rowPath,
      total: inputs.length,
      expectedVersion: options.expectedVersion ?? null,
    });
    if (kind.after) {
      await kind.after(
        tx,
        ctx,
        results.map((result, position) => ({ result, parsed: rows[position]!.parsed, refs })),
      );
    }
    return results;
  });
}

/** Creates or updates one record by its key. */
export async function writeOne<P, R>(
  ctx: WriteContext,
  kind: RecordKind<P, R>,
  input: unknown,
  options: WriteOptions = {},
): Promise<RowResult> {
  const [result] = await write(ctx, kind, [input], 'single', options);
  if (!result) throw new Error('a single write returned no result');
  return result;
}

/** Creates or updates up to MAX_BATCH records, all or nothing. */
export async function writeMany<P, R>(
  ctx: WriteContext,
  kind: RecordKind<P, R>,
  inputs: readonly unknown[],
  options: WriteOptions = {},
): Promise<BulkSummary> {
  const results = await write(ctx, kind, inputs, 'bulk', options);
  const summary: BulkSummary = { total: results.length, created: 0, updated: 0, unchanged: 0 };
  for (const { outcome } of results) {
    if (outcome === 'CREATED') summary.created += 1;
    else if (outcome === 'UPDATED') summary.updated += 1;
    else summary.unchanged += 1;
  }
  return summary;
}
