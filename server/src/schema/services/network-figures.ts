// Service networks beyond the halls: rural commercial bank branches (政银合作网点) and
// cross-province handling with partner counties (跨省通办), each ranked by the cases it handled.

import { addDays, type Period, startOfDay } from '../../kpi/period.ts';
import {
  type Computed,
  inRegionScope,
  type KpiAccess,
  type KpiContext,
  queryJson,
  rankByCount,
  type Sql,
  sql,
} from '../../kpi/sql.ts';
import { CASE_READS } from './case-figures.ts';

export interface NetworkRowJson {
  code: string;
  name: string;
  detail: string | null;
  since: string;
  items: number;
  cases: number;
  previousCases: number;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
}

export interface NetworkFiguresJson {
  /** Points open, or partner counties agreed, on the period's last day. */
  places: number;
  /** Distinct items available there by then. */
  items: number;
  cases: number;
  previousCases: number;
  /** Cases since the first point opened or the first agreement, up to the period's end. */
  casesToDate: number;
  since: string | null;
  rows: NetworkRowJson[];
}

function inPeriod(period: Period): Sql {
  return sql`c."submittedAt" >= ${startOfDay(period.from).toISOString()}::timestamptz
    AND c."submittedAt" < ${startOfDay(addDays(period.to, 1)).toISOString()}::timestamptz`;
}

/** The figures of `places`, `place_items` and `counted` (CTEs of the statement). */
const figures = sql`, ranked AS (
      SELECT p.*, coalesce(c.cases, 0) AS cases, coalesce(c."previousCases", 0) AS "previousCases",
             ${rankByCount(sql`c.cases`)} AS rank, ${rankByCount(sql`c."previousCases"`)} AS "previousRank",
             (SELECT count(DISTINCT "itemId") FROM place_items i WHERE i."placeId" = p.id)::int AS items
        FROM places p LEFT JOIN counted c ON c.id = p.id
    )
    SELECT json_build_object(
      'places', (SELECT count(*) FROM places WHERE open)::int,
      'items', (SELECT count(DISTINCT "itemId") FROM place_items)::int,
      'cases', (SELECT coalesce(sum(cases), 0) FROM counted)::int,
      'previousCases', (SELECT coalesce(sum("previousCases"), 0) FROM counted)::int,
      'casesToDate', (SELECT coalesce(sum("casesToDate"), 0) FROM counted)::int,
      'since', (SELECT min(since) FROM places),
      'rows', coalesce((SELECT json_agg(json_build_object(
          'code', code, 'name', name, 'detail', detail, 'since', since, 'items', items,
          'cases', cases, 'previousCases', "previousCases", 'rank', rank, 'previousRank', "previousRank",
          'rankChange', "previousRank" - rank
        ) ORDER BY rank NULLS LAST, code) FROM ranked), '[]'::json)
    ) AS result`;

/**
 * Bank branches (政银合作): branches open at the period's end, the items they offer, and the
 * cases received there (channel BANK_BRANCH) in the period, the previous period and since the
 * first branch opened; branches ranked by cases.
 */
export async function bankBranchFigures(
  ctx: KpiContext,
  access: KpiAccess,
  periods: { current: Period; previous: Period },
): Promise<Computed<NetworkFiguresJson>> {
  const { current, previous } = periods;
  return queryJson(
    ctx,
    sql`WITH places AS (
      SELECT sp.id, sp.code, sp.name, sp."bankName" AS detail, sp."openedOn" AS since,
             sp."openedOn" <= ${current.to}::date AND (sp."closedOn" IS NULL OR sp."closedOn" > ${current.to}::date) AS open
        FROM "ServicePoint" sp JOIN "Region" r ON r.id = sp."regionId"
       WHERE sp.kind = 'BANK_BRANCH' AND sp."openedOn" <= ${current.to}::date AND ${inRegionScope(sql`r.path`, access)}
    ),
    place_items AS (
      SELECT i."servicePointId" AS "placeId", i."itemId" FROM "ServicePointItem" i
       WHERE i."servicePointId" IN (SELECT id FROM places WHERE open) AND i.since <= ${current.to}::date
    ),
    counted AS (
      SELECT c."servicePointId" AS id,
             count(*) FILTER (WHERE ${inPeriod(current)})::int AS cases,
             count(*) FILTER (WHERE ${inPeriod(previous)})::int AS "previousCases",
             count(*)::int AS "casesToDate"
        FROM "ServiceCase" c
       WHERE c.channel = 'BANK_BRANCH' AND c."servicePointId" IN (SELECT id FROM places)
         AND c."submittedAt" < ${startOfDay(addDays(current.to, 1)).toISOString()}::timestamptz
       GROUP BY 1
    )
    ${figures}`,
    CASE_READS,
  );
}

/**
 * Cross-province handling (跨省通办): partner counties agreed by the period's end, the items
 * agreed with them, and the cases handled with each (channel CROSS_PROVINCE); partners ranked
 * by cases. A TOWNSHIP caller counts the cases of its subtree.
 */
export async function crossProvinceFigures(
  ctx: KpiContext,
  access: KpiAccess,
  periods: { current: Period; previous: Period },
): Promise<Computed<NetworkFiguresJson>> {
  const { current, previous } = periods;
  return queryJson(
    ctx,
    sql`WITH places AS (
      SELECT pr.id, pr.code, pr.name, pr.province AS detail, pr."agreedOn" AS since, true AS open
        FROM "PartnerRegion" pr WHERE pr."agreedOn" <= ${current.to}::date
    ),
    place_items AS (
      SELECT i."partnerRegionId" AS "placeId", i."itemId" FROM "PartnerRegionItem" i
       WHERE i."partnerRegionId" IN (SELECT id FROM places) AND i."agreedOn" <= ${current.to}::date
    ),
    counted AS (
      SELECT c."partnerRegionId" AS id,
             count(*) FILTER (WHERE ${inPeriod(current)})::int AS cases,
             count(*) FILTER (WHERE ${inPeriod(previous)})::int AS "previousCases",
             count(*)::int AS "casesToDate"
        FROM "ServiceCase" c JOIN "Region" r ON r.id = c."regionId"
       WHERE c.channel = 'CROSS_PROVINCE' AND c."partnerRegionId" IS NOT NULL
         AND c."submittedAt" < ${startOfDay(addDays(current.to, 1)).toISOString()}::timestamptz
         AND ${inRegionScope(sql`r.path`, access)}
       GROUP BY 1
    )
    ${figures}`,
    CASE_READS,
  );
}
