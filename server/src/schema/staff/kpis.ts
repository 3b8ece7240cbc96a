// Staff KPIs (队伍建设): the monthly work-point ranking of windows and staff, and red-list months.
import { builder } from '../../builder.ts';
import { dayOfDate, monthStart } from '../../kpi/period.ts';
import { departmentScope, kpiAccess } from '../../kpi/sql.ts';
import { personal } from '../../personal.ts';
import { dateOf, todayOf } from '../kpi-common.ts';
import { RED_LIST_READS, redListMonths, WORK_POINT_READS, workPointRanking } from './figures.ts';
import { WorkPointHolderEnum } from './records.ts';

const WorkPointRankRef = builder.simpleObject('WorkPointRank', {
  description: 'A window’s or a person’s place in a month’s work-point ranking (工分排名).',
  fields: (t) => ({
    code: t.string({ description: 'The window’s or person’s code.' }),
    name: t.string({
      description:
        'The window’s name, or the person’s name (personal data, masked for roles without it: 张**).',
    }),
    hallCode: t.string({ description: 'The hall (服务大厅).' }),
    hallName: t.string({ description: 'The hall’s name.' }),
    departmentCode: t.string({ nullable: true, description: 'The department (部门), if any.' }),
    points: t.float({ description: 'Work points of the month (工分).' }),
    previousPoints: t.float({ nullable: true, description: 'Work points of the month before.' }),
    rank: t.int({ description: 'Position this month (排名); ties share a rank.' }),
    previousRank: t.int({ nullable: true, description: 'Position the month before (上月排名).' }),
    rankChange: t.int({ nullable: true, description: 'previousRank − rank: places moved up (名次变化).' }),
  }),
});

const WorkPointRankingRef = builder.simpleObject('WorkPointRanking', {
  description: 'Windows or staff ranked by a month’s work points (工分排名).',
  fields: (t) => ({
    month: t.field({ type: 'Date', description: 'First day of the month ranked.' }),
    holder: t.field({ type: WorkPointHolderEnum, description: 'Windows or staff.' }),
    rows: t.field({ type: [WorkPointRankRef], description: 'Best first.' }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

const RedListEntryRef = builder.simpleObject('RedListEntry', {
  description: 'A month a hall made the red list (红榜).',
  fields: (t) => ({
    month: t.field({ type: 'Date', description: 'First day of the month.' }),
    hallCode: t.string({ nullable: true, description: 'The hall.' }),
    hallName: t.string({ nullable: true, description: 'The hall’s name.' }),
    note: t.string({ nullable: true, description: 'What the red list was (e.g. 文明创建红榜).' }),
  }),
});

const RedListRef = builder.simpleObject('RedListYear', {
  description: 'Red-list months (红榜) of a year.',
  fields: (t) => ({
    year: t.int({ description: 'The year.' }),
    months: t.int({ description: 'Distinct months with a red-list entry (上红榜月数).' }),
    entries: t.field({ type: [RedListEntryRef], description: 'The entries, oldest first.' }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

builder.queryFields((t) => ({
  workPointRanking: t.field({
    extensions: WORK_POINT_READS,
    type: WorkPointRankingRef,
    authScopes: { aggregates: true },
    description:
      'Windows or staff ranked by their work points of a month (工分＋排名), each with the rank of the month before.',
    args: {
      month: t.arg({ type: 'Date', description: 'A day in the month; the current month by default.' }),
      holder: t.arg({
        type: WorkPointHolderEnum,
        defaultValue: 'WINDOW',
        description: 'Rank windows or staff.',
      }),
      hallCode: t.arg.string({ description: 'Only the windows or staff of this hall.' }),
      departmentCode: t.arg.string({
        description: 'Only this department (部门编码); a DEPARTMENT token is always limited to its own.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const month = monthStart(args.month ? dayOfDate(args.month) : todayOf(ctx));
      const holder = args.holder ?? 'WINDOW';
      const scope = { access: kpiAccess(ctx), departmentId: await departmentScope(ctx, args.departmentCode) };
      const { data: rows, asOf } = await workPointRanking(ctx, scope, {
        month,
        subject: holder,
        hallCode: args.hallCode ?? null,
      });
      return {
        month: dateOf(month),
        holder,
        rows: rows.map((row) => ({
          ...row,
          name: holder === 'STAFF' ? personal(ctx, 'name', row.name) : row.name,
        })),
        asOf,
      };
    },
  }),
  redList: t.field({
    extensions: RED_LIST_READS,
    type: RedListRef,
    authScopes: { aggregates: true },
    description: 'The months halls made the red list (红榜) in a year.',
    args: {
      year: t.arg.int({
        description: 'The year; the current year by default.',
        validate: { min: [2000, { message: 'year must be 2000 or later' }], max: 2100 },
      }),
    },
    resolve: async (_root, args, ctx) => {
      const year = args.year ?? Number(todayOf(ctx).slice(0, 4));
      const {
        data: { months, entries },
        asOf,
      } = await redListMonths(ctx, kpiAccess(ctx), {
        from: `${year}-01-01`,
        to: `${year}-12-31`,
      });
      return {
        year,
        months,
        entries: entries.map((entry) => ({ ...entry, month: dateOf(entry.month) })),
        asOf,
      };
    },
  }),
}));
