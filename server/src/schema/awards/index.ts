// Honours and awards the county gives (表彰): integrity stars to enterprises (诚信之星),
// courteous-service stars to window staff or windows (有礼服务之星) and integrity ambassadors
// (诚信代言人), the firm's representative speaking for it. The record (award.ts), its list, the
// count by award and year, and its writes (writes.ts).
import { GraphQLError } from 'graphql';
import { builder } from '../../builder.ts';
import { allOf, countedConnection } from '../../connections.ts';
import type { Context } from '../../context.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { type Computed, type KpiContext, queryJson, sql } from '../../kpi/sql.ts';
import { todayOf } from '../kpi-common.ts';
import { reads } from '../reads.ts';
import { AwardeeKindEnum, AwardKindEnum, AwardNode, awardScope } from './award.ts';
import './writes.ts';

/** What the award figures read. */
const AWARD_READS = reads('Award');

const AwardConnection = countedConnection(AwardNode, 'Award', 'awards (表彰)');

interface AwardFilter {
  year?: number | null;
  kind?: typeof AwardKindEnum.$inferType | null;
  awardeeKind?: typeof AwardeeKindEnum.$inferType | null;
}

function awardWhere(args: AwardFilter, ctx: Context) {
  return allOf<Prisma.AwardWhereInput>(
    args.year != null && { year: args.year },
    args.kind != null && { kind: args.kind },
    args.awardeeKind != null && { awardeeKind: args.awardeeKind },
    awardScope(ctx.access),
  );
}

interface AwardCountJson {
  kind: typeof AwardKindEnum.$inferType;
  year: number;
  count: number;
}

/** Awards given per award and year, every pair of the range present (0 for none). */
function awardCounts(ctx: KpiContext, fromYear: number, toYear: number): Promise<Computed<AwardCountJson[]>> {
  return queryJson(
    ctx,
    sql`SELECT coalesce(json_agg(json_build_object('kind', k.kind, 'year', y.year, 'count', coalesce(c.n, 0))
                 ORDER BY y.year, k.kind), '[]'::json) AS result
          FROM unnest(enum_range(NULL::"AwardKind")) AS k(kind)
         CROSS JOIN generate_series(${fromYear}::int, ${toYear}::int) AS y(year)
          LEFT JOIN (SELECT kind, year, count(*)::int AS n FROM "Award"
                      WHERE year BETWEEN ${fromYear}::int AND ${toYear}::int GROUP BY 1, 2) c
            ON c.kind = k.kind AND c.year = y.year`,
    AWARD_READS,
  );
}

const AwardCountRef = builder.simpleObject('AwardCount', {
  description: 'How many awards of one kind were given in one year (表彰数).',
  fields: (t) => ({
    kind: t.field({ type: AwardKindEnum, description: 'Which award (表彰类别).' }),
    year: t.int({ description: 'The year (年度).' }),
    count: t.int({ description: 'Awards given (表彰数).' }),
  }),
});

const AwardCountsRef = builder.simpleObject('AwardCounts', {
  description: 'Awards given by award and year (表彰统计).',
  fields: (t) => ({
    fromYear: t.int({ description: 'The first year counted.' }),
    toYear: t.int({ description: 'The last year counted.' }),
    rows: t.field({
      type: [AwardCountRef],
      description: 'One row per year and award, oldest year first; 0 for none.',
    }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

const FIRST_YEAR = 2000;

builder.queryFields((t) => ({
  awards: t.prismaConnection(
    {
      type: 'Award',
      cursor: 'id',
      authScopes: { rows: true },
      extensions: reads('Award', 'Enterprise', 'Staff', 'Window', 'ServiceHall', 'Region'),
      description: 'Awards the county gave (表彰), newest first (day given, then id).',
      args: {
        year: t.arg.int({ description: 'Only awards for this year (年度).' }),
        kind: t.arg({ type: AwardKindEnum, description: 'Only this award (表彰类别).' }),
        awardeeKind: t.arg({
          type: AwardeeKindEnum,
          description: 'Only awards to enterprises, to staff or to windows (受表彰对象类型).',
        }),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.award.count({ where: awardWhere(args, ctx) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.award.findMany({
          ...query,
          where: awardWhere(args, ctx),
          orderBy: [{ awardedOn: 'desc' }, { id: 'desc' }],
        }),
    },
    AwardConnection,
  ),
  awardCounts: t.field({
    type: AwardCountsRef,
    authScopes: { aggregates: true },
    extensions: AWARD_READS,
    description:
      'Awards given by award and year (表彰统计: 诚信之星, 有礼服务之星, 诚信代言人), county-wide; no names.',
    args: {
      fromYear: t.arg.int({ description: 'The first year; the year before toYear by default.' }),
      toYear: t.arg.int({ description: 'The last year; the current year by default.' }),
    },
    resolve: async (_root, args, ctx) => {
      const toYear = args.toYear ?? Number(todayOf(ctx).slice(0, 4));
      const fromYear = args.fromYear ?? toYear - 1;
      if (fromYear > toYear || fromYear < FIRST_YEAR || toYear - fromYear > 50) {
        throw refuseYears(fromYear, toYear);
      }
      const counts = await awardCounts(ctx, fromYear, toYear);
      return { fromYear, toYear, rows: counts.data, asOf: counts.asOf };
    },
  }),
}));

function refuseYears(fromYear: number, toYear: number) {
  return new GraphQLError(`年份范围 ${fromYear}–${toYear} 无效：起始年份不能晚于结束年份，且最多 50 年`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}
