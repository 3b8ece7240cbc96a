// Business-environment KPIs (营商环境): the province's evaluation year by year with tiers, ranks
// and best-in-province flags, and passive-monitoring series ranked among the city's counties.
import { GraphQLError } from 'graphql';
import { builder } from '../../builder.ts';
import { addMonths, dayOfDate } from '../../kpi/period.ts';
import { checkedRegion, kpiAccess } from '../../kpi/sql.ts';
import { dateOf, todayOf } from '../kpi-common.ts';
import { RegionNode } from '../organisation/regions.ts';
import {
  EVALUATION_READS,
  type EvaluationYearJson,
  evaluationYears,
  MONITORING_READS,
  monitoringSeries,
} from './figures.ts';

const rank = {
  rank: 'Rank in the province (全省排名); 1 is best.',
  rankOf: 'How many counties were ranked.',
  previousRank: 'Rank the year before (上年排名).',
  rankChange: 'previousRank − rank: places moved up (名次变化).',
};

const EvaluationScoreRef = builder.simpleObject('EvaluationScore', {
  description: 'A first-level indicator’s result in one evaluation year (一级指标得分).',
  fields: (t) => ({
    code: t.string({ description: 'The indicator’s code.' }),
    name: t.string({ description: 'Its Chinese name, e.g. 登记财产.' }),
    leadDepartmentCode: t.string({ nullable: true, description: 'The lead department (牵头部门).' }),
    score: t.float({ description: 'Score (得分).' }),
    previousScore: t.float({ nullable: true, description: 'Score the year before.' }),
    tier: t.int({ nullable: true, description: 'Province tier (档次); 1 is the first tier (第一档).' }),
    rank: t.int({ nullable: true, description: rank.rank }),
    rankOf: t.int({ nullable: true, description: rank.rankOf }),
    previousRank: t.int({ nullable: true, description: rank.previousRank }),
    rankChange: t.int({ nullable: true, description: rank.rankChange }),
    bestInProvince: t.boolean({ description: 'Best in the province (全省最优).' }),
  }),
});

const EvaluationYearRef = builder.simpleObject('EvaluationYear', {
  description: 'One year of the province’s business-environment evaluation (营商环境评价年度结果).',
  fields: (t) => ({
    year: t.int({ description: 'The year evaluated (published the year after).' }),
    score: t.float({ nullable: true, description: 'Overall convenience score (总体便利度得分).' }),
    previousScore: t.float({ nullable: true, description: 'Overall score the year before.' }),
    rank: t.int({ nullable: true, description: rank.rank }),
    rankOf: t.int({ nullable: true, description: rank.rankOf }),
    previousRank: t.int({ nullable: true, description: rank.previousRank }),
    rankChange: t.int({ nullable: true, description: rank.rankChange }),
    firstTierCount: t.int({
      description: 'First-level indicators in the province’s first tier (第一档指标数).',
    }),
    bestInProvinceCount: t.int({ description: 'Indicators best in the province (全省最优指标数).' }),
    publishedAt: t.field({ type: 'DateTime', description: 'When the result was recorded.' }),
    indicators: t.field({
      type: [EvaluationScoreRef],
      description: 'The first-level indicators (一级指标).',
    }),
  }),
});

function yearShape(year: EvaluationYearJson) {
  return { ...year, publishedAt: new Date(year.publishedAt) };
}

const EvaluationHistoryRef = builder.simpleObject('EvaluationHistory', {
  description: 'The province’s evaluations of a county, year by year (营商环境评价历年结果).',
  fields: (t) => ({
    region: t.field({ type: RegionNode, description: 'The county evaluated.' }),
    years: t.field({ type: [EvaluationYearRef], description: 'Every evaluated year, oldest first.' }),
    latest: t.field({ type: EvaluationYearRef, nullable: true, description: 'The latest evaluated year.' }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

export const MonitoringPeriodEnum = builder.enumType('MonitoringPeriod', {
  description: 'Period of a passive-monitoring value (监测周期).',
  values: {
    MONTH: { description: 'Monthly values (月度).' },
    YEAR: { description: 'Yearly means (年度).' },
  },
});

const MonitoringCountyRef = builder.simpleObject('MonitoringCounty', {
  description: 'A county’s value in one period of passive monitoring (各县监测值).',
  fields: (t) => ({
    code: t.string({ description: 'The county’s division code.' }),
    name: t.string({ description: 'Its name.' }),
    home: t.boolean({ description: 'The region the series is about.' }),
    value: t.float({ description: 'Its value.' }),
    rank: t.int({ nullable: true, description: 'Its rank among the city’s counties (全市排名).' }),
  }),
});

const MonitoringPointRef = builder.simpleObject('MonitoringPoint', {
  description: 'One period of a passive-monitoring series (无感监测).',
  fields: (t) => ({
    periodStart: t.field({ type: 'Date', description: 'First day of the period.' }),
    value: t.float({ nullable: true, description: 'The region’s value.' }),
    rank: t.int({ nullable: true, description: 'The region’s rank among the city’s counties (全市排名).' }),
    rankOf: t.int({ nullable: true, description: 'How many counties were ranked.' }),
    previousRank: t.int({ nullable: true, description: 'Its rank in the period before.' }),
    rankChange: t.int({ nullable: true, description: 'previousRank − rank: places moved up (名次变化).' }),
    counties: t.field({ type: [MonitoringCountyRef], description: 'Every county of the city, best first.' }),
  }),
});

const MonitoringSeriesRef = builder.simpleObject('MonitoringSeries', {
  description: 'A passive-monitoring indicator over time, ranked among the city’s counties (无感监测走势).',
  fields: (t) => ({
    region: t.field({ type: RegionNode, description: 'The county the series is about.' }),
    indicatorCode: t.string({ description: 'The indicator (指标编码).' }),
    indicatorName: t.string({ description: 'Its Chinese name.' }),
    unit: t.string({ description: 'Unit of its values.' }),
    higherIsBetter: t.boolean({ description: 'Higher values are better (正向指标).' }),
    points: t.field({ type: [MonitoringPointRef], description: 'The periods, oldest first.' }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

const regionArg = builder.args((t) => ({
  regionCode: t.string({ description: 'The county; the caller’s own region or the home county by default.' }),
}));

builder.queryFields((t) => ({
  businessEvaluation: t.field({
    extensions: EVALUATION_READS,
    type: EvaluationHistoryRef,
    authScopes: { aggregates: true },
    description:
      'The province’s business-environment evaluation (营商环境评价) year by year: overall score and rank, first-level indicators with tier, rank and best-in-province flags, every rank with its change from the year before.',
    args: regionArg,
    resolve: async (_root, args, ctx) => {
      const { data: result, asOf } = await evaluationYears(ctx, args.regionCode ?? null, kpiAccess(ctx));
      const years = result.years.map(yearShape);
      return {
        region: checkedRegion(result.region, args.regionCode ?? null),
        years,
        latest: years[years.length - 1] ?? null,
        asOf,
      };
    },
  }),
  passiveMonitoring: t.field({
    extensions: MONITORING_READS,
    type: MonitoringSeriesRef,
    authScopes: { aggregates: true },
    description:
      'A passive-monitoring indicator (无感监测; the composite score by default) period by period, with the county’s rank among the city’s counties and its change.',
    args: {
      ...regionArg,
      indicatorCode: t.arg.string({
        description: 'A monitoring indicator’s code; the composite score by default.',
      }),
      periodKind: t.arg({
        type: MonitoringPeriodEnum,
        defaultValue: 'MONTH',
        description: 'Monthly or yearly values.',
      }),
      from: t.arg({ type: 'Date', description: 'First period; twelve months before `to` by default.' }),
      to: t.arg({ type: 'Date', description: 'Last period; today by default.' }),
    },
    resolve: async (_root, args, ctx) => {
      const to = args.to ? dayOfDate(args.to) : todayOf(ctx);
      const from = args.from ? dayOfDate(args.from) : addMonths(to, -12);
      const { data: result, asOf } = await monitoringSeries(ctx, {
        regionCode: args.regionCode ?? null,
        access: kpiAccess(ctx),
        indicatorCode: args.indicatorCode ?? null,
        periodKind: args.periodKind ?? 'MONTH',
        from,
        to,
      });
      const region = checkedRegion(result.region, args.regionCode ?? null);
      if (!result.indicator) {
        throw new GraphQLError(`No passive-monitoring indicator has the code ${args.indicatorCode}.`, {
          extensions: { code: 'NOT_FOUND', field: 'indicatorCode' },
        });
      }
      return {
        region,
        indicatorCode: result.indicator.code,
        indicatorName: result.indicator.name,
        unit: result.indicator.unit,
        higherIsBetter: result.indicator.higherIsBetter,
        points: result.points.map((point) => ({ ...point, periodStart: dateOf(point.periodStart) })),
        asOf,
      };
    },
  }),
}));
