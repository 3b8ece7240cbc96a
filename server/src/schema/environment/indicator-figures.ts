// Indicators (指标): the current value of each, its target for the year, a red/amber/green
// status, the weighted roll-up of its children and its trend. Values come from IndicatorValue
// (evaluation scores, passive-monitoring series, ranks reported by the city) or, for the office's
// own work targets, are computed from the hub's records.

import {
  type Day,
  previousPeriod,
  resolvePeriod,
  seriesBuckets,
  yearAgoPeriod,
  yearElapsed,
} from '../../kpi/period.ts';
import {
  type Computed,
  type KpiAccess,
  type KpiContext,
  queryJson,
  type RegionJson,
  regionCte,
  sql,
} from '../../kpi/sql.ts';
import { type Status, scoreStatusSql, statusScoreSql, statusSql } from '../../kpi/status.ts';
import { reads } from '../reads.ts';
import { CASE_READS, type CaseSelection, caseBreakdown, caseSeries } from '../services/case-figures.ts';

/** What the indicator figures read: targets, values and the case figures measured against them. */
export const INDICATOR_READS = reads(
  'Indicator',
  'IndicatorTarget',
  'IndicatorValue',
  'Policy',
  'ServiceHall',
  CASE_READS,
);

/** Work targets whose value the hub computes from its own records, by indicator code. */
export const computedIndicators = {
  'WT-ONE-NETWORK-RATE': 'oneNetworkRate',
  'WT-CASE-VOLUME': 'cases',
  'WT-TOWNSHIP-CASE-VOLUME': 'townshipCases',
  'WT-POLICY-LISTED-RATE': 'policyListedRate',
  'WT-POLICY-PAID-ONLINE-RATE': 'policyPaidOnlineRate',
  'WT-VILLAGE-DEMO-HALLS': 'demonstrationHalls',
} as const;

/** Counts that build up over the year: while the year runs they are held to a pro-rated target. */
const cumulative: string[] = ['WT-CASE-VOLUME', 'WT-TOWNSHIP-CASE-VOLUME'];

export type StatusBasis = 'TARGET' | 'TIER' | 'RANK';

export interface IndicatorPointJson {
  periodStart: Day;
  periodKind: string;
  value: number;
  rank: number | null;
  rankOf: number | null;
  tier: number | null;
}

export interface IndicatorFigureJson {
  id: number;
  code: string;
  name: string;
  category: string;
  unit: string;
  higherIsBetter: boolean;
  parentCode: string | null;
  weight: number;
  leadDepartmentCode: string | null;
  year: number | null;
  value: number | null;
  computed: boolean;
  periodKind: string | null;
  periodStart: Day | null;
  reportedAt: string | null;
  target: number | null;
  warningBand: number | null;
  targetBasis: string | null;
  expectedToDate: number | null;
  status: Status | null;
  statusBasis: StatusBasis | null;
  tier: number | null;
  rank: number | null;
  rankOf: number | null;
  bestInProvince: boolean;
  previousRank: number | null;
  rankChange: number | null;
  rollup: {
    children: number;
    green: number;
    amber: number;
    red: number;
    score: number | null;
    status: Status | null;
    weightedValue: number | null;
  } | null;
  trend: IndicatorPointJson[];
}

export interface IndicatorQuery {
  regionCode: string | null;
  access: KpiAccess;
  /** Values of this year; each indicator's latest value when null. */
  year: number | null;
  today: Day;
  /** Only these codes (and, with `withDescendants`, everything below them). */
  codes: string[] | null;
  withDescendants: boolean;
  category: string | null;
}

/**
 * The figures of the indicators asked for, in tree order. A figure's status compares it with
 * its target when it has one; an evaluation indicator without one takes the province's tier
 * (first tier green, second amber, lower red), a monitored one its rank among the city's
 * counties (first green, upper half amber, lower half red). A parent's roll-up is the weighted
 * average of its children's status points (green 100, amber 50, red 0): 90 or more is green,
 * 60 or more amber. When the children share the parent's unit, their weighted average value is
 * given as well (the evaluation's overall score is the mean of its 18 indicators).
 */
export async function indicatorFigures(
  ctx: KpiContext,
  query: IndicatorQuery,
): Promise<Computed<{ region: RegionJson | null; figures: IndicatorFigureJson[] }>> {
  const year = query.year ?? Number(query.today.slice(0, 4));
  const selection: CaseSelection = {
    regionCode: query.regionCode,
    access: query.access,
    channel: null,
    departmentId: null,
    itemCode: null,
  };
  const current = resolvePeriod({ bucket: 'YEAR', on: `${year}-01-01` }, query.today);
  const [totals, months] = await Promise.all([
    caseBreakdown(
      ctx,
      selection,
      { current, previous: previousPeriod(current), yearAgo: yearAgoPeriod(current) },
      'TOTAL',
      'CASES',
    ),
    caseSeries(
      ctx,
      selection,
      (seriesBuckets(current, 'MONTH', 12) ?? []).map((p) => ({
        current: p,
        previous: previousPeriod(p),
        yearAgo: yearAgoPeriod(p),
      })),
      false,
    ),
  ]);
  const caseFigures = totals.data.rows[0]?.current;
  const elapsed = year === Number(query.today.slice(0, 4)) ? yearElapsed(query.today) : null;
  const monthly = months.data.points.map((point, i) => ({
    periodStart: `${year}-${String(i + 1).padStart(2, '0')}-01`,
    rate: point.current.oneNetworkRate,
    cases: point.cumulativeCases,
    townshipCases: point.cumulativeTownshipCases,
  }));
  const board = await queryJson<{ region: RegionJson | null; figures: IndicatorFigureJson[] }>(
    ctx,
    sql`WITH ${regionCte(query.regionCode, query.access)},
    params AS (
      SELECT ${query.year}::int AS year, ${year}::int AS "computedYear", ${query.today}::date AS today,
             ${elapsed}::float8 AS elapsed, ${JSON.stringify(caseFigures ?? null)}::json AS cases,
             ${JSON.stringify(monthly)}::json AS monthly
    ),
    policies AS (
      SELECT round(100.0 * count(*) FILTER (WHERE "listedOnline") / nullif(count(*), 0), 2)::float8 AS listed,
             round(100.0 * count(*) FILTER (WHERE "paidOnline") / nullif(count(*), 0), 2)::float8 AS "paidOnline"
        FROM "Policy" WHERE year = (SELECT "computedYear" FROM params)
    ),
    measures AS (
      SELECT (p.cases ->> 'oneNetworkRate')::float8 AS "oneNetworkRate", (p.cases ->> 'cases')::float8 AS cases,
             (p.cases ->> 'townshipCases')::float8 AS "townshipCases",
             pol.listed AS "policyListedRate", pol."paidOnline" AS "policyPaidOnlineRate",
             (SELECT count(*)::float8 FROM "ServiceHall" h JOIN "Region" hr ON hr.id = h."regionId" CROSS JOIN kr
               WHERE h.demonstration AND hr.path LIKE kr.path || '%'
                 AND h."openedOn" BETWEEN make_date(p."computedYear", 1, 1)
                                      AND least(make_date(p."computedYear", 12, 31), p.today)) AS "demonstrationHalls"
        FROM params p CROSS JOIN policies pol
    ),
    computed AS (
      SELECT c.code, (row_to_json(m) ->> c.measure)::float8 AS value
        FROM json_each_text(${JSON.stringify(computedIndicators)}::json) AS c(code, measure) CROSS JOIN measures m
    ),
    chosen AS (
      SELECT DISTINCT ON (v."indicatorId") v.*
        FROM "IndicatorValue" v CROSS JOIN kr CROSS JOIN params p
       WHERE v."regionId" = kr.id AND v."periodStart" <= p.today
         AND (p.year IS NULL OR v."periodStart" BETWEEN make_date(p.year, 1, 1) AND make_date(p.year, 12, 31))
       ORDER BY v."indicatorId", (p.year IS NOT NULL AND v."periodKind" = 'YEAR') DESC, v."periodStart" DESC,
                v."periodKind" DESC
    ),
    valued AS (
      SELECT i.*, parent.code AS "parentCode", d.code AS "leadDepartmentCode",
             c.code IS NOT NULL AS computed,
             CASE WHEN c.code IS NOT NULL THEN c.value ELSE v.value::float8 END AS "value",
             CASE WHEN c.code IS NOT NULL THEN p."computedYear"
                  WHEN v.id IS NOT NULL THEN extract(year FROM v."periodStart")::int END AS "valueYear",
             CASE WHEN c.code IS NULL THEN v."periodKind"::text ELSE 'YEAR' END AS "periodKind",
             CASE WHEN c.code IS NULL THEN v."periodStart" ELSE make_date(p."computedYear", 1, 1) END AS "periodStart",
             CASE WHEN c.code IS NULL THEN v."updatedAt" END AS "reportedAt",
             v.tier, v.rank, v."rankOf", coalesce(v."bestInProvince", false) AS "bestInProvince",
             prev.rank AS "previousRank", v.id AS "valueId", p.elapsed
        FROM "Indicator" i
        CROSS JOIN params p
        LEFT JOIN "Indicator" parent ON parent.id = i."parentId"
        LEFT JOIN "Department" d ON d.id = i."leadDepartmentId"
        LEFT JOIN computed c ON c.code = i.code
        LEFT JOIN chosen v ON v."indicatorId" = i.id AND c.code IS NULL
        LEFT JOIN LATERAL (
          SELECT e.rank FROM "IndicatorValue" e
           WHERE e."indicatorId" = v."indicatorId" AND e."regionId" = v."regionId"
             AND e."periodKind" = v."periodKind" AND e."periodStart" < v."periodStart"
           ORDER BY e."periodStart" DESC LIMIT 1
        ) prev ON true
    ),
    targeted AS (
      SELECT x.*, coalesce(t.target, x.target)::float8 AS "targetValue",
             coalesce(t."warningBand", x."warningBand")::float8 AS band,
             CASE WHEN t.id IS NOT NULL THEN t.basis WHEN x.target IS NOT NULL THEN 'default' END AS "targetBasis"
        FROM valued x CROSS JOIN kr
        LEFT JOIN "IndicatorTarget" t ON t."indicatorId" = x.id AND t.year = x."valueYear" AND t."regionId" = kr.id
    ),
    expected AS (
      SELECT x.*,
             CASE WHEN x.code = ANY(${cumulative}::text[]) AND x.elapsed IS NOT NULL
                  THEN round((x."targetValue" * x.elapsed)::numeric, 2)::float8 END AS "expectedToDate",
             CASE WHEN x."targetValue" IS NOT NULL AND x.value IS NOT NULL THEN 'TARGET'
                  WHEN x.tier IS NOT NULL THEN 'TIER'
                  WHEN x.rank IS NOT NULL AND x."rankOf" IS NOT NULL THEN 'RANK' END AS "statusBasis"
        FROM targeted x
    ),
    figures AS (
      SELECT x.*, CASE x."statusBasis"
          WHEN 'TARGET' THEN ${statusSql(
            sql`x.value`,
            sql`coalesce(x."expectedToDate", x."targetValue")`,
            sql`x.band`,
            sql`x.direction = 'HIGHER_IS_BETTER'`,
          )}
          WHEN 'TIER' THEN CASE x.tier WHEN 1 THEN 'GREEN' WHEN 2 THEN 'AMBER' ELSE 'RED' END
          WHEN 'RANK' THEN CASE WHEN x.rank = 1 THEN 'GREEN' WHEN x.rank * 2 <= x."rankOf" THEN 'AMBER' ELSE 'RED' END
        END AS status
        FROM expected x
    ),
    rollups AS (
      SELECT parent.id,
             count(*)::int AS children,
             count(*) FILTER (WHERE child.status = 'GREEN')::int AS green,
             count(*) FILTER (WHERE child.status = 'AMBER')::int AS amber,
             count(*) FILTER (WHERE child.status = 'RED')::int AS red,
             round(sum(child.weight * ${statusScoreSql(sql`child.status`)})
                   / nullif(sum(child.weight) FILTER (WHERE child.status IS NOT NULL), 0), 2)::float8 AS score,
             CASE WHEN bool_and(child.unit = parent.unit AND child.value IS NOT NULL)
                  THEN round((sum(child.weight * child.value::numeric) / nullif(sum(child.weight), 0)), 2)::float8 END
               AS "weightedValue"
        FROM figures parent JOIN figures child ON child."parentId" = parent.id
       GROUP BY parent.id
    ),
    wanted AS (
      SELECT f.* FROM figures f
       WHERE (${query.category}::text IS NULL OR f.category::text = ${query.category}::text)
         AND (${query.codes}::text[] IS NULL OR f.code = ANY(${query.codes}::text[])
              OR (${query.withDescendants} AND EXISTS (
                WITH RECURSIVE up AS (
                  SELECT f."parentId" AS id
                  UNION ALL
                  SELECT i."parentId" FROM "Indicator" i JOIN up ON i.id = up.id WHERE up.id IS NOT NULL
                )
                SELECT 1 FROM up JOIN "Indicator" a ON a.id = up.id WHERE a.code = ANY(${query.codes}::text[]))))
    )
    SELECT json_build_object(
      'region', (SELECT row_to_json(kr) FROM kr),
      'figures', coalesce((SELECT json_agg(json_build_object(
        'id', f.id, 'code', f.code, 'name', f.name, 'category', f.category, 'unit', f.unit,
        'higherIsBetter', f.direction = 'HIGHER_IS_BETTER', 'parentCode', f."parentCode",
        'weight', f.weight::float8, 'leadDepartmentCode', f."leadDepartmentCode",
        'year', f."valueYear", 'value', f.value, 'computed', f.computed,
        'periodKind', f."periodKind", 'periodStart', f."periodStart", 'reportedAt', f."reportedAt",
        'target', f."targetValue", 'warningBand', f.band, 'targetBasis', f."targetBasis",
        'expectedToDate', f."expectedToDate", 'status', f.status, 'statusBasis', f."statusBasis",
        'tier', f.tier, 'rank', f.rank, 'rankOf', f."rankOf", 'bestInProvince', f."bestInProvince",
        'previousRank', f."previousRank", 'rankChange', f."previousRank" - f.rank,
        'rollup', CASE WHEN r.id IS NOT NULL THEN json_build_object(
          'children', r.children, 'green', r.green, 'amber', r.amber, 'red', r.red, 'score', r.score,
          'status', ${scoreStatusSql(sql`r.score`)}, 'weightedValue', r."weightedValue") END,
        'trend', CASE
          WHEN f.computed THEN coalesce((
            SELECT json_agg(json_build_object('periodStart', m ->> 'periodStart', 'periodKind', 'MONTH',
                     'value', (m ->> CASE f.code WHEN 'WT-ONE-NETWORK-RATE' THEN 'rate'
                                                  WHEN 'WT-CASE-VOLUME' THEN 'cases'
                                                  WHEN 'WT-TOWNSHIP-CASE-VOLUME' THEN 'townshipCases' END)::float8,
                     'rank', NULL, 'rankOf', NULL, 'tier', NULL))
              FROM json_array_elements((SELECT monthly FROM params)) m
             WHERE f.code IN ('WT-ONE-NETWORK-RATE', 'WT-CASE-VOLUME', 'WT-TOWNSHIP-CASE-VOLUME')), '[]'::json)
          ELSE coalesce((
            SELECT json_agg(json_build_object('periodStart', e."periodStart", 'periodKind', e."periodKind",
                     'value', e.value::float8, 'rank', e.rank, 'rankOf', e."rankOf", 'tier', e.tier) ORDER BY e."periodStart")
              FROM (SELECT * FROM "IndicatorValue" e
                     WHERE e."indicatorId" = f.id AND e."regionId" = kr.id AND e."periodKind"::text = f."periodKind"
                       AND e."periodStart" <= f."periodStart"
                     ORDER BY e."periodStart" DESC LIMIT 12) e), '[]'::json)
        END
      ) ORDER BY coalesce(f."parentId", f.id), f."parentId" NULLS FIRST, f.position, f.code)
        FROM wanted f CROSS JOIN kr LEFT JOIN rollups r ON r.id = f.id
       WHERE kr.allowed), '[]'::json)
    ) AS result`,
    INDICATOR_READS,
  );
  // The figures are as old as the oldest statement they were made from.
  const asOf = new Date(Math.min(totals.asOf.getTime(), months.asOf.getTime(), board.asOf.getTime()));
  return { data: board.data, asOf };
}
