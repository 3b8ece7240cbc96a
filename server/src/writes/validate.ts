// Validation at the edge: zod schemas for every record a client may write, with Chinese
// messages, turned into issues that carry the field path in the mutation's arguments.
import { z } from 'zod';
import type { SqlType } from './engine.ts';
import type { FieldPath, Issue } from './errors.ts';

/** Messages for the rare checks without their own (zod's Simplified Chinese locale). */
const fallback = z.locales.zhCN().localeError;

export type Parsed<T> = { ok: true; data: T } | { ok: false; issues: Issue[] };

/**
 * The request's "now" while a record is parsed. Zod refinements get no parse context, and a
 * parse is synchronous, so the clock set around it is the request's and no other's.
 */
let parsingAt: Date | null = null;

function requestNow(): Date {
  if (!parsingAt) throw new Error('a date bound was checked outside parseRecord');
  return parsingAt;
}

const DAY_MS = 86_400_000;
/** Days are Asia/Shanghai days (UTC+8, no daylight saving). */
const SHANGHAI_MS = 8 * 3_600_000;

/** Today in Asia/Shanghai as a `date` value (UTC midnight), by the request's clock. */
function today(): Date {
  return new Date(Math.floor((requestNow().getTime() + SHANGHAI_MS) / DAY_MS) * DAY_MS);
}

/** Parses one record as of `now`; issues point below `path` and carry `index` for batch rows. */
export function parseRecord<T>(
  schema: z.ZodType<T>,
  value: unknown,
  path: FieldPath,
  now: Date,
  index?: number,
): Parsed<T> {
  parsingAt = now;
  let result: ReturnType<typeof schema.safeParse>;
  try {
    result = schema.safeParse(value, { error: fallback });
  } finally {
    parsingAt = null;
  }
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: [...path, ...issue.path.map((part) => (typeof part === 'number' ? part : String(part)))],
      code: 'BAD_USER_INPUT',
      message: issue.message,
      ...(index === undefined ? {} : { index }),
    })),
  };
}

/**
 * What a zod type alone does not say about a field: the GraphQL scalar its input arrives as
 * and the PostgreSQL type of the column it is stored in (a day and a moment are both z.date,
 * a decimal is a z.string). The derived input types (input-type.ts) and the engine's columns
 * (columns.ts) read it; checks added later (`.refine`) inherit it.
 */
export const stored = z.registry<{ scalar: 'Date' | 'DateTime' | 'Decimal'; sql: SqlType }>();

/** A code or identifier: trimmed, not empty, bounded. */
export const code = (label: string, max = 64) =>
  z.string().trim().min(1, `${label}不能为空`).max(max, `${label}不能超过 ${max} 个字符`);

export const text = (label: string, max: number) =>
  z.string().trim().min(1, `${label}不能为空`).max(max, `${label}不能超过 ${max} 个字符`);

/** Optional: absent and null both become null, so an upsert clears what the source cleared. */
export const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value): z.output<T> | null => value ?? null);

export const regionCode = (label = '行政区划代码') => z.string().regex(/^\d{12}$/, `${label}应为 12 位数字`);

/** 统一社会信用代码: 18 characters of digits and capitals without I, O, S, V, Z. */
export const creditCode = (label = '统一社会信用代码') =>
  z
    .string()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, `${label}格式不正确（应为 18 位）`);

export const idNumber = (label = '身份证号') => z.string().regex(/^\d{17}[\dX]$/, `${label}应为 18 位`);

export const phone = (label = '联系电话') =>
  z.string().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, `${label}应为 11 位手机号或带区号的固定电话`);

/** The earliest year a date may fall in, and whether it may lie after today. */
export interface DayBounds {
  /** 1949 for facts of the People's Republic (a firm's founding), 2000 for the hub's records. */
  fromYear: number;
  /** A deadline lies ahead; a fact (submitted, paid, registered) has happened by today. */
  future?: boolean;
}

/** How far ahead a deadline may lie, in years. */
const FUTURE_YEARS = 10;

const HISTORY: DayBounds = { fromYear: 2000 };

function yearStart(year: number): Date {
  return new Date(Date.UTC(year, 0, 1));
}

function bounded(
  schema: z.ZodDate,
  label: string,
  unit: '日期' | '时间',
  bounds: DayBounds,
  last: () => Date,
) {
  return schema
    .min(yearStart(bounds.fromYear), `${label}不能早于 ${bounds.fromYear} 年`)
    .refine((value) => bounds.future === true || value < last(), `${label}不能晚于今天（${unit}须已发生）`)
    .refine(
      (value) => bounds.future !== true || value < yearStart(today().getUTCFullYear() + FUTURE_YEARS + 1),
      `${label}不能晚于 ${FUTURE_YEARS} 年之后`,
    );
}

/** A calendar day, by default from 2000 and not after today. */
export const day = (label: string, bounds: DayBounds = HISTORY) =>
  bounded(
    z.date(`${label}不是有效日期`),
    label,
    '日期',
    bounds,
    () => new Date(today().getTime() + DAY_MS),
  ).register(stored, { scalar: 'Date', sql: 'date' });

/** A moment, by default from 2000 and not after the end of today. */
export const instant = (label: string, bounds: DayBounds = HISTORY) =>
  bounded(
    z.date(`${label}不是有效时间`),
    label,
    '时间',
    bounds,
    () => new Date(today().getTime() + DAY_MS - SHANGHAI_MS),
  ).register(stored, { scalar: 'DateTime', sql: 'timestamptz(3)' });

/** The first day of a month (a month is stored as its first day), not a month after this one. */
export const monthStart = (label: string) =>
  z
    .date(`${label}不是有效日期`)
    .min(yearStart(HISTORY.fromYear), `${label}不能早于 ${HISTORY.fromYear} 年`)
    .refine((value) => value.getUTCDate() === 1, `${label}应为当月 1 日，例如 2023-05-01`)
    .refine((value) => value <= today(), `${label}不能晚于本月`)
    .register(stored, { scalar: 'Date', sql: 'date' });

/** An exact decimal that fits numeric(precision, scale) without rounding; `unsigned`: not negative. */
export const decimal = (
  label: string,
  precision: number,
  scale: number,
  sign: 'signed' | 'unsigned' = 'signed',
) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, `${label}应为数字，例如 "98.13"`)
    .refine((value) => sign === 'signed' || !/^-(?=.*[1-9])/.test(value), `${label}不能为负数`)
    .refine((value) => (value.split('.')[1]?.length ?? 0) <= scale, `${label}最多 ${scale} 位小数`)
    .refine(
      (value) =>
        (value
          .replace('-', '')
          .split('.')[0]
          ?.replace(/^0+(?=\d)/, '').length ?? 0) <=
        precision - scale,
      `${label}超出范围（最多 ${precision - scale} 位整数）`,
    )
    .register(stored, { scalar: 'Decimal', sql: `numeric(${precision},${scale})` });

/** A calendar day as stored in a `date` column, for messages. */
export const dayText = (value: Date) => value.toISOString().slice(0, 10);

/** What `stored` says of a field, below its optional/nullable/default wrappers; none for others. */
export function storedOf(field: z.core.$ZodType) {
  for (let at: z.core.$ZodType | undefined = field; at; ) {
    const meta = stored.get(at);
    if (meta) return meta;
    const def = at._zod.def as { innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    at = def.innerType ?? def.in;
  }
  return undefined;
}

/** The zod object below a record schema's refinements and transforms. */
export function objectOf(schema: z.core.$ZodType): z.ZodObject {
  let at: z.core.$ZodType = schema;
  while (at._zod.def.type === 'pipe') at = (at as z.ZodPipe)._zod.def.in;
  if (at._zod.def.type !== 'object') throw new Error(`not a zod object: a ${at._zod.def.type}`);
  return at as z.ZodObject;
}
