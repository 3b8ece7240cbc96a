// The enterprise service grid "1+35+N" (企业服务网格): grid units and their staff, the
// enterprises each with a contact (户户有对接), contact visits (对接记录), blind-box revisits
// (盲盒式评价回访) and model cases of helping firms (助企纾困典型案例).
import { inRegionSubtree, nodeWhere, rowScope } from '../../access.ts';
import { builder } from '../../builder.ts';
import { allOf, containing, countedConnection, dayRangeArgs, duringDays, onDays } from '../../connections.ts';
import type { Context } from '../../context.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { EnterpriseScale, GridUnitKind, ModelCaseVenue, VisitMode } from '../../generated/prisma/enums.ts';
import { personal } from '../../personal.ts';
import { reads } from '../reads.ts';

export const GridUnitKindEnum = builder.enumType(GridUnitKind, {
  name: 'GridUnitKind',
  description: 'Kind of a unit of the enterprise service grid "1+35+N" (网格单元类型).',
  values: {
    LEAD_GROUP: { description: 'The "1": the lead group (服务企业工作领导小组).' },
    UNIT: { description: 'One of the "35": a township’s or a department’s grid unit (网格单位).' },
  } satisfies Record<GridUnitKind, { description: string }>,
});

export const EnterpriseScaleEnum = builder.enumType(EnterpriseScale, {
  name: 'EnterpriseScale',
  description: 'Size class of an enterprise (企业规模).',
  values: {
    LARGE: { description: 'Large (大型).' },
    MEDIUM: { description: 'Medium (中型).' },
    SMALL: { description: 'Small (小型).' },
    MICRO: { description: 'Micro (微型).' },
  } satisfies Record<EnterpriseScale, { description: string }>,
});

export const VisitModeEnum = builder.enumType(VisitMode, {
  name: 'VisitMode',
  description: 'How a contact visit took place (对接方式).',
  values: {
    ON_SITE: { description: 'At the enterprise (上门走访).' },
    ONLINE: { description: 'Online, on the cloud community platform (云上社区).' },
    PHONE: { description: 'By phone (电话对接).' },
  } satisfies Record<VisitMode, { description: string }>,
});

export const ModelCaseVenueEnum = builder.enumType(ModelCaseVenue, {
  name: 'ModelCaseVenue',
  description: 'Where a model case was selected (典型案例入选).',
  values: {
    CITY_COMPILATION: { description: 'The city’s compilation of model cases (市级案例汇编).' },
    CITY_BULLETIN: { description: 'The city’s bulletin (市级简报).' },
    COUNTY_BULLETIN: { description: 'The county’s bulletin (县级简报).' },
    PROVINCE_EXCELLENT: { description: 'The province’s excellent cases (省级优秀案例).' },
  } satisfies Record<ModelCaseVenue, { description: string }>,
});

// ───────────── scopes ─────────────

const gridUnitScope = rowScope<Prisma.GridUnitWhereInput>('GridUnit', {
  department: (departmentId) => ({ departmentId }),
});
const gridStaffScope = rowScope<Prisma.GridStaffWhereInput>('GridStaff', {
  department: (departmentId) => ({ gridUnit: { departmentId } }),
});
/**
 * A DEPARTMENT caller sees the enterprises its grid unit serves and those it deals with: visited
 * by its grid staff, revisited about its unit, paid under its policies, with a problem it owns or
 * holds a slip for. So the enterprise of every visit, revisit, disbursement and problem it reads
 * is one it may read. A TOWNSHIP caller sees those registered in its subtree. A case does not
 * widen either: the applicant firm of a case it may read shows only when the firm is in scope.
 */
export const enterpriseScope = rowScope<Prisma.EnterpriseWhereInput>('Enterprise', {
  department: (departmentId) => ({
    OR: [
      { gridUnit: { departmentId } },
      { visits: { some: { gridStaff: { gridUnit: { departmentId } } } } },
      { revisits: { some: { gridUnit: { departmentId } } } },
      { disbursements: { some: { policy: { departmentId } } } },
      {
        problems: {
          some: { OR: [{ ownerDepartmentId: departmentId }, { slips: { some: { departmentId } } }] },
        },
      },
    ],
  }),
  region: (region) => ({ region }),
});
export const visitScope = rowScope<Prisma.ContactVisitWhereInput>('ContactVisit', {
  department: (departmentId) => ({ gridStaff: { gridUnit: { departmentId } } }),
  region: (region) => ({ enterprise: { region } }),
});
const revisitScope = rowScope<Prisma.BlindBoxRevisitWhereInput>('BlindBoxRevisit', {
  department: (departmentId) => ({ gridUnit: { departmentId } }),
  region: (region) => ({ enterprise: { region } }),
});
const modelCaseScope = rowScope<Prisma.ModelCaseWhereInput>('ModelCase', {
  department: (departmentId) => ({ enterprise: { gridUnit: { departmentId } } }),
  region: (region) => ({ enterprise: { region } }),
});
const selectionScope = rowScope<Prisma.ModelCaseSelectionWhereInput>('ModelCaseSelection', {
  department: (departmentId) => ({ modelCase: { enterprise: { gridUnit: { departmentId } } } }),
  region: (region) => ({ modelCase: { enterprise: { region } } }),
});

const byCode = [{ code: 'asc' as const }, { id: 'asc' as const }];
const newestVisitFirst = [{ visitedAt: 'desc' as const }, { id: 'desc' as const }];
const newestRevisitFirst = [{ revisitedAt: 'desc' as const }, { id: 'desc' as const }];

// ───────────── grid units and grid staff ─────────────

export const GridUnitNode = builder.prismaNode('GridUnit', {
  description:
    'A unit of the enterprise service grid "1+35+N": the lead group or one of the 35 units (网格单位).',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(gridUnitScope),
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code of the unit, e.g. WG03.' }),
    name: t.exposeString('name', { description: 'Name, e.g. 东城镇服务企业网格.' }),
    kind: t.expose('kind', { type: GridUnitKindEnum, description: 'The lead group or a unit.' }),
    department: t.relation('department', {
      nullable: true,
      description: 'The department running the unit; null for a township’s unit.',
    }),
    staff: t.relatedConnection(
      'staff',
      {
        cursor: 'id',
        totalCount: true,
        authScopes: { rows: true },
        description: 'The unit’s grid staff (网格员), ordered by code.',
        query: (_args, ctx) => ({ where: allOf(gridStaffScope(ctx.access)), orderBy: byCode }),
      },
      GridStaffConnection,
    ),
    enterprises: t.relatedConnection(
      'enterprises',
      {
        cursor: 'id',
        totalCount: true,
        authScopes: { rows: true },
        description: 'Enterprises the unit serves, ordered by unified social credit code.',
        query: (_args, ctx) => ({
          where: allOf(enterpriseScope(ctx.access)),
          orderBy: [{ creditCode: 'asc' }, { id: 'asc' }],
        }),
      },
      EnterpriseConnection,
    ),
    revisits: t.relatedConnection(
      'revisits',
      {
        cursor: 'id',
        totalCount: true,
        authScopes: { rows: true },
        description: 'Blind-box revisits rating the unit’s service (盲盒式评价回访), newest first.',
        query: (_args, ctx) => ({ where: allOf(revisitScope(ctx.access)), orderBy: newestRevisitFirst }),
      },
      BlindBoxRevisitConnection,
    ),
  }),
});

export const GridStaffNode = builder.prismaNode('GridStaff', {
  description:
    'A person assigned to enterprises, the N of "1+35+N" (网格员). Name and phone are personal data, masked for roles that may not see them.',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(gridStaffScope),
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code of the grid staff member.' }),
    name: t.string({
      description: 'Name (姓名); personal data, masked (张**) for ANALYST, SCREEN and INTEGRATION.',
      resolve: (staff, _args, ctx) => personal(ctx, 'name', staff.name),
    }),
    phone: t.string({
      nullable: true,
      description:
        'Phone number (联系电话); personal data, masked (138****0000) for roles without personal data.',
      resolve: (staff, _args, ctx) => personal(ctx, 'phone', staff.phone),
    }),
    gridUnit: t.relation('gridUnit', { description: 'The grid unit the person belongs to.' }),
    active: t.exposeBoolean('active', { description: 'Still assigned (在岗).' }),
    enterprises: t.relatedConnection(
      'enterprises',
      {
        cursor: 'id',
        totalCount: true,
        description: 'Enterprises the person is the contact for (对接企业), ordered by credit code.',
        query: (_args, ctx) => ({
          where: allOf(enterpriseScope(ctx.access)),
          orderBy: [{ creditCode: 'asc' }, { id: 'asc' }],
        }),
      },
      EnterpriseConnection,
    ),
    visits: t.relatedConnection(
      'visits',
      {
        cursor: 'id',
        totalCount: true,
        description: 'The person’s contact visits (对接记录), newest first.',
        query: (_args, ctx) => ({ where: allOf(visitScope(ctx.access)), orderBy: newestVisitFirst }),
      },
      ContactVisitConnection,
    ),
  }),
});

const GridUnitConnection = countedConnection(GridUnitNode, 'GridUnit', 'grid units (网格单位)');
const GridStaffConnection = countedConnection(GridStaffNode, 'GridStaff', 'grid staff (网格员)');

function gridUnitWhere(
  args: { kind?: GridUnitKind | null; departmentCode?: string | null; search?: string | null },
  ctx: Context,
) {
  const search = containing(args.search);
  return allOf<Prisma.GridUnitWhereInput>(
    args.kind && { kind: args.kind },
    args.departmentCode != null && { department: { code: args.departmentCode } },
    search && { OR: [{ name: search }, { code: search }] },
    gridUnitScope(ctx.access),
  );
}

function gridStaffWhere(
  args: { gridUnitCode?: string | null; active?: boolean | null; search?: string | null },
  ctx: Context,
) {
  const search = containing(args.search);
  return allOf<Prisma.GridStaffWhereInput>(
    args.gridUnitCode != null && { gridUnit: { code: args.gridUnitCode } },
    typeof args.active === 'boolean' && { active: args.active },
    search && { code: search },
    gridStaffScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  gridUnits: t.prismaConnection(
    {
      extensions: reads('GridUnit'),
      type: 'GridUnit',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: 'Units of the enterprise service grid (网格单位), ordered by code.',
      args: {
        kind: t.arg({ type: GridUnitKindEnum, description: 'Only the lead group, or only the units.' }),
        departmentCode: t.arg.string({ description: 'Only the unit of the department with this code.' }),
        search: t.arg.string({ description: 'Only units whose name or code contains this.' }),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.gridUnit.count({ where: gridUnitWhere(args, ctx) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.gridUnit.findMany({ ...query, where: gridUnitWhere(args, ctx), orderBy: byCode }),
    },
    GridUnitConnection,
  ),
  gridStaff: t.prismaConnection(
    {
      extensions: reads('GridStaff'),
      type: 'GridStaff',
      cursor: 'id',
      authScopes: { rows: true },
      description: 'Grid staff (网格员), ordered by code.',
      args: {
        gridUnitCode: t.arg.string({ description: 'Only staff of the grid unit with this code.' }),
        active: t.arg.boolean({ description: 'Only staff still assigned, or only those who left.' }),
        search: t.arg.string({ description: 'Only staff whose code contains this.' }),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.gridStaff.count({ where: gridStaffWhere(args, ctx) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.gridStaff.findMany({ ...query, where: gridStaffWhere(args, ctx), orderBy: byCode }),
    },
    GridStaffConnection,
  ),
}));

builder.prismaObjectFields('Department', (t) => ({
  gridUnits: t.relatedConnection(
    'gridUnits',
    {
      cursor: 'id',
      totalCount: true,
      description: 'The department’s grid units (网格单位), ordered by code.',
      query: (_args, ctx) => ({ where: allOf(gridUnitScope(ctx.access)), orderBy: byCode }),
    },
    GridUnitConnection,
  ),
}));

// ───────────── enterprises ─────────────

export const EnterpriseNode = builder.prismaNode('Enterprise', {
  description:
    'An enterprise in the service grid, keyed by its unified social credit code (统一社会信用代码). The legal representative’s name and phone are personal data, masked for roles that may not see them.',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(enterpriseScope),
  fields: (t) => ({
    creditCode: t.exposeString('creditCode', {
      description: 'Unified social credit code (统一社会信用代码).',
    }),
    name: t.exposeString('name', { description: 'Registered name (企业名称).' }),
    sourceSystem: t.exposeString('sourceSystem', {
      description: 'The system that created the record (来源系统); `hub` when entered in the hub.',
    }),
    industry: t.exposeString('industry', { description: 'Industry (行业), e.g. 茶叶加工.' }),
    scale: t.expose('scale', { type: EnterpriseScaleEnum, description: 'Size class (企业规模).' }),
    aboveScale: t.exposeBoolean('aboveScale', {
      description: 'An above-designated-size industrial enterprise (规上企业).',
    }),
    region: t.relation('region', { description: 'Where the enterprise is registered (所在地).' }),
    registeredOn: t.expose('registeredOn', {
      type: 'Date',
      description: 'When it was registered (成立日期).',
    }),
    legalRepName: t.string({
      nullable: true,
      description:
        'Name of the legal representative (法定代表人); personal data, masked (张**) for roles without personal data.',
      resolve: (enterprise, _args, ctx) => personal(ctx, 'name', enterprise.legalRepName),
    }),
    legalRepPhone: t.string({
      nullable: true,
      description:
        'Phone of the legal representative (联系电话); personal data, masked (138****0000) for roles without personal data.',
      resolve: (enterprise, _args, ctx) => personal(ctx, 'phone', enterprise.legalRepPhone),
    }),
    gridUnit: t.relation('gridUnit', { nullable: true, description: 'The grid unit serving it.' }),
    contactStaff: t.relation('contactStaff', {
      nullable: true,
      description: 'Its assigned contact (对接网格员, 户户有对接).',
    }),
    version: t.exposeInt('version', { description: 'Revision of the record, for optimistic concurrency.' }),
    visits: t.relatedConnection(
      'visits',
      {
        cursor: 'id',
        totalCount: true,
        description: 'Contact visits to the enterprise (对接记录), newest first.',
        query: (_args, ctx) => ({ where: allOf(visitScope(ctx.access)), orderBy: newestVisitFirst }),
      },
      ContactVisitConnection,
    ),
    revisits: t.relatedConnection(
      'revisits',
      {
        cursor: 'id',
        totalCount: true,
        description: 'Blind-box revisits of the enterprise (盲盒式评价回访), newest first.',
        query: (_args, ctx) => ({ where: allOf(revisitScope(ctx.access)), orderBy: newestRevisitFirst }),
      },
      BlindBoxRevisitConnection,
    ),
    modelCases: t.relation('modelCases', {
      description: 'Model cases about the enterprise (典型案例), newest year first.',
      query: { orderBy: [{ year: 'desc' }, { id: 'asc' }] },
    }),
  }),
});

export const EnterpriseConnection = countedConnection(EnterpriseNode, 'Enterprise', 'enterprises (企业)');

export const EnterpriseOrderEnum = builder.enumType('EnterpriseOrder', {
  description: 'How to sort enterprises; ties are broken by id.',
  values: {
    CREDIT_CODE: { description: 'By unified social credit code, ascending (the default).' },
    REGISTERED_NEWEST: { description: 'By registration day, newest first.' },
    REGISTERED_OLDEST: { description: 'By registration day, oldest first.' },
    NAME: { description: 'By name in the database’s collation.' },
  },
});

const enterpriseOrders = {
  CREDIT_CODE: [{ creditCode: 'asc' }, { id: 'asc' }],
  REGISTERED_NEWEST: [{ registeredOn: 'desc' }, { id: 'desc' }],
  REGISTERED_OLDEST: [{ registeredOn: 'asc' }, { id: 'asc' }],
  NAME: [{ name: 'asc' }, { id: 'asc' }],
} satisfies Record<typeof EnterpriseOrderEnum.$inferType, Prisma.EnterpriseOrderByWithRelationInput[]>;

interface EnterpriseFilter {
  regionCode?: string | null;
  gridUnitCode?: string | null;
  departmentCode?: string | null;
  scale?: EnterpriseScale | null;
  industry?: string | null;
  aboveScale?: boolean | null;
  registeredFrom?: Date | null;
  registeredTo?: Date | null;
  search?: string | null;
}

async function enterpriseWhere(args: EnterpriseFilter, ctx: Context) {
  const search = containing(args.search);
  return allOf<Prisma.EnterpriseWhereInput>(
    args.regionCode != null && { region: await inRegionSubtree(ctx, args.regionCode) },
    args.gridUnitCode != null && { gridUnit: { code: args.gridUnitCode } },
    args.departmentCode != null && { gridUnit: { department: { code: args.departmentCode } } },
    args.scale && { scale: args.scale },
    args.industry != null && { industry: args.industry },
    typeof args.aboveScale === 'boolean' && { aboveScale: args.aboveScale },
    { registeredOn: onDays(args.registeredFrom, args.registeredTo, 'registered') },
    search && { OR: [{ name: search }, { creditCode: search }] },
    enterpriseScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  enterprises: t.prismaConnection(
    {
      extensions: reads('Enterprise'),
      type: 'Enterprise',
      cursor: 'id',
      authScopes: { rows: true },
      description:
        'Enterprises of the service grid (网格企业), by credit code unless `orderBy` says otherwise.',
      args: {
        regionCode: t.arg.string({
          description: 'Only enterprises in the subtree of the region with this code (the region included).',
        }),
        gridUnitCode: t.arg.string({
          description: 'Only enterprises served by the grid unit with this code.',
        }),
        departmentCode: t.arg.string({
          description: 'Only enterprises served by the grid unit of the department with this code.',
        }),
        scale: t.arg({ type: EnterpriseScaleEnum, description: 'Only enterprises of this size class.' }),
        industry: t.arg.string({
          description: 'Only enterprises of this industry (exact name, e.g. 茶叶加工).',
        }),
        aboveScale: t.arg.boolean({
          description: 'Only above-size industrial enterprises (规上), or only the others.',
        }),
        ...dayRangeArgs(t.arg, 'registered', 'enterprises registered'),
        search: t.arg.string({ description: 'Only enterprises whose name or credit code contains this.' }),
        orderBy: t.arg({
          type: EnterpriseOrderEnum,
          defaultValue: 'CREDIT_CODE',
          required: true,
          description: 'Sort order; ties are broken by id.',
        }),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.enterprise.count({ where: await enterpriseWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.enterprise.findMany({
          ...query,
          where: await enterpriseWhere(args, ctx),
          orderBy: enterpriseOrders[args.orderBy],
        }),
    },
    EnterpriseConnection,
  ),
  enterprise: t.prismaField({
    extensions: reads('Enterprise', 'CreditSubject', 'GridStaff', 'GridUnit', 'ModelCase', 'Region'),
    type: 'Enterprise',
    nullable: true,
    authScopes: { rows: true },
    description:
      'One enterprise by its unified social credit code; null when there is none (or it is out of scope).',
    args: {
      creditCode: t.arg.string({
        required: true,
        description: 'Unified social credit code (统一社会信用代码).',
      }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.enterprise.findFirst({
        ...query,
        where: allOf<Prisma.EnterpriseWhereInput>(
          { creditCode: args.creditCode },
          enterpriseScope(ctx.access),
        ),
      }),
  }),
}));

// ───────────── contact visits and blind-box revisits ─────────────

export const ContactVisitNode = builder.prismaNode('ContactVisit', {
  description: 'A contact visit of grid staff to an enterprise (对接记录).',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(visitScope),
  fields: (t) => ({
    sourceSystem: t.exposeString('sourceSystem', { description: 'The system the record came from.' }),
    externalId: t.exposeString('externalId', { description: 'The record’s id in its source system.' }),
    enterprise: t.relation('enterprise', { description: 'The enterprise visited.' }),
    gridStaff: t.relation('gridStaff', { description: 'The grid staff member who made the visit.' }),
    visitedAt: t.expose('visitedAt', {
      type: 'DateTime',
      description: 'When the visit took place (对接时间).',
    }),
    mode: t.expose('mode', { type: VisitModeEnum, description: 'How it took place (对接方式).' }),
    summary: t.exposeString('summary', { description: 'What was discussed (对接内容).' }),
    problemRaised: t.exposeBoolean('problemRaised', {
      description: 'The enterprise raised a problem, recorded as a Problem (反映问题).',
    }),
    version: t.exposeInt('version', { description: 'Revision of the record, for optimistic concurrency.' }),
  }),
});

export const ContactVisitConnection = countedConnection(
  ContactVisitNode,
  'ContactVisit',
  'contact visits (对接记录)',
);

export const BlindBoxRevisitNode = builder.prismaNode('BlindBoxRevisit', {
  description: 'An unannounced follow-up rating of the service an enterprise got (盲盒式评价回访).',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(revisitScope),
  fields: (t) => ({
    enterprise: t.relation('enterprise', { description: 'The enterprise asked.' }),
    gridUnit: t.relation('gridUnit', { description: 'The grid unit whose service was rated.' }),
    revisitedAt: t.expose('revisitedAt', { type: 'DateTime', description: 'When the revisit took place.' }),
    score: t.exposeInt('score', { description: 'Score of the service, 0–100 (评分).' }),
    comment: t.exposeString('comment', {
      nullable: true,
      description: 'What the enterprise said (企业评价).',
    }),
    notified: t.exposeBoolean('notified', { description: 'The unit was notified for poor service (通报).' }),
  }),
});

const BlindBoxRevisitConnection = countedConnection(
  BlindBoxRevisitNode,
  'BlindBoxRevisit',
  'blind-box revisits (盲盒式评价回访)',
);

interface VisitFilter {
  regionCode?: string | null;
  gridUnitCode?: string | null;
  mode?: VisitMode | null;
  problemRaised?: boolean | null;
  visitedFrom?: Date | null;
  visitedTo?: Date | null;
}

async function visitWhere(args: VisitFilter, ctx: Context) {
  return allOf<Prisma.ContactVisitWhereInput>(
    args.regionCode != null && { enterprise: { region: await inRegionSubtree(ctx, args.regionCode) } },
    args.gridUnitCode != null && { gridStaff: { gridUnit: { code: args.gridUnitCode } } },
    args.mode && { mode: args.mode },
    typeof args.problemRaised === 'boolean' && { problemRaised: args.problemRaised },
    { visitedAt: duringDays(args.visitedFrom, args.visitedTo, 'visited') },
    visitScope(ctx.access),
  );
}

interface RevisitFilter {
  regionCode?: string | null;
  gridUnitCode?: string | null;
  notified?: boolean | null;
  revisitedFrom?: Date | null;
  revisitedTo?: Date | null;
}

async function revisitWhere(args: RevisitFilter, ctx: Context) {
  return allOf<Prisma.BlindBoxRevisitWhereInput>(
    args.regionCode != null && { enterprise: { region: await inRegionSubtree(ctx, args.regionCode) } },
    args.gridUnitCode != null && { gridUnit: { code: args.gridUnitCode } },
    typeof args.notified === 'boolean' && { notified: args.notified },
    { revisitedAt: duringDays(args.revisitedFrom, args.revisitedTo, 'revisited') },
    revisitScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  contactVisits: t.prismaConnection(
    {
      extensions: reads('ContactVisit'),
      type: 'ContactVisit',
      cursor: 'id',
      authScopes: { rows: true },
      description:
        'Contact visits of grid staff to enterprises (对接记录), newest first (visitedAt, then id).',
      args: {
        regionCode: t.arg.string({
          description:
            'Only visits to enterprises in the subtree of the region with this code (the region included).',
        }),
        gridUnitCode: t.arg.string({ description: 'Only visits by staff of the grid unit with this code.' }),
        mode: t.arg({ type: VisitModeEnum, description: 'Only visits made this way.' }),
        problemRaised: t.arg.boolean({
          description: 'Only visits where a problem was raised, or only the others.',
        }),
        ...dayRangeArgs(t.arg, 'visited', 'visits made (Asia/Shanghai days)'),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.contactVisit.count({ where: await visitWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.contactVisit.findMany({
          ...query,
          where: await visitWhere(args, ctx),
          orderBy: newestVisitFirst,
        }),
    },
    ContactVisitConnection,
  ),
  blindBoxRevisits: t.prismaConnection(
    {
      extensions: reads('BlindBoxRevisit'),
      type: 'BlindBoxRevisit',
      cursor: 'id',
      authScopes: { rows: true },
      description: 'Blind-box revisits (盲盒式评价回访), newest first (revisitedAt, then id).',
      args: {
        regionCode: t.arg.string({
          description:
            'Only revisits of enterprises in the subtree of the region with this code (the region included).',
        }),
        gridUnitCode: t.arg.string({ description: 'Only revisits rating the grid unit with this code.' }),
        notified: t.arg.boolean({
          description: 'Only revisits that led to a notice (通报), or only the others.',
        }),
        ...dayRangeArgs(t.arg, 'revisited', 'revisits made (Asia/Shanghai days)'),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.blindBoxRevisit.count({ where: await revisitWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.blindBoxRevisit.findMany({
          ...query,
          where: await revisitWhere(args, ctx),
          orderBy: newestRevisitFirst,
        }),
    },
    BlindBoxRevisitConnection,
  ),
}));

// ───────────── model cases (助企纾困典型案例) ─────────────

export const ModelCaseNode = builder.prismaNode('ModelCase', {
  description: 'A model case of helping firms (助企纾困典型案例).',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(modelCaseScope),
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Title of the case.' }),
    summary: t.exposeString('summary', { nullable: true, description: 'What was done (案例简介).' }),
    enterprise: t.relation('enterprise', {
      nullable: true,
      authScopes: { rows: true },
      description: 'The enterprise helped, if the case is about one.',
    }),
    year: t.exposeInt('year', { description: 'Year of the case.' }),
    selections: t.relation('selections', {
      description: 'Where the case was selected (入选情况), earliest first.',
      query: { orderBy: [{ selectedOn: 'asc' }, { id: 'asc' }] },
    }),
  }),
});

export const ModelCaseSelectionNode = builder.prismaNode('ModelCaseSelection', {
  description: 'A selection of a model case into a compilation or bulletin (典型案例入选).',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(selectionScope),
  fields: (t) => ({
    modelCase: t.relation('modelCase', { description: 'The model case selected.' }),
    venue: t.expose('venue', { type: ModelCaseVenueEnum, description: 'Where it was selected.' }),
    selectedOn: t.expose('selectedOn', { type: 'Date', description: 'When it was selected (入选日期).' }),
  }),
});

function modelCaseWhere(
  args: { year?: number | null; venue?: ModelCaseVenue | null; search?: string | null },
  ctx: Context,
) {
  const search = containing(args.search);
  return allOf<Prisma.ModelCaseWhereInput>(
    args.year != null && { year: args.year },
    args.venue && { selections: { some: { venue: args.venue } } },
    search && { OR: [{ title: search }, { summary: search }] },
    modelCaseScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  modelCases: t.prismaConnection(
    {
      extensions: reads('ModelCase'),
      type: 'ModelCase',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: 'Model cases of helping firms (助企纾困典型案例), newest year first, then by id.',
      args: {
        year: t.arg.int({ description: 'Only cases of this year.' }),
        venue: t.arg({ type: ModelCaseVenueEnum, description: 'Only cases selected here.' }),
        search: t.arg.string({ description: 'Only cases whose title or summary contains this.' }),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.modelCase.count({ where: modelCaseWhere(args, ctx) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.modelCase.findMany({
          ...query,
          where: modelCaseWhere(args, ctx),
          orderBy: [{ year: 'desc' }, { id: 'asc' }],
        }),
    },
    countedConnection(ModelCaseNode, 'ModelCase', 'model cases (典型案例)'),
  ),
}));
