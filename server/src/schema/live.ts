// Live updates (实时推送): live queries over any Query fields, the case ticker, event feeds and
// alerts. The live hub (live/hub.ts) does the work; this file is the schema.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { regionPath, rowId, rowScope } from '../access.ts';
import { builder } from '../builder.ts';
import { allOf, countedConnection } from '../connections.ts';
import type { Context } from '../context.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { liveOf } from '../live/commits.ts';
import type { FeedFilter } from '../live/feeds.ts';
import { eventStreams, type HubEventJson, type LiveFeeds } from '../live/streams.ts';
import { personal } from '../personal.ts';
import { type AlertJson, acknowledgeAlert } from './alerts/rules.ts';
import { reads } from './reads.ts';
import type { CaseTickJson } from './services/ticker.ts';

/** The feeds of the server's live hub (attached to the operation's context: live/commits.ts). */
function feedsOf(ctx: Context): LiveFeeds {
  const live = liveOf(ctx);
  if (!live) {
    throw new GraphQLError('Live updates are not running on this server.', {
      extensions: { code: 'UNAVAILABLE' },
    });
  }
  return live.feeds;
}

/** The caller's feed scope, narrowed to a region when asked (a TOWNSHIP only inside its own). */
async function feedFilter(ctx: Context, regionCode: string | null | undefined): Promise<FeedFilter> {
  let path = ctx.access.regionPath;
  if (regionCode) {
    const asked = await regionPath(ctx, regionCode);
    if (path && !asked.startsWith(path)) {
      throw new GraphQLError('This region is outside your token’s region.', {
        extensions: { code: 'FORBIDDEN' },
      });
    }
    path = asked;
  }
  return { regionPath: path, departmentId: ctx.access.departmentId };
}

// ───────────── live queries ─────────────

builder.subscriptionField('live', (t) =>
  t.field({
    // biome-ignore lint/suspicious/noExplicitAny: the Query root type itself is the payload.
    type: 'Query' as any,
    authScopes: { aggregates: true },
    description: `A live query (实时查询): select any Query fields; the first message is their current value, then a new complete result each time a committed write touches what they read — recomputed once for the whole cluster, at most once per 250 ms, and sent to every subscriber of the same selection; new cases reach \`overview\` at once, added to the counts of its last recomputation. Each message carries \`extensions.live = { seq, snapshot }\`: \`seq\` counts this selection's recomputations (a gap means a push was missed; resubscribe for a fresh snapshot).`,
    subscribe: () => {
      throw new GraphQLError('Live queries are served by the live hub plugin.', {
        extensions: { code: 'UNAVAILABLE' },
      });
    },
    resolve: (root) => root as never,
  }),
);

// ───────────── the case ticker ─────────────

const CaseTickKindEnum = builder.enumType('CaseTickKind', {
  description: 'What happened to a case on the ticker (办件动态).',
  values: {
    RECEIVED: { description: 'A case was received (受理).' },
    COMPLETED: { description: 'A case was completed (办结).' },
  },
});

const CaseTickRef = builder.simpleObject('CaseTick', {
  description: 'A case on the screen’s ticker (办件滚动), masked: no ID number, phone, or full name.',
  fields: (t) => ({
    id: t.id({ description: 'Global id of the ServiceCase.' }),
    kind: t.field({ type: CaseTickKindEnum, description: 'Received or completed.' }),
    itemName: t.string({ description: 'The service item (事项).' }),
    departmentName: t.string({ nullable: true, description: 'The department handling it (承办部门).' }),
    townshipName: t.string({
      nullable: true,
      description: 'The township (乡镇); null for county-level cases.',
    }),
    regionName: t.string({ description: 'The region it belongs to (所属区域).' }),
    channel: t.string({ description: 'The channel (办理渠道), a Channel value.' }),
    oneNetwork: t.boolean({ description: 'Handled through the one-network platform (一网通办).' }),
    status: t.string({ description: 'The case’s status now, a CaseStatus value.' }),
    applicant: t.string({
      nullable: true,
      description: 'The applicant, masked (张** / 示例***公司).',
    }),
    submittedAt: t.field({ type: 'DateTime', description: 'When it was submitted (申请时间).' }),
    completedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was completed (办结时间).',
    }),
  }),
});

const CaseTickerUpdateRef = builder.simpleObject('CaseTickerUpdate', {
  description: 'A message of the case ticker: the latest cases first, then each write’s cases.',
  fields: (t) => ({
    seq: t.int({
      description: 'The ticker’s message number; consecutive, a gap means a message was missed.',
    }),
    snapshot: t.boolean({ description: 'The first message: the latest cases, not a write.' }),
    cases: t.field({ type: [CaseTickRef], description: 'Newest first (within the subscriber’s region).' }),
    more: t.int({ description: 'Cases of the same write not listed (a bulk write lists its latest 50).' }),
  }),
});

const tick = (item: CaseTickJson) => ({
  ...item,
  id: encodeGlobalID('ServiceCase', item.id),
  submittedAt: new Date(item.submittedAt),
  completedAt: item.completedAt ? new Date(item.completedAt) : null,
});

builder.subscriptionField('caseTicker', (t) =>
  t.field({
    type: CaseTickerUpdateRef,
    authScopes: { aggregates: true },
    description:
      'The case ticker (办件动态): the latest cases, then the cases of every write as it commits. Masked for every role.',
    args: {
      regionCode: t.arg.string({ description: 'Only cases in this region’s subtree.' }),
      limit: t.arg.int({ defaultValue: 20, description: 'How many cases the first message lists (1–100).' }),
    },
    // The hub's stream itself, not re-yielded: one iterator layer less per message and screen.
    subscribe: async (_root, args, ctx) => {
      const limit = Math.min(Math.max(args.limit ?? 20, 1), 100);
      return feedsOf(ctx).caseTicker(await feedFilter(ctx, args.regionCode), limit);
    },
    resolve: (message) => ({
      seq: message.seq,
      snapshot: message.snapshot,
      cases: message.items.map(tick),
      more: message.more,
    }),
  }),
);

// ───────────── event feeds ─────────────

const EventStreamEnum = builder.enumType('EventStream', {
  description: 'A feed of record changes (事件流).',
  values: {
    PROBLEMS: { description: 'Problems and their follow-ups (问题).' },
    SLIPS: { description: 'Assignment slips (交办单).' },
    PROJECTS: { description: 'Investment projects and their progress (项目).' },
    FUNDS: { description: 'Policy fund disbursements (资金兑现).' },
    CREDIT: { description: 'Blacklist entries, removals and credit repairs (信用).' },
  },
});

const HubEventRef = builder.simpleObject('HubEvent', {
  description: 'A record created, changed or moved to another status (记录变动). No personal data.',
  fields: (t) => ({
    seq: t.int({ description: 'The stream’s event number; consecutive per stream.' }),
    stream: t.field({ type: EventStreamEnum, description: 'The stream.' }),
    action: t.string({ description: 'CREATED, UPDATED or STATUS (a transition).' }),
    entity: t.string({ description: 'The model, e.g. AssignmentSlip.' }),
    entityId: t.id({ description: 'Global id of the record.' }),
    status: t.string({ nullable: true, description: 'Its status after the change, if it has one.' }),
    previousStatus: t.string({ nullable: true, description: 'Its status before, if it changed.' }),
    at: t.field({ type: 'DateTime', description: 'When the change was committed.' }),
  }),
});

builder.subscriptionField('hubEvents', (t) =>
  t.field({
    type: HubEventRef,
    authScopes: { aggregates: true },
    description:
      'Changes of problems, slips, projects, disbursements and credit records as they commit (事件流).',
    args: {
      streams: t.arg({
        type: [EventStreamEnum],
        description: 'The streams to follow; all by default.',
      }),
    },
    subscribe: async (_root, args, ctx) => {
      const streams = args.streams?.length ? args.streams : [...eventStreams];
      return feedsOf(ctx).events(await feedFilter(ctx, null), streams);
    },
    resolve: (event: HubEventJson & { seq: number }) => ({
      ...event,
      entityId: encodeGlobalID(event.entity, event.entityId),
      at: new Date(event.at),
    }),
  }),
);

// ───────────── alerts ─────────────

export const AlertKindEnum = builder.enumType('AlertKind', {
  description: 'What an alert is about (预警类别).',
  values: {
    INDICATOR: { description: 'An indicator amber or red against its target (指标预警).' },
    SLIP: { description: 'An assignment slip near, behind or past its deadline (交办单督办).' },
    PUBLICITY: { description: 'A decision not published within 7 working days (双公示超期).' },
  },
});

export const AlertLevelEnum = builder.enumType('AlertLevel', {
  description: 'How serious (预警等级): slips blue → yellow → red, indicators amber → red.',
  values: {
    BLUE: { description: 'A slip’s deadline is at most 2 working days away (蓝色).' },
    YELLOW: { description: 'A slip is behind schedule (黄色).' },
    AMBER: { description: 'An indicator is inside its warning band (黄灯).' },
    RED: { description: 'Overdue or off target (红色).' },
  },
});

const alertScope = rowScope<Prisma.AlertWhereInput>('Alert', {
  department: (departmentId) => ({ departmentId }),
  region: (region) => ({ region }),
});

export const AlertNode = builder.prismaNode('Alert', {
  description: 'An alert (预警): raised when its condition starts to hold, resolved when it stops.',
  authScopes: { aggregates: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id: rowId(id), AND: alertScope(ctx.access) }),
  fields: (t) => ({
    kind: t.expose('kind', { type: AlertKindEnum, description: 'What it is about.' }),
    level: t.expose('level', { type: AlertLevelEnum, description: 'How serious.' }),
    title: t.exposeString('title', { description: 'What happened (预警内容), without personal data.' }),
    entity: t.exposeString('entity', { description: 'The model it is about, e.g. AssignmentSlip.' }),
    entityId: t.string({
      description: 'Global id of the record it is about.',
      resolve: (alert) => encodeGlobalID(alert.entity, alert.entityId),
    }),
    regionName: t.string({
      nullable: true,
      description: 'The region concerned (所属区域).',
      select: { region: { select: { name: true } } },
      resolve: (alert) => alert.region?.name ?? null,
    }),
    departmentName: t.string({
      nullable: true,
      description: 'The department concerned (责任部门).',
      select: { department: { select: { name: true } } },
      resolve: (alert) => alert.department?.name ?? null,
    }),
    raisedAt: t.expose('raisedAt', { type: 'DateTime', description: 'When it was raised (预警时间).' }),
    resolvedAt: t.expose('resolvedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When its condition stopped holding (解除时间); null while open.',
    }),
    acknowledgedAt: t.expose('acknowledgedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When staff acknowledged it (确认时间).',
    }),
    acknowledgedBy: t.string({
      nullable: true,
      description: 'Who acknowledged it (确认人), masked for roles that may not see names.',
      resolve: (alert, _args, ctx) =>
        alert.acknowledgedBy ? personal(ctx, 'name', alert.acknowledgedBy) : null,
    }),
    version: t.exposeInt('version', { description: 'Goes up by one on every change.' }),
  }),
});

const AlertConnection = countedConnection(AlertNode, 'Alert', 'alerts (预警)');

builder.queryFields((t) => ({
  alerts: t.prismaConnection(
    {
      // The list is brought up to date from the alerts' sources before it is read (schema/alerts/rules.ts).
      extensions: reads(
        'Alert',
        'AssignmentSlip',
        'CreditSubject',
        'Department',
        'Indicator',
        'IndicatorTarget',
        'IndicatorValue',
        'Policy',
        'Problem',
        'PublicityRecord',
        'Region',
        'ServiceCase',
        'ServiceHall',
        'WorkCalendar',
      ),
      type: 'Alert',
      cursor: 'id',
      authScopes: { aggregates: true },
      description: 'Alerts, newest raised first (预警列表).',
      args: {
        open: t.arg.boolean({ description: 'Only open alerts (not resolved), or only resolved ones.' }),
        kind: t.arg({ type: AlertKindEnum, description: 'Only this kind.' }),
        level: t.arg({ type: AlertLevelEnum, description: 'Only this level.' }),
        acknowledged: t.arg.boolean({
          description: 'Only acknowledged alerts, or only unacknowledged ones.',
        }),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.alert.count({ where: alertWhere(args, ctx) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.alert.findMany({
          ...query,
          where: alertWhere(args, ctx),
          orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }],
        }),
    },
    AlertConnection,
  ),
}));

function alertWhere(
  args: { open?: boolean | null; kind?: string | null; level?: string | null; acknowledged?: boolean | null },
  ctx: Context,
) {
  return allOf<Prisma.AlertWhereInput>(
    typeof args.open === 'boolean' && { resolvedAt: args.open ? null : { not: null } },
    args.kind ? { kind: args.kind as Prisma.AlertWhereInput['kind'] } : null,
    args.level ? { level: args.level as Prisma.AlertWhereInput['level'] } : null,
    typeof args.acknowledged === 'boolean' && { acknowledgedAt: args.acknowledged ? { not: null } : null },
    alertScope(ctx.access),
  );
}

const AlertNoticeRef = builder.simpleObject('AlertNotice', {
  description: 'An alert as the live feed carries it (预警推送).',
  fields: (t) => ({
    id: t.id({ description: 'Global id of the Alert.' }),
    kind: t.field({ type: AlertKindEnum, description: 'What it is about.' }),
    level: t.field({ type: AlertLevelEnum, description: 'How serious.' }),
    title: t.string({ description: 'What happened (预警内容).' }),
    regionName: t.string({ nullable: true, description: 'The region concerned.' }),
    departmentName: t.string({ nullable: true, description: 'The department concerned.' }),
    raisedAt: t.field({ type: 'DateTime', description: 'When it was raised.' }),
    resolvedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was resolved; null while open.',
    }),
    acknowledgedAt: t.field({ type: 'DateTime', nullable: true, description: 'When staff acknowledged it.' }),
  }),
});

const AlertFeedUpdateRef = builder.simpleObject('AlertFeedUpdate', {
  description: 'A message of the alert feed: the open alerts first, then alerts as they change.',
  fields: (t) => ({
    seq: t.int({ description: 'The feed’s message number; consecutive, a gap means a message was missed.' }),
    snapshot: t.boolean({ description: 'The first message: the open alerts, newest first.' }),
    alerts: t.field({
      type: [AlertNoticeRef],
      description: 'Raised, raised again, acknowledged or resolved.',
    }),
  }),
});

const notice = (alert: AlertJson) => ({
  ...alert,
  id: encodeGlobalID('Alert', alert.id),
  raisedAt: new Date(alert.raisedAt),
  resolvedAt: alert.resolvedAt ? new Date(alert.resolvedAt) : null,
  acknowledgedAt: alert.acknowledgedAt ? new Date(alert.acknowledgedAt) : null,
});

builder.subscriptionField('alertFeed', (t) =>
  t.field({
    type: AlertFeedUpdateRef,
    authScopes: { aggregates: true },
    description:
      'Alerts live (预警推送): the open ones first, then every alert raised, acknowledged or resolved.',
    args: {
      regionCode: t.arg.string({ description: 'Only alerts in this region’s subtree.' }),
      limit: t.arg.int({
        defaultValue: 50,
        description: 'How many open alerts the first message lists (1–200).',
      }),
    },
    subscribe: async (_root, args, ctx) => {
      const limit = Math.min(Math.max(args.limit ?? 50, 1), 200);
      return feedsOf(ctx).alertFeed(await feedFilter(ctx, args.regionCode), limit);
    },
    resolve: (message) => ({
      seq: message.seq,
      snapshot: message.snapshot,
      alerts: message.items.map(notice),
    }),
  }),
);

builder.mutationField('acknowledgeAlert', (t) =>
  t.prismaField({
    type: 'Alert',
    authScopes: { write: true },
    description: 'Marks an alert seen (确认预警): who and when. Acknowledging twice keeps the first.',
    args: { id: t.arg.globalID({ required: true, for: AlertNode, description: 'The alert.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = rowId(args.id.id);
      const visible = await ctx.prisma.alert.findFirst({
        where: { id, AND: alertScope(ctx.access) },
        select: { id: true },
      });
      const principal = ctx.principal;
      const done = visible
        ? await acknowledgeAlert(
            ctx.db,
            id,
            {
              actor: principal?.subject ?? 'anonymous',
              role: principal?.role ?? 'NONE',
              requestId: ctx.requestId,
            },
            ctx.clock(),
          )
        : null;
      if (!done) {
        throw new GraphQLError('预警不存在', { extensions: { code: 'NOT_FOUND' } });
      }
      if (done.changed) liveOf(ctx)?.commits.publish('alerts', [done.alert]);
      return ctx.prisma.alert.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
