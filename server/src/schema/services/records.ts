// Government services (政务服务): service items' cases (办件) as rows, with their enums.
import { GraphQLError } from 'graphql';
import { inRegionSubtree, nodeWhere, rowScope } from '../../access.ts';
import { builder } from '../../builder.ts';
import { allOf, containing, countedConnection, duringDays } from '../../connections.ts';
import type { Context } from '../../context.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import {
  ApplicantKind,
  CaseStatus,
  type Channel,
  CitizenRating,
  type ServicePointKind,
} from '../../generated/prisma/enums.ts';
import { personal } from '../../personal.ts';
import { ServicePointKindEnum } from '../organisation/enums.ts';
import { RegionNode, regionIdFrom } from '../organisation/regions.ts';
import { reads } from '../reads.ts';
import { ChannelEnum } from './enums.ts';

export const ApplicantKindEnum = builder.enumType(ApplicantKind, {
  name: 'ApplicantKind',
  description: 'Who applied (申请人类型).',
  values: {
    PERSON: { description: 'A natural person (自然人).' },
    ENTERPRISE: { description: 'An enterprise (企业).' },
    ORGANISATION: { description: 'Another organisation (其他组织).' },
  } satisfies Record<ApplicantKind, { description: string }>,
});

export const CaseStatusEnum = builder.enumType(CaseStatus, {
  name: 'CaseStatus',
  description:
    'Step of a case (办件状态): SUBMITTED → ACCEPTED → APPROVED → COMPLETED; REJECTED and WITHDRAWN end it early.',
  values: {
    SUBMITTED: { description: 'Submitted, not yet accepted (已申请).' },
    ACCEPTED: { description: 'Accepted for handling (已受理).' },
    APPROVED: { description: 'Approved (已审批).' },
    COMPLETED: { description: 'Completed (已办结).' },
    REJECTED: { description: 'Rejected (不予受理/不予许可).' },
    WITHDRAWN: { description: 'Withdrawn by the applicant (已撤回).' },
  } satisfies Record<CaseStatus, { description: string }>,
});

export const CitizenRatingEnum = builder.enumType(CitizenRating, {
  name: 'CitizenRating',
  description: 'Citizen rating of a case (好差评), five levels.',
  values: {
    VERY_SATISFIED: { description: 'Very satisfied (非常满意).' },
    SATISFIED: { description: 'Satisfied (满意).' },
    BASICALLY_SATISFIED: { description: 'Basically satisfied (基本满意).' },
    DISSATISFIED: { description: 'Dissatisfied (不满意).' },
    VERY_DISSATISFIED: { description: 'Very dissatisfied (非常不满意).' },
  } satisfies Record<CitizenRating, { description: string }>,
});

/** A DEPARTMENT caller sees the cases of its items, a TOWNSHIP caller those of its subtree. */
export const caseScope = rowScope<Prisma.ServiceCaseWhereInput>('ServiceCase', {
  department: (departmentId) => ({ item: { departmentId } }),
  region: (region) => ({ region }),
});

export const ServiceCaseNode = builder.prismaNode('ServiceCase', {
  authScopes: { rows: true },
  description:
    'A government service case (办件). The applicant’s name, ID number and phone are personal data, masked for roles that may not see them.',
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(caseScope),
  fields: (t) => ({
    sourceSystem: t.exposeString('sourceSystem', {
      description: 'The system the case came from, e.g. the one-network platform.',
    }),
    externalId: t.exposeString('externalId', {
      description: 'The case number in its source system (办件编号).',
    }),
    itemName: t.string({
      description: 'Name of the service item applied for (事项名称).',
      select: { item: { select: { name: true } } },
      resolve: (serviceCase) => serviceCase.item.name,
    }),
    channel: t.expose('channel', { type: ChannelEnum, description: 'Channel of submission (办理渠道).' }),
    oneNetwork: t.exposeBoolean('oneNetwork', {
      description: 'Handled through the province’s one-network platform (一网通办).',
    }),
    applicantKind: t.expose('applicantKind', {
      type: ApplicantKindEnum,
      description: 'Who applied (申请人类型).',
    }),
    status: t.expose('status', { type: CaseStatusEnum, description: 'Current step (办件状态).' }),
    submittedAt: t.expose('submittedAt', {
      type: 'DateTime',
      description: 'When it was submitted (申请时间).',
    }),
    acceptedAt: t.expose('acceptedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was accepted (受理时间).',
    }),
    approvedAt: t.expose('approvedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was approved (审批时间).',
    }),
    completedAt: t.expose('completedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was completed (办结时间).',
    }),
    rejectedAt: t.expose('rejectedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was rejected.',
    }),
    withdrawnAt: t.expose('withdrawnAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was withdrawn.',
    }),
    rating: t.expose('rating', {
      type: CitizenRatingEnum,
      nullable: true,
      description: 'The applicant’s rating (好差评), if given.',
    }),
    ratedAt: t.expose('ratedAt', { type: 'DateTime', nullable: true, description: 'When it was rated.' }),
    region: t.relation('region', {
      description: 'Where the case belongs: the county, a township or a village.',
    }),
    township: t.relation('township', {
      nullable: true,
      description: 'The township above the case’s region; null for county-level cases.',
    }),
    item: t.relation('item', { description: 'The service item applied for (办理事项).' }),
    bundle: t.relation('bundle', {
      nullable: true,
      description: 'The "one thing, one visit" bundle the case was opened on (一件事), if any.',
    }),
    servicePoint: t.relation('servicePoint', {
      nullable: true,
      description: 'Where the case was received (受理网点), e.g. a bank branch; null for online cases.',
    }),
    partnerRegion: t.relation('partnerRegion', {
      nullable: true,
      description: 'The partner county of a cross-province case (跨省通办合作地区), if any.',
    }),
    enterprise: t.relation('enterprise', {
      nullable: true,
      description: 'The applicant enterprise when it is in the service grid, if any.',
    }),
    applicantName: t.string({
      nullable: true,
      description:
        'The applicant’s name (申请人姓名); personal data, masked (张**) for roles without personal data.',
      resolve: (serviceCase, _args, ctx) => personal(ctx, 'name', serviceCase.applicantName),
    }),
    applicantIdNumber: t.string({
      nullable: true,
      description:
        'The applicant’s ID number (证件号码); personal data, masked (first 6 and last 4 kept) for roles without personal data.',
      resolve: (serviceCase, _args, ctx) => personal(ctx, 'idNumber', serviceCase.applicantIdNumber),
    }),
    applicantPhone: t.string({
      nullable: true,
      description:
        'The applicant’s phone (联系电话); personal data, masked (138****0000) for roles without personal data.',
      resolve: (serviceCase, _args, ctx) => personal(ctx, 'phone', serviceCase.applicantPhone),
    }),
    version: t.exposeInt('version', { description: 'Revision of the record, for optimistic concurrency.' }),
  }),
});

export const ServiceCaseConnection = countedConnection(
  ServiceCaseNode,
  'ServiceCase',
  'service cases (办件)',
);

interface CaseFilter {
  regionId?: { typename: string; id: string } | null;
  regionCode?: string | null;
  departmentCode?: string | null;
  itemCode?: string | null;
  channel?: Channel | null;
  servicePointKind?: ServicePointKind | null;
  status?: CaseStatus | null;
  oneNetwork?: boolean | null;
  submittedFrom?: Date | null;
  submittedTo?: Date | null;
  search?: string | null;
}

async function regionById(ctx: Context, globalId: { typename: string; id: string }) {
  const region = await ctx.prisma.region.findUnique({
    where: { id: regionIdFrom(globalId) },
    select: { path: true },
  });
  if (!region) {
    throw new GraphQLError('No such region.', { extensions: { code: 'NOT_FOUND' } });
  }
  return { path: { startsWith: region.path } };
}

async function caseWhere(filter: CaseFilter, ctx: Context) {
  return allOf<Prisma.ServiceCaseWhereInput>(
    filter.regionId && { region: await regionById(ctx, filter.regionId) },
    filter.regionCode != null && { region: await inRegionSubtree(ctx, filter.regionCode) },
    filter.departmentCode != null && { item: { department: { code: filter.departmentCode } } },
    filter.itemCode != null && { item: { code: filter.itemCode } },
    filter.channel && { channel: filter.channel },
    filter.servicePointKind && { servicePoint: { kind: filter.servicePointKind } },
    filter.status && { status: filter.status },
    typeof filter.oneNetwork === 'boolean' && { oneNetwork: filter.oneNetwork },
    { submittedAt: duringDays(filter.submittedFrom, filter.submittedTo, 'submitted') },
    containing(filter.search) && { externalId: containing(filter.search) },
    caseScope(ctx.access),
  );
}

builder.queryField('serviceCases', (t) =>
  t.prismaConnection(
    {
      extensions: reads('ServiceCase', 'ServiceItem'),
      type: 'ServiceCase',
      cursor: 'id',
      authScopes: { rows: true },
      description: 'Service cases (办件), newest first (submittedAt, then id, descending).',
      args: {
        regionId: t.arg.globalID({
          for: RegionNode,
          description: 'Only cases in this region’s subtree (the region and everything below it).',
        }),
        regionCode: t.arg.string({
          description: 'Only cases in the subtree of the region with this code (the region included).',
        }),
        departmentCode: t.arg.string({
          description: 'Only cases of items of the department with this code.',
        }),
        itemCode: t.arg.string({ description: 'Only cases of the service item with this code.' }),
        channel: t.arg({ type: ChannelEnum, description: 'Only cases submitted through this channel.' }),
        servicePointKind: t.arg({
          type: ServicePointKindEnum,
          description: 'Only cases received at service points of this kind, e.g. BANK_BRANCH (政银合作).',
        }),
        status: t.arg({ type: CaseStatusEnum, description: 'Only cases at this step.' }),
        oneNetwork: t.arg.boolean({
          description: 'Only cases handled on the one-network platform (一网通办), or only the others.',
        }),
        submittedFrom: t.arg({
          type: 'Date',
          description: 'Only cases submitted on or after this day (Asia/Shanghai).',
        }),
        submittedTo: t.arg({
          type: 'Date',
          description: 'Only cases submitted on or before this day (Asia/Shanghai).',
        }),
        search: t.arg.string({ description: 'Only cases whose number in the source system contains this.' }),
      },
      validate: [
        (args) => !(args.submittedFrom && args.submittedTo && args.submittedFrom > args.submittedTo),
        { message: 'submittedFrom must not be after submittedTo' },
      ],
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.serviceCase.count({ where: await caseWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.serviceCase.findMany({
          ...query,
          where: await caseWhere(args, ctx),
          orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
        }),
    },
    ServiceCaseConnection,
  ),
);

/** The cases of a catalogue row, newest first, within the caller's scope. */
const relatedCases = {
  cursor: 'id',
  totalCount: true,
  authScopes: { rows: true },
  query: (_args: object, ctx: Context) => ({
    where: allOf(caseScope(ctx.access)),
    orderBy: [{ submittedAt: 'desc' as const }, { id: 'desc' as const }],
  }),
} as const;

builder.prismaObjectFields('ServiceItem', (t) => ({
  cases: t.relatedConnection(
    'cases',
    { ...relatedCases, description: 'Cases of this item (办件), newest first.' },
    ServiceCaseConnection,
  ),
}));

builder.prismaObjectFields('Bundle', (t) => ({
  cases: t.relatedConnection(
    'cases',
    { ...relatedCases, description: 'Cases opened on this bundle (一件事办件), newest first.' },
    ServiceCaseConnection,
  ),
}));

builder.prismaObjectFields('ServicePoint', (t) => ({
  cases: t.relatedConnection(
    'cases',
    { ...relatedCases, description: 'Cases received at this point (网点受理办件), newest first.' },
    ServiceCaseConnection,
  ),
}));

builder.prismaObjectFields('PartnerRegion', (t) => ({
  cases: t.relatedConnection(
    'cases',
    {
      ...relatedCases,
      description: 'Cross-province cases handled with this county (跨省通办办件), newest first.',
    },
    ServiceCaseConnection,
  ),
}));

builder.prismaObjectFields('Enterprise', (t) => ({
  cases: t.relatedConnection(
    'cases',
    { ...relatedCases, description: 'Cases the enterprise applied for (企业办件), newest first.' },
    ServiceCaseConnection,
  ),
}));
