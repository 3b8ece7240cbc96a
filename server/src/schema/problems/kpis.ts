// Obstacle-clearing KPIs (清障行动): problems by status, source and department; assignment slips
// open, overdue and closed on time with the handling time in working days; investment projects
// by status with their latest progress.
import { builder } from '../../builder.ts';
import { ensureWorkCalendar } from '../../kpi/calendar.ts';
import { dayOfDate } from '../../kpi/period.ts';
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
  asOfDay,
  PROBLEM_READS,
  PROJECT_READS,
  type ProblemGrouping,
  problemCounts,
  projectFigures,
  SLIP_READS,
  slipFigures,
} from './figures.ts';
import { ProblemSourceEnum, ProblemStatusEnum, ProjectStatusEnum } from './records.ts';

const rankDescriptions = {
  rank: 'Position in this period (排名); ties share a rank; null when not ranked.',
  previousRank: 'Position in the previous period (上期排名).',
  rankChange: 'previousRank − rank: places moved up (名次变化).',
};

export const ProblemGroupingEnum = builder.enumType('ProblemGrouping', {
  description: 'What problem counts are split by (问题统计维度).',
  values: {
    STATUS: { description: 'The problem’s status now (问题状态).' },
    SOURCE: { description: 'Where it came from (问题来源).' },
    DEPARTMENT: { description: 'The owner department (责任部门).' },
  } satisfies Record<ProblemGrouping, { description: string }>,
});

const ProblemCountRef = builder.simpleObject('ProblemCount', {
  description: 'Problems of one group reported in a period (问题数).',
  fields: (t) => ({
    key: t.string({ description: 'The group: a status, a source or a department code.' }),
    label: t.string({ description: 'The group in Chinese.' }),
    count: t.int({ description: 'Problems reported in the period (问题数).' }),
    open: t.int({ description: 'Of those, not resolved at the period’s end (or today) (未解决).' }),
    resolved: t.int({ description: 'Of those, resolved or closed by then (已解决).' }),
    overdue: t.int({ description: 'Of those, open past their deadline then (超期).' }),
    previousCount: t.int({ description: 'Problems reported in the previous period (上期).' }),
    rank: t.int({ nullable: true, description: rankDescriptions.rank }),
    previousRank: t.int({ nullable: true, description: rankDescriptions.previousRank }),
    rankChange: t.int({ nullable: true, description: rankDescriptions.rankChange }),
  }),
});

const ProblemStatisticsRef = builder.simpleObject('ProblemStatistics', {
  description: 'Problems reported in a period, split one way and ranked by count (问题统计).',
  fields: (t) => ({
    period: t.field({ type: KpiPeriodRef, description: 'The days the problems were reported on.' }),
    groupBy: t.field({ type: ProblemGroupingEnum, description: 'How the rows are split.' }),
    total: t.int({ description: 'All problems reported in the period.' }),
    rows: t.field({ type: [ProblemCountRef], description: 'One row per group, most problems first.' }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

const SlipFiguresRef = builder.simpleObject('SlipFigures', {
  description: 'Assignment slips (交办单) issued in a period and how they were handled.',
  fields: (t) => ({
    issued: t.int({ description: 'Slips issued in the period (交办单数).' }),
    open: t.int({ description: 'Of those, not closed at the period’s end or today (未办结).' }),
    overdue: t.int({ description: 'Of those, open past the deadline then (超期未办结).' }),
    closed: t.int({ description: 'Of those, closed by then (已办结).' }),
    closedOnTime: t.int({ description: 'Closed on or before the deadline (按期办结).' }),
    closedLate: t.int({ description: 'Closed after the deadline (逾期办结).' }),
    onTimeRate: t.float({ nullable: true, description: 'closedOnTime / closed in percent (按期办结率).' }),
    averageHandlingWorkdays: t.float({
      nullable: true,
      description:
        'Average handling time of the closed slips in working days (平均办理工作日): the working days after the day of issue up to and including the day of closing, on China’s calendar of statutory holidays and make-up working days.',
    }),
  }),
});

const SlipDepartmentFiguresRef = builder.simpleObject('SlipDepartmentFigures', {
  description: 'Assignment slips of one department, ranked by on-time rate (部门交办单办理排名).',
  fields: (t) => ({
    code: t.string({ description: 'The department’s code.' }),
    name: t.string({ description: 'Its name.' }),
    figures: t.field({ type: SlipFiguresRef, description: 'Its slips.' }),
    rank: t.int({ nullable: true, description: rankDescriptions.rank }),
    previousRank: t.int({ nullable: true, description: rankDescriptions.previousRank }),
    rankChange: t.int({ nullable: true, description: rankDescriptions.rankChange }),
  }),
});

const SlipStatisticsRef = builder.simpleObject('SlipStatistics', {
  description: 'Assignment slips (交办单) of a period: open, overdue, closed on time, handling time.',
  fields: (t) => ({
    period: t.field({ type: KpiPeriodRef, description: 'The days the slips were issued on.' }),
    takenOn: t.field({
      type: 'Date',
      description: 'The day open and overdue are taken at: the period’s end or today.',
    }),
    totals: t.field({ type: SlipFiguresRef, description: 'All departments.' }),
    departments: t.field({
      type: [SlipDepartmentFiguresRef],
      description: 'Each department with slips, best first.',
    }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

const ProjectProgressNoteRef = builder.simpleObject('ProjectProgressNote', {
  description: 'A project’s latest monthly progress (最新月度进展).',
  fields: (t) => ({
    month: t.field({ type: 'Date', description: 'First day of the month reported.' }),
    status: t.field({ type: ProjectStatusEnum, description: 'Status reported that month.' }),
    note: t.string({ description: 'What happened (进展情况).' }),
  }),
});

const ProjectFigureRef = builder.simpleObject('ProjectStatusFigure', {
  description: 'An investment project with its status on the day asked for (招商引资项目).',
  fields: (t) => ({
    code: t.string({ description: 'The project’s code.' }),
    name: t.string({ description: 'Its name.' }),
    investor: t.string({ description: 'The investor (投资方).' }),
    regionName: t.string({ description: 'Where it is (所在乡镇).' }),
    ownerDepartmentCode: t.string({ description: 'The department following it (责任部门).' }),
    historical: t.boolean({ description: 'A historical difficult project followed monthly (历史疑难问题).' }),
    signedOn: t.field({ type: 'Date', description: 'When the agreement was signed.' }),
    status: t.field({ type: ProjectStatusEnum, description: 'Status on the day asked for.' }),
    latestProgress: t.field({
      type: ProjectProgressNoteRef,
      nullable: true,
      description: 'The latest monthly progress up to that day.',
    }),
    monthsFollowed: t.int({ description: 'Monthly progress reports up to that day (跟踪月数).' }),
  }),
});

const ProjectStatusCountRef = builder.simpleObject('ProjectStatusCount', {
  description: 'Projects in one status (各状态项目数).',
  fields: (t) => ({
    status: t.field({ type: ProjectStatusEnum, description: 'The status.' }),
    label: t.string({ description: 'The status in Chinese.' }),
    count: t.int({ description: 'Projects in it.' }),
  }),
});

const ProjectStatisticsRef = builder.simpleObject('ProjectStatistics', {
  description: 'Investment projects by status on a day, with their latest progress (项目推进情况).',
  fields: (t) => ({
    on: t.field({ type: 'Date', description: 'The day the statuses are taken at.' }),
    total: t.int({ description: 'Projects signed by then.' }),
    byStatus: t.field({ type: [ProjectStatusCountRef], description: 'Every status with its count.' }),
    projects: t.field({ type: [ProjectFigureRef], description: 'The projects, by code.' }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

builder.queryFields((t) => ({
  problemStatistics: t.field({
    extensions: PROBLEM_READS,
    type: ProblemStatisticsRef,
    authScopes: { aggregates: true },
    description:
      'Problems reported in a period (问题统计) by status, source or owner department, with open, resolved and overdue counts, ranked against the previous period.',
    args: {
      ...departmentArg,
      period: t.arg({
        type: KpiPeriodInput,
        description: 'The days reported on; the current year to date by default.',
      }),
      groupBy: t.arg({
        type: ProblemGroupingEnum,
        defaultValue: 'STATUS',
        description: 'How to split the counts.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const today = todayOf(ctx);
      const { current, previous } = comparedPeriods(periodOf(args.period, today));
      const groupBy = args.groupBy ?? 'STATUS';
      const scope = { access: kpiAccess(ctx), departmentId: await departmentScope(ctx, args.departmentCode) };
      const { data: result, asOf } = await problemCounts(
        ctx,
        scope,
        { current, previous },
        groupBy,
        asOfDay(current, today),
      );
      return {
        period: periodShape(current),
        groupBy,
        total: result.total,
        rows: result.rows.map((row) => ({
          ...row,
          label:
            groupBy === 'DEPARTMENT'
              ? row.label
              : (groupBy === 'SOURCE' ? ProblemSourceEnum : ProblemStatusEnum).label(row.key),
        })),
        asOf,
      };
    },
  }),
  slipStatistics: t.field({
    extensions: SLIP_READS,
    type: SlipStatisticsRef,
    authScopes: { aggregates: true },
    description:
      'Assignment slips (交办单) issued in a period: open, overdue (open past the deadline), closed on time, average handling time in working days, by department.',
    args: {
      ...departmentArg,
      period: t.arg({
        type: KpiPeriodInput,
        description: 'The days issued on; the current year to date by default.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const today = todayOf(ctx);
      await ensureWorkCalendar(ctx.db, today);
      const { current, previous } = comparedPeriods(periodOf(args.period, today));
      const scope = { access: kpiAccess(ctx), departmentId: await departmentScope(ctx, args.departmentCode) };
      const takenOn = asOfDay(current, today);
      const { data: result, asOf } = await slipFigures(ctx, scope, {
        current: { ...current, asOf: takenOn },
        previous: { ...previous, asOf: asOfDay(previous, today) },
      });
      return {
        period: periodShape(current),
        takenOn: dateOf(takenOn),
        totals: result.totals,
        departments: result.departments.map(({ code, name, rank, previousRank, rankChange, ...figures }) => ({
          code,
          name,
          figures,
          rank,
          previousRank,
          rankChange,
        })),
        asOf,
      };
    },
  }),
  investmentProjectStatistics: t.field({
    extensions: PROJECT_READS,
    type: ProjectStatisticsRef,
    authScopes: { aggregates: true },
    description:
      'Investment projects (招商引资项目) by their status on a day, with each project’s latest monthly progress; the historical difficult ones (历史疑难问题) with `historical: true`.',
    args: {
      ...departmentArg,
      on: t.arg({ type: 'Date', description: 'The day to take the statuses at; today by default.' }),
      historical: t.arg.boolean({
        description: 'Only historical (true) or only newer (false) projects; all by default.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const today = todayOf(ctx);
      const on = args.on ? dayOfDate(args.on) : today;
      const scope = { access: kpiAccess(ctx), departmentId: await departmentScope(ctx, args.departmentCode) };
      const { data: result, asOf } = await projectFigures(ctx, scope, {
        asOf: on,
        today,
        historical: args.historical ?? null,
      });
      type Status = typeof ProjectStatusEnum.$inferType;
      return {
        on: dateOf(on),
        total: result.projects.length,
        byStatus: result.byStatus.map((row) => ({
          status: row.key as Status,
          label: ProjectStatusEnum.label(row.key),
          count: row.count,
        })),
        projects: result.projects.map((project) => ({
          ...project,
          signedOn: dateOf(project.signedOn),
          status: project.status as Status,
          latestProgress: project.latestProgress
            ? {
                month: dateOf(project.latestProgress.month),
                status: project.latestProgress.status as Status,
                note: project.latestProgress.note,
              }
            : null,
        })),
        asOf,
      };
    },
  }),
}));
