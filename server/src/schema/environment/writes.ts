// Indicator values (指标值): evaluation scores and passive-monitoring points, keyed by
// indicator, region, period kind and the period's first day. The source system that first
// reported a value owns it: its feed may correct it, staff may too, other feeds may not.
import { z } from 'zod';
import { PeriodKind } from '../../generated/prisma/enums.ts';
import { tableOf } from '../../writes/columns.ts';
import type { TableSpec, Tx } from '../../writes/engine.ts';
import type { RecordKind } from '../../writes/records.ts';
import * as refs from '../../writes/refs.ts';
import { code, day, dayText, decimal, optional, regionCode } from '../../writes/validate.ts';

/** A period starts on its first day: Monday, the 1st, the quarter's or the year's 1st. */
function periodAligned(kind: PeriodKind, start: Date): boolean {
  const month = start.getUTCMonth();
  const date = start.getUTCDate();
  switch (kind) {
    case 'DAY':
      return true;
    case 'WEEK':
      return start.getUTCDay() === 1;
    case 'MONTH':
      return date === 1;
    case 'QUARTER':
      return date === 1 && month % 3 === 0;
    case 'YEAR':
      return date === 1 && month === 0;
  }
}

const periodNames: Record<PeriodKind, string> = {
  DAY: '当天',
  WEEK: '周一',
  MONTH: '当月 1 日',
  QUARTER: '季度首日（1/4/7/10 月 1 日）',
  YEAR: '当年 1 月 1 日',
};

const rank = (label: string) =>
  z.number().int(`${label}应为整数`).min(1, `${label}应从 1 开始`).max(10_000, `${label}过大`);

export const indicatorValueInput = z
  .object({
    indicatorCode: code('指标编码').describe('Code of the indicator (指标编码).'),
    regionCode: regionCode().describe('Administrative division code of the region (区划代码).'),
    periodKind: z.enum(PeriodKind).describe('Length of the period (周期).'),
    periodStart: day('周期起始日').describe(
      'First day of the period: a Monday, a month’s or quarter’s 1st, or 1 January (周期起始日).',
    ),
    value: decimal('指标值', 14, 4).describe('The value, up to 4 decimals (指标值).'),
    tier: optional(rank('档次')).describe('Province tier, 1 best (档次).'),
    rank: optional(rank('排名')).describe('Rank, 1 best (排名).'),
    rankOf: optional(rank('参与排名数')).describe('How many were ranked (参与排名数).'),
    bestInProvince: z
      .boolean('是否全省最优应为 true 或 false')
      .default(false)
      .describe('Best in the province (全省最优).'),
  })
  .superRefine((input, ctx) => {
    if (!periodAligned(input.periodKind, input.periodStart)) {
      ctx.addIssue({
        code: 'custom',
        path: ['periodStart'],
        message: `周期为 ${input.periodKind} 时起始日应为${periodNames[input.periodKind]}`,
      });
    }
    if (input.rank !== null && input.rankOf !== null && input.rank > input.rankOf) {
      ctx.addIssue({ code: 'custom', path: ['rank'], message: '排名不能大于参与排名数' });
    }
  });

type Parsed = z.output<typeof indicatorValueInput>;

async function load(tx: Tx, rows: Parsed[]) {
  const [indicators, regions] = await Promise.all([
    refs.indicators(
      tx,
      rows.map((row) => row.indicatorCode),
    ),
    refs.regions(
      tx,
      rows.map((row) => row.regionCode),
    ),
  ]);
  return { indicators, regions };
}

const spec: TableSpec = {
  ...tableOf('IndicatorValue', indicatorValueInput, {
    keys: ['indicatorId', 'regionId', 'periodKind', 'periodStart'],
    insertOnly: ['sourceSystem'],
  }),
  label: '指标值',
  owner: {
    joins:
      'LEFT JOIN "Indicator" oin ON oin.id = t."indicatorId" LEFT JOIN "Region" orr ON orr.id = t."regionId"',
    departmentId: 'oin."leadDepartmentId"',
    regionPath: 'orr.path',
    sourceSystem: 't."sourceSystem"',
  },
};

export const indicatorValues: RecordKind<Parsed, Awaited<ReturnType<typeof load>>> = {
  spec,
  schema: indicatorValueInput,
  key: (input) =>
    `${input.indicatorCode}|${input.regionCode}|${input.periodKind}|${dayText(input.periodStart)}`,
  load,
  prepare(input, found, writer, report) {
    const indicator = found.indicators.get(input.indicatorCode);
    const region = found.regions.get(input.regionCode);
    if (!indicator) report('indicatorCode', 'NOT_FOUND', `指标 ${input.indicatorCode} 不存在`);
    if (!region) report('regionCode', 'NOT_FOUND', `行政区划 ${input.regionCode} 不存在`);
    if (!indicator || !region) return null;
    return {
      owner: {
        departmentId: indicator.leadDepartmentId,
        regionPath: region.path,
        sourceSystem: writer.source,
      },
      values: {
        indicatorId: indicator.id,
        regionId: region.id,
        periodKind: input.periodKind,
        periodStart: input.periodStart,
        value: input.value,
        tier: input.tier,
        rank: input.rank,
        rankOf: input.rankOf,
        bestInProvince: input.bestInProvince,
        sourceSystem: writer.source,
      },
    };
  },
};
