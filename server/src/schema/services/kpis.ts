// Government-service KPIs (政务服务指标): case volume and the one-network rate by region,
// channel, department, item and period, ranked, against the previous period (环比) and the same
// period a year earlier (同比); bank-branch (政银合作) and cross-province (跨省通办) figures; the
// one-network rate of a calendar year against its target (oneNetworkRate, by children ranked).
import { GraphQLError } from 'graphql';
import { builder } from '../../builder.ts';
import type { Context } from '../../context.ts';
import type { Region } from '../../generated/prisma/client.ts';
import type { Channel } from '../../generated/prisma/enums.ts';
import {
  type Bucket,
  bucketPeriod,
  dayOfDate,
  type Period,
  previousPeriod,
  seriesBuckets,
  yearAgoPeriod,
} from '../../kpi/period.ts';
import { type Computed, checkedRegion, departmentScope, kpiAccess, regionFromJson } from '../../kpi/sql.ts';
import {
  comparedPeriods,
  dateOf,
  KpiPeriodInput,
  KpiPeriodRef,
  PeriodBucketEnum,
  periodOf,
  periodShape,
  todayOf,
} from '../kpi-common.ts';
import { RegionNode } from '../organisation/regions.ts';
import {
  CASE_READS,
  type CaseGrouping,
  type CaseRankMetric,
  type CaseRowJson,
  type CaseSelection,
  type CaseTotalsJson,
  caseBreakdown,
  caseSeries,
  YEAR_RATE_READS,
  type YearRateJson,
  yearRates,
} from './case-figures.ts';
import { ChannelEnum } from './enums.ts';
import { bankBranchFigures, crossProvinceFigures, type NetworkFiguresJson } from './network-figures.ts';

export const CaseGroupingEnum = builder.enumType('CaseGrouping', {
  description: 'What case figures are split by (办件统计维度).',
  values: {
    TOTAL: { description: 'Not split: the region as a whole (合计).' },
    CHILD_REGION: {
      description: 'The regions directly below (下级区划): the county’s townships, a township’s villages.',
    },
    CHANNEL: { description: 'The channel of submission (办理渠道).' },
    DEPARTMENT: { description: 'The department owning the item (事项所属部门).' },
    ITEM: { description: 'The service item (政务服务事项).' },
  },
});

const groupings: Record<typeof CaseGroupingEnum.$inferType, CaseGrouping> = {
  TOTAL: 'TOTAL',
  CHILD_REGION: 'CHILDREN',
  CHANNEL: 'CHANNEL',
  DEPARTMENT: 'DEPARTMENT',
  ITEM: 'ITEM',
};

export const CaseRankMetricEnum = builder.enumType('CaseRankMetric', {
  description: 'What a case ranking orders by (排名依据), best first; ties share a rank.',
  values: {
    CASES: { description: 'Case volume (办件量), most first.' },
    ONE_NETWORK_RATE: {
      description: 'One-network rate (一网通办率), highest first; groups without cases are not ranked.',
    },
  } satisfies Record<CaseRankMetric, { description: string }>,
});

interface TotalsShape {
  period: ReturnType<typeof periodShape>;
  cases: number;
  oneNetworkCases: number;
  townshipCases: number;
  oneNetworkRate: number | null;
}

const CaseTotalsRef = builder.simpleObject('CaseTotals', {
  description: 'Case volume and one-network rate of one period (办件量与一网通办率).',
  fields: (t) => ({
    period: t.field({ type: KpiPeriodRef, description: 'The days counted.' }),
    cases: t.int({ description: 'Cases submitted (办件量).' }),
    oneNetworkCases: t.int({ description: 'Of those, handled on the one-network platform (一网通办件数).' }),
    townshipCases: t.int({
      description: 'Of those, cases with a township (乡镇办件量): township, village and bank-branch cases.',
    }),
    oneNetworkRate: t.float({
      nullable: true,
      description: 'oneNetworkCases / cases in percent, 2 decimals (一网通办率); null without cases.',
    }),
  }),
});

const rankFields = {
  rank: 'Position in this period (排名); ties share a rank; null when not ranked.',
  previousRank: 'Position in the previous period (上期排名).',
  rankChange: 'previousRank − rank: places moved up (名次变化; negative is down).',
};

const CaseFigureRef = builder.simpleObject('CaseFigure', {
  description:
    'Cases of one group (a region, channel, department or item) with the previous period (环比), the same period a year earlier (同比) and its rank.',
  fields: (t) => ({
    key: t.string({
      description: 'The group: a region or department code, a channel, an item code (事项编码).',
    }),
    label: t.string({ description: 'The group’s Chinese name, e.g. 东城镇, 掌上办.' }),
    region: t.field({
      type: RegionNode,
      nullable: true,
      description: 'The region, for the whole region and for child-region groups.',
    }),
    current: t.field({ type: CaseTotalsRef, description: 'This period (本期).' }),
    previous: t.field({ type: CaseTotalsRef, description: 'The previous period (上期, 环比).' }),
    yearAgo: t.field({
      type: CaseTotalsRef,
      description: 'The same period a year earlier (去年同期, 同比).',
    }),
    casesChangePercent: t.float({
      nullable: true,
      description:
        'Change of cases against the previous period in percent (环比增幅); null without cases then.',
    }),
    casesYearOnYearPercent: t.float({
      nullable: true,
      description: 'Change of cases against a year earlier in percent (同比增幅); null without cases then.',
    }),
    rateChange: t.float({
      nullable: true,
      description: 'Change of the one-network rate against the previous period, percentage points.',
    }),
    rateYearOnYearChange: t.float({
      nullable: true,
      description: 'Change of the one-network rate against a year earlier, percentage points.',
    }),
    rank: t.int({ nullable: true, description: rankFields.rank }),
    previousRank: t.int({ nullable: true, description: rankFields.previousRank }),
    rankChange: t.int({ nullable: true, description: rankFields.rankChange }),
  }),
});

function totals(json: CaseTotalsJson, period: Period): TotalsShape {
  return { period: periodShape(period), ...json };
}

function figureShape(
  row: CaseRowJson,
  periods: { current: Period; previous: Period; yearAgo: Period },
  grouping: CaseGrouping,
) {
  return {
    key: row.key,
    label: grouping === 'CHANNEL' ? ChannelEnum.label(row.key) : row.label,
    region: row.region ? checkedRegion(row.region, row.key) : null,
    current: totals(row.current, periods.current),
    previous: totals(row.previous, periods.previous),
    yearAgo: totals(row.yearAgo, periods.yearAgo),
    casesChangePercent: row.casesChangePercent,
    casesYearOnYearPercent: row.casesYearOnYearPercent,
    rateChange: row.rateChange,
    rateYearOnYearChange: row.rateYearOnYearChange,
    rank: row.rank,
    previousRank: row.previousRank,
    rankChange: row.rankChange,
  };
}

const CaseStatisticsRef = builder.simpleObject('CaseStatistics', {
  description:
    'Case volume and one-network rate of a region for a period, split and ranked one way (办件统计); computed by the database from rollups kept on every write.',
  fields: (t) => ({
    region: t.field({ type: RegionNode, description: 'The region counted, with its whole subtree.' }),
    groupBy: t.field({ type: CaseGroupingEnum, description: 'How the rows are split.' }),
    rankBy: t.field({ type: CaseRankMetricEnum, description: 'What the rows are ranked by.' }),
    period: t.field({ type: KpiPeriodRef, description: 'The days counted (本期).' }),
    rows: t.field({
      type: [CaseFigureRef],
      description:
        'One row per group, best first. Child regions and channels are listed even without cases; departments and items only with cases in one of the periods.',
    }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

const selectionArgs = builder.args((t) => ({
  regionCode: t.string({
    description:
      'Administrative division code of the region (区划代码); by default the caller’s own region (TOWNSHIP tokens) or the home county. A TOWNSHIP token asking about a region outside its subtree gets FORBIDDEN.',
  }),
  channel: t.field({ type: ChannelEnum, description: 'Only cases of this channel (办理渠道).' }),
  departmentCode: t.string({
    description: 'Only items of this department (部门编码); a DEPARTMENT token is always limited to its own.',
  }),
  itemCode: t.string({ description: 'Only cases of this service item (事项编码).' }),
}));

async function selectionOf(
  ctx: Context,
  args: {
    regionCode?: string | null;
    channel?: Channel | null;
    departmentCode?: string | null;
    itemCode?: string | null;
  },
): Promise<CaseSelection> {
  return {
    regionCode: args.regionCode ?? null,
    access: kpiAccess(ctx),
    channel: args.channel ?? null,
    departmentId: await departmentScope(ctx, args.departmentCode),
    itemCode: args.itemCode ?? null,
  };
}

const CaseSeriesPointRef = builder.simpleObject('CaseSeriesPoint', {
  description: 'Cases of one bucket of a series, with the bucket before (环比) and a year earlier (同比).',
  fields: (t) => ({
    current: t.field({
      type: CaseTotalsRef,
      description: 'This bucket (cut to the series’ range at its ends).',
    }),
    previous: t.field({ type: CaseTotalsRef, description: 'The bucket before, cut the same way (上期).' }),
    yearAgo: t.field({ type: CaseTotalsRef, description: 'The same bucket a year earlier (去年同期).' }),
    casesChangePercent: t.float({
      nullable: true,
      description: 'Change against the bucket before, percent (环比).',
    }),
    casesYearOnYearPercent: t.float({
      nullable: true,
      description: 'Change against a year earlier, percent (同比).',
    }),
    cumulativeCases: t.int({
      description: 'Cases from the first bucket of the series up to this one (累计办件量).',
    }),
    cumulativeTownshipCases: t.int({
      description: 'Township cases from the first bucket up to this one (乡镇累计办件量).',
    }),
  }),
});

const CaseSeriesRef = builder.simpleObject('CaseSeries', {
  description: 'Case volume and one-network rate of a region bucket by bucket (办件趋势).',
  fields: (t) => ({
    region: t.field({ type: RegionNode, description: 'The region counted, with its whole subtree.' }),
    bucket: t.field({ type: PeriodBucketEnum, description: 'The size of each bucket.' }),
    points: t.field({ type: [CaseSeriesPointRef], description: 'The buckets, oldest first.' }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

/** A series has at most this many buckets (three years of days). */
const MAX_BUCKETS = 1100;

const NetworkFigureRef = builder.simpleObject('ServiceNetworkFigure', {
  description: 'Cases of one bank branch or partner county, ranked (网点/合作地区办件排名).',
  fields: (t) => ({
    code: t.string({ description: 'The service point’s or partner region’s code.' }),
    name: t.string({ description: 'Its name.' }),
    detail: t.string({
      nullable: true,
      description: 'The bank (银行) of a branch; the province (省份) of a partner.',
    }),
    since: t.field({ type: 'Date', description: 'Opened (开办日期) or agreed (签约日期).' }),
    items: t.int({ description: 'Service items available there or agreed (事项数).' }),
    cases: t.int({ description: 'Cases in the period (办件量).' }),
    previousCases: t.int({ description: 'Cases in the previous period (上期办件量).' }),
    rank: t.int({ nullable: true, description: rankFields.rank }),
    previousRank: t.int({ nullable: true, description: rankFields.previousRank }),
    rankChange: t.int({ nullable: true, description: rankFields.rankChange }),
  }),
});

const NetworkStatisticsRef = builder.simpleObject('ServiceNetworkStatistics', {
  description: 'Figures of the bank-branch network (政银合作) or of cross-province handling (跨省通办).',
  fields: (t) => ({
    period: t.field({ type: KpiPeriodRef, description: 'The days counted.' }),
    places: t.int({
      description:
        'Branches open (网点数), or partner counties agreed (合作地区数), on the period’s last day.',
    }),
    items: t.int({ description: 'Distinct service items available there or agreed (事项数), by then.' }),
    cases: t.int({ description: 'Cases in the period (办件量).' }),
    previousCases: t.int({ description: 'Cases in the previous period (上期办件量).' }),
    casesToDate: t.int({
      description:
        'Cases from the first branch’s opening or the first agreement up to the period’s end (累计).',
    }),
    since: t.field({
      type: 'Date',
      nullable: true,
      description: 'When the first branch opened or was agreed.',
    }),
    rows: t.field({ type: [NetworkFigureRef], description: 'Each branch or partner, most cases first.' }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

function networkShape({ data: json, asOf }: Computed<NetworkFiguresJson>, period: Period) {
  return {
    ...json,
    period: periodShape(period),
    since: json.since ? dateOf(json.since) : null,
    rows: json.rows.map((row) => ({ ...row, since: dateOf(row.since) })),
    asOf,
  };
}

const periodArg = builder.args((t) => ({
  period: t.field({
    type: KpiPeriodInput,
    description: 'The days counted; the current year to date by default.',
  }),
}));

builder.queryFields((t) => ({
  caseStatistics: t.field({
    extensions: CASE_READS,
    type: CaseStatisticsRef,
    authScopes: { aggregates: true },
    description:
      'Case volume and one-network rate (办件量, 一网通办率) of a region for a period, split by child region, channel, department or item and ranked, each row against the previous period and a year earlier.',
    args: {
      ...selectionArgs,
      ...periodArg,
      groupBy: t.arg({
        type: CaseGroupingEnum,
        defaultValue: 'TOTAL',
        description: 'How to split the figures (统计维度).',
      }),
      rankBy: t.arg({
        type: CaseRankMetricEnum,
        defaultValue: 'CASES',
        description: 'What to rank the rows by (排名依据).',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const periods = comparedPeriods(periodOf(args.period, todayOf(ctx)));
      const grouping = groupings[args.groupBy ?? 'TOTAL'];
      const metric = args.rankBy ?? 'CASES';
      const { data: result, asOf } = await caseBreakdown(
        ctx,
        await selectionOf(ctx, args),
        periods,
        grouping,
        metric,
      );
      return {
        region: checkedRegion(result.region, args.regionCode ?? null),
        groupBy: args.groupBy ?? 'TOTAL',
        rankBy: metric,
        period: periodShape(periods.current),
        rows: result.rows.map((row) => figureShape(row, periods, grouping)),
        asOf,
      };
    },
  }),
  casesToDate: t.field({
    extensions: CASE_READS,
    type: [CaseFigureRef],
    authScopes: { aggregates: true },
    description:
      'Cases of today, this week, month, quarter and year to date (今日, 本周, 本月, 本季, 本年累计) of a region, each against the same days of the period before and a year earlier.',
    args: selectionArgs,
    resolve: async (_root, args, ctx) => {
      const today = todayOf(ctx);
      const selection = await selectionOf(ctx, args);
      const buckets: Bucket[] = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];
      return Promise.all(
        buckets.map(async (bucket) => {
          const periods = comparedPeriods(periodOf({ bucket }, today));
          const { data: result } = await caseBreakdown(ctx, selection, periods, 'TOTAL', 'CASES');
          checkedRegion(result.region, args.regionCode ?? null);
          const [row] = result.rows;
          if (!row) throw new Error('a region total has one row');
          return figureShape(row, periods, 'TOTAL');
        }),
      );
    },
  }),
  caseSeries: t.field({
    extensions: CASE_READS,
    type: CaseSeriesRef,
    authScopes: { aggregates: true },
    description:
      'Case volume and one-network rate of a region bucket by bucket (办件趋势: by day, week, month, quarter or year), each bucket against the one before and a year earlier.',
    args: {
      ...selectionArgs,
      bucket: t.arg({ type: PeriodBucketEnum, required: true, description: 'The size of each bucket.' }),
      from: t.arg({ type: 'Date', description: 'First day; the start of the current year by default.' }),
      to: t.arg({ type: 'Date', description: 'Last day, included; today by default.' }),
    },
    resolve: async (_root, args, ctx) => {
      const today = todayOf(ctx);
      const range = {
        from: args.from ? dayOfDate(args.from) : bucketPeriod(today, 'YEAR').from,
        to: args.to ? dayOfDate(args.to) : today,
      };
      const periods = range.from <= range.to ? seriesBuckets(range, args.bucket, MAX_BUCKETS) : [];
      if (periods === null || periods.length === 0) {
        throw new GraphQLError(`A series needs from ≤ to and at most ${MAX_BUCKETS} buckets.`, {
          extensions: { code: 'BAD_USER_INPUT', field: 'from' },
        });
      }
      const points = periods.map((current) => ({
        current,
        previous: previousPeriod(current),
        yearAgo: yearAgoPeriod(current),
      }));
      const daily = args.bucket === 'DAY' || args.bucket === 'WEEK';
      const { data: result, asOf } = await caseSeries(ctx, await selectionOf(ctx, args), points, daily);
      return {
        region: checkedRegion(result.region, args.regionCode ?? null),
        bucket: args.bucket,
        points: result.points.map((point) => {
          const window = points[point.index] as (typeof points)[number];
          return {
            ...point,
            current: totals(point.current, window.current),
            previous: totals(point.previous, window.previous),
            yearAgo: totals(point.yearAgo, window.yearAgo),
          };
        }),
        asOf,
      };
    },
  }),
  bankBranchStatistics: t.field({
    extensions: CASE_READS,
    type: NetworkStatisticsRef,
    authScopes: { aggregates: true },
    description:
      'Rural commercial bank branches as service points (政银合作): branches open, items offered and cases received, branches ranked by cases.',
    args: periodArg,
    resolve: async (_root, args, ctx) => {
      const periods = comparedPeriods(periodOf(args.period, todayOf(ctx)));
      return networkShape(await bankBranchFigures(ctx, kpiAccess(ctx), periods), periods.current);
    },
  }),
  crossProvinceStatistics: t.field({
    extensions: CASE_READS,
    type: NetworkStatisticsRef,
    authScopes: { aggregates: true },
    description:
      'Cross-province handling (跨省通办): partner counties, agreed items and cases handled with each, partners ranked by cases.',
    args: periodArg,
    resolve: async (_root, args, ctx) => {
      const periods = comparedPeriods(periodOf(args.period, todayOf(ctx)));
      return networkShape(await crossProvinceFigures(ctx, kpiAccess(ctx), periods), periods.current);
    },
  }),
}));

interface RateFigure {
  region: Region;
  year: number;
  totalCases: number;
  oneNetworkCases: number;
  rate: number | null;
  target: number | null;
  rank: number | null;
  asOf: Date;
}

const OneNetworkRate = builder.simpleObject('OneNetworkRate', {
  description: 'One-network rate (一网通办率) of a region for a calendar year (Asia/Shanghai).',
  fields: (t) => ({
    region: t.field({ type: RegionNode, description: 'The region, counted with its whole subtree.' }),
    year: t.int({ description: 'The calendar year (Asia/Shanghai).' }),
    totalCases: t.int({ description: 'Cases submitted in the year (办件总量).' }),
    oneNetworkCases: t.int({
      description: 'Of those, cases handled on the one-network platform (一网通办件数).',
    }),
    rate: t.float({
      nullable: true,
      description:
        'oneNetworkCases / totalCases in percent, 2 decimals (98.13 means 98.13 %); null without cases.',
    }),
    target: t.float({
      nullable: true,
      description:
        'The year’s target in percent (年度目标) from indicator WT-ONE-NETWORK-RATE; null when none is set.',
    }),
    rank: t.int({
      nullable: true,
      description:
        'Position among its siblings by rate (排名; ties share a rank); null outside rankings or without cases.',
    }),
    asOf: t.field({ type: 'DateTime', description: 'When the figure was computed.' }),
  }),
});

function rateFigure(row: YearRateJson, year: number, asOf: Date): RateFigure {
  return {
    region: regionFromJson(row.region),
    year,
    totalCases: row.cases,
    oneNetworkCases: row.oneNetworkCases,
    rate: row.rate,
    target: row.target,
    rank: row.rank,
    asOf,
  };
}

const rateArgs = builder.args((t) => ({
  regionCode: t.string({ description: 'Administrative division code; the home county when omitted.' }),
  year: t.int({
    required: true,
    description: 'Calendar year (Asia/Shanghai), e.g. 2023.',
    validate: { min: [2000, { message: 'year must be 2000 or later' }], max: 2100 },
  }),
}));

/**
 * The selection of a year rate: the region asked for (else the caller's own or the home county)
 * within the caller's reach, of every channel and item, a DEPARTMENT caller's items only.
 */
function rateSelection(ctx: Context, regionCode: string | null | undefined): CaseSelection {
  return {
    regionCode: regionCode ?? null,
    access: kpiAccess(ctx),
    channel: null,
    departmentId: ctx.access.departmentId,
    itemCode: null,
  };
}

builder.queryFields((t) => ({
  oneNetworkRate: t.field({
    extensions: YEAR_RATE_READS,
    authScopes: { aggregates: true },
    type: OneNetworkRate,
    nullable: true,
    description:
      'One-network rate (一网通办率) of a region and its subtree for a year; null when the region does not exist.',
    args: rateArgs,
    resolve: async (_root, args, ctx) => {
      const { data, asOf } = await yearRates(ctx, rateSelection(ctx, args.regionCode), args.year, 'TOTAL');
      if (!data.region) return null;
      checkedRegion(data.region, args.regionCode ?? null);
      const [row] = data.rows;
      if (!row) throw new Error('a region total has one row');
      return rateFigure(row, args.year, asOf);
    },
  }),
  oneNetworkRateByChildren: t.field({
    extensions: YEAR_RATE_READS,
    authScopes: { aggregates: true },
    type: [OneNetworkRate],
    description:
      'The children of a region (the townships of the county) ranked by one-network rate for a year (一网通办率排名), best first; children without cases come last.',
    args: rateArgs,
    resolve: async (_root, args, ctx) => {
      const { data, asOf } = await yearRates(ctx, rateSelection(ctx, args.regionCode), args.year, 'CHILDREN');
      if (!data.region) return [];
      checkedRegion(data.region, args.regionCode ?? null);
      return data.rows.map((row) => rateFigure(row, args.year, asOf));
    },
  }),
}));
