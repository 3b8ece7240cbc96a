// Open alerts counted by kind and level (预警统计), in one statement: the clearing panel's slip
// escalation (蓝/黄/红) and anything else that needs the totals, which the alert feed cannot
// give (it lists at most 200 alerts).
import { builder } from '../../builder.ts';
import type { AlertKind, AlertLevel } from '../../generated/prisma/client.ts';
import {
  type Computed,
  checkedRegion,
  inDepartment,
  type KpiAccess,
  type KpiContext,
  kpiAccess,
  queryJson,
  type RegionJson,
  regionCte,
  sql,
} from '../../kpi/sql.ts';
import { AlertKindEnum, AlertLevelEnum } from '../live.ts';
import { reads } from '../reads.ts';

/** What the counts read: the alerts, and the regions their scope is checked against. */
const openAlertCountReads = reads('Alert', 'Region');

interface OpenAlertCountsJson {
  region: RegionJson | null;
  total: number;
  counts: Array<{ kind: AlertKind; level: AlertLevel; count: number }>;
}

/**
 * Open alerts (not resolved) by kind and level, within the region's subtree when a code is
 * given, else within the caller's scope (all alerts for an unlimited caller, those without a
 * region included), and of a DEPARTMENT caller's own department: the rows the `alerts` list
 * shows the same caller.
 */
async function openAlertCounts(
  ctx: KpiContext,
  code: string | null,
  access: KpiAccess,
): Promise<Computed<OpenAlertCountsJson>> {
  return queryJson(
    ctx,
    sql`WITH ${regionCte(code, access)},
    scope AS (
      SELECT CASE WHEN ${code}::text IS NULL THEN ${access.regionPath}::text ELSE (SELECT path FROM kr) END AS path
    ),
    counts AS (
      SELECT a.kind, a.level, count(*)::int AS count
        FROM "Alert" a
        LEFT JOIN "Region" r ON r.id = a."regionId"
        CROSS JOIN scope
       WHERE a."resolvedAt" IS NULL
         AND (scope.path IS NULL OR r.path LIKE scope.path || '%')
         AND ${inDepartment(sql`a."departmentId"`, access.departmentId)}
       GROUP BY a.kind, a.level
    )
    SELECT json_build_object(
      'region', (SELECT row_to_json(kr) FROM kr),
      'total', (SELECT coalesce(sum(count), 0)::int FROM counts),
      'counts', (SELECT coalesce(json_agg(json_build_object('kind', kind, 'level', level, 'count', count)
                                          ORDER BY kind, level), '[]'::json) FROM counts)
    ) AS result`,
    openAlertCountReads,
  );
}

const AlertLevelCountRef = builder.simpleObject('AlertLevelCount', {
  description: 'Open alerts of one kind at one level (按类别和等级的预警数).',
  fields: (t) => ({
    kind: t.field({ type: AlertKindEnum, description: 'What they are about (预警类别).' }),
    level: t.field({ type: AlertLevelEnum, description: 'How serious (预警等级).' }),
    count: t.int({ description: 'How many are open (未解除预警数).' }),
  }),
});

const OpenAlertCountsRef = builder.simpleObject('OpenAlertCounts', {
  description: 'Open alerts counted by the database, every one of them (预警统计).',
  fields: (t) => ({
    total: t.int({ description: 'All open alerts (未解除预警总数).' }),
    counts: t.field({
      type: [AlertLevelCountRef],
      description:
        'By kind and level, in the order of the enums; a kind and level with no open alert is left out.',
    }),
    asOf: t.field({ type: 'DateTime', description: 'When the counts were computed (数据时间).' }),
  }),
});

builder.queryField('openAlertCounts', (t) =>
  t.field({
    type: OpenAlertCountsRef,
    authScopes: { aggregates: true },
    extensions: openAlertCountReads,
    description:
      'Open alerts by kind and level (预警统计): the totals of the alerts the `alerts` list holds for the same caller, however many there are.',
    args: {
      regionCode: t.arg.string({
        description:
          'Only alerts in this region’s subtree (所属区域); the caller’s whole scope when omitted.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const code = args.regionCode ?? null;
      const { data, asOf } = await openAlertCounts(ctx, code, kpiAccess(ctx));
      if (code !== null) checkedRegion(data.region, code);
      return { total: data.total, counts: data.counts, asOf };
    },
  }),
);
