// How KPI queries reach the database: one statement per figure, answering one row with one JSON
// column. JSON comes back the same from PostgreSQL (node-postgres) and PGlite, so numbers, days
// and money read alike on both, and the driver is spoken to directly (no ORM round trip on the
// screen's hot path). Statements are built with Prisma.sql, so every value is a bound parameter.
import { GraphQLError } from 'graphql';
import type { Access, Context } from '../context.ts';
import { Prisma, type Region } from '../generated/prisma/client.ts';
import type { Reads } from '../schema/reads.ts';

export const sql = Prisma.sql;
export const join = Prisma.join;
export const empty = Prisma.empty;
/** SQL text placed as is: only for names and fragments the code itself spells, never input. */
export const raw = Prisma.raw;
export type Sql = Prisma.Sql;

/** What a KPI statement needs of the request: the database and the clock. */
export type KpiContext = Pick<Context, 'db' | 'clock'>;

/** A figure asked for from kept results only (`queryJson`'s `keptOnly`, the live hub patching new cases in) is not kept. */
export class NotKept extends Error {
  constructor() {
    super('the figure is not kept: it waits for its recomputation');
  }
}

/** A computed figure and when it was computed. */
export interface Computed<T> {
  data: T;
  asOf: Date;
}

interface Kept {
  stamp: string;
  data: unknown;
  asOf: Date;
}

/** Figures kept per database: the most recently used statements, up to this many. */
const KEPT_STATEMENTS = 256;
const kept = new WeakMap<object, Map<string, Kept>>();
const requestSums = new WeakMap<object, Promise<ChangeSums>>();

/**
 * The weight of the committed writes to each table KPIs read (see "KpiChange" in the
 * migrations); '' holds the rows written before the table was recorded and counts for every one.
 */
export type ChangeSums = ReadonlyMap<string, bigint>;

const changeSums = `SELECT "tableName" AS "table", sum(weight)::text AS weight FROM "KpiChange" GROUP BY 1`;

/** The stamp of a statement reading `tables`, from the sums. */
export function stampOf(sums: ChangeSums, tables: readonly string[]): string {
  let total = 0n;
  for (const [table, weight] of sums) {
    if (table === '' || tables.includes(table)) total += weight;
  }
  return total.toString();
}

/** The same stamp read inside a statement, in its snapshot. Table names are the code's own. */
function stampSql(tables: readonly string[]): string {
  const names = tables.map((table) => `, '${table.replaceAll("'", "''")}'`).join('');
  return `SELECT coalesce(sum(weight), 0)::text FROM "KpiChange" WHERE "tableName" IN (''${names})`;
}

interface StampReader {
  /** The read waiting to be sent, shared by everyone who asked since the last one was sent. */
  next: {
    promise: Promise<ChangeSums>;
    resolve: (sums: ChangeSums) => void;
    reject: (error: unknown) => void;
  } | null;
  reading: boolean;
}

const readers = new WeakMap<object, StampReader>();

/**
 * The change sums as read by a statement sent after this call. One read is in flight at a time;
 * whoever asks meanwhile shares the next one, so a busy screen costs one cheap read per round
 * trip rather than one per request, and no answer is checked against sums read before it was
 * asked for.
 */
export function kpiChangeSums(db: KpiContext['db']): Promise<ChangeSums> {
  let reader = readers.get(db);
  if (!reader) {
    reader = { next: null, reading: false };
    readers.set(db, reader);
  }
  if (!reader.next) {
    let resolve!: (sums: ChangeSums) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<ChangeSums>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    reader.next = { promise, resolve, reject };
    if (!reader.reading) void readStamps(db, reader);
    return promise;
  }
  return reader.next.promise;
}

async function readStamps(db: KpiContext['db'], reader: StampReader): Promise<void> {
  reader.reading = true;
  while (reader.next) {
    const waiting = reader.next;
    reader.next = null;
    try {
      const rows = await db.sql.query<{ table: string; weight: string }>(changeSums);
      waiting.resolve(new Map(rows.map((row) => [row.table, BigInt(row.weight)])));
    } catch (error) {
      waiting.reject(error);
    }
  }
  reader.reading = false;
}

/** The KPI tables' change sums for this request (read once per request). */
function currentSums(ctx: KpiContext): Promise<ChangeSums> {
  let sums = requestSums.get(ctx);
  if (!sums) {
    sums = kpiChangeSums(ctx.db);
    requestSums.set(ctx, sums);
  }
  return sums;
}

/** Statements on their way to the database, per database, by statement and values. */
const running = new WeakMap<object, Map<string, Promise<Kept>>>();

/**
 * Runs a statement whose single row has a JSON column `result` and returns that value with the
 * time it was computed. The same statement with the same values is answered again from memory
 * while no write has been committed to the tables it reads (`reads`: the declaration of the
 * field it answers, kept beside the statement) since it was computed: their change sum is read in
 * the statement's own snapshot and compared before a kept answer is used, so a kept answer is
 * never older than the last write to what it reads. The big screen polls the same few statements.
 *
 * After a write, every screen polling a figure finds it stale at once. They share one run of the
 * statement: a caller finding one on its way waits for it and takes its answer when the answer's
 * change sum is at least the caller's (the sums only grow: "KpiChange" folds rows into their
 * sum), else runs its own. So ten screens and a write a second cost one statement per write, not
 * ten (measured by `pnpm bench:api --writes`).
 *
 * With `keptOnly` (the live hub patching new cases in) a statement not kept throws NotKept.
 */
export async function queryJson<T>(
  ctx: KpiContext,
  statement: Sql,
  reads: Reads,
  keptOnly = false,
): Promise<Computed<T>> {
  const { tables } = reads;
  let byStatement = kept.get(ctx.db);
  let inFlight = running.get(ctx.db);
  if (!byStatement || !inFlight) {
    byStatement = new Map();
    inFlight = new Map();
    kept.set(ctx.db, byStatement);
    running.set(ctx.db, inFlight);
  }
  const key = `${statement.text}\n${JSON.stringify(statement.values)}`;
  if (byStatement.has(key) || inFlight.has(key)) {
    const wanted = stampOf(await currentSums(ctx), tables);
    // Read after the wait: another caller may have kept an answer or sent the statement meanwhile.
    const known = byStatement.get(key);
    const shared = inFlight.get(key);
    if (known && known.stamp === wanted) {
      byStatement.delete(key);
      byStatement.set(key, known);
      return { data: known.data as T, asOf: known.asOf };
    }
    if (keptOnly) throw new NotKept();
    if (shared) {
      const answer = await shared;
      if (BigInt(answer.stamp) >= BigInt(wanted)) return { data: answer.data as T, asOf: answer.asOf };
    }
  } else if (keptOnly) {
    throw new NotKept();
  }
  const run = compute(ctx, statement, tables);
  inFlight.set(key, run);
  try {
    const answer = await run;
    const current = byStatement.get(key);
    if (!current || BigInt(current.stamp) <= BigInt(answer.stamp)) {
      byStatement.delete(key);
      byStatement.set(key, answer);
    }
    if (byStatement.size > KEPT_STATEMENTS) {
      const oldest = byStatement.keys().next().value;
      if (oldest !== undefined) byStatement.delete(oldest);
    }
    return { data: answer.data as T, asOf: answer.asOf };
  } finally {
    if (inFlight.get(key) === run) inFlight.delete(key);
  }
}

async function compute(ctx: KpiContext, statement: Sql, tables: readonly string[]): Promise<Kept> {
  const [row] = await ctx.db.sql.query<{ result: unknown; stamp: string }>(
    `SELECT q.result, (${stampSql(tables)}) AS stamp FROM (${statement.text}) q`,
    statement.values,
  );
  if (!row) throw new Error('a KPI statement returned no row');
  return { stamp: row.stamp, data: row.result, asOf: ctx.clock() };
}

const built = new Map<string, Sql>();
/** Statements built lately, by what they were built from. */
const KEPT_BUILDS = 256;

/**
 * The statement built from the same inputs before, else a new one: the screen's statements are
 * rebuilt from the same few inputs every few seconds. `inputs` must name everything `build` uses.
 */
export function buildOnce(inputs: unknown, build: () => Sql): Sql {
  const key = JSON.stringify(inputs);
  let statement = built.get(key);
  if (!statement) {
    statement = build();
    if (built.size >= KEPT_BUILDS) built.clear();
    built.set(key, statement);
  }
  return statement;
}

/**
 * The caller's limits that KPI statements apply: its reach without the source system, which
 * limits writes only (so kept figures are shared by callers that read alike).
 */
export type KpiAccess = Pick<Access, 'regionPath' | 'departmentId'>;

export function kpiAccess(ctx: Pick<Context, 'access'>): KpiAccess {
  return { regionPath: ctx.access.regionPath, departmentId: ctx.access.departmentId };
}

/**
 * CTE `kr`: the region a figure is about, with `allowed` telling whether the caller may see it.
 * By code; without one, the caller's own region (TOWNSHIP callers) or the home county. A
 * TOWNSHIP caller asking about a region outside its subtree (the county, a neighbour) is refused
 * with FORBIDDEN rather than silently given its own figures, so a figure is never mislabelled.
 */
export function regionCte(code: string | null, access: KpiAccess): Sql {
  return sql`kr AS (
    SELECT r.id, r.code, r.name, r.level, r.kind, r."parentId", r.path, r."isHome", r.population,
           r."createdAt", r."updatedAt",
           (${access.regionPath}::text IS NULL OR r.path LIKE ${access.regionPath}::text || '%') AS allowed
      FROM "Region" r
     WHERE CASE WHEN ${code}::text IS NOT NULL THEN r.code = ${code}::text
                WHEN ${access.regionPath}::text IS NOT NULL THEN r.path = ${access.regionPath}::text
                ELSE r.level = 'COUNTY' AND r."isHome" END
     ORDER BY r.id
     LIMIT 1
  )`;
}

/** A region row as statements return it in JSON (`row_to_json` of a "Region" row or of kr). */
export interface RegionJson {
  id: number;
  code: string;
  name: string;
  level: Region['level'];
  kind: Region['kind'];
  parentId: number | null;
  path: string;
  isHome: boolean;
  population: number | null;
  createdAt: string;
  updatedAt: string;
  allowed?: boolean;
}

export function regionFromJson(json: RegionJson): Region {
  return {
    id: json.id,
    code: json.code,
    name: json.name,
    level: json.level,
    kind: json.kind,
    parentId: json.parentId,
    path: json.path,
    isHome: json.isHome,
    population: json.population,
    createdAt: new Date(json.createdAt),
    updatedAt: new Date(json.updatedAt),
  };
}

/** The region of a result, or the error the caller must see: NOT_FOUND or FORBIDDEN. */
export function checkedRegion(json: RegionJson | null, code: string | null): Region {
  if (!json) {
    throw new GraphQLError(code ? `No region has the code ${code}.` : 'The home county is not set up.', {
      extensions: { code: 'NOT_FOUND', field: 'regionCode' },
    });
  }
  if (json.allowed === false) {
    throw new GraphQLError(`Region ${json.code} is outside the region your token is limited to.`, {
      extensions: { code: 'FORBIDDEN', field: 'regionCode' },
    });
  }
  return regionFromJson(json);
}

/** A department asked for by code, checked against a DEPARTMENT caller's own. */
export async function departmentScope(
  ctx: Pick<Context, 'prisma' | 'access'>,
  code: string | null | undefined,
): Promise<number | null> {
  if (!code) return ctx.access.departmentId;
  const department = await ctx.prisma.department.findUnique({ where: { code }, select: { id: true } });
  if (!department) {
    throw new GraphQLError(`No department has the code ${code}.`, {
      extensions: { code: 'NOT_FOUND', field: 'departmentCode' },
    });
  }
  if (ctx.access.departmentId !== null && ctx.access.departmentId !== department.id) {
    throw new GraphQLError(`Department ${code} is not the department your token is limited to.`, {
      extensions: { code: 'FORBIDDEN', field: 'departmentCode' },
    });
  }
  return department.id;
}

/** `day BETWEEN from AND to` for a run of days. */
export function between(column: Sql, range: { from: string; to: string }): Sql {
  return sql`${column} BETWEEN ${range.from}::date AND ${range.to}::date`;
}

/** Rows whose region path lies in a TOWNSHIP caller's subtree; rows without a region are not. */
export function inRegionScope(path: Sql, access: KpiAccess): Sql {
  return sql`(${access.regionPath}::text IS NULL OR ${path} LIKE ${access.regionPath}::text || '%')`;
}

/** Rows of the department, when one is given. */
export function inDepartment(column: Sql, departmentId: number | null): Sql {
  return sql`(${departmentId}::int IS NULL OR ${column} = ${departmentId}::int)`;
}

/** Rank by a count, most first (ties share a rank); groups with none are not ranked. */
export function rankByCount(count: Sql): Sql {
  return sql`CASE WHEN coalesce(${count}, 0) > 0 THEN rank() OVER (ORDER BY coalesce(${count}, 0) DESC)::int END`;
}

/** Rank by a value, highest first (ties share a rank); groups without one are not ranked. */
export function rankByValue(value: Sql): Sql {
  return sql`CASE WHEN ${value} IS NOT NULL THEN rank() OVER (ORDER BY ${value} DESC NULLS LAST)::int END`;
}
