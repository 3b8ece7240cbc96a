// Errors of the write API. Every refusal is a GraphQLError whose extensions carry a stable
// `code` and the list of `issues`, each with the field `path` inside the mutation's arguments
// (e.g. ["input", 3, "itemCode"]), its own code and a Chinese message for the user. The
// error's message is the Chinese summary. A refused write leaves nothing behind: refusals are
// raised inside the write's transaction, which rolls back.
import { GraphQLError } from 'graphql';

export const writeErrorCodes = [
  /** A value is malformed or inconsistent with another (dates out of order, bad format …). */
  'BAD_USER_INPUT',
  /** A referenced record (item, region, enterprise …) or the record to change does not exist. */
  'NOT_FOUND',
  /** The record lies outside the caller's department, region subtree or source system. */
  'FORBIDDEN',
  /** The status change is not an edge of the record's state machine. */
  'INVALID_TRANSITION',
  /** The record changed since the caller read it (expectedVersion differs), or a concurrent write won. */
  'VERSION_CONFLICT',
  /** The same key appears twice in one batch, or a second unique key is held by another record. */
  'DUPLICATE_KEY',
  /** A batch had invalid rows; `issues` lists them with their `index`; nothing was written. */
  'BULK_REJECTED',
] as const;

export type WriteErrorCode = (typeof writeErrorCodes)[number];

export type FieldPath = ReadonlyArray<string | number>;

export interface Issue {
  path: FieldPath;
  code: Exclude<WriteErrorCode, 'BULK_REJECTED'>;
  message: string;
  /** The row of a batch (0-based), for bulk writes. */
  index?: number;
}

export class WriteError extends GraphQLError {
  readonly code: WriteErrorCode;
  readonly issues: Issue[];

  constructor(code: WriteErrorCode, message: string, issues: Issue[], extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, issues, ...extra } });
    this.code = code;
    this.issues = issues;
  }
}

/** One problem with one record: the error takes the issue's code and message. */
export function refuse(issue: Issue, extra: Record<string, unknown> = {}): WriteError {
  return new WriteError(issue.code, issue.message, [issue], extra);
}

/**
 * The issues of one record as one error: its code when they agree (the checks run in stages,
 * so they usually do), BAD_USER_INPUT otherwise.
 */
export function refuseAll(issues: Issue[]): WriteError {
  const [first] = issues;
  if (!first) throw new Error('refuseAll needs at least one issue');
  const code = issues.every((issue) => issue.code === first.code) ? first.code : 'BAD_USER_INPUT';
  const message =
    issues.length === 1
      ? first.message
      : `${issues.length} 处有误：${issues.map((i) => i.message).join('；')}`;
  return new WriteError(code, message, issues);
}

/** A batch with invalid rows: nothing is written and every issue is reported. */
export function rejectBatch(issues: Issue[], rows: number): WriteError {
  const badRows = new Set(issues.map((issue) => issue.index)).size;
  return new WriteError(
    'BULK_REJECTED',
    `批量写入被拒绝：${rows} 条中有 ${badRows} 条有误，未写入任何记录`,
    issues,
  );
}

/** What the database says about a key written concurrently; the client may retry. */
export function concurrentWrite(path: FieldPath): WriteError {
  return refuse({
    path,
    code: 'VERSION_CONFLICT',
    message: '该记录正被另一请求同时写入，请重新读取后重试',
  });
}

/** PostgreSQL's unique violation or serialization failure: a concurrent write got there first. */
export function isConcurrencyFailure(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { code, cause, meta } = current as { code?: unknown; cause?: unknown; meta?: unknown };
    if (code === '23505' || code === '40001' || code === '40P01' || code === 'P2002' || code === 'P2034') {
      return true;
    }
    const driver = (meta as { driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } })
      ?.driverAdapterError?.cause;
    if (
      driver?.originalCode === '23505' ||
      driver?.originalCode === '40001' ||
      driver?.originalCode === '40P01' ||
      driver?.kind === 'UniqueConstraintViolation' ||
      driver?.kind === 'TransactionWriteConflict'
    ) {
      return true;
    }
    current = cause;
  }
  return false;
}
