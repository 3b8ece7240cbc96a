// The business environment (营商环境): the province's yearly evaluation (overall convenience
// score and first-level indicators with tier, rank and best-in-province flags) and passive
// monitoring (无感监测) with the county's rank among the city's counties.

import type { Day } from '../../kpi/period.ts';
import {
  type Computed,
  type KpiAccess,
  type KpiContext,
  queryJson,
  type RegionJson,
  regionCte,
  sql,
} from '../../kpi/sql.ts';
import { reads } from '../reads.ts';

/** What the business-environment evaluation (营商环境评价) reads. */
export const EVALUATION_READS = reads(
  'Indicator',
  'IndicatorTarget',
  'IndicatorValue',
  'Region',
  'Department',
);
/** What passive monitoring (被动监测) reads. */
export const MONITORING_READS = reads('Indicator', 'IndicatorTarget', 'IndicatorValue', 'Region');

export interface EvaluationIndicatorJson {
  code: string;
  name: string;
  leadDepartmentCode: string | null;
  score: number;
  previousScore: number | null;
  tier: number | null;
  rank: number | null;
  rankOf: number | null;
  previousRank: number | null;
  rankChange: number | null;
  bestInProvince: boolean;
}

export interface EvaluationYearJson {
  year: number;
  score: number | null;
  previousScore: number | null;
  rank: number | null;
  rankOf: number | null;
  previousRank: number | null;
  rankChange: number | null;
  firstTierCount: number;
  bestInProvinceCount: number;
  publishedAt: string;
  indicators: EvaluationIndicatorJson[];
}

/**
 * Every evaluation year of the region (the home county by default), oldest first, each with its
 * first-level indicators and every rank with its change from the year before.
 */
export async function evaluationYears(
  ctx: KpiContext,
  regionCode: string | null,
  access: KpiAccess,
): Promise<Computed<{ region: RegionJson | null; years: EvaluationYearJson[] }>> {
  return queryJson(
    ctx,
    sql`WITH ${regionCte(regionCode, access)},
    root AS (SELECT id FROM "Indicator" WHERE category = 'EVALUATION' AND "parentId" IS NULL ORDER BY position, id LIMIT 1),
    scored AS (
      SELECT v.*, i.code, i.name, i."parentId", d.code AS "leadDepartmentCode",
             extract(year FROM v."periodStart")::int AS year,
             lag(v.value) OVER w AS "previousScore", lag(v.rank) OVER w AS "previousRank"
        FROM "IndicatorValue" v
        JOIN "Indicator" i ON i.id = v."indicatorId"
        LEFT JOIN "Department" d ON d.id = i."leadDepartmentId"
        CROSS JOIN kr
       WHERE kr.allowed AND v."regionId" = kr.id AND v."periodKind" = 'YEAR'
         AND (i.id = (SELECT id FROM root) OR i."parentId" = (SELECT id FROM root))
      WINDOW w AS (PARTITION BY v."indicatorId" ORDER BY v."periodStart")
    )
    SELECT json_build_object(
      'region', (SELECT row_to_json(kr) FROM kr),
      'years', coalesce((SELECT json_agg(json_build_object(
          'year', o.year, 'score', o.value::float8, 'previousScore', o."previousScore"::float8,
          'rank', o.rank, 'rankOf', o."rankOf", 'previousRank', o."previousRank",
          'rankChange', o."previousRank" - o.rank, 'publishedAt', o."createdAt",
          'firstTierCount', (SELECT count(*) FROM scored c WHERE c."parentId" = o."indicatorId" AND c.year = o.year AND c.tier = 1),
          'bestInProvinceCount', (SELECT count(*) FROM scored c WHERE c."parentId" = o."indicatorId" AND c.year = o.year AND c."bestInProvince"),
          'indicators', coalesce((SELECT json_agg(json_build_object(
              'code', c.code, 'name', c.name, 'leadDepartmentCode', c."leadDepartmentCode",
              'score', c.value::float8, 'previousScore', c."previousScore"::float8, 'tier', c.tier,
              'rank', c.rank, 'rankOf', c."rankOf", 'previousRank', c."previousRank",
              'rankChange', c."previousRank" - c.rank, 'bestInProvince', c."bestInProvince") ORDER BY c.code)
            FROM scored c WHERE c."parentId" = o."indicatorId" AND c.year = o.year), '[]'::json)
        ) ORDER BY o.year) FROM scored o WHERE o."indicatorId" = (SELECT id FROM root)), '[]'::json)
    ) AS result`,
    EVALUATION_READS,
  );
}

export interface MonitoringCountyJson {
  code: string;
  name: string;
  home: boolean;
  value: number;
  rank: number | null;
}

export interface MonitoringPointJson {
  periodStart: Day;
  value: number | null;
  rank: number | null;
  rankOf: number | null;
  previousRank: number | null;
  rankChange: number | null;
  counties: MonitoringCountyJson[];
}

export interface MonitoringSeriesJson {
  region: RegionJson | null;
  indicator: { code: string; name: string; unit: string; higherIsBetter: boolean } | null;
  points: MonitoringPointJson[];
}

/**
 * A passive-monitoring indicator (the composite score by default) for the region and its peers
 * (the other counties under the same city), month by month or year by year, with the rank the
 * province gives the region and its change from the period before.
 */
export async function monitoringSeries(
  ctx: KpiContext,
  args: {
    regionCode: string | null;
    access: KpiAccess;
    indicatorCode: string | null;
    periodKind: 'MONTH' | 'YEAR';
    from: Day;
    to: Day;
  },
): Promise<Computed<MonitoringSeriesJson>> {
  return queryJson(
    ctx,
    sql`WITH ${regionCte(args.regionCode, args.access)},
    ind AS (
      SELECT * FROM "Indicator"
       WHERE CASE WHEN ${args.indicatorCode}::text IS NULL THEN category = 'PASSIVE_MONITORING' AND "parentId" IS NULL
                  ELSE code = ${args.indicatorCode}::text AND category = 'PASSIVE_MONITORING' END
       ORDER BY position, id LIMIT 1
    ),
    peers AS (SELECT r.* FROM "Region" r CROSS JOIN kr WHERE r."parentId" IS NOT DISTINCT FROM kr."parentId" AND r.level = kr.level),
    vals AS (
      SELECT v."periodStart", v."regionId", v.value, v.rank, v."rankOf",
             lag(v.rank) OVER (PARTITION BY v."regionId" ORDER BY v."periodStart") AS "previousRank"
        FROM "IndicatorValue" v
       WHERE v."indicatorId" = (SELECT id FROM ind) AND v."periodKind" = ${args.periodKind}::"PeriodKind"
         AND v."regionId" IN (SELECT id FROM peers)
         AND v."periodStart" BETWEEN (${args.from}::date - interval '1 year') AND ${args.to}::date
    )
    SELECT json_build_object(
      'region', (SELECT row_to_json(kr) FROM kr),
      'indicator', (SELECT json_build_object('code', code, 'name', name, 'unit', unit,
                           'higherIsBetter', direction = 'HIGHER_IS_BETTER') FROM ind),
      'points', coalesce((SELECT json_agg(json_build_object(
          'periodStart', s."periodStart", 'value', h.value::float8, 'rank', h.rank, 'rankOf', h."rankOf",
          'previousRank', h."previousRank", 'rankChange', h."previousRank" - h.rank,
          'counties', (SELECT json_agg(json_build_object('code', p.code, 'name', p.name, 'home', p.id = kr.id,
                               'value', c.value::float8, 'rank', c.rank) ORDER BY c.rank NULLS LAST, p.code)
                         FROM vals c JOIN peers p ON p.id = c."regionId" WHERE c."periodStart" = s."periodStart")
        ) ORDER BY s."periodStart")
        FROM (SELECT DISTINCT "periodStart" FROM vals WHERE "periodStart" BETWEEN ${args.from}::date AND ${args.to}::date) s
        CROSS JOIN kr
        LEFT JOIN vals h ON h."periodStart" = s."periodStart" AND h."regionId" = kr.id
       WHERE kr.allowed), '[]'::json)
    ) AS result`,
    MONITORING_READS,
  );
}
