// The catalogue of government services (政务服务事项目录): service items, "one thing, one visit"
// bundles (一件事一次办), and the suggestions sent to the province (一地创新，全省共享).
import { nodeWhere, rowScope } from '../../access.ts';
import { builder } from '../../builder.ts';
import { allOf, containing, countedConnection, dayRangeArgs, onDays } from '../../connections.ts';
import type { Context } from '../../context.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { type Channel, KeyMatter, SuggestionStatus } from '../../generated/prisma/enums.ts';
import { HallLevelEnum } from '../organisation/enums.ts';
import { reads } from '../reads.ts';
import { ChannelEnum } from '../services/enums.ts';

export const KeyMatterEnum = builder.enumType(KeyMatter, {
  name: 'KeyMatter',
  description: 'The matters enterprises do most, grouped in one module (涉企关键小事).',
  values: {
    BUSINESS_STARTUP: { description: 'Starting a business (企业开办).' },
    INVESTMENT_APPROVAL: { description: 'Approval of an investment project (投资项目审批).' },
    TEMPORARY_BUILDING: { description: 'Approval of a temporary building (临时建筑审批).' },
    UTILITY_CONNECTION: { description: 'Water, power and gas connection (水电气接入).' },
    TAX: { description: 'Tax matters (办税).' },
    DEREGISTRATION: { description: 'Deregistering a business (企业注销).' },
  } satisfies Record<KeyMatter, { description: string }>,
});

export const SuggestionStatusEnum = builder.enumType(SuggestionStatus, {
  name: 'SuggestionStatus',
  description: 'Status of a suggestion sent to the province (建议采纳状态).',
  values: {
    SUBMITTED: { description: 'Sent, not yet decided (已报送).' },
    ADOPTED: { description: 'Adopted by the province (省级采纳).' },
    NOT_ADOPTED: { description: 'Not adopted (未采纳).' },
  } satisfies Record<SuggestionStatus, { description: string }>,
});

export const serviceItemScope = rowScope<Prisma.ServiceItemWhereInput>('ServiceItem', {
  department: (departmentId) => ({ departmentId }),
});
const suggestionScope = rowScope<Prisma.SuggestionWhereInput>('Suggestion', {
  department: (departmentId) => ({ departmentId }),
});

// ───────────── service items ─────────────

export const ServiceItemNode = builder.prismaNode('ServiceItem', {
  description: 'A catalogued government service item (政务服务事项).',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(serviceItemScope),
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Catalogue code of the item (事项编码).' }),
    name: t.exposeString('name', { description: 'Name of the item (事项名称).' }),
    department: t.relation('department', { description: 'The department responsible (实施部门).' }),
    allowedChannels: t.expose('allowedChannels', {
      type: [ChannelEnum],
      description: 'Channels through which the item may be handled (可办渠道).',
    }),
    allowedLevels: t.expose('allowedLevels', {
      type: [HallLevelEnum],
      description: 'Levels at which the item may be handled (可办层级).',
    }),
    keyMatter: t.expose('keyMatter', {
      type: KeyMatterEnum,
      nullable: true,
      description: 'The key enterprise matter it belongs to (涉企关键小事), if any.',
    }),
    legalDays: t.exposeInt('legalDays', { description: 'Statutory time limit in working days (法定时限).' }),
    promisedDays: t.exposeInt('promisedDays', {
      description: 'Promised time limit in working days (承诺时限).',
    }),
    highFrequency: t.exposeBoolean('highFrequency', { description: 'A high-frequency item (高频事项).' }),
    active: t.exposeBoolean('active', { description: 'Still in the catalogue (在用).' }),
    bundles: t.relation('bundles', {
      description: 'The bundles the item is part of (所属一件事), in bundle order.',
      query: { orderBy: [{ bundleId: 'asc' }] },
    }),
  }),
});

export const ServiceItemConnection = countedConnection(
  ServiceItemNode,
  'ServiceItem',
  'service items (政务服务事项)',
);

interface ServiceItemFilter {
  departmentCode?: string | null;
  keyMatter?: KeyMatter | null;
  channel?: Channel | null;
  highFrequency?: boolean | null;
  active?: boolean | null;
  search?: string | null;
}

/**
 * Ids of the items that may be handled through a channel. Prisma's `has` on an enum array sends
 * its value as a scalar where PGlite's adapter expects an array (until the adapter learns the
 * enum types, on a database migrated after it connected), so the test is written in SQL.
 */
async function itemsAllowing(ctx: Context, channel: Channel): Promise<number[]> {
  const rows = await ctx.prisma.$queryRaw<Array<{ id: number }>>`
    SELECT id FROM "ServiceItem" WHERE ${channel}::text::"Channel" = ANY ("allowedChannels")`;
  return rows.map((row) => row.id);
}

async function serviceItemWhere(args: ServiceItemFilter, ctx: Context) {
  const search = containing(args.search);
  return allOf<Prisma.ServiceItemWhereInput>(
    args.departmentCode != null && { department: { code: args.departmentCode } },
    args.keyMatter && { keyMatter: args.keyMatter },
    args.channel && { id: { in: await itemsAllowing(ctx, args.channel) } },
    typeof args.highFrequency === 'boolean' && { highFrequency: args.highFrequency },
    typeof args.active === 'boolean' && { active: args.active },
    search && { OR: [{ name: search }, { code: search }] },
    serviceItemScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  serviceItems: t.prismaConnection(
    {
      extensions: reads('ServiceItem'),
      type: 'ServiceItem',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: 'Service items of the catalogue (政务服务事项), ordered by code.',
      args: {
        departmentCode: t.arg.string({ description: 'Only items of the department with this code.' }),
        keyMatter: t.arg({ type: KeyMatterEnum, description: 'Only items of this key enterprise matter.' }),
        channel: t.arg({
          type: ChannelEnum,
          description: 'Only items that may be handled through this channel.',
        }),
        highFrequency: t.arg.boolean({ description: 'Only high-frequency items (or only the others).' }),
        active: t.arg.boolean({ description: 'Only items in use (or only retired ones).' }),
        search: t.arg.string({ description: 'Only items whose name or code contains this.' }),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.serviceItem.count({ where: await serviceItemWhere(args, ctx) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.serviceItem.findMany({
          ...query,
          where: await serviceItemWhere(args, ctx),
          orderBy: [{ code: 'asc' }, { id: 'asc' }],
        }),
    },
    ServiceItemConnection,
  ),
}));

builder.prismaObjectFields('Department', (t) => ({
  items: t.relatedConnection(
    'items',
    {
      cursor: 'id',
      totalCount: true,
      description: 'The department’s service items (政务服务事项), ordered by code.',
      query: (_args, ctx) => ({
        where: allOf(serviceItemScope(ctx.access)),
        orderBy: [{ code: 'asc' }, { id: 'asc' }],
      }),
    },
    ServiceItemConnection,
  ),
}));

// ───────────── bundles (一件事一次办) ─────────────

export const BundleNode = builder.prismaNode('Bundle', {
  description: 'A "one thing, one visit" bundle of related items done together (一件事一次办).',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code of the bundle.' }),
    name: t.exposeString('name', { description: 'Name, e.g. 水库移民搬迁一件事.' }),
    description: t.exposeString('description', { nullable: true, description: 'What the bundle covers.' }),
    launchedOn: t.expose('launchedOn', {
      type: 'Date',
      description: 'When the bundle was launched (上线日期).',
    }),
    items: t.relation('items', {
      description: 'Its items in the order they are done (a DEPARTMENT caller: those of its department).',
      query: (_args, ctx) => ({
        where: allOf(...serviceItemScope(ctx.access).map((item) => ({ item }))),
        orderBy: [{ position: 'asc' }, { itemId: 'asc' }],
      }),
    }),
  }),
});

builder.prismaObject('BundleItem', {
  description: 'A service item inside a bundle, at its position (一件事包含的事项).',
  authScopes: { aggregates: true },
  fields: (t) => ({
    bundle: t.relation('bundle', { description: 'The bundle.' }),
    item: t.relation('item', { description: 'The service item.' }),
    position: t.exposeInt('position', { description: 'Position of the item in the bundle, from 1.' }),
  }),
});

function bundleWhere(args: { search?: string | null; launchedFrom?: Date | null; launchedTo?: Date | null }) {
  const search = containing(args.search);
  return allOf<Prisma.BundleWhereInput>(search && { OR: [{ name: search }, { code: search }] }, {
    launchedOn: onDays(args.launchedFrom, args.launchedTo, 'launched'),
  });
}

builder.queryFields((t) => ({
  bundles: t.prismaConnection(
    {
      extensions: reads('Bundle'),
      type: 'Bundle',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: '"One thing, one visit" bundles (一件事一次办), ordered by code.',
      args: {
        search: t.arg.string({ description: 'Only bundles whose name or code contains this.' }),
        ...dayRangeArgs(t.arg, 'launched', 'bundles launched'),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.bundle.count({ where: bundleWhere(args) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.bundle.findMany({
          ...query,
          where: bundleWhere(args),
          orderBy: [{ code: 'asc' }, { id: 'asc' }],
        }),
    },
    countedConnection(BundleNode, 'Bundle', 'bundles (一件事)'),
  ),
}));

// ───────────── suggestions (一地创新，全省共享) ─────────────

export const SuggestionNode = builder.prismaNode('Suggestion', {
  description: 'A suggestion sent to the province for adoption (一地创新，全省共享).',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeWhere(suggestionScope),
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Title of the suggestion.' }),
    department: t.relation('department', { nullable: true, description: 'The department that proposed it.' }),
    submittedOn: t.expose('submittedOn', { type: 'Date', description: 'When it was sent (报送日期).' }),
    status: t.expose('status', {
      type: SuggestionStatusEnum,
      description: 'Whether it was adopted (采纳状态).',
    }),
    adoptedOn: t.expose('adoptedOn', { type: 'Date', nullable: true, description: 'When it was adopted.' }),
  }),
});

const SuggestionConnection = countedConnection(SuggestionNode, 'Suggestion', 'suggestions (创新建议)');

interface SuggestionFilter {
  status?: SuggestionStatus | null;
  departmentCode?: string | null;
  submittedFrom?: Date | null;
  submittedTo?: Date | null;
  search?: string | null;
}

function suggestionWhere(args: SuggestionFilter, ctx: Context) {
  const search = containing(args.search);
  return allOf<Prisma.SuggestionWhereInput>(
    args.status && { status: args.status },
    args.departmentCode != null && { department: { code: args.departmentCode } },
    { submittedOn: onDays(args.submittedFrom, args.submittedTo, 'submitted') },
    search && { title: search },
    suggestionScope(ctx.access),
  );
}

builder.queryFields((t) => ({
  suggestions: t.prismaConnection(
    {
      extensions: reads('Suggestion'),
      type: 'Suggestion',
      cursor: 'id',
      authScopes: { aggregates: true },
      description:
        'Suggestions sent to the province (一地创新，全省共享), newest first (submittedOn, then id).',
      args: {
        status: t.arg({
          type: SuggestionStatusEnum,
          description: 'Only suggestions with this status, e.g. ADOPTED.',
        }),
        departmentCode: t.arg.string({ description: 'Only suggestions of the department with this code.' }),
        ...dayRangeArgs(t.arg, 'submitted', 'suggestions sent'),
        search: t.arg.string({ description: 'Only suggestions whose title contains this.' }),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.suggestion.count({ where: suggestionWhere(args, ctx) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.suggestion.findMany({
          ...query,
          where: suggestionWhere(args, ctx),
          orderBy: [{ submittedOn: 'desc' }, { id: 'desc' }],
        }),
    },
    SuggestionConnection,
  ),
}));

builder.prismaObjectFields('Department', (t) => ({
  suggestions: t.relatedConnection(
    'suggestions',
    {
      cursor: 'id',
      totalCount: true,
      description: 'Suggestions the department proposed, newest first.',
      query: (_args, ctx) => ({
        where: allOf(suggestionScope(ctx.access)),
        orderBy: [{ submittedOn: 'desc' }, { id: 'desc' }],
      }),
    },
    SuggestionConnection,
  ),
}));
