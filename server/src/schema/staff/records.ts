// Staff and windows (队伍建设): monthly work points of windows and people (工分) and the months a
// hall made the red list (红榜). Rankings over them are computed in kpis.ts.
import { inRegionSubtree, nodeWhere, rowScope } from '../../access.ts';
import { builder } from '../../builder.ts';
import { allOf, countedConnection, dayRangeArgs, onDays } from '../../connections.ts';
import type { Context } from '../../context.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { reads } from '../reads.ts';

const workPointScope = rowScope<Prisma.WorkPointWhereInput>('WorkPoint', {
  department: (departmentId) => ({ OR: [{ window: { departmentId } }, { staff: { departmentId } }] }),
  region: (region) => ({
    OR: [{ window: { hall: { region } } }, { staff: { window: { hall: { region } } } }],
  }),
});
const redListScope = rowScope<Prisma.RedListMonthWhereInput>('RedListMonth', {
  region: (region) => ({ hall: { region } }),
});

const newestMonthFirst = [{ month: 'desc' as const }, { id: 'desc' as const }];

export const WorkPointNode = builder.prismaNode('WorkPoint', {
  description:
    'Work points of a window or a person for one month (工分); exactly one of `window` and `staff` is set.',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(workPointScope),
  fields: (t) => ({
    month: t.expose('month', { type: 'Date', description: 'First day of the month scored.' }),
    sourceSystem: t.exposeString('sourceSystem', {
      description: 'The system that reported them (来源系统); `hub` when entered in the hub.',
    }),

    window: t.relation('window', {
      nullable: true,
      description: 'The window scored, for a window’s points.',
    }),
    staff: t.relation('staff', { nullable: true, description: 'The person scored, for a person’s points.' }),
    points: t.expose('points', { type: 'Decimal', description: 'Points earned in the month (工分).' }),
    version: t.exposeInt('version', { description: 'Revision of the record, for optimistic concurrency.' }),
  }),
});

const WorkPointConnection = countedConnection(WorkPointNode, 'WorkPoint', 'monthly work points (工分)');

export const WorkPointHolderEnum = builder.enumType('WorkPointHolder', {
  description: 'Whose work points (工分对象).',
  values: {
    WINDOW: { description: 'A window’s points (窗口工分).' },
    STAFF: { description: 'A person’s points (个人工分).' },
  },
});

export const WorkPointOrderEnum = builder.enumType('WorkPointOrder', {
  description: 'How to sort work points; ties are broken by id.',
  values: {
    MONTH_NEWEST: { description: 'By month, newest first, then most points (the default).' },
    POINTS_HIGHEST: { description: 'By points, most first.' },
  },
});

const workPointOrders = {
  MONTH_NEWEST: [{ month: 'desc' }, { points: 'desc' }, { id: 'asc' }],
  POINTS_HIGHEST: [{ points: 'desc' }, { id: 'asc' }],
} satisfies Record<typeof WorkPointOrderEnum.$inferType, Prisma.WorkPointOrderByWithRelationInput[]>;

interface WorkPointFilter {
  holder?: typeof WorkPointHolderEnum.$inferType | null;
  windowCode?: string | null;
  staffCode?: string | null;
  departmentCode?: string | null;
  regionCode?: string | null;
  monthFrom?: Date | null;
  monthTo?: Date | null;
}

async function workPointWhere(args: WorkPointFilter, ctx: Context) {
  const region = args.regionCode != null ? await inRegionSubtree(ctx, args.regionCode) : null;
  const department = args.departmentCode != null ? { code: args.departmentCode } : null;
  return allOf<Prisma.WorkPointWhereInput>(
    args.holder === 'WINDOW' && { windowId: { not: null } },
    args.holder === 'STAFF' && { staffId: { not: null } },
    args.windowCode != null && { window: { code: args.windowCode } },
    args.staffCode != null && { staff: { code: args.staffCode } },
    department && { OR: [{ window: { department } }, { staff: { department } }] },
    region && { OR: [{ window: { hall: { region } } }, { staff: { window: { hall: { region } } } }] },
    { month: onDays(args.monthFrom, args.monthTo, 'month') },
    workPointScope(ctx.access),
  );
}

export const RedListMonthNode = builder.prismaNode('RedListMonth', {
  description: 'A month in which a hall made the red list (红榜) of the civility campaign.',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(redListScope),
  fields: (t) => ({
    month: t.expose('month', { type: 'Date', description: 'First day of the month.' }),
    hall: t.relation('hall', {
      nullable: true,
      description: 'The hall on the red list; null for the whole centre.',
    }),
    note: t.exposeString('note', { nullable: true, description: 'What the red list said (上榜事由).' }),
  }),
});

const RedListMonthConnection = countedConnection(RedListMonthNode, 'RedListMonth', 'red-list months (红榜)');

async function redListWhere(
  args: {
    hallCode?: string | null;
    regionCode?: string | null;
    monthFrom?: Date | null;
    monthTo?: Date | null;
  },
  ctx: Context,
) {
  return allOf<Prisma.RedListMonthWhereInput>(
    args.hallCode != null && { hall: { code: args.hallCode } },
    args.regionCode != null && { hall: { region: await inRegionSubtree(ctx, args.regionCode) } },
    { month: onDays(args.monthFrom, args.monthTo, 'month') },
    redListScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  workPoints: t.prismaConnection(
    {
      extensions: reads('WorkPoint'),
      type: 'WorkPoint',
      cursor: 'id',
      authScopes: { rows: true },
      description:
        'Monthly work points (工分) of windows and staff, newest month first unless `orderBy` says otherwise.',
      args: {
        holder: t.arg({ type: WorkPointHolderEnum, description: 'Only windows’ points or only people’s.' }),
        windowCode: t.arg.string({ description: 'Only the points of the window with this code.' }),
        staffCode: t.arg.string({ description: 'Only the points of the staff member with this number.' }),
        departmentCode: t.arg.string({
          description: 'Only points of windows or staff of the department with this code.',
        }),
        regionCode: t.arg.string({
          description:
            'Only points at halls in the subtree of the region with this code (the region included).',
        }),
        ...dayRangeArgs(t.arg, 'month', 'months starting'),
        orderBy: t.arg({
          type: WorkPointOrderEnum,
          required: true,
          defaultValue: 'MONTH_NEWEST',
          description: 'Sort order; ties are broken by id.',
        }),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.workPoint.count({ where: await workPointWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.workPoint.findMany({
          ...query,
          where: await workPointWhere(args, ctx),
          orderBy: workPointOrders[args.orderBy],
        }),
    },
    WorkPointConnection,
  ),
  redListMonths: t.prismaConnection(
    {
      extensions: reads('RedListMonth'),
      type: 'RedListMonth',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: 'Months on the red list (红榜), newest first (month, then id).',
      args: {
        hallCode: t.arg.string({ description: 'Only months of the hall with this code.' }),
        regionCode: t.arg.string({
          description: 'Only halls in the subtree of the region with this code (the region included).',
        }),
        ...dayRangeArgs(t.arg, 'month', 'months starting'),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.redListMonth.count({ where: await redListWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.redListMonth.findMany({
          ...query,
          where: await redListWhere(args, ctx),
          orderBy: newestMonthFirst,
        }),
    },
    RedListMonthConnection,
  ),
}));

const relatedWorkPoints = {
  cursor: 'id',
  totalCount: true,
  query: (_args: object, ctx: Context) => ({
    where: allOf(workPointScope(ctx.access)),
    orderBy: newestMonthFirst,
  }),
} as const;

builder.prismaObjectFields('Window', (t) => ({
  workPoints: t.relatedConnection(
    'workPoints',
    {
      ...relatedWorkPoints,
      authScopes: { rows: true },
      description: 'The window’s monthly work points, newest first.',
    },
    WorkPointConnection,
  ),
}));

builder.prismaObjectFields('Staff', (t) => ({
  workPoints: t.relatedConnection(
    'workPoints',
    { ...relatedWorkPoints, description: 'The person’s monthly work points, newest first.' },
    WorkPointConnection,
  ),
}));

builder.prismaObjectFields('ServiceHall', (t) => ({
  redListMonths: t.relation('redListMonths', {
    description: 'Months the hall made the red list (红榜), newest first.',
    query: { orderBy: newestMonthFirst },
  }),
}));
