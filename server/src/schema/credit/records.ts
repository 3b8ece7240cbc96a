// Credit (信用体系): the credit base of firms, the serious-dishonesty list (严重失信主体名单)
// and credit repair (信用修复), double publicity (双公示), flexible-employment credit ratings
// (信用+智享用工), integrity campaign events (诚信日/八进) and honours.
import { inRegionSubtree, nodeWhere, rowScope } from '../../access.ts';
import { builder } from '../../builder.ts';
import { allOf, containing, countedConnection, dayRangeArgs, onDays } from '../../connections.ts';
import type { Context } from '../../context.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import {
  CreditGrade,
  EmploymentSubjectKind,
  IntegrityEventKind,
  PublicityKind,
  RepairStatus,
} from '../../generated/prisma/enums.ts';
import { maySeePersonalData, personal } from '../../personal.ts';
import { labelledEnum } from '../labelled-enum.ts';
import { reads } from '../reads.ts';

export const RepairStatusEnum = labelledEnum(RepairStatus, {
  name: 'RepairStatus',
  description:
    'Status of a credit-repair application (信用修复状态): SUBMITTED → UNDER_REVIEW → APPROVED | REJECTED.',
  values: {
    SUBMITTED: { description: 'Applied (已申请).', label: '已申请' },
    UNDER_REVIEW: { description: 'Being reviewed (审核中).', label: '审核中' },
    APPROVED: { description: 'Approved: the firm comes off the list (已修复).', label: '已修复' },
    REJECTED: { description: 'Rejected (不予修复).', label: '不予修复' },
  },
});

export const PublicityKindEnum = builder.enumType(PublicityKind, {
  name: 'PublicityKind',
  description: 'Kind of a double-publicity record (双公示类型).',
  values: {
    LICENSE: { description: 'An administrative licence (行政许可).' },
    PENALTY: { description: 'An administrative penalty (行政处罚).' },
  } satisfies Record<PublicityKind, { description: string }>,
});

export const EmploymentSubjectKindEnum = builder.enumType(EmploymentSubjectKind, {
  name: 'EmploymentSubjectKind',
  description: 'Who is rated in the flexible-employment credit scenario (信用+智享用工评价对象).',
  values: {
    WORKER: { description: 'A flexible worker (灵活就业人员), a person.' },
    EMPLOYER: { description: 'An employer (用工单位), a firm.' },
  } satisfies Record<EmploymentSubjectKind, { description: string }>,
});

export const CreditGradeEnum = builder.enumType(CreditGrade, {
  name: 'CreditGrade',
  description: 'Credit grade (信用等级), A best.',
  values: {
    A: { description: 'Grade A, excellent (优).' },
    B: { description: 'Grade B, good (良).' },
    C: { description: 'Grade C, fair (中).' },
    D: { description: 'Grade D, poor (差).' },
  } satisfies Record<CreditGrade, { description: string }>,
});

export const IntegrityEventKindEnum = builder.enumType(IntegrityEventKind, {
  name: 'IntegrityEventKind',
  description: 'Kind of an integrity campaign event (诚信活动类型).',
  values: {
    INTEGRITY_DAY: { description: 'The 11.22 integrity day (诚信日).' },
    OUTREACH: { description: 'One of the eight outreach campaigns (八进).' },
  } satisfies Record<IntegrityEventKind, { description: string }>,
});

// ───────────── scopes ─────────────

const subjectScope = rowScope<Prisma.CreditSubjectWhereInput>('CreditSubject', {
  region: (region) => ({ region }),
});
const blacklistScope = rowScope<Prisma.BlacklistEntryWhereInput>('BlacklistEntry', {
  department: (sourceDepartmentId) => ({ sourceDepartmentId }),
  region: (region) => ({ subject: { region } }),
});
const repairScope = rowScope<Prisma.CreditRepairWhereInput>('CreditRepair', {
  department: (sourceDepartmentId) => ({ blacklistEntry: { sourceDepartmentId } }),
  region: (region) => ({ subject: { region } }),
});
const publicityScope = rowScope<Prisma.PublicityRecordWhereInput>('PublicityRecord', {
  department: (departmentId) => ({ departmentId }),
  region: (region) => ({ subject: { region } }),
});
const integrityEventScope = rowScope<Prisma.IntegrityEventWhereInput>('IntegrityEvent', {
  region: (region) => ({ region }),
});

const newestListingFirst = [{ listedOn: 'desc' as const }, { id: 'desc' as const }];
const newestRepairFirst = [{ appliedOn: 'desc' as const }, { id: 'desc' as const }];
const newestDecisionFirst = [{ decidedOn: 'desc' as const }, { id: 'desc' as const }];

// ───────────── the credit base and the blacklist ─────────────

export const CreditSubjectNode = builder.prismaNode('CreditSubject', {
  description:
    'A firm in the credit base (信用主体库), linked to the grid’s enterprise where it is the same firm.',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(subjectScope),
  fields: (t) => ({
    creditCode: t.exposeString('creditCode', {
      description: 'Unified social credit code (统一社会信用代码).',
    }),
    name: t.exposeString('name', { description: 'Registered name of the firm.' }),
    region: t.relation('region', { description: 'Where the firm is registered.' }),
    enterprise: t.relation('enterprise', {
      nullable: true,
      description: 'The same firm in the service grid, if it is there.',
    }),
    registeredOn: t.expose('registeredOn', { type: 'Date', description: 'When it entered the credit base.' }),
    leftOn: t.expose('leftOn', {
      type: 'Date',
      nullable: true,
      description: 'When it left the base (deregistered); null while active.',
    }),
    blacklistEntries: t.relation('blacklistEntries', {
      description: 'Its entries on the serious-dishonesty list, oldest first.',
      query: (_args, ctx) => ({
        where: allOf(blacklistScope(ctx.access)),
        orderBy: [{ listedOn: 'asc' }, { id: 'asc' }],
      }),
    }),
    repairs: t.relation('repairs', {
      description: 'Its credit-repair applications (信用修复), oldest first.',
      query: (_args, ctx) => ({
        where: allOf(repairScope(ctx.access)),
        orderBy: [{ appliedOn: 'asc' }, { id: 'asc' }],
      }),
    }),
    publicity: t.relatedConnection(
      'publicity',
      {
        cursor: 'id',
        totalCount: true,
        description: 'Licences and penalties published about it (双公示), newest decision first.',
        query: (_args, ctx) => ({ where: allOf(publicityScope(ctx.access)), orderBy: newestDecisionFirst }),
      },
      PublicityRecordConnection,
    ),
  }),
});

export const BlacklistEntryNode = builder.prismaNode('BlacklistEntry', {
  description: 'An entry on the serious-dishonesty list (严重失信主体名单).',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(blacklistScope),
  fields: (t) => ({
    sourceSystem: t.exposeString('sourceSystem', { description: 'The system the record came from.' }),
    externalId: t.exposeString('externalId', { description: 'Its id in the source system.' }),
    subject: t.relation('subject', { description: 'The firm listed.' }),
    sourceDepartment: t.relation('sourceDepartment', {
      description: 'The department that listed it (认定部门): court, market regulation, tax.',
    }),
    reason: t.exposeString('reason', { description: 'Why it was listed (列入事由).' }),
    listedOn: t.expose('listedOn', { type: 'Date', description: 'When it was listed (列入日期).' }),
    removedOn: t.expose('removedOn', {
      type: 'Date',
      nullable: true,
      description: 'When it was removed (移出日期); null while listed.',
    }),
    removalReason: t.exposeString('removalReason', {
      nullable: true,
      description: 'Why it was removed (移出事由).',
    }),
    version: t.exposeInt('version', { description: 'Revision of the record, for optimistic concurrency.' }),
    repairs: t.relation('repairs', {
      description: 'Credit-repair applications against this entry, oldest first.',
      query: { orderBy: [{ appliedOn: 'asc' }, { id: 'asc' }] },
    }),
  }),
});

export const CreditRepairNode = builder.prismaNode('CreditRepair', {
  description:
    'A credit-repair application (信用修复): a firm applies to come off the list after fixing the cause.',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(repairScope),
  fields: (t) => ({
    sourceSystem: t.exposeString('sourceSystem', {
      description: 'The system that filed it (来源系统); `hub` when entered in the hub.',
    }),
    externalId: t.exposeString('externalId', {
      description:
        'Its id in the source system; `<credit code>/<entry source>:<entry id>/<day applied>` when none was given.',
    }),
    subject: t.relation('subject', { description: 'The firm applying.' }),
    blacklistEntry: t.relation('blacklistEntry', {
      nullable: true,
      description: 'The list entry to repair, if any.',
    }),
    appliedOn: t.expose('appliedOn', { type: 'Date', description: 'When it applied (申请日期).' }),
    status: t.expose('status', { type: RepairStatusEnum, description: 'Where the application stands.' }),
    decidedOn: t.expose('decidedOn', {
      type: 'Date',
      nullable: true,
      description: 'When it was decided (决定日期).',
    }),
    version: t.exposeInt('version', { description: 'Revision of the record, for optimistic concurrency.' }),
  }),
});

const CreditSubjectConnection = countedConnection(
  CreditSubjectNode,
  'CreditSubject',
  'credit subjects (信用主体)',
);
const BlacklistEntryConnection = countedConnection(
  BlacklistEntryNode,
  'BlacklistEntry',
  'entries on the serious-dishonesty list (严重失信名单)',
);
const CreditRepairConnection = countedConnection(
  CreditRepairNode,
  'CreditRepair',
  'credit repairs (信用修复)',
);

interface SubjectFilter {
  regionCode?: string | null;
  listedOn?: Date | null;
  active?: boolean | null;
  search?: string | null;
}

async function subjectWhere(args: SubjectFilter, ctx: Context) {
  const search = containing(args.search);
  const day = args.listedOn;
  return allOf<Prisma.CreditSubjectWhereInput>(
    args.regionCode != null && { region: await inRegionSubtree(ctx, args.regionCode) },
    day && {
      blacklistEntries: {
        some: { listedOn: { lte: day }, OR: [{ removedOn: null }, { removedOn: { gt: day } }] },
      },
    },
    typeof args.active === 'boolean' && { leftOn: args.active ? null : { not: null } },
    search && { OR: [{ name: search }, { creditCode: search }] },
    subjectScope(ctx.access),
  );
}

interface BlacklistFilter {
  departmentCode?: string | null;
  regionCode?: string | null;
  current?: boolean | null;
  listedFrom?: Date | null;
  listedTo?: Date | null;
  search?: string | null;
}

async function blacklistWhere(args: BlacklistFilter, ctx: Context) {
  const search = containing(args.search);
  return allOf<Prisma.BlacklistEntryWhereInput>(
    args.departmentCode != null && { sourceDepartment: { code: args.departmentCode } },
    args.regionCode != null && { subject: { region: await inRegionSubtree(ctx, args.regionCode) } },
    typeof args.current === 'boolean' && { removedOn: args.current ? null : { not: null } },
    { listedOn: onDays(args.listedFrom, args.listedTo, 'listed') },
    search && {
      OR: [{ reason: search }, { subject: { name: search } }, { subject: { creditCode: search } }],
    },
    blacklistScope(ctx.access),
  );
}

interface RepairFilter {
  status?: RepairStatus | null;
  departmentCode?: string | null;
  regionCode?: string | null;
  appliedFrom?: Date | null;
  appliedTo?: Date | null;
}

async function repairWhere(args: RepairFilter, ctx: Context) {
  return allOf<Prisma.CreditRepairWhereInput>(
    args.status && { status: args.status },
    args.departmentCode != null && { blacklistEntry: { sourceDepartment: { code: args.departmentCode } } },
    args.regionCode != null && { subject: { region: await inRegionSubtree(ctx, args.regionCode) } },
    { appliedOn: onDays(args.appliedFrom, args.appliedTo, 'applied') },
    repairScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  creditSubjects: t.prismaConnection(
    {
      extensions: reads('CreditSubject'),
      type: 'CreditSubject',
      cursor: 'id',
      authScopes: { rows: true },
      description: 'Firms of the credit base (信用主体库), ordered by credit code.',
      args: {
        regionCode: t.arg.string({
          description: 'Only firms in the subtree of the region with this code (the region included).',
        }),
        listedOn: t.arg({
          type: 'Date',
          description: 'Only firms on the serious-dishonesty list on this day (在列名单).',
        }),
        active: t.arg.boolean({ description: 'Only firms still in the base, or only those that left.' }),
        search: t.arg.string({ description: 'Only firms whose name or credit code contains this.' }),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.creditSubject.count({ where: await subjectWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.creditSubject.findMany({
          ...query,
          where: await subjectWhere(args, ctx),
          orderBy: [{ creditCode: 'asc' }, { id: 'asc' }],
        }),
    },
    CreditSubjectConnection,
  ),
  blacklistEntries: t.prismaConnection(
    {
      extensions: reads('BlacklistEntry'),
      type: 'BlacklistEntry',
      cursor: 'id',
      authScopes: { rows: true },
      description:
        'Entries on the serious-dishonesty list (严重失信主体名单), newest listed first (listedOn, then id).',
      args: {
        departmentCode: t.arg.string({
          description: 'Only entries listed by the department with this code.',
        }),
        regionCode: t.arg.string({
          description:
            'Only entries of firms in the subtree of the region with this code (the region included).',
        }),
        current: t.arg.boolean({
          description: 'Only entries still in force (not removed), or only removed ones.',
        }),
        ...dayRangeArgs(t.arg, 'listed', 'entries listed'),
        search: t.arg.string({
          description: 'Only entries whose reason, firm name or credit code contains this.',
        }),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.blacklistEntry.count({ where: await blacklistWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.blacklistEntry.findMany({
          ...query,
          where: await blacklistWhere(args, ctx),
          orderBy: newestListingFirst,
        }),
    },
    BlacklistEntryConnection,
  ),
  creditRepairs: t.prismaConnection(
    {
      extensions: reads('CreditRepair'),
      type: 'CreditRepair',
      cursor: 'id',
      authScopes: { rows: true },
      description: 'Credit-repair applications (信用修复), newest first (appliedOn, then id).',
      args: {
        status: t.arg({ type: RepairStatusEnum, description: 'Only applications with this status.' }),
        departmentCode: t.arg.string({
          description: 'Only applications against entries listed by the department with this code.',
        }),
        regionCode: t.arg.string({
          description:
            'Only applications of firms in the subtree of the region with this code (the region included).',
        }),
        ...dayRangeArgs(t.arg, 'applied', 'applications made'),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.creditRepair.count({ where: await repairWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.creditRepair.findMany({
          ...query,
          where: await repairWhere(args, ctx),
          orderBy: newestRepairFirst,
        }),
    },
    CreditRepairConnection,
  ),
}));

builder.prismaObjectFields('Enterprise', (t) => ({
  creditSubject: t.relation('creditSubject', {
    nullable: true,
    description: 'The same firm in the credit base (信用主体), if it is there.',
  }),
}));

builder.prismaObjectFields('Department', (t) => ({
  blacklistEntries: t.relatedConnection(
    'blacklistEntries',
    {
      cursor: 'id',
      totalCount: true,
      authScopes: { rows: true },
      description: 'Serious-dishonesty entries the department listed, newest first.',
      query: (_args, ctx) => ({ where: allOf(blacklistScope(ctx.access)), orderBy: newestListingFirst }),
    },
    BlacklistEntryConnection,
  ),
}));

// ───────────── double publicity (双公示) ─────────────

export const PublicityRecordNode = builder.prismaNode('PublicityRecord', {
  description:
    'A published administrative licence or penalty decision (双公示). Published within 7 working days counts as timely; accurate and complete are the other two of the three rates (三率).',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(publicityScope),
  fields: (t) => ({
    sourceSystem: t.exposeString('sourceSystem', { description: 'The system the record came from.' }),
    externalId: t.exposeString('externalId', { description: 'Its id in the source system.' }),
    kind: t.expose('kind', { type: PublicityKindEnum, description: 'A licence or a penalty.' }),
    department: t.relation('department', { description: 'The department that decided (决定机关).' }),
    subject: t.relation('subject', {
      nullable: true,
      description: 'The firm concerned, if in the credit base.',
    }),
    decisionNumber: t.exposeString('decisionNumber', { description: 'Number of the decision (决定文书号).' }),
    decidedOn: t.expose('decidedOn', { type: 'Date', description: 'When it was decided (决定日期).' }),
    publishedOn: t.expose('publishedOn', {
      type: 'Date',
      nullable: true,
      description: 'When it was published (公示日期); null while unpublished.',
    }),
    accurate: t.exposeBoolean('accurate', { description: 'Published accurately (准确).' }),
    complete: t.exposeBoolean('complete', { description: 'Published completely (完整).' }),
    version: t.exposeInt('version', { description: 'Revision of the record, for optimistic concurrency.' }),
  }),
});

const PublicityRecordConnection = countedConnection(
  PublicityRecordNode,
  'PublicityRecord',
  'double-publicity records (双公示)',
);

interface PublicityFilter {
  kind?: PublicityKind | null;
  departmentCode?: string | null;
  published?: boolean | null;
  accurate?: boolean | null;
  complete?: boolean | null;
  decidedFrom?: Date | null;
  decidedTo?: Date | null;
  search?: string | null;
}

function publicityWhere(args: PublicityFilter, ctx: Context) {
  const search = containing(args.search);
  return allOf<Prisma.PublicityRecordWhereInput>(
    args.kind && { kind: args.kind },
    args.departmentCode != null && { department: { code: args.departmentCode } },
    typeof args.published === 'boolean' && { publishedOn: args.published ? { not: null } : null },
    typeof args.accurate === 'boolean' && { accurate: args.accurate },
    typeof args.complete === 'boolean' && { complete: args.complete },
    { decidedOn: onDays(args.decidedFrom, args.decidedTo, 'decided') },
    search && { decisionNumber: search },
    publicityScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  publicityRecords: t.prismaConnection(
    {
      extensions: reads('PublicityRecord'),
      type: 'PublicityRecord',
      cursor: 'id',
      authScopes: { rows: true },
      description: 'Double-publicity records (双公示), newest decision first (decidedOn, then id).',
      args: {
        kind: t.arg({ type: PublicityKindEnum, description: 'Only licences or only penalties.' }),
        departmentCode: t.arg.string({ description: 'Only decisions of the department with this code.' }),
        published: t.arg.boolean({ description: 'Only published decisions, or only unpublished ones.' }),
        accurate: t.arg.boolean({ description: 'Only accurate records, or only inaccurate ones.' }),
        complete: t.arg.boolean({ description: 'Only complete records, or only incomplete ones.' }),
        ...dayRangeArgs(t.arg, 'decided', 'decisions made'),
        search: t.arg.string({ description: 'Only records whose decision number contains this.' }),
      },
      totalCount: (_parent, args, ctx) =>
        ctx.prisma.publicityRecord.count({ where: publicityWhere(args, ctx) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.publicityRecord.findMany({
          ...query,
          where: publicityWhere(args, ctx),
          orderBy: newestDecisionFirst,
        }),
    },
    PublicityRecordConnection,
  ),
}));

builder.prismaObjectFields('Department', (t) => ({
  publicityRecords: t.relatedConnection(
    'publicityRecords',
    {
      cursor: 'id',
      totalCount: true,
      authScopes: { rows: true },
      description: 'Licences and penalties the department published (双公示), newest decision first.',
      query: (_args, ctx) => ({ where: allOf(publicityScope(ctx.access)), orderBy: newestDecisionFirst }),
    },
    PublicityRecordConnection,
  ),
}));

// ───────────── flexible-employment credit (信用+智享用工) ─────────────

export const EmploymentCreditRatingNode = builder.prismaNode('EmploymentCreditRating', {
  description:
    'A credit grade in the flexible-employment scenario (信用+智享用工). A worker’s name and ID number are personal data, masked for roles that may not see them.',
  authScopes: { rows: true },
  id: { field: 'id' },
  fields: (t) => ({
    subjectKind: t.expose('subjectKind', {
      type: EmploymentSubjectKindEnum,
      description: 'A worker or an employer.',
    }),
    subjectName: t.string({
      description:
        'Name of the worker (personal data, masked as 张** for roles without personal data) or of the employer.',
      resolve: (rating, _args, ctx) =>
        rating.subjectKind === 'WORKER' ? personal(ctx, 'name', rating.subjectName) : rating.subjectName,
    }),
    idNumber: t.string({
      nullable: true,
      description:
        'The worker’s ID number (身份证号); personal data, masked (first 6 and last 4 kept) for roles without personal data.',
      resolve: (rating, _args, ctx) => personal(ctx, 'idNumber', rating.idNumber),
    }),
    creditCode: t.exposeString('creditCode', {
      nullable: true,
      description: 'The employer’s unified social credit code; null for workers.',
    }),
    grade: t.expose('grade', { type: CreditGradeEnum, description: 'Credit grade (信用等级).' }),
    score: t.exposeInt('score', { description: 'Credit score, 0–100 (信用分).' }),
    ratedOn: t.expose('ratedOn', { type: 'Date', description: 'When the grade was given (评价日期).' }),
  }),
});

interface RatingFilter {
  subjectKind?: EmploymentSubjectKind | null;
  grade?: CreditGrade | null;
  ratedFrom?: Date | null;
  ratedTo?: Date | null;
  search?: string | null;
}

function ratingWhere(args: RatingFilter, ctx: Context) {
  const search = containing(args.search);
  // A worker's name is personal: only those who may see it may search by it.
  const byName: Prisma.EmploymentCreditRatingWhereInput = maySeePersonalData(ctx)
    ? { subjectName: search }
    : { subjectKind: 'EMPLOYER', subjectName: search };
  return allOf<Prisma.EmploymentCreditRatingWhereInput>(
    args.subjectKind && { subjectKind: args.subjectKind },
    args.grade && { grade: args.grade },
    { ratedOn: onDays(args.ratedFrom, args.ratedTo, 'rated') },
    search && { OR: [byName, { creditCode: search }] },
  );
}

builder.queryFields((t) => ({
  employmentCreditRatings: t.prismaConnection(
    {
      extensions: reads('EmploymentCreditRating'),
      type: 'EmploymentCreditRating',
      cursor: 'id',
      authScopes: { rows: true },
      description:
        'Credit grades of the flexible-employment scenario (信用+智享用工), newest first (ratedOn, then id).',
      args: {
        subjectKind: t.arg({
          type: EmploymentSubjectKindEnum,
          description: 'Only workers or only employers.',
        }),
        grade: t.arg({ type: CreditGradeEnum, description: 'Only grades of this level.' }),
        ...dayRangeArgs(t.arg, 'rated', 'grades given'),
        search: t.arg.string({
          description:
            'Only subjects whose credit code or name contains this (workers’ names only for roles that see personal data).',
        }),
      },
      totalCount: (_parent, args, ctx) =>
        ctx.prisma.employmentCreditRating.count({ where: ratingWhere(args, ctx) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.employmentCreditRating.findMany({
          ...query,
          where: ratingWhere(args, ctx),
          orderBy: [{ ratedOn: 'desc' }, { id: 'desc' }],
        }),
    },
    countedConnection(
      EmploymentCreditRatingNode,
      'EmploymentCreditRating',
      'flexible-employment credit grades (信用+智享用工评价)',
    ),
  ),
}));

// ───────────── integrity events and honours ─────────────

export const IntegrityEventNode = builder.prismaNode('IntegrityEvent', {
  description: 'An integrity campaign event (诚信日 / 八进活动).',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(integrityEventScope),
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Title of the event.' }),
    kind: t.expose('kind', { type: IntegrityEventKindEnum, description: 'Integrity day or outreach.' }),
    venue: t.exposeString('venue', {
      nullable: true,
      description:
        'Where an outreach went (机关/校园/社区/企业/窗口/医院/乡村/网络); null for the integrity day.',
    }),
    heldOn: t.expose('heldOn', { type: 'Date', description: 'When it was held (活动日期).' }),
    region: t.relation('region', { nullable: true, description: 'Where it was held.' }),
  }),
});

export const HonorNode = builder.prismaNode('Honor', {
  description: 'An honour the office or the county received (荣誉), e.g. 示范案例 in the city’s selection.',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'Year of the honour.' }),
    title: t.exposeString('title', { description: 'What was honoured.' }),
    issuer: t.exposeString('issuer', { description: 'Who gave the honour (评选单位).' }),
    grade: t.exposeString('grade', { description: 'The honour’s grade, e.g. 示范案例.' }),
    outOf: t.exposeInt('outOf', { nullable: true, description: 'How many entries competed, if known.' }),
  }),
});

async function integrityEventWhere(
  args: {
    kind?: IntegrityEventKind | null;
    regionCode?: string | null;
    heldFrom?: Date | null;
    heldTo?: Date | null;
  },
  ctx: Context,
) {
  return allOf<Prisma.IntegrityEventWhereInput>(
    args.kind && { kind: args.kind },
    args.regionCode != null && { region: await inRegionSubtree(ctx, args.regionCode) },
    { heldOn: onDays(args.heldFrom, args.heldTo, 'held') },
    integrityEventScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  integrityEvents: t.prismaConnection(
    {
      extensions: reads('IntegrityEvent'),
      type: 'IntegrityEvent',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: 'Integrity campaign events (诚信日 / 八进活动), newest first (heldOn, then id).',
      args: {
        kind: t.arg({ type: IntegrityEventKindEnum, description: 'Only events of this kind.' }),
        regionCode: t.arg.string({
          description: 'Only events in the subtree of the region with this code (the region included).',
        }),
        ...dayRangeArgs(t.arg, 'held', 'events held'),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.integrityEvent.count({ where: await integrityEventWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.integrityEvent.findMany({
          ...query,
          where: await integrityEventWhere(args, ctx),
          orderBy: [{ heldOn: 'desc' }, { id: 'desc' }],
        }),
    },
    countedConnection(IntegrityEventNode, 'IntegrityEvent', 'integrity events (诚信活动)'),
  ),
  honors: t.prismaConnection(
    {
      extensions: reads('Honor'),
      type: 'Honor',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: 'Honours received (荣誉), newest year first, then by id.',
      args: { year: t.arg.int({ description: 'Only honours of this year.' }) },
      totalCount: (_parent, args, ctx) =>
        ctx.prisma.honor.count({ where: args.year != null ? { year: args.year } : {} }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.honor.findMany({
          ...query,
          where: args.year != null ? { year: args.year } : {},
          orderBy: [{ year: 'desc' }, { id: 'asc' }],
        }),
    },
    countedConnection(HonorNode, 'Honor', 'honours (荣誉)'),
  ),
}));
