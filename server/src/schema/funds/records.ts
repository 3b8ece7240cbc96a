// Policy funds paid to firms through 政企通: the policies and each disbursement.
import { inRegionSubtree, nodeWhere, rowScope } from '../../access.ts';
import { builder } from '../../builder.ts';
import { allOf, containing, countedConnection, dayRangeArgs, onDays } from '../../connections.ts';
import type { Context } from '../../context.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { DisbursementMechanism } from '../../generated/prisma/enums.ts';
import { labelledEnum } from '../labelled-enum.ts';
import { reads } from '../reads.ts';

/** Fen (分) as a yuan amount with two decimals, exactly: 41600000000 → "416000000.00". */
export function yuanFromFen(fen: bigint | number | string): string {
  const value = BigInt(fen);
  const magnitude = value < 0n ? -value : value;
  const cents = String(magnitude % 100n).padStart(2, '0');
  return `${value < 0n ? '-' : ''}${magnitude / 100n}.${cents}`;
}

export const DisbursementMechanismEnum = labelledEnum(DisbursementMechanism, {
  name: 'DisbursementMechanism',
  description: 'How a disbursement was funded (兑现机制).',
  values: {
    STANDARD: { description: 'Paid after review, the ordinary way (常规兑现).', label: '常规兑现' },
    PRE_ALLOCATION: { description: 'Paid in advance and settled later (预拨制).', label: '预拨制' },
    FUND_POOL: { description: 'Paid from a pooled fund (资金池).', label: '资金池' },
  },
});

const policyScope = rowScope<Prisma.PolicyWhereInput>('Policy', {
  department: (departmentId) => ({ departmentId }),
});
const disbursementScope = rowScope<Prisma.DisbursementWhereInput>('Disbursement', {
  department: (departmentId) => ({ policy: { departmentId } }),
  region: (region) => ({ enterprise: { region } }),
});

const newestPaymentFirst = [{ paidOn: 'desc' as const }, { id: 'desc' as const }];

export const PolicyNode = builder.prismaNode('Policy', {
  description: 'A policy whose funds are paid to firms (惠企政策), listed and paid through 政企通.',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(policyScope),
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code of the policy, e.g. ZC2022001.' }),
    name: t.exposeString('name', { description: 'Name of the policy (政策名称).' }),
    department: t.relation('department', { description: 'The department that pays it (兑现部门).' }),
    year: t.exposeInt('year', { description: 'The policy year (政策年度).' }),
    listedOnline: t.exposeBoolean('listedOnline', { description: 'Listed on 政企通 (上架).' }),
    paidOnline: t.exposeBoolean('paidOnline', { description: 'Paid online through 政企通 (在线兑现).' }),
    publishedOn: t.expose('publishedOn', {
      type: 'Date',
      description: 'When the policy was published (发布日期).',
    }),
    disbursements: t.relatedConnection(
      'disbursements',
      {
        cursor: 'id',
        totalCount: true,
        authScopes: { rows: true },
        description: 'Payments under the policy (兑现记录), newest first.',
        query: (_args, ctx) => ({ where: allOf(disbursementScope(ctx.access)), orderBy: newestPaymentFirst }),
      },
      DisbursementConnection,
    ),
  }),
});

const PolicyConnection = countedConnection(PolicyNode, 'Policy', 'policies (惠企政策)');

export const DisbursementNode = builder.prismaNode('Disbursement', {
  description: 'A payment of policy funds to a firm (政策资金兑现).',
  authScopes: { rows: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(disbursementScope),
  fields: (t) => ({
    sourceSystem: t.exposeString('sourceSystem', {
      description: 'The system the record came from, e.g. 政企通.',
    }),
    externalId: t.exposeString('externalId', { description: 'The payment’s id in its source system.' }),
    policy: t.relation('policy', { description: 'The policy paid under.' }),
    enterprise: t.relation('enterprise', { description: 'The firm paid (兑现对象).' }),
    amountFen: t.expose('amountFen', {
      type: 'BigInt',
      description: 'Amount in fen (分); 1 yuan = 100 fen.',
    }),
    amountYuan: t.field({
      type: 'Decimal',
      description: 'Amount in yuan (元) with two decimals, exact.',
      resolve: (disbursement) => yuanFromFen(disbursement.amountFen),
    }),
    paidOn: t.expose('paidOn', { type: 'Date', description: 'When it was paid (兑现日期).' }),
    mechanism: t.expose('mechanism', { type: DisbursementMechanismEnum, description: 'How it was funded.' }),
    paidOnline: t.exposeBoolean('paidOnline', { description: 'Paid online through 政企通 (在线兑现).' }),
    version: t.exposeInt('version', { description: 'Revision of the record, for optimistic concurrency.' }),
  }),
});

const DisbursementConnection = countedConnection(
  DisbursementNode,
  'Disbursement',
  'disbursements (兑现记录)',
);

export const DisbursementOrderEnum = builder.enumType('DisbursementOrder', {
  description: 'How to sort disbursements; ties are broken by id.',
  values: {
    PAID_NEWEST: { description: 'By payment day, newest first (the default).' },
    PAID_OLDEST: { description: 'By payment day, oldest first.' },
    AMOUNT_LARGEST: { description: 'By amount, largest first.' },
  },
});

const disbursementOrders = {
  PAID_NEWEST: newestPaymentFirst,
  PAID_OLDEST: [{ paidOn: 'asc' }, { id: 'asc' }],
  AMOUNT_LARGEST: [{ amountFen: 'desc' }, { id: 'asc' }],
} satisfies Record<typeof DisbursementOrderEnum.$inferType, Prisma.DisbursementOrderByWithRelationInput[]>;

interface PolicyFilter {
  year?: number | null;
  departmentCode?: string | null;
  listedOnline?: boolean | null;
  paidOnline?: boolean | null;
  search?: string | null;
}

function policyWhere(args: PolicyFilter, ctx: Context) {
  const search = containing(args.search);
  return allOf<Prisma.PolicyWhereInput>(
    args.year != null && { year: args.year },
    args.departmentCode != null && { department: { code: args.departmentCode } },
    typeof args.listedOnline === 'boolean' && { listedOnline: args.listedOnline },
    typeof args.paidOnline === 'boolean' && { paidOnline: args.paidOnline },
    search && { OR: [{ name: search }, { code: search }] },
    policyScope(ctx.access),
  );
}

interface DisbursementFilter {
  policyCode?: string | null;
  departmentCode?: string | null;
  regionCode?: string | null;
  enterpriseCreditCode?: string | null;
  mechanism?: DisbursementMechanism | null;
  paidOnline?: boolean | null;
  paidFrom?: Date | null;
  paidTo?: Date | null;
}

async function disbursementWhere(args: DisbursementFilter, ctx: Context) {
  return allOf<Prisma.DisbursementWhereInput>(
    args.policyCode != null && { policy: { code: args.policyCode } },
    args.departmentCode != null && { policy: { department: { code: args.departmentCode } } },
    args.regionCode != null && { enterprise: { region: await inRegionSubtree(ctx, args.regionCode) } },
    args.enterpriseCreditCode != null && { enterprise: { creditCode: args.enterpriseCreditCode } },
    args.mechanism && { mechanism: args.mechanism },
    typeof args.paidOnline === 'boolean' && { paidOnline: args.paidOnline },
    { paidOn: onDays(args.paidFrom, args.paidTo, 'paid') },
    disbursementScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  policies: t.prismaConnection(
    {
      extensions: reads('Policy'),
      type: 'Policy',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: 'Policies paid through 政企通 (惠企政策), newest year first, then by code.',
      args: {
        year: t.arg.int({ description: 'Only policies of this year.' }),
        departmentCode: t.arg.string({ description: 'Only policies of the department with this code.' }),
        listedOnline: t.arg.boolean({ description: 'Only policies listed on 政企通, or only the others.' }),
        paidOnline: t.arg.boolean({ description: 'Only policies paid online, or only the others.' }),
        search: t.arg.string({ description: 'Only policies whose name or code contains this.' }),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.policy.count({ where: policyWhere(args, ctx) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.policy.findMany({
          ...query,
          where: policyWhere(args, ctx),
          orderBy: [{ year: 'desc' }, { code: 'asc' }, { id: 'asc' }],
        }),
    },
    PolicyConnection,
  ),
  disbursements: t.prismaConnection(
    {
      extensions: reads('Disbursement'),
      type: 'Disbursement',
      cursor: 'id',
      authScopes: { rows: true },
      description: 'Payments of policy funds (兑现记录), newest first unless `orderBy` says otherwise.',
      args: {
        policyCode: t.arg.string({ description: 'Only payments under the policy with this code.' }),
        departmentCode: t.arg.string({
          description: 'Only payments under policies of the department with this code.',
        }),
        regionCode: t.arg.string({
          description:
            'Only payments to firms in the subtree of the region with this code (the region included).',
        }),
        enterpriseCreditCode: t.arg.string({
          description: 'Only payments to the firm with this credit code.',
        }),
        mechanism: t.arg({ type: DisbursementMechanismEnum, description: 'Only payments funded this way.' }),
        paidOnline: t.arg.boolean({ description: 'Only payments made online, or only the others.' }),
        ...dayRangeArgs(t.arg, 'paid', 'payments made'),
        orderBy: t.arg({
          type: DisbursementOrderEnum,
          required: true,
          defaultValue: 'PAID_NEWEST',
          description: 'Sort order; ties are broken by id.',
        }),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.disbursement.count({ where: await disbursementWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.disbursement.findMany({
          ...query,
          where: await disbursementWhere(args, ctx),
          orderBy: disbursementOrders[args.orderBy],
        }),
    },
    DisbursementConnection,
  ),
}));

builder.prismaObjectFields('Department', (t) => ({
  policies: t.relatedConnection(
    'policies',
    {
      cursor: 'id',
      totalCount: true,
      description: 'Policies the department pays (惠企政策), newest year first.',
      query: (_args, ctx) => ({
        where: allOf(policyScope(ctx.access)),
        orderBy: [{ year: 'desc' }, { code: 'asc' }, { id: 'asc' }],
      }),
    },
    PolicyConnection,
  ),
}));

builder.prismaObjectFields('Enterprise', (t) => ({
  disbursements: t.relatedConnection(
    'disbursements',
    {
      cursor: 'id',
      totalCount: true,
      description: 'Policy funds paid to the enterprise (兑现记录), newest first.',
      query: (_args, ctx) => ({ where: allOf(disbursementScope(ctx.access)), orderBy: newestPaymentFirst }),
    },
    DisbursementConnection,
  ),
}));
