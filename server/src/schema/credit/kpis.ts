// Credit KPIs (信用体系): the blacklist count and ratio as a month-end series by source
// department, credit repairs by status, and double publicity's three rates by department.
import { builder } from '../../builder.ts';
import { ensureWorkCalendar } from '../../kpi/calendar.ts';
import { addMonths, dayOfDate, monthStart } from '../../kpi/period.ts';
import { departmentScope, kpiAccess } from '../../kpi/sql.ts';
import {
  comparedPeriods,
  dateOf,
  departmentArg,
  KpiPeriodInput,
  KpiPeriodRef,
  periodOf,
  periodShape,
  todayOf,
} from '../kpi-common.ts';
import {
  BLACKLIST_READS,
  blacklistSeries,
  PUBLICITY_READS,
  publicityFigures,
  REPAIR_READS,
  repairFigures,
} from './figures.ts';
import { RepairStatusEnum } from './records.ts';

const BlacklistDepartmentRef = builder.simpleObject('BlacklistDepartmentCount', {
  description: 'Firms on the list from one source department (按来源部门).',
  fields: (t) => ({
    code: t.string({ description: 'The department’s code, e.g. the court (法院).' }),
    name: t.string({ description: 'Its name.' }),
    listed: t.int({ description: 'Firms it listed that are on the list then.' }),
  }),
});

const BlacklistMonthEndRef = builder.simpleObject('BlacklistMonthEnd', {
  description: 'The serious-dishonesty list (严重失信主体名单) at a month end (月末).',
  fields: (t) => ({
    month: t.field({ type: 'Date', description: 'First day of the month.' }),
    day: t.field({
      type: 'Date',
      description: 'The day counted: the month’s last day, or today for this month.',
    }),
    listed: t.int({
      description:
        'Firms on the list then (失信主体数): listed on or before, not removed by then; counted once.',
    }),
    base: t.int({
      description: 'Firms in the credit base then (信用主体库): registered by then and not left.',
    }),
    ratio: t.float({ nullable: true, description: 'listed / base in percent, 2 decimals (失信主体占比).' }),
    departments: t.field({
      type: [BlacklistDepartmentRef],
      description: 'Listed firms by source department.',
    }),
  }),
});

const BlacklistSeriesRef = builder.simpleObject('BlacklistSeries', {
  description: 'The blacklist count and ratio month end by month end (失信主体月末走势).',
  fields: (t) => ({
    points: t.field({ type: [BlacklistMonthEndRef], description: 'Month ends, oldest first.' }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

const RepairCountRef = builder.simpleObject('RepairStatusCount', {
  description: 'Credit-repair applications in one status (信用修复).',
  fields: (t) => ({
    status: t.field({ type: RepairStatusEnum, description: 'The status now.' }),
    label: t.string({ description: 'The status in Chinese.' }),
    count: t.int({ description: 'Applications in it.' }),
  }),
});

const RepairStatisticsRef = builder.simpleObject('CreditRepairStatistics', {
  description: 'Credit-repair applications made in a period (信用修复统计).',
  fields: (t) => ({
    period: t.field({ type: KpiPeriodRef, description: 'The days applied on.' }),
    applied: t.int({ description: 'Applications (申请数).' }),
    byStatus: t.field({ type: [RepairCountRef], description: 'Every status with its count.' }),
    averageDecisionDays: t.float({
      nullable: true,
      description: 'Average calendar days from application to decision of the decided ones (平均办理天数).',
    }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

const PublicityFigureRef = builder.simpleObject('PublicityFigure', {
  description:
    'Double publicity (双公示) of one department or all: the three rates (三率) of licence and penalty decisions taken in a period.',
  fields: (t) => ({
    code: t.string({ description: 'The department’s code; ALL for the totals.' }),
    name: t.string({ description: 'Its name.' }),
    records: t.int({ description: 'Decisions taken in the period (决定数).' }),
    published: t.int({ description: 'Of those, published (已公示).' }),
    judged: t.int({
      description:
        'Of those, published or with their 7 working days over at today: the ones timeliness is judged on.',
    }),
    timely: t.int({
      description:
        'Published within 7 working days after the decision (按时公示), China’s working-day calendar.',
    }),
    accurate: t.int({ description: 'Accurate records (准确).' }),
    complete: t.int({ description: 'Complete records (完整).' }),
    timelinessRate: t.float({ nullable: true, description: 'timely / judged in percent (及时率).' }),
    accuracyRate: t.float({ nullable: true, description: 'accurate / records in percent (准确率).' }),
    completenessRate: t.float({ nullable: true, description: 'complete / records in percent (完整率).' }),
    rank: t.int({
      nullable: true,
      description: 'Position by the mean of the three rates (综合排名); ties share; null for the totals.',
    }),
    previousRank: t.int({ nullable: true, description: 'Position in the previous period (上期排名).' }),
    rankChange: t.int({ nullable: true, description: 'previousRank − rank: places moved up (名次变化).' }),
  }),
});

const PublicityStatisticsRef = builder.simpleObject('PublicityStatistics', {
  description: 'Double publicity’s three rates (双公示“三率”) for a period.',
  fields: (t) => ({
    period: t.field({ type: KpiPeriodRef, description: 'The days the decisions were taken on.' }),
    totals: t.field({ type: PublicityFigureRef, description: 'All departments.' }),
    departments: t.field({
      type: [PublicityFigureRef],
      description: 'Each department with decisions, best first.',
    }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

builder.queryFields((t) => ({
  blacklistSeries: t.field({
    extensions: BLACKLIST_READS,
    type: BlacklistSeriesRef,
    authScopes: { aggregates: true },
    description:
      'Firms on the serious-dishonesty list (严重失信主体) and their ratio to the credit base at every month end (月末), with the source departments.',
    args: {
      ...departmentArg,
      from: t.arg({
        type: 'Date',
        description: 'A day in the first month; twelve months before `to` by default.',
      }),
      to: t.arg({ type: 'Date', description: 'A day in the last month; today by default.' }),
    },
    resolve: async (_root, args, ctx) => {
      const today = todayOf(ctx);
      const to = args.to ? dayOfDate(args.to) : today;
      const from = args.from ? dayOfDate(args.from) : monthStart(addMonths(to, -11));
      const scope = { access: kpiAccess(ctx), departmentId: await departmentScope(ctx, args.departmentCode) };
      const { data: points, asOf } = await blacklistSeries(ctx, scope, { from, to, today });
      return {
        points: points.map((point) => ({ ...point, month: dateOf(point.month), day: dateOf(point.day) })),
        asOf,
      };
    },
  }),
  creditRepairStatistics: t.field({
    extensions: REPAIR_READS,
    type: RepairStatisticsRef,
    authScopes: { aggregates: true },
    description:
      'Credit-repair applications (信用修复) made in a period, by status, with the time to a decision.',
    args: {
      ...departmentArg,
      period: t.arg({
        type: KpiPeriodInput,
        description: 'The days applied on; the current year to date by default.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const period = periodOf(args.period, todayOf(ctx));
      const scope = { access: kpiAccess(ctx), departmentId: await departmentScope(ctx, args.departmentCode) };
      const { data: result, asOf } = await repairFigures(ctx, scope, period);
      return {
        period: periodShape(period),
        applied: result.applied,
        byStatus: result.byStatus.map((row) => ({
          status: row.key as typeof RepairStatusEnum.$inferType,
          label: RepairStatusEnum.label(row.key),
          count: row.count,
        })),
        averageDecisionDays: result.averageDecisionDays,
        asOf,
      };
    },
  }),
  publicityRates: t.field({
    extensions: PUBLICITY_READS,
    type: PublicityStatisticsRef,
    authScopes: { aggregates: true },
    description:
      'Double publicity’s three rates (双公示“三率”: timeliness, accuracy, completeness) of decisions taken in a period, by department and ranked; timely means published within 7 working days on China’s working-day calendar.',
    args: {
      ...departmentArg,
      period: t.arg({
        type: KpiPeriodInput,
        description: 'The days decided on; the current year to date by default.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const today = todayOf(ctx);
      await ensureWorkCalendar(ctx.db, today);
      const { current, previous } = comparedPeriods(periodOf(args.period, today));
      const departmentId = await departmentScope(ctx, args.departmentCode);
      const { data, asOf } = await publicityFigures(ctx, departmentId, { current, previous }, today);
      return { period: periodShape(current), ...data, asOf };
    },
  }),
}));
