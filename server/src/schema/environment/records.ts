// Indicators as records (指标): the province's evaluation (营商环境评价), passive monitoring
// (无感监测) and the office's work targets, with their yearly targets and reported values.
// What they add up to (status, roll-ups, trends) is computed in indicator-kpis.ts.
import { inRegionSubtree, nodeWhere, rowScope } from '../../access.ts';
import { builder } from '../../builder.ts';
import { allOf, containing, countedConnection, dayRangeArgs, onDays } from '../../connections.ts';
import type { Context } from '../../context.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { Direction, IndicatorCategory, PeriodKind, ReportingCycle } from '../../generated/prisma/enums.ts';
import { reads } from '../reads.ts';

export const DirectionEnum = builder.enumType(Direction, {
  name: 'Direction',
  description: 'Which way an indicator improves (指标方向).',
  values: {
    HIGHER_IS_BETTER: { description: 'Higher values are better (正向指标).' },
    LOWER_IS_BETTER: { description: 'Lower values are better (逆向指标), e.g. processing times.' },
  } satisfies Record<Direction, { description: string }>,
});

export const ReportingCycleEnum = builder.enumType(ReportingCycle, {
  name: 'ReportingCycle',
  description: 'How often an indicator is reported (报送周期).',
  values: {
    CONTINUOUS: { description: 'Measured continuously (实时).' },
    DAILY: { description: 'Every day (日报).' },
    MONTHLY: { description: 'Every month (月报).' },
    QUARTERLY: { description: 'Every quarter (季报).' },
    YEARLY: { description: 'Every year (年报).' },
  } satisfies Record<ReportingCycle, { description: string }>,
});

export const IndicatorCategoryEnum = builder.enumType(IndicatorCategory, {
  name: 'IndicatorCategory',
  description: 'What an indicator belongs to (指标类别).',
  values: {
    EVALUATION: { description: 'The province’s annual business-environment evaluation (营商环境评价).' },
    PASSIVE_MONITORING: { description: 'Passive monitoring by the province (无感监测).' },
    WORK_TARGET: { description: 'The office’s own work targets (工作目标), e.g. 一网通办率.' },
  } satisfies Record<IndicatorCategory, { description: string }>,
});

export const PeriodKindEnum = builder.enumType(PeriodKind, {
  name: 'PeriodKind',
  description: 'Length of the period a value covers (统计周期).',
  values: {
    DAY: { description: 'A day (日).' },
    WEEK: { description: 'A week, Monday to Sunday (周).' },
    MONTH: { description: 'A calendar month (月).' },
    QUARTER: { description: 'A calendar quarter (季).' },
    YEAR: { description: 'A calendar year (年).' },
  } satisfies Record<PeriodKind, { description: string }>,
});

// A DEPARTMENT caller sees the indicators it leads; a TOWNSHIP caller the targets and values of
// its subtree.
const indicatorScope = rowScope<Prisma.IndicatorWhereInput>('Indicator', {
  department: (leadDepartmentId) => ({ leadDepartmentId }),
});
const targetScope = rowScope<Prisma.IndicatorTargetWhereInput>('IndicatorTarget', {
  department: (leadDepartmentId) => ({ indicator: { leadDepartmentId } }),
  region: (region) => ({ region }),
});
const valueScope = rowScope<Prisma.IndicatorValueWhereInput>('IndicatorValue', {
  department: (leadDepartmentId) => ({ indicator: { leadDepartmentId } }),
  region: (region) => ({ region }),
});

const byPosition = [{ position: 'asc' as const }, { code: 'asc' as const }, { id: 'asc' as const }];
const latestValueFirst = [{ periodStart: 'desc' as const }, { id: 'desc' as const }];

export const IndicatorNode = builder.prismaNode('Indicator', {
  description:
    'An indicator (指标) with its default target, warning band and weight in its parent’s roll-up.',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(indicatorScope),
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code of the indicator, e.g. WT-ONE-NETWORK-RATE.' }),
    name: t.exposeString('name', { description: 'Name (指标名称), e.g. 一网通办率.' }),
    category: t.expose('category', {
      type: IndicatorCategoryEnum,
      description: 'What it belongs to (类别).',
    }),
    parent: t.relation('parent', {
      nullable: true,
      description: 'The indicator it rolls up into; null at the top.',
    }),
    children: t.relation('children', {
      description: 'The indicators rolling up into it, in their order.',
      query: (_args, ctx) => ({ where: allOf(indicatorScope(ctx.access)), orderBy: byPosition }),
    }),
    position: t.exposeInt('position', { description: 'Order among its siblings.' }),
    unit: t.exposeString('unit', { description: 'Unit of its values (单位), e.g. % or 工作日.' }),
    direction: t.expose('direction', { type: DirectionEnum, description: 'Which way it improves.' }),
    target: t.expose('target', {
      type: 'Decimal',
      nullable: true,
      description: 'Default target (默认目标); a year’s own target in `targets` wins.',
    }),
    warningBand: t.expose('warningBand', {
      type: 'Decimal',
      nullable: true,
      description:
        'Distance from the target, in the indicator’s unit, inside which its status is amber (预警区间).',
    }),
    weight: t.expose('weight', { type: 'Decimal', description: 'Weight in the parent’s roll-up (权重).' }),
    leadDepartment: t.relation('leadDepartment', {
      nullable: true,
      description: 'The lead department (牵头部门).',
    }),
    cycle: t.expose('cycle', {
      type: ReportingCycleEnum,
      description: 'How often it is reported (报送周期).',
    }),
    description: t.exposeString('description', { nullable: true, description: 'What it measures and how.' }),
    targets: t.relation('targets', {
      description: 'Its targets per year and region (年度目标), newest year first.',
      query: (_args, ctx) => ({
        where: allOf(targetScope(ctx.access)),
        orderBy: [{ year: 'desc' }, { regionId: 'asc' }, { id: 'asc' }],
      }),
    }),
    values: t.relatedConnection(
      'values',
      {
        cursor: 'id',
        totalCount: true,
        description: 'Its reported values (指标值), latest period first.',
        args: {
          regionCode: t.arg.string({ description: 'Only values of the region with this exact code.' }),
          periodKind: t.arg({
            type: PeriodKindEnum,
            description: 'Only values covering periods of this length.',
          }),
        },
        query: (args, ctx) => ({
          where: allOf<Prisma.IndicatorValueWhereInput>(
            args.regionCode != null && { region: { code: args.regionCode } },
            args.periodKind && { periodKind: args.periodKind },
            valueScope(ctx.access),
          ),
          orderBy: latestValueFirst,
        }),
      },
      IndicatorValueConnection,
    ),
  }),
});

export const IndicatorTargetNode = builder.prismaNode('IndicatorTarget', {
  description: 'An indicator’s target for one year and region (年度目标).',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(targetScope),
  fields: (t) => ({
    indicator: t.relation('indicator', { description: 'The indicator.' }),
    year: t.exposeInt('year', { description: 'The year the target is for.' }),
    region: t.relation('region', { description: 'The region the target is for.' }),
    target: t.expose('target', {
      type: 'Decimal',
      description: 'The target value, in the indicator’s unit.',
    }),
    warningBand: t.expose('warningBand', {
      type: 'Decimal',
      nullable: true,
      description: 'This year’s warning band (预警区间); the indicator’s own when null.',
    }),
    basis: t.exposeString('basis', { description: 'Where the target comes from, e.g. 2023年工作思路.' }),
  }),
});

export const IndicatorValueNode = builder.prismaNode('IndicatorValue', {
  description:
    'A value of an indicator for one period and region (指标值): an evaluation score with tier and rank, or a point of a passive-monitoring series with the rank among the city’s counties.',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(valueScope),
  fields: (t) => ({
    indicator: t.relation('indicator', { description: 'The indicator.' }),
    region: t.relation('region', { description: 'The region the value is for.' }),
    periodKind: t.expose('periodKind', {
      type: PeriodKindEnum,
      description: 'Length of the period covered.',
    }),
    periodStart: t.expose('periodStart', { type: 'Date', description: 'First day of the period covered.' }),
    value: t.expose('value', { type: 'Decimal', description: 'The value, in the indicator’s unit.' }),
    tier: t.exposeInt('tier', {
      nullable: true,
      description: 'Province tier (档), 1 is best; evaluation only.',
    }),
    rank: t.exposeInt('rank', { nullable: true, description: 'Rank (排名), 1 is best.' }),
    rankOf: t.exposeInt('rankOf', {
      nullable: true,
      description: 'How many were ranked, e.g. the city’s 4 counties (参与排名数).',
    }),
    bestInProvince: t.exposeBoolean('bestInProvince', { description: 'Best in the province (全省最优).' }),
    sourceSystem: t.exposeString('sourceSystem', { description: 'Who reported it, e.g. 浙里营商.' }),
    version: t.exposeInt('version', { description: 'Revision of the record, for optimistic concurrency.' }),
  }),
});

const IndicatorConnection = countedConnection(IndicatorNode, 'Indicator', 'indicators (指标)');
const IndicatorValueConnection = countedConnection(
  IndicatorValueNode,
  'IndicatorValue',
  'indicator values (指标值)',
);
const IndicatorTargetConnection = countedConnection(
  IndicatorTargetNode,
  'IndicatorTarget',
  'indicator targets (年度目标)',
);

interface IndicatorFilter {
  category?: IndicatorCategory | null;
  departmentCode?: string | null;
  topLevel?: boolean | null;
  search?: string | null;
}

function indicatorWhere(args: IndicatorFilter, ctx: Context) {
  const search = containing(args.search);
  return allOf<Prisma.IndicatorWhereInput>(
    args.category && { category: args.category },
    args.departmentCode != null && { leadDepartment: { code: args.departmentCode } },
    typeof args.topLevel === 'boolean' && { parentId: args.topLevel ? null : { not: null } },
    search && { OR: [{ name: search }, { code: search }] },
    indicatorScope(ctx.access),
  );
}

interface ValueFilter {
  indicatorCode?: string | null;
  category?: IndicatorCategory | null;
  regionCode?: string | null;
  periodKind?: PeriodKind | null;
  periodFrom?: Date | null;
  periodTo?: Date | null;
  bestInProvince?: boolean | null;
}

async function valueWhere(args: ValueFilter, ctx: Context) {
  return allOf<Prisma.IndicatorValueWhereInput>(
    args.indicatorCode != null && { indicator: { code: args.indicatorCode } },
    args.category && { indicator: { category: args.category } },
    args.regionCode != null && { region: await inRegionSubtree(ctx, args.regionCode) },
    args.periodKind && { periodKind: args.periodKind },
    { periodStart: onDays(args.periodFrom, args.periodTo, 'period') },
    typeof args.bestInProvince === 'boolean' && { bestInProvince: args.bestInProvince },
    valueScope(ctx.access),
  );
}

async function targetWhere(
  args: { indicatorCode?: string | null; year?: number | null; regionCode?: string | null },
  ctx: Context,
) {
  return allOf<Prisma.IndicatorTargetWhereInput>(
    args.indicatorCode != null && { indicator: { code: args.indicatorCode } },
    args.year != null && { year: args.year },
    args.regionCode != null && { region: await inRegionSubtree(ctx, args.regionCode) },
    targetScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  indicators: t.prismaConnection(
    {
      extensions: reads('Indicator'),
      type: 'Indicator',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: 'Indicators (指标), in their order (position, then code).',
      args: {
        category: t.arg({ type: IndicatorCategoryEnum, description: 'Only indicators of this category.' }),
        departmentCode: t.arg.string({
          description: 'Only indicators led by the department with this code.',
        }),
        topLevel: t.arg.boolean({ description: 'Only indicators without a parent, or only those with one.' }),
        search: t.arg.string({ description: 'Only indicators whose name or code contains this.' }),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.indicator.count({ where: indicatorWhere(args, ctx) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.indicator.findMany({ ...query, where: indicatorWhere(args, ctx), orderBy: byPosition }),
    },
    IndicatorConnection,
  ),
  indicator: t.prismaField({
    extensions: reads('Indicator', 'IndicatorTarget', 'Department'),
    type: 'Indicator',
    nullable: true,
    authScopes: { aggregates: true },
    description: 'One indicator by its code; null when there is none (or it is out of scope).',
    args: { code: t.arg.string({ required: true, description: 'The indicator’s code.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.indicator.findFirst({
        ...query,
        where: allOf<Prisma.IndicatorWhereInput>({ code: args.code }, indicatorScope(ctx.access)),
      }),
  }),
  indicatorValues: t.prismaConnection(
    {
      extensions: reads('IndicatorValue'),
      type: 'IndicatorValue',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: 'Reported indicator values (指标值), latest period first (periodStart, then id).',
      args: {
        indicatorCode: t.arg.string({ description: 'Only values of the indicator with this code.' }),
        category: t.arg({
          type: IndicatorCategoryEnum,
          description: 'Only values of indicators of this category.',
        }),
        regionCode: t.arg.string({
          description:
            'Only values of regions in the subtree of the region with this code (the region included).',
        }),
        periodKind: t.arg({
          type: PeriodKindEnum,
          description: 'Only values covering periods of this length.',
        }),
        ...dayRangeArgs(t.arg, 'period', 'periods starting'),
        bestInProvince: t.arg.boolean({
          description: 'Only values best in the province (全省最优), or only others.',
        }),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.indicatorValue.count({ where: await valueWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.indicatorValue.findMany({
          ...query,
          where: await valueWhere(args, ctx),
          orderBy: latestValueFirst,
        }),
    },
    IndicatorValueConnection,
  ),
  indicatorTargets: t.prismaConnection(
    {
      extensions: reads('IndicatorTarget'),
      type: 'IndicatorTarget',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: 'Yearly indicator targets (年度目标), newest year first, then by id.',
      args: {
        indicatorCode: t.arg.string({ description: 'Only targets of the indicator with this code.' }),
        year: t.arg.int({ description: 'Only targets for this year.' }),
        regionCode: t.arg.string({
          description:
            'Only targets of regions in the subtree of the region with this code (the region included).',
        }),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.indicatorTarget.count({ where: await targetWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.indicatorTarget.findMany({
          ...query,
          where: await targetWhere(args, ctx),
          orderBy: [{ year: 'desc' }, { id: 'asc' }],
        }),
    },
    IndicatorTargetConnection,
  ),
}));

builder.prismaObjectFields('Department', (t) => ({
  indicators: t.relatedConnection(
    'indicators',
    {
      cursor: 'id',
      totalCount: true,
      description: 'Indicators the department leads (牵头指标), in their order.',
      query: (_args, ctx) => ({ where: allOf(indicatorScope(ctx.access)), orderBy: byPosition }),
    },
    IndicatorConnection,
  ),
}));
