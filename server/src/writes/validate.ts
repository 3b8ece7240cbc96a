// Validation at the edge: zod schemas for every record a client may write, with Chinese
// messages, turned into issues that carry the field path in the mutation's arguments.
import { z } from 'zod';
import type { FieldPath, Issue } from './errors.ts';

/** Messages for the rare checks without their own (zod's Simplified Chinese locale). */
const fallback = z.locales.zhCN().localeError;

export type Parsed<T> = { ok: true; data: T } | { ok: false; issues: Issue[] };

/** Parses one record; issues point below `path` and carry `index` for batch rows. */
export function parseRecord<T>(
  schema: z.ZodType<T>,
  value: unknown,
  path: FieldPath,
  index?: number,
): Parsed<T> {
  const result = schema.safeParse(value, { error: fallback });
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

export const day = (label: string) => z.date(`${label}不是有效日期`);

export const instant = (label: string) => z.date(`${label}不是有效时间`);

/** The first day of a month (a month is stored as its first day). */
export const monthStart = (label: string) =>
  day(label).refine((value) => value.getUTCDate() === 1, `${label}应为当月 1 日，例如 2023-05-01`);

/** An exact decimal that fits numeric(precision, scale) without rounding. */
export const decimal = (label: string, precision: number, scale: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, `${label}应为数字，例如 "98.13"`)
    .refine((value) => (value.split('.')[1]?.length ?? 0) <= scale, `${label}最多 ${scale} 位小数`)
    .refine(
      (value) =>
        (value
          .replace('-', '')
          .split('.')[0]
          ?.replace(/^0+(?=\d)/, '').length ?? 0) <=
        precision - scale,
      `${label}超出范围（最多 ${precision - scale} 位整数）`,
    );

/** A calendar day as stored in a `date` column, for messages. */
export const dayText = (value: Date) => value.toISOString().slice(0, 10);
