// Obstacle clearing (清障行动): problems that block firms or projects, the assignment slips
// (交办单) that hand them to departments, their monthly follow-ups and reviews (复盘), and the
// investment projects (招商引资项目) with their monthly progress log.
import { inRegionSubtree, nodeWhere, rowScope } from '../../access.ts';
import { builder } from '../../builder.ts';
import { allOf, containing, countedConnection, dayRangeArgs, onDays } from '../../connections.ts';
import type { Context } from '../../context.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { ProblemSource, ProblemStatus, ProjectStatus, SlipStatus } from '../../generated/prisma/enums.ts';
import { yuanFromFen } from '../funds/records.ts';
import { labelledEnum } from '../labelled-enum.ts';
import { reads } from '../reads.ts';

export const ProblemSourceEnum = labelledEnum(ProblemSource, {
  name: 'ProblemSource',
  description: 'Where a problem came from (问题来源).',
  values: {
    CITY_TASK_FORCE: {
      description: 'Assigned by the city task force (市营商专班交办).',
      label: '市营商专班交办',
    },
    COUNTY_POOL: { description: 'The county’s problem pool (县本级问题池).', label: '县本级问题池' },
    GRID_VISIT: { description: 'Raised during a grid contact visit (网格对接).', label: '网格对接' },
    REVISIT: { description: 'Raised during a blind-box revisit (盲盒回访).', label: '盲盒回访' },
    HOTLINE: { description: 'The 12345 hotline (12345热线).', label: '12345热线' },
    INVESTMENT_PROJECT: {
      description: 'A historical investment project (招商引资历史疑难问题).',
      label: '招商引资历史疑难问题',
    },
  },
});

export const ProblemStatusEnum = labelledEnum(ProblemStatus, {
  name: 'ProblemStatus',
  description: 'Status of a problem (问题状态): OPEN → ASSIGNED → IN_PROGRESS → RESOLVED → CLOSED.',
  values: {
    OPEN: { description: 'Registered, not yet assigned (待交办).', label: '待交办' },
    ASSIGNED: { description: 'Assigned to a department (已交办).', label: '已交办' },
    IN_PROGRESS: { description: 'Being handled (办理中).', label: '办理中' },
    RESOLVED: { description: 'Solved, awaiting closure (已解决).', label: '已解决' },
    CLOSED: { description: 'Closed (已销号).', label: '已销号' },
  },
});

export const SlipStatusEnum = builder.enumType(SlipStatus, {
  name: 'SlipStatus',
  description:
    'Status of an assignment slip (交办单状态): ISSUED → ACKNOWLEDGED → REPLIED → VERIFIED → CLOSED.',
  values: {
    ISSUED: { description: 'Issued to the department (已交办).' },
    ACKNOWLEDGED: { description: 'Acknowledged by the department (已签收).' },
    REPLIED: { description: 'The department replied (已反馈).' },
    VERIFIED: { description: 'The office verified the reply (已核实).' },
    CLOSED: { description: 'Closed (已办结).' },
  } satisfies Record<SlipStatus, { description: string }>,
});

export const ProjectStatusEnum = labelledEnum(ProjectStatus, {
  name: 'ProjectStatus',
  description: 'Status of an investment project (项目状态).',
  values: {
    ADVANCING: { description: 'Moving forward (推进中).', label: '推进中' },
    RE_INVESTMENT: { description: 'Looking for a new investor (二次招商).', label: '二次招商' },
    AGREEMENT_TERMINATED: {
      description: 'The investment agreement was terminated (解除投资协议).',
      label: '解除投资协议',
    },
    RESOLVED: { description: 'The difficulty is resolved (已化解).', label: '已化解' },
    STALLED: { description: 'Stalled, no progress (停滞).', label: '停滞' },
  },
});

// ───────────── scopes ─────────────

/** A DEPARTMENT caller sees the problems it owns and those it holds a slip for. */
const ownedOrAssigned = (departmentId: number): Prisma.ProblemWhereInput => ({
  OR: [{ ownerDepartmentId: departmentId }, { slips: { some: { departmentId } } }],
});
export const problemScope = rowScope<Prisma.ProblemWhereInput>('Problem', {
  department: ownedOrAssigned,
  region: (region) => ({ region }),
});
/** A DEPARTMENT caller sees the slips issued to it and those on problems it owns. */
export const slipScope = rowScope<Prisma.AssignmentSlipWhereInput>('AssignmentSlip', {
  department: (departmentId) => ({
    OR: [{ departmentId }, { problem: { ownerDepartmentId: departmentId } }],
  }),
  region: (region) => ({ problem: { region } }),
});
const followUpScope = rowScope<Prisma.ProblemFollowUpWhereInput>('ProblemFollowUp', {
  department: (departmentId) => ({ problem: ownedOrAssigned(departmentId) }),
  region: (region) => ({ problem: { region } }),
});
const reviewScope = rowScope<Prisma.ProblemReviewWhereInput>('ProblemReview', {
  department: (departmentId) => ({ problem: ownedOrAssigned(departmentId) }),
  region: (region) => ({ problem: { region } }),
});
export const projectScope = rowScope<Prisma.InvestmentProjectWhereInput>('InvestmentProject', {
  department: (departmentId) => ({ ownerDepartmentId: departmentId }),
  region: (region) => ({ region }),
});
const progressScope = rowScope<Prisma.ProjectProgressWhereInput>('ProjectProgress', {
  department: (departmentId) => ({ project: { ownerDepartmentId: departmentId } }),
  region: (region) => ({ project: { region } }),
});

const newestProblemFirst = [{ reportedOn: 'desc' as const }, { id: 'desc' as const }];
const newestSlipFirst = [{ issuedOn: 'desc' as const }, { id: 'desc' as const }];

// ───────────── problems ─────────────

export const ProblemNode = builder.prismaNode('Problem', {
  description: 'A problem blocking a firm or a project (清障问题).',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(problemScope),
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Number of the problem (问题编号).' }),
    sourceSystem: t.exposeString('sourceSystem', {
      nullable: true,
      description: 'The system the record came from; null when entered in the hub.',
    }),
    externalId: t.exposeString('externalId', { nullable: true, description: 'Its id in the source system.' }),
    title: t.exposeString('title', { description: 'What the problem is (问题标题).' }),
    description: t.exposeString('description', { nullable: true, description: 'Details (问题描述).' }),
    source: t.expose('source', { type: ProblemSourceEnum, description: 'Where it came from (问题来源).' }),
    ownerDepartment: t.relation('ownerDepartment', { description: 'The department responsible (责任单位).' }),
    region: t.relation('region', {
      nullable: true,
      description: 'Where it is; null for a county-wide problem.',
    }),
    enterprise: t.relation('enterprise', { nullable: true, description: 'The firm affected, if any.' }),
    project: t.relation('project', {
      nullable: true,
      description: 'The investment project affected, if any.',
    }),
    visit: t.relation('visit', {
      nullable: true,
      description: 'The contact visit where it was raised, if any.',
    }),
    reportedOn: t.expose('reportedOn', { type: 'Date', description: 'When it was reported (反映日期).' }),
    deadline: t.expose('deadline', {
      type: 'Date',
      nullable: true,
      description: 'When it must be solved (办结时限).',
    }),
    status: t.expose('status', { type: ProblemStatusEnum, description: 'Where it stands (问题状态).' }),
    resolvedAt: t.expose('resolvedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was solved.',
    }),
    closedAt: t.expose('closedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was closed (销号).',
    }),
    version: t.exposeInt('version', { description: 'Revision of the record, for optimistic concurrency.' }),
    slips: t.relatedConnection(
      'slips',
      {
        cursor: 'id',
        totalCount: true,
        description: 'Assignment slips issued for the problem (交办单), newest first.',
        query: (_args, ctx) => ({ where: allOf(slipScope(ctx.access)), orderBy: newestSlipFirst }),
      },
      AssignmentSlipConnection,
    ),
    followUps: t.relatedConnection(
      'followUps',
      {
        cursor: 'id',
        totalCount: true,
        description: 'Monthly follow-ups (跟踪记录), newest first.',
        query: { orderBy: [{ followedOn: 'desc' }, { id: 'desc' }] },
      },
      ProblemFollowUpConnection,
    ),
    reviews: t.relation('reviews', {
      description: 'Reviews of how the problem was handled (复盘), oldest first.',
      query: { orderBy: [{ reviewedOn: 'asc' }, { id: 'asc' }] },
    }),
  }),
});

export const ProblemConnection = countedConnection(ProblemNode, 'Problem', 'problems (问题)');

export const ProblemFollowUpNode = builder.prismaNode('ProblemFollowUp', {
  description: 'A monthly follow-up of a problem (跟踪记录).',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(followUpScope),
  fields: (t) => ({
    sourceSystem: t.exposeString('sourceSystem', {
      description: 'The system that recorded it (来源系统); `hub` when entered in the hub.',
    }),
    externalId: t.exposeString('externalId', {
      description: 'Its id in the source system; `<problem code>/<day>` when none was given.',
    }),
    problem: t.relation('problem', { description: 'The problem followed.' }),
    followedOn: t.expose('followedOn', { type: 'Date', description: 'When it was followed up (跟踪日期).' }),
    note: t.exposeString('note', { description: 'What was found (跟踪情况).' }),
  }),
});

const ProblemFollowUpConnection = countedConnection(
  ProblemFollowUpNode,
  'ProblemFollowUp',
  'follow-ups (跟踪记录)',
);

export const ProblemReviewNode = builder.prismaNode('ProblemReview', {
  description: 'A review of how a problem was handled (复盘).',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(reviewScope),
  fields: (t) => ({
    problem: t.relation('problem', { description: 'The problem reviewed.' }),
    reviewedOn: t.expose('reviewedOn', {
      type: 'Date',
      description: 'When the review took place (复盘日期).',
    }),
    findings: t.exposeString('findings', { description: 'What the review found (复盘结论).' }),
  }),
});

export const ProblemOrderEnum = builder.enumType('ProblemOrder', {
  description: 'How to sort problems; ties are broken by id.',
  values: {
    REPORTED_NEWEST: { description: 'By report day, newest first (the default).' },
    REPORTED_OLDEST: { description: 'By report day, oldest first.' },
    DEADLINE_SOONEST: { description: 'By deadline, soonest first; problems without one last.' },
    CODE: { description: 'By problem number.' },
  },
});

const problemOrders = {
  REPORTED_NEWEST: newestProblemFirst,
  REPORTED_OLDEST: [{ reportedOn: 'asc' }, { id: 'asc' }],
  DEADLINE_SOONEST: [{ deadline: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
  CODE: [{ code: 'asc' }, { id: 'asc' }],
} satisfies Record<typeof ProblemOrderEnum.$inferType, Prisma.ProblemOrderByWithRelationInput[]>;

interface ProblemFilter {
  regionCode?: string | null;
  departmentCode?: string | null;
  source?: ProblemSource | null;
  status?: ProblemStatus | null;
  open?: boolean | null;
  reportedFrom?: Date | null;
  reportedTo?: Date | null;
  search?: string | null;
}

async function problemWhere(args: ProblemFilter, ctx: Context) {
  const search = containing(args.search);
  return allOf<Prisma.ProblemWhereInput>(
    args.regionCode != null && { region: await inRegionSubtree(ctx, args.regionCode) },
    args.departmentCode != null && { ownerDepartment: { code: args.departmentCode } },
    args.source && { source: args.source },
    args.status && { status: args.status },
    typeof args.open === 'boolean' && {
      status: args.open ? { notIn: ['RESOLVED', 'CLOSED'] } : { in: ['RESOLVED', 'CLOSED'] },
    },
    { reportedOn: onDays(args.reportedFrom, args.reportedTo, 'reported') },
    search && { OR: [{ title: search }, { code: search }] },
    problemScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  problems: t.prismaConnection(
    {
      extensions: reads('Problem'),
      type: 'Problem',
      cursor: 'id',
      authScopes: { rows: true },
      description:
        'Problems of obstacle clearing (清障问题), newest reported first unless `orderBy` says otherwise.',
      args: {
        regionCode: t.arg.string({
          description: 'Only problems in the subtree of the region with this code (the region included).',
        }),
        departmentCode: t.arg.string({
          description: 'Only problems owned by the department with this code.',
        }),
        source: t.arg({ type: ProblemSourceEnum, description: 'Only problems from this source.' }),
        status: t.arg({ type: ProblemStatusEnum, description: 'Only problems with this status.' }),
        open: t.arg.boolean({
          description: 'Only unsolved problems (not RESOLVED or CLOSED), or only solved ones.',
        }),
        ...dayRangeArgs(t.arg, 'reported', 'problems reported'),
        search: t.arg.string({ description: 'Only problems whose title or number contains this.' }),
        orderBy: t.arg({
          type: ProblemOrderEnum,
          required: true,
          defaultValue: 'REPORTED_NEWEST',
          description: 'Sort order; ties are broken by id.',
        }),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.problem.count({ where: await problemWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.problem.findMany({
          ...query,
          where: await problemWhere(args, ctx),
          orderBy: problemOrders[args.orderBy],
        }),
    },
    ProblemConnection,
  ),
}));

// ───────────── assignment slips (交办单) ─────────────

export const AssignmentSlipNode = builder.prismaNode('AssignmentSlip', {
  description: 'An assignment slip (交办单): a problem formally assigned to a department.',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(slipScope),
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Slip number (交办单号), e.g. 示营商交〔2022〕7号.' }),
    sourceSystem: t.exposeString('sourceSystem', {
      description: 'The system that issued it (来源系统); `hub` when entered in the hub.',
    }),
    problem: t.relation('problem', { description: 'The problem assigned.' }),
    department: t.relation('department', { description: 'The department it is assigned to (承办单位).' }),
    issuedOn: t.expose('issuedOn', { type: 'Date', description: 'When it was issued (交办日期).' }),
    deadline: t.expose('deadline', { type: 'Date', description: 'When it must be done (办理时限).' }),
    status: t.expose('status', { type: SlipStatusEnum, description: 'Where it stands (交办单状态).' }),
    acknowledgedAt: t.expose('acknowledgedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the department acknowledged it (签收时间).',
    }),
    repliedAt: t.expose('repliedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the department replied (反馈时间).',
    }),
    verifiedAt: t.expose('verifiedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the office verified the reply (核实时间).',
    }),
    closedAt: t.expose('closedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was closed (办结时间).',
    }),
    reply: t.exposeString('reply', { nullable: true, description: 'The department’s reply (办理反馈).' }),
    overdue: t.boolean({
      description:
        'Still open (not VERIFIED or CLOSED) after its deadline, as of the request’s day in Asia/Shanghai (逾期).',
      resolve: (slip, _args, ctx) =>
        slip.status !== 'VERIFIED' && slip.status !== 'CLOSED' && slip.deadline < shanghaiToday(ctx),
    }),
    version: t.exposeInt('version', { description: 'Revision of the record, for optimistic concurrency.' }),
  }),
});

/** Midnight UTC of the request's calendar day in Asia/Shanghai, comparable with `@db.Date` values. */
function shanghaiToday(ctx: Context): Date {
  const local = new Date(ctx.clock().getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

export const AssignmentSlipConnection = countedConnection(
  AssignmentSlipNode,
  'AssignmentSlip',
  'assignment slips (交办单)',
);

export const SlipOrderEnum = builder.enumType('SlipOrder', {
  description: 'How to sort assignment slips; ties are broken by id.',
  values: {
    ISSUED_NEWEST: { description: 'By issue day, newest first (the default).' },
    ISSUED_OLDEST: { description: 'By issue day, oldest first.' },
    DEADLINE_SOONEST: { description: 'By deadline, soonest first.' },
    CODE: { description: 'By slip number.' },
  },
});

const slipOrders = {
  ISSUED_NEWEST: newestSlipFirst,
  ISSUED_OLDEST: [{ issuedOn: 'asc' }, { id: 'asc' }],
  DEADLINE_SOONEST: [{ deadline: 'asc' }, { id: 'asc' }],
  CODE: [{ code: 'asc' }, { id: 'asc' }],
} satisfies Record<typeof SlipOrderEnum.$inferType, Prisma.AssignmentSlipOrderByWithRelationInput[]>;

interface SlipFilter {
  departmentCode?: string | null;
  regionCode?: string | null;
  status?: SlipStatus | null;
  overdue?: boolean | null;
  issuedFrom?: Date | null;
  issuedTo?: Date | null;
  search?: string | null;
}

async function slipWhere(args: SlipFilter, ctx: Context) {
  const search = containing(args.search);
  const open: Prisma.AssignmentSlipWhereInput = { status: { notIn: ['VERIFIED', 'CLOSED'] } };
  const today = shanghaiToday(ctx);
  return allOf<Prisma.AssignmentSlipWhereInput>(
    args.departmentCode != null && { department: { code: args.departmentCode } },
    args.regionCode != null && { problem: { region: await inRegionSubtree(ctx, args.regionCode) } },
    args.status && { status: args.status },
    args.overdue === true && { ...open, deadline: { lt: today } },
    args.overdue === false && { NOT: { ...open, deadline: { lt: today } } },
    { issuedOn: onDays(args.issuedFrom, args.issuedTo, 'issued') },
    search && { OR: [{ code: search }, { problem: { title: search } }] },
    slipScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  assignmentSlips: t.prismaConnection(
    {
      extensions: reads('AssignmentSlip'),
      type: 'AssignmentSlip',
      cursor: 'id',
      authScopes: { rows: true },
      description: 'Assignment slips (交办单), newest issued first unless `orderBy` says otherwise.',
      args: {
        departmentCode: t.arg.string({
          description: 'Only slips assigned to the department with this code.',
        }),
        regionCode: t.arg.string({
          description:
            'Only slips on problems in the subtree of the region with this code (the region included).',
        }),
        status: t.arg({ type: SlipStatusEnum, description: 'Only slips with this status.' }),
        overdue: t.arg.boolean({
          description: 'Only slips open past their deadline as of today (逾期), or only the others.',
        }),
        ...dayRangeArgs(t.arg, 'issued', 'slips issued'),
        search: t.arg.string({ description: 'Only slips whose number or problem title contains this.' }),
        orderBy: t.arg({
          type: SlipOrderEnum,
          required: true,
          defaultValue: 'ISSUED_NEWEST',
          description: 'Sort order; ties are broken by id.',
        }),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.assignmentSlip.count({ where: await slipWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.assignmentSlip.findMany({
          ...query,
          where: await slipWhere(args, ctx),
          orderBy: slipOrders[args.orderBy],
        }),
    },
    AssignmentSlipConnection,
  ),
}));

// ───────────── investment projects (招商引资项目) ─────────────

export const InvestmentProjectNode = builder.prismaNode('InvestmentProject', {
  description:
    'An investment project (招商引资项目), including the stalled historical ones followed monthly (历史疑难问题).',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(projectScope),
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code of the project.' }),
    name: t.exposeString('name', { description: 'Name of the project (项目名称).' }),
    investor: t.exposeString('investor', { description: 'The investor (投资方), a company.' }),
    agreedAmountFen: t.expose('agreedAmountFen', {
      type: 'BigInt',
      nullable: true,
      description: 'Agreed investment in fen (协议投资额, 分).',
    }),
    agreedAmountYuan: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Agreed investment in yuan (元) with two decimals, exact.',
      resolve: (project) => (project.agreedAmountFen === null ? null : yuanFromFen(project.agreedAmountFen)),
    }),
    signedOn: t.expose('signedOn', {
      type: 'Date',
      description: 'When the agreement was signed (签约日期).',
    }),
    region: t.relation('region', { description: 'Where the project is.' }),
    ownerDepartment: t.relation('ownerDepartment', { description: 'The lead department (牵头单位).' }),
    historical: t.exposeBoolean('historical', {
      description: 'A historical difficult project (历史疑难问题) followed monthly.',
    }),
    status: t.expose('status', { type: ProjectStatusEnum, description: 'Where it stands (项目状态).' }),
    version: t.exposeInt('version', { description: 'Revision of the record, for optimistic concurrency.' }),
    progress: t.relatedConnection(
      'progress',
      {
        cursor: 'id',
        totalCount: true,
        description: 'The monthly progress log (月度进展), latest month first.',
        query: { orderBy: [{ month: 'desc' }, { id: 'desc' }] },
      },
      ProjectProgressConnection,
    ),
    problems: t.relatedConnection(
      'problems',
      {
        cursor: 'id',
        totalCount: true,
        description: 'Problems blocking the project, newest reported first.',
        query: (_args, ctx) => ({ where: allOf(problemScope(ctx.access)), orderBy: newestProblemFirst }),
      },
      ProblemConnection,
    ),
  }),
});

export const ProjectProgressNode = builder.prismaNode('ProjectProgress', {
  description: 'One month of a project’s progress log (月度进展).',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(progressScope),
  fields: (t) => ({
    project: t.relation('project', { description: 'The project.' }),
    month: t.expose('month', { type: 'Date', description: 'First day of the month reported.' }),
    status: t.expose('status', { type: ProjectStatusEnum, description: 'The project’s status that month.' }),
    note: t.exposeString('note', { description: 'What happened that month (进展情况).' }),
    sourceSystem: t.exposeString('sourceSystem', {
      description: 'The system that reported it (来源系统); `hub` when entered in the hub.',
    }),
  }),
});

const ProjectProgressConnection = countedConnection(
  ProjectProgressNode,
  'ProjectProgress',
  'monthly progress entries (月度进展)',
);
const InvestmentProjectConnection = countedConnection(
  InvestmentProjectNode,
  'InvestmentProject',
  'investment projects (招商引资项目)',
);

interface ProjectFilter {
  regionCode?: string | null;
  departmentCode?: string | null;
  status?: ProjectStatus | null;
  historical?: boolean | null;
  signedFrom?: Date | null;
  signedTo?: Date | null;
  search?: string | null;
}

async function projectWhere(args: ProjectFilter, ctx: Context) {
  const search = containing(args.search);
  return allOf<Prisma.InvestmentProjectWhereInput>(
    args.regionCode != null && { region: await inRegionSubtree(ctx, args.regionCode) },
    args.departmentCode != null && { ownerDepartment: { code: args.departmentCode } },
    args.status && { status: args.status },
    typeof args.historical === 'boolean' && { historical: args.historical },
    { signedOn: onDays(args.signedFrom, args.signedTo, 'signed') },
    search && { OR: [{ name: search }, { code: search }, { investor: search }] },
    projectScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  investmentProjects: t.prismaConnection(
    {
      extensions: reads('InvestmentProject'),
      type: 'InvestmentProject',
      cursor: 'id',
      authScopes: { rows: true },
      description: 'Investment projects (招商引资项目), ordered by code.',
      args: {
        regionCode: t.arg.string({
          description: 'Only projects in the subtree of the region with this code (the region included).',
        }),
        departmentCode: t.arg.string({ description: 'Only projects led by the department with this code.' }),
        status: t.arg({ type: ProjectStatusEnum, description: 'Only projects with this status.' }),
        historical: t.arg.boolean({
          description: 'Only the historical difficult projects (历史疑难问题), or only the others.',
        }),
        ...dayRangeArgs(t.arg, 'signed', 'projects signed'),
        search: t.arg.string({ description: 'Only projects whose name, code or investor contains this.' }),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.investmentProject.count({ where: await projectWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.investmentProject.findMany({
          ...query,
          where: await projectWhere(args, ctx),
          orderBy: [{ code: 'asc' }, { id: 'asc' }],
        }),
    },
    InvestmentProjectConnection,
  ),
}));

// ───────────── the same records from their departments, enterprises and visits ─────────────

builder.prismaObjectFields('Department', (t) => ({
  problems: t.relatedConnection(
    'problems',
    {
      cursor: 'id',
      totalCount: true,
      authScopes: { rows: true },
      description: 'Problems the department owns (责任问题), newest reported first.',
      query: (_args, ctx) => ({ where: allOf(problemScope(ctx.access)), orderBy: newestProblemFirst }),
    },
    ProblemConnection,
  ),
  slips: t.relatedConnection(
    'slips',
    {
      cursor: 'id',
      totalCount: true,
      authScopes: { rows: true },
      description: 'Assignment slips issued to the department (交办单), newest first.',
      query: (_args, ctx) => ({ where: allOf(slipScope(ctx.access)), orderBy: newestSlipFirst }),
    },
    AssignmentSlipConnection,
  ),
  projects: t.relatedConnection(
    'projects',
    {
      cursor: 'id',
      totalCount: true,
      authScopes: { rows: true },
      description: 'Investment projects the department leads, ordered by code.',
      query: (_args, ctx) => ({
        where: allOf(projectScope(ctx.access)),
        orderBy: [{ code: 'asc' }, { id: 'asc' }],
      }),
    },
    InvestmentProjectConnection,
  ),
}));

builder.prismaObjectFields('Enterprise', (t) => ({
  problems: t.relatedConnection(
    'problems',
    {
      cursor: 'id',
      totalCount: true,
      description: 'Problems the enterprise faces (企业诉求), newest reported first.',
      query: (_args, ctx) => ({ where: allOf(problemScope(ctx.access)), orderBy: newestProblemFirst }),
    },
    ProblemConnection,
  ),
}));

builder.prismaObjectFields('ContactVisit', (t) => ({
  problems: t.relation('problems', {
    description: 'Problems raised during the visit, in the order they were reported.',
    query: (_args, ctx) => ({
      where: allOf(problemScope(ctx.access)),
      orderBy: [{ reportedOn: 'asc' }, { id: 'asc' }],
    }),
  }),
}));
