// Indicator KPIs (指标): current value, target, red/amber/green status, weighted roll-up to the
// parent and trend of every indicator: the evaluation (营商环境评价), passive monitoring (无感监测)
// and the office's work targets, some of which the hub computes from its own records.
import { builder } from '../../builder.ts';
import { checkedRegion, kpiAccess } from '../../kpi/sql.ts';
import { dateOf, KpiStatusEnum, todayOf } from '../kpi-common.ts';
import { RegionNode } from '../organisation/regions.ts';
import { INDICATOR_READS, type IndicatorFigureJson, indicatorFigures } from './indicator-figures.ts';
import { DirectionEnum, IndicatorCategoryEnum, PeriodKindEnum } from './records.ts';

export const KpiStatusBasisEnum = builder.enumType('KpiStatusBasis', {
  description: 'What a status was judged against (评价依据).',
  values: {
    TARGET: {
      description:
        'The year’s target (年度目标) and its warning band; counts that build up over a running year against the target pro-rated to today (时间进度).',
    },
    TIER: { description: 'The province’s tier (档次): first tier green, second amber, lower red.' },
    RANK: {
      description:
        'The rank among the city’s counties (全市排名): first green, upper half amber, lower half red.',
    },
  },
});

const IndicatorPointRef = builder.simpleObject('IndicatorPoint', {
  description: 'One value of an indicator’s trend (指标走势).',
  fields: (t) => ({
    periodStart: t.field({ type: 'Date', description: 'First day of the period the value covers.' }),
    periodKind: t.field({ type: PeriodKindEnum, description: 'Length of that period.' }),
    value: t.float({ description: 'The value, in the indicator’s unit.' }),
    rank: t.int({ nullable: true, description: 'Rank reported with it (排名), if any.' }),
    rankOf: t.int({ nullable: true, description: 'How many were ranked.' }),
    tier: t.int({ nullable: true, description: 'Province tier reported with it (档次), 1 is best.' }),
  }),
});

const IndicatorRollupRef = builder.simpleObject('IndicatorRollup', {
  description:
    'The weighted roll-up of an indicator’s children (下级指标汇总): each child’s status counts green 100, amber 50, red 0, weighted by the child’s weight; 90 or more is green, 60 or more amber.',
  fields: (t) => ({
    children: t.int({ description: 'Children of the indicator.' }),
    green: t.int({ description: 'Children with a green status.' }),
    amber: t.int({ description: 'Children with an amber status.' }),
    red: t.int({ description: 'Children with a red status.' }),
    score: t.float({
      nullable: true,
      description: 'Weighted status score, 0–100 (加权得分); null without statuses.',
    }),
    status: t.field({ type: KpiStatusEnum, nullable: true, description: 'Status of the score.' }),
    weightedValue: t.float({
      nullable: true,
      description:
        'Weighted average of the children’s values when they share the parent’s unit (e.g. the evaluation’s overall score); null otherwise.',
    }),
  }),
});

const IndicatorFigureRef = builder.simpleObject('IndicatorFigure', {
  description: 'An indicator’s current value with its target, status, roll-up and trend (指标看板).',
  fields: (t) => ({
    code: t.string({ description: 'The indicator’s code (指标编码), e.g. WT-ONE-NETWORK-RATE.' }),
    name: t.string({ description: 'Its Chinese name (指标名称).' }),
    category: t.field({ type: IndicatorCategoryEnum, description: 'What it belongs to (指标类别).' }),
    unit: t.string({ description: 'Unit of its values (单位), e.g. %, 分, 工作日.' }),
    direction: t.field({ type: DirectionEnum, description: 'Which way it improves (指标方向).' }),
    parentCode: t.string({ nullable: true, description: 'The parent indicator it rolls up into.' }),
    weight: t.float({ description: 'Its weight in the parent’s roll-up (权重).' }),
    leadDepartmentCode: t.string({ nullable: true, description: 'The lead department (牵头部门).' }),
    year: t.int({ nullable: true, description: 'The year the value belongs to.' }),
    value: t.float({ nullable: true, description: 'The current value (当前值); null when none is known.' }),
    computed: t.boolean({
      description: 'Computed by the hub from its records (系统计算) rather than reported (上报).',
    }),
    periodKind: t.field({
      type: PeriodKindEnum,
      nullable: true,
      description: 'Length of the period the value covers.',
    }),
    periodStart: t.field({ type: 'Date', nullable: true, description: 'First day of that period.' }),
    reportedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When a reported value was last written.',
    }),
    target: t.float({
      nullable: true,
      description: 'The year’s target (年度目标), else the indicator’s default.',
    }),
    warningBand: t.float({
      nullable: true,
      description: 'How far short of the target is still amber (预警区间).',
    }),
    targetBasis: t.string({
      nullable: true,
      description: 'Where the target comes from, e.g. 2023年工作思路.',
    }),
    expectedToDate: t.float({
      nullable: true,
      description:
        'For counts that build up over a running year: the target pro-rated to today (按时间进度应完成).',
    }),
    status: t.field({
      type: KpiStatusEnum,
      nullable: true,
      description: 'Red/amber/green status (红黄绿灯).',
    }),
    statusBasis: t.field({
      type: KpiStatusBasisEnum,
      nullable: true,
      description: 'What the status was judged against.',
    }),
    tier: t.int({ nullable: true, description: 'Province tier of the value (档次), 1 is best.' }),
    rank: t.int({ nullable: true, description: 'Rank reported with the value (排名).' }),
    rankOf: t.int({ nullable: true, description: 'How many were ranked.' }),
    bestInProvince: t.boolean({ description: 'Best in the province (全省最优).' }),
    previousRank: t.int({
      nullable: true,
      description: 'Rank of the previous value of the same period length.',
    }),
    rankChange: t.int({ nullable: true, description: 'previousRank − rank: places moved up (名次变化).' }),
    rollup: t.field({
      type: IndicatorRollupRef,
      nullable: true,
      description: 'The roll-up of its children; null for an indicator without children.',
    }),
    trend: t.field({
      type: [IndicatorPointRef],
      description:
        'Its recent values, oldest first: the last 12 of the value’s period length; for computed ones the months of the year (rate per month, counts cumulative).',
    }),
  }),
});

function figureShape(figure: IndicatorFigureJson) {
  return {
    ...figure,
    category: figure.category as typeof IndicatorCategoryEnum.$inferType,
    direction: (figure.higherIsBetter
      ? 'HIGHER_IS_BETTER'
      : 'LOWER_IS_BETTER') as typeof DirectionEnum.$inferType,
    periodKind: figure.periodKind as typeof PeriodKindEnum.$inferType | null,
    periodStart: figure.periodStart ? dateOf(figure.periodStart) : null,
    reportedAt: figure.reportedAt ? new Date(figure.reportedAt) : null,
    trend: figure.trend.map((point) => ({
      ...point,
      periodStart: dateOf(point.periodStart),
      periodKind: point.periodKind as typeof PeriodKindEnum.$inferType,
    })),
  };
}

const IndicatorBoardRef = builder.simpleObject('IndicatorBoard', {
  description: 'Indicators of a region with their status (指标看板).',
  fields: (t) => ({
    region: t.field({ type: RegionNode, description: 'The region the values are of.' }),
    figures: t.field({
      type: [IndicatorFigureRef],
      description: 'The indicators asked for, each tree in order: a parent before its children.',
    }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

builder.queryFields((t) => ({
  indicatorBoard: t.field({
    extensions: INDICATOR_READS,
    type: IndicatorBoardRef,
    authScopes: { aggregates: true },
    description:
      'Indicators with current value, target, red/amber/green status, weighted roll-up and trend (指标看板). Work targets such as the one-network rate, the case volume and the township case volume are computed from the records.',
    args: {
      regionCode: t.arg.string({
        description:
          'The region whose values to show; the caller’s own region or the home county by default.',
      }),
      year: t.arg.int({
        description: 'Values of this year; each indicator’s latest value when omitted.',
        validate: { min: [2000, { message: 'year must be 2000 or later' }], max: 2100 },
      }),
      category: t.arg({ type: IndicatorCategoryEnum, description: 'Only indicators of this category.' }),
      codes: t.arg.stringList({ description: 'Only these indicators (指标编码).' }),
      withDescendants: t.arg.boolean({
        defaultValue: false,
        description: 'With `codes`: their children and further descendants too.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const { data: result, asOf } = await indicatorFigures(ctx, {
        regionCode: args.regionCode ?? null,
        access: kpiAccess(ctx),
        year: args.year ?? null,
        today: todayOf(ctx),
        codes: args.codes ?? null,
        withDescendants: args.withDescendants ?? false,
        category: args.category ?? null,
      });
      return {
        region: checkedRegion(result.region, args.regionCode ?? null),
        figures: result.figures.map(figureShape),
        asOf,
      };
    },
  }),
}));
