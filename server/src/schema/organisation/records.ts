// Who serves where (组织与网点): departments, service halls with their star ratings and windows,
// window staff, service points (bank branches 政银合作, village stations …) and the partner
// counties of cross-province handling (跨省通办).
import { inRegionSubtree, nodeWhere, rowScope } from '../../access.ts';
import { builder } from '../../builder.ts';
import { allOf, containing, countedConnection, dayRangeArgs, onDays } from '../../connections.ts';
import type { Context } from '../../context.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { HallLevel, ServicePointKind } from '../../generated/prisma/enums.ts';
import { maySeePersonalData, personal } from '../../personal.ts';
import { serviceItemScope } from '../catalogue/records.ts';
import { reads } from '../reads.ts';
import { HallLevelEnum, ServicePointKindEnum } from './enums.ts';

// ───────────── scopes: which rows a DEPARTMENT or TOWNSHIP caller reaches ─────────────

export const hallScope = rowScope<Prisma.ServiceHallWhereInput>('ServiceHall', {
  region: (region) => ({ region }),
});
const hallRatingScope = rowScope<Prisma.HallRatingWhereInput>('HallRating', {
  region: (region) => ({ hall: { region } }),
});
export const windowScope = rowScope<Prisma.WindowWhereInput>('Window', {
  department: (departmentId) => ({ departmentId }),
  region: (region) => ({ hall: { region } }),
});
export const staffScope = rowScope<Prisma.StaffWhereInput>('Staff', {
  department: (departmentId) => ({ departmentId }),
  region: (region) => ({ window: { hall: { region } } }),
});
export const servicePointScope = rowScope<Prisma.ServicePointWhereInput>('ServicePoint', {
  region: (region) => ({ region }),
});

// ───────────── departments ─────────────

export const DepartmentNode = builder.prismaNode('Department', {
  description: 'A government department or agency (部门), owner of items, problems and records.',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Short code of the department, e.g. SCJG.' }),
    name: t.exposeString('name', { description: 'Full name, e.g. 示例县市场监督管理局.' }),
    shortName: t.exposeString('shortName', { description: 'Short name (简称), e.g. 市场监管局.' }),
    stationed: t.exposeBoolean('stationed', {
      description: 'Has windows in the county’s administrative service centre (进驻政务服务中心).',
    }),
  }),
});

builder.queryFields((t) => ({
  departments: t.prismaConnection(
    {
      extensions: reads('Department'),
      type: 'Department',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: 'Departments (部门), ordered by code.',
      args: {
        search: t.arg.string({
          description: 'Only departments whose name, short name or code contains this.',
        }),
        stationed: t.arg.boolean({
          description: 'Only departments stationed (or not) in the service centre.',
        }),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.department.count({ where: departmentWhere(args) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.department.findMany({
          ...query,
          where: departmentWhere(args),
          orderBy: [{ code: 'asc' }, { id: 'asc' }],
        }),
    },
    countedConnection(DepartmentNode, 'Department', 'departments (部门)'),
  ),
  department: t.prismaField({
    extensions: reads('Department'),
    type: 'Department',
    nullable: true,
    authScopes: { aggregates: true },
    description: 'One department by its code; null when there is none.',
    args: { code: t.arg.string({ required: true, description: 'The department’s code, e.g. SCJG.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.department.findUnique({ ...query, where: { code: args.code } }),
  }),
}));

function departmentWhere(args: { search?: string | null; stationed?: boolean | null }) {
  const search = containing(args.search);
  return allOf<Prisma.DepartmentWhereInput>(
    search && { OR: [{ name: search }, { shortName: search }, { code: search }] },
    typeof args.stationed === 'boolean' && { stationed: args.stationed },
  );
}

// ───────────── service halls and their star ratings ─────────────

export const ServiceHallNode = builder.prismaNode('ServiceHall', {
  description: 'A government service hall (政务服务中心/便民服务中心).',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(hallScope),
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code of the hall.' }),
    name: t.exposeString('name', { description: 'Name, e.g. 东城镇便民服务中心.' }),
    level: t.expose('level', { type: HallLevelEnum, description: 'Level of the hall (层级).' }),
    region: t.relation('region', { description: 'The region the hall serves.' }),
    demonstration: t.exposeBoolean('demonstration', {
      description: 'A village demonstration hall (乡村便民生活示范馆), a 2023 target.',
    }),
    openedOn: t.expose('openedOn', {
      type: 'Date',
      nullable: true,
      description: 'When it opened (启用日期).',
    }),
    ratings: t.relation('ratings', {
      description: 'Its yearly star ratings (星级评定), oldest first.',
      query: { orderBy: [{ year: 'asc' }, { id: 'asc' }] },
    }),
    windows: t.relatedConnection(
      'windows',
      {
        cursor: 'id',
        totalCount: true,
        description: 'Its windows (窗口), ordered by code.',
        query: (_args, ctx) => ({
          where: allOf(windowScope(ctx.access)),
          orderBy: [{ code: 'asc' }, { id: 'asc' }],
        }),
      },
      WindowConnection,
    ),
    servicePoints: t.relatedConnection(
      'servicePoints',
      {
        cursor: 'id',
        totalCount: true,
        description: 'Service points attached to the hall, ordered by code.',
        query: (_args, ctx) => ({
          where: allOf(servicePointScope(ctx.access)),
          orderBy: [{ code: 'asc' }, { id: 'asc' }],
        }),
      },
      ServicePointConnection,
    ),
  }),
});

export const HallRatingNode = builder.prismaNode('HallRating', {
  description:
    'Yearly star rating of a hall with its four aspect scores (服务大厅星级评定: 现场管理, 人才队伍, 服务模式, 服务闭环).',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(hallRatingScope),
  fields: (t) => ({
    hall: t.relation('hall', { description: 'The hall rated.' }),
    year: t.exposeInt('year', { description: 'Year of the rating.' }),
    stars: t.exposeInt('stars', { description: 'Star level (星级), 1–5.' }),
    onSiteScore: t.expose('onSiteScore', {
      type: 'Decimal',
      description: 'On-site management (现场管理), 0–100.',
    }),
    staffScore: t.expose('staffScore', { type: 'Decimal', description: 'Staff (人才队伍), 0–100.' }),
    serviceModeScore: t.expose('serviceModeScore', {
      type: 'Decimal',
      description: 'Service mode (服务模式), 0–100.',
    }),
    closedLoopScore: t.expose('closedLoopScore', {
      type: 'Decimal',
      description: 'Closed-loop service (服务闭环), 0–100.',
    }),
    ratedOn: t.expose('ratedOn', { type: 'Date', description: 'When the rating was given (评定日期).' }),
  }),
});

const HallRatingConnection = countedConnection(HallRatingNode, 'HallRating', 'hall star ratings (星级评定)');

interface HallFilter {
  regionCode?: string | null;
  level?: HallLevel | null;
  demonstration?: boolean | null;
  search?: string | null;
}

async function hallWhere(args: HallFilter, ctx: Context) {
  const search = containing(args.search);
  return allOf<Prisma.ServiceHallWhereInput>(
    args.regionCode != null && { region: await inRegionSubtree(ctx, args.regionCode) },
    args.level && { level: args.level },
    typeof args.demonstration === 'boolean' && { demonstration: args.demonstration },
    search && { OR: [{ name: search }, { code: search }] },
    hallScope(ctx.access),
  );
}

async function hallRatingWhere(args: { year?: number | null; regionCode?: string | null }, ctx: Context) {
  return allOf<Prisma.HallRatingWhereInput>(
    args.year != null && { year: args.year },
    args.regionCode != null && { hall: { region: await inRegionSubtree(ctx, args.regionCode) } },
    hallRatingScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  serviceHalls: t.prismaConnection(
    {
      extensions: reads('ServiceHall'),
      type: 'ServiceHall',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: 'Service halls (服务大厅), ordered by code.',
      args: {
        regionCode: t.arg.string({
          description: 'Only halls in the subtree of the region with this code (the region included).',
        }),
        level: t.arg({ type: HallLevelEnum, description: 'Only halls of this level.' }),
        demonstration: t.arg.boolean({ description: 'Only demonstration halls (or only the others).' }),
        search: t.arg.string({ description: 'Only halls whose name or code contains this.' }),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.serviceHall.count({ where: await hallWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.serviceHall.findMany({
          ...query,
          where: await hallWhere(args, ctx),
          orderBy: [{ code: 'asc' }, { id: 'asc' }],
        }),
    },
    countedConnection(ServiceHallNode, 'ServiceHall', 'service halls (服务大厅)'),
  ),
  hallRatings: t.prismaConnection(
    {
      extensions: reads('HallRating'),
      type: 'HallRating',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: 'Star ratings of halls (星级评定), newest year first, then by stars (most first) and id.',
      args: {
        year: t.arg.int({ description: 'Only ratings of this year.' }),
        regionCode: t.arg.string({
          description: 'Only halls in the subtree of the region with this code (the region included).',
        }),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.hallRating.count({ where: await hallRatingWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.hallRating.findMany({
          ...query,
          where: await hallRatingWhere(args, ctx),
          orderBy: [{ year: 'desc' }, { stars: 'desc' }, { id: 'asc' }],
        }),
    },
    HallRatingConnection,
  ),
}));

// ───────────── windows and staff ─────────────

export const WindowNode = builder.prismaNode('Window', {
  description: 'A service window in a hall (窗口).',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(windowScope),
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code of the window.' }),
    name: t.exposeString('name', { description: 'Name, e.g. 市场监管综合窗口.' }),
    hall: t.relation('hall', { description: 'The hall the window is in.' }),
    department: t.relation('department', {
      nullable: true,
      description: 'The department staffing it; null for a comprehensive window (综合窗口).',
    }),
    dedicated: t.exposeBoolean('dedicated', { description: 'A dedicated window (专窗), e.g. 水库移民专窗.' }),
    staff: t.relatedConnection(
      'staff',
      {
        cursor: 'id',
        totalCount: true,
        authScopes: { rows: true },
        description: 'Staff at the window (窗口工作人员), ordered by code.',
        query: (_args, ctx) => ({
          where: allOf(staffScope(ctx.access)),
          orderBy: [{ code: 'asc' }, { id: 'asc' }],
        }),
      },
      StaffConnection,
    ),
  }),
});

const WindowConnection = countedConnection(WindowNode, 'Window', 'windows (窗口)');

export const StaffNode = builder.prismaNode('Staff', {
  description:
    'A member of window staff (窗口工作人员). Name, phone and ID number are personal data, masked for roles that may not see them.',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(staffScope),
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Staff number (工号).' }),
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
    idNumber: t.string({
      nullable: true,
      description:
        'Resident ID number (身份证号); personal data, masked (first 6 and last 4 kept) for roles without personal data.',
      resolve: (staff, _args, ctx) => personal(ctx, 'idNumber', staff.idNumber),
    }),
    window: t.relation('window', { nullable: true, description: 'The window the person works at.' }),
    department: t.relation('department', { nullable: true, description: 'The person’s department.' }),
    certified: t.exposeBoolean('certified', { description: 'Certified administrative clerk (持证上岗).' }),
    certifiedOn: t.expose('certifiedOn', { type: 'Date', nullable: true, description: 'When certified.' }),
    active: t.exposeBoolean('active', { description: 'Still at work (在岗).' }),
  }),
});

const StaffConnection = countedConnection(StaffNode, 'Staff', 'window staff (窗口工作人员)');

interface WindowFilter {
  hallCode?: string | null;
  departmentCode?: string | null;
  regionCode?: string | null;
  dedicated?: boolean | null;
  search?: string | null;
}

async function windowWhere(args: WindowFilter, ctx: Context) {
  const search = containing(args.search);
  return allOf<Prisma.WindowWhereInput>(
    args.hallCode != null && { hall: { code: args.hallCode } },
    args.departmentCode != null && { department: { code: args.departmentCode } },
    args.regionCode != null && { hall: { region: await inRegionSubtree(ctx, args.regionCode) } },
    typeof args.dedicated === 'boolean' && { dedicated: args.dedicated },
    search && { OR: [{ name: search }, { code: search }] },
    windowScope(ctx.access),
  );
}

interface StaffFilter {
  departmentCode?: string | null;
  regionCode?: string | null;
  certified?: boolean | null;
  active?: boolean | null;
  search?: string | null;
}

async function staffWhere(args: StaffFilter, ctx: Context) {
  const search = containing(args.search);
  return allOf<Prisma.StaffWhereInput>(
    args.departmentCode != null && { department: { code: args.departmentCode } },
    args.regionCode != null && { window: { hall: { region: await inRegionSubtree(ctx, args.regionCode) } } },
    typeof args.certified === 'boolean' && { certified: args.certified },
    typeof args.active === 'boolean' && { active: args.active },
    // Searching names would let a masked caller probe them: names only for those who see them.
    search && { OR: [{ code: search }, ...(maySeePersonalData(ctx) ? [{ name: search }] : [])] },
    staffScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  windows: t.prismaConnection(
    {
      extensions: reads('Window'),
      type: 'Window',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: 'Service windows (窗口), ordered by code.',
      args: {
        hallCode: t.arg.string({ description: 'Only windows of the hall with this code.' }),
        departmentCode: t.arg.string({
          description: 'Only windows staffed by the department with this code.',
        }),
        regionCode: t.arg.string({
          description:
            'Only windows of halls in the subtree of the region with this code (the region included).',
        }),
        dedicated: t.arg.boolean({ description: 'Only dedicated windows (or only the others).' }),
        search: t.arg.string({ description: 'Only windows whose name or code contains this.' }),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.window.count({ where: await windowWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.window.findMany({
          ...query,
          where: await windowWhere(args, ctx),
          orderBy: [{ code: 'asc' }, { id: 'asc' }],
        }),
    },
    WindowConnection,
  ),
  staff: t.prismaConnection(
    {
      extensions: reads('Staff'),
      type: 'Staff',
      cursor: 'id',
      authScopes: { rows: true },
      description: 'Window staff (窗口工作人员), ordered by staff number.',
      args: {
        departmentCode: t.arg.string({ description: 'Only staff of the department with this code.' }),
        regionCode: t.arg.string({
          description:
            'Only staff at halls in the subtree of the region with this code (the region included).',
        }),
        certified: t.arg.boolean({ description: 'Only certified staff (持证上岗), or only the others.' }),
        active: t.arg.boolean({ description: 'Only staff at work, or only those who left.' }),
        search: t.arg.string({
          description: 'Only staff whose number (or, for roles that see personal data, name) contains this.',
        }),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.staff.count({ where: await staffWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.staff.findMany({
          ...query,
          where: await staffWhere(args, ctx),
          orderBy: [{ code: 'asc' }, { id: 'asc' }],
        }),
    },
    StaffConnection,
  ),
}));

builder.prismaObjectFields('Department', (t) => ({
  windows: t.relatedConnection(
    'windows',
    {
      cursor: 'id',
      totalCount: true,
      description: 'Windows the department staffs (窗口), ordered by code.',
      query: (_args, ctx) => ({
        where: allOf(windowScope(ctx.access)),
        orderBy: [{ code: 'asc' }, { id: 'asc' }],
      }),
    },
    WindowConnection,
  ),
  staff: t.relatedConnection(
    'staff',
    {
      cursor: 'id',
      totalCount: true,
      authScopes: { rows: true },
      description: 'The department’s window staff, ordered by staff number.',
      query: (_args, ctx) => ({
        where: allOf(staffScope(ctx.access)),
        orderBy: [{ code: 'asc' }, { id: 'asc' }],
      }),
    },
    StaffConnection,
  ),
}));

// ───────────── service points ─────────────

export const ServicePointNode = builder.prismaNode('ServicePoint', {
  description:
    'A place where cases are received: a hall, a rural commercial bank branch (政银合作网点), a village station or a self-service kiosk.',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(servicePointScope),
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code of the service point.' }),
    name: t.exposeString('name', { description: 'Name, e.g. 示例农商银行东城支行便民服务点.' }),
    kind: t.expose('kind', { type: ServicePointKindEnum, description: 'Kind of service point (网点类型).' }),
    region: t.relation('region', { description: 'The region the point is in.' }),
    hall: t.relation('hall', { nullable: true, description: 'The hall it belongs to, if any.' }),
    bankName: t.exposeString('bankName', {
      nullable: true,
      description: 'The bank’s name, for BANK_BRANCH points (合作银行).',
    }),
    openedOn: t.expose('openedOn', { type: 'Date', description: 'When it started receiving cases.' }),
    closedOn: t.expose('closedOn', {
      type: 'Date',
      nullable: true,
      description: 'When it closed; null while open.',
    }),
    longitude: t.expose('longitude', {
      type: 'Decimal',
      nullable: true,
      description: 'Longitude (经度), degrees.',
    }),
    latitude: t.expose('latitude', {
      type: 'Decimal',
      nullable: true,
      description: 'Latitude (纬度), degrees.',
    }),
    items: t.relatedConnection(
      'items',
      {
        cursor: 'servicePointId_itemId',
        totalCount: true,
        description:
          'Service items the point may handle, by item id (a DEPARTMENT caller: those of its department).',
        query: (_args, ctx) => ({
          where: allOf(...serviceItemScope(ctx.access).map((item) => ({ item }))),
          orderBy: [{ itemId: 'asc' }],
        }),
      },
      ServicePointItemConnection,
    ),
  }),
});

const ServicePointConnection = countedConnection(
  ServicePointNode,
  'ServicePoint',
  'service points (服务网点)',
);

export const ServicePointItemObject = builder.prismaObject('ServicePointItem', {
  description: 'A service item a service point may handle (网点可办事项).',
  authScopes: { aggregates: true },
  fields: (t) => ({
    servicePoint: t.relation('servicePoint', { description: 'The service point.' }),
    item: t.relation('item', { description: 'The service item.' }),
    since: t.expose('since', { type: 'Date', description: 'Since when the point handles the item.' }),
  }),
});

const ServicePointItemConnection = countedConnection(
  ServicePointItemObject,
  'ServicePointItem',
  'items available at a service point (网点可办事项)',
);

interface ServicePointFilter {
  regionCode?: string | null;
  kind?: ServicePointKind | null;
  open?: boolean | null;
  openedFrom?: Date | null;
  openedTo?: Date | null;
  search?: string | null;
}

async function servicePointWhere(args: ServicePointFilter, ctx: Context) {
  const search = containing(args.search);
  return allOf<Prisma.ServicePointWhereInput>(
    args.regionCode != null && { region: await inRegionSubtree(ctx, args.regionCode) },
    args.kind && { kind: args.kind },
    typeof args.open === 'boolean' && { closedOn: args.open ? null : { not: null } },
    { openedOn: onDays(args.openedFrom, args.openedTo, 'opened') },
    search && { OR: [{ name: search }, { code: search }, { bankName: search }] },
    servicePointScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  servicePoints: t.prismaConnection(
    {
      extensions: reads('ServicePoint'),
      type: 'ServicePoint',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: 'Service points (服务网点), ordered by code.',
      args: {
        regionCode: t.arg.string({
          description: 'Only points in the subtree of the region with this code (the region included).',
        }),
        kind: t.arg({
          type: ServicePointKindEnum,
          description: 'Only points of this kind, e.g. BANK_BRANCH.',
        }),
        open: t.arg.boolean({ description: 'Only points still open (true) or only closed ones (false).' }),
        ...dayRangeArgs(t.arg, 'opened', 'points opened'),
        search: t.arg.string({ description: 'Only points whose name, code or bank name contains this.' }),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.servicePoint.count({ where: await servicePointWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.servicePoint.findMany({
          ...query,
          where: await servicePointWhere(args, ctx),
          orderBy: [{ code: 'asc' }, { id: 'asc' }],
        }),
    },
    ServicePointConnection,
  ),
}));

// ───────────── partner regions (跨省通办) ─────────────

export const PartnerRegionNode = builder.prismaNode('PartnerRegion', {
  description: 'A county of another province that handles cases with the county (跨省通办合作地区).',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Administrative division code of the partner county.' }),
    name: t.exposeString('name', { description: 'Name of the partner county.' }),
    province: t.exposeString('province', { description: 'Its province (省份).' }),
    bordering: t.exposeBoolean('bordering', {
      description: 'A neighbouring county (接壤县) rather than a wider partner.',
    }),
    agreedOn: t.expose('agreedOn', {
      type: 'Date',
      description: 'When the cooperation agreement was signed.',
    }),
    items: t.relatedConnection(
      'items',
      {
        cursor: 'partnerRegionId_itemId',
        totalCount: true,
        description:
          'Service items agreed for cross-province handling with this county, by item id (a DEPARTMENT caller: those of its department).',
        query: (_args, ctx) => ({
          where: allOf(...serviceItemScope(ctx.access).map((item) => ({ item }))),
          orderBy: [{ itemId: 'asc' }],
        }),
      },
      PartnerRegionItemConnection,
    ),
  }),
});

export const PartnerRegionItemObject = builder.prismaObject('PartnerRegionItem', {
  description: 'A service item agreed for cross-province handling with a partner county (跨省通办事项).',
  authScopes: { aggregates: true },
  fields: (t) => ({
    partnerRegion: t.relation('partnerRegion', { description: 'The partner county.' }),
    item: t.relation('item', { description: 'The service item.' }),
    agreedOn: t.expose('agreedOn', { type: 'Date', description: 'When the item was agreed.' }),
  }),
});

const PartnerRegionItemConnection = countedConnection(
  PartnerRegionItemObject,
  'PartnerRegionItem',
  'cross-province items of a partner county (跨省通办事项)',
);

function partnerRegionWhere(args: {
  province?: string | null;
  bordering?: boolean | null;
  search?: string | null;
}) {
  const search = containing(args.search);
  return allOf<Prisma.PartnerRegionWhereInput>(
    args.province != null && { province: args.province },
    typeof args.bordering === 'boolean' && { bordering: args.bordering },
    search && { OR: [{ name: search }, { code: search }] },
  );
}

builder.queryFields((t) => ({
  partnerRegions: t.prismaConnection(
    {
      extensions: reads('PartnerRegion'),
      type: 'PartnerRegion',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: 'Partner counties of cross-province handling (跨省通办合作地区), ordered by code.',
      args: {
        province: t.arg.string({ description: 'Only partners in this province (exact name).' }),
        bordering: t.arg.boolean({ description: 'Only neighbouring counties (or only the others).' }),
        search: t.arg.string({ description: 'Only partners whose name or code contains this.' }),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.partnerRegion.count({ where: partnerRegionWhere(args) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.partnerRegion.findMany({
          ...query,
          where: partnerRegionWhere(args),
          orderBy: [{ code: 'asc' }, { id: 'asc' }],
        }),
    },
    countedConnection(PartnerRegionNode, 'PartnerRegion', 'partner counties (跨省通办合作地区)'),
  ),
}));
