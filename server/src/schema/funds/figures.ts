// Policy funds paid through 政企通: amounts (integer fen, 分) and beneficiaries (distinct
// enterprises) by period, policy, mechanism or department; the share of policies listed on the
// platform and paid online.

import type { Bucket, Period } from '../../kpi/period.ts';
import {
  type Computed,
  empty,
  inDepartment,
  inRegionScope,
  type KpiAccess,
  type KpiContext,
  queryJson,
  rankByCount,
  type Sql,
  sql,
} from '../../kpi/sql.ts';
import { reads } from '../reads.ts';

/** What the policy-fund figures read. */
export const FUND_READS = reads('Policy', 'Disbursement', 'Enterprise', 'Department', 'Region');

export type FundGrouping = 'TOTAL' | 'POLICY' | 'MECHANISM' | 'DEPARTMENT' | 'PERIOD';

export interface FundRowJson {
  key: string;
  label: string;
  /** Sum in fen, as digits. */
  amountFen: string;
  payments: number;
  beneficiaries: number;
  previousAmountFen: string;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
}

export interface FundScope {
  access: KpiAccess;
  /** The policies' department (already checked against the caller's). */
  departmentId: number | null;
}

function groupKey(by: FundGrouping, bucket: Bucket): { key: Sql; label: Sql } {
  switch (by) {
    case 'TOTAL':
      return { key: sql`'TOTAL'`, label: sql`'政企通'` };
    case 'POLICY':
      return { key: sql`po.code`, label: sql`po.name` };
    case 'MECHANISM':
      return { key: sql`x.mechanism::text`, label: sql`x.mechanism::text` };
    case 'DEPARTMENT':
      return { key: sql`d.code`, label: sql`d.name` };
    case 'PERIOD': {
      const unit = bucket === 'DAY' ? 'day' : bucket.toLowerCase();
      const start = sql`date_trunc(${unit}::text, x."paidOn"::timestamp)::date::text`;
      return { key: start, label: start };
    }
  }
}

/**
 * Payments in a period grouped one way; each group with its amount, payments and distinct
 * beneficiaries (an enterprise paid under two policies counts once in the total and once in
 * each policy), ranked by amount against the previous period. Period groups are listed in time
 * order without ranks.
 */
export async function fundFigures(
  ctx: KpiContext,
  scope: FundScope,
  periods: { current: Period; previous: Period },
  by: FundGrouping,
  bucket: Bucket,
): Promise<Computed<{ totals: FundRowJson; rows: FundRowJson[] }>> {
  const { current, previous } = periods;
  const { key, label } = groupKey(by, bucket);
  const inCurrent = sql`x."paidOn" BETWEEN ${current.from}::date AND ${current.to}::date`;
  const inPrevious = sql`x."paidOn" BETWEEN ${previous.from}::date AND ${previous.to}::date`;
  const measures = sql`coalesce(sum(x."amountFen") FILTER (WHERE ${inCurrent}), 0)::text AS "amountFen",
    count(*) FILTER (WHERE ${inCurrent})::int AS payments,
    count(DISTINCT x."enterpriseId") FILTER (WHERE ${inCurrent})::int AS beneficiaries,
    coalesce(sum(x."amountFen") FILTER (WHERE ${inPrevious}), 0) AS previous,
    coalesce(sum(x."amountFen") FILTER (WHERE ${inCurrent}), 0) AS amount`;
  const ranked = by !== 'PERIOD' && by !== 'TOTAL';
  return queryJson(
    ctx,
    sql`WITH paid AS (
      SELECT x.*, po.code AS "policyCode", po.name AS "policyName", po."departmentId",
             ${key} AS key, ${label} AS label
        FROM "Disbursement" x
        JOIN "Policy" po ON po.id = x."policyId"
        JOIN "Department" d ON d.id = po."departmentId"
        JOIN "Enterprise" e ON e.id = x."enterpriseId"
        LEFT JOIN "Region" r ON r.id = e."regionId"
       WHERE (${inCurrent} OR ${inPrevious})
         AND ${inDepartment(sql`po."departmentId"`, scope.departmentId)}
         AND ${inRegionScope(sql`r.path`, scope.access)}
    ),
    groups AS (
      SELECT key, min(label) AS label, ${measures} FROM paid x GROUP BY key
    ),
    ranked AS (
      SELECT *, ${ranked ? rankByCount(sql`amount`) : sql`NULL::int`} AS rank,
             ${ranked ? rankByCount(sql`previous`) : sql`NULL::int`} AS "previousRank"
        FROM groups ${by === 'PERIOD' ? sql`WHERE payments > 0` : empty}
    )
    SELECT json_build_object(
      'totals', (SELECT json_build_object('key', 'TOTAL', 'label', '政企通', 'amountFen', "amountFen",
                   'payments', payments, 'beneficiaries', beneficiaries, 'previousAmountFen', previous::text,
                   'rank', NULL, 'previousRank', NULL, 'rankChange', NULL)
                   FROM (SELECT ${measures} FROM paid x) t),
      'rows', coalesce((SELECT json_agg(json_build_object('key', key, 'label', label, 'amountFen', "amountFen",
                 'payments', payments, 'beneficiaries', beneficiaries, 'previousAmountFen', previous::text,
                 'rank', rank, 'previousRank', "previousRank", 'rankChange', "previousRank" - rank)
               ORDER BY ${by === 'PERIOD' ? sql`key` : sql`rank, key`}) FROM ranked WHERE payments > 0 OR previous > 0),
               '[]'::json)
    ) AS result`,
    FUND_READS,
  );
}

export interface PolicyOnlineJson {
  year: number;
  policies: number;
  listedOnline: number;
  paidOnline: number;
  listedShare: number | null;
  paidOnlineShare: number | null;
}

/** Policies of a year (by their own department for DEPARTMENT callers) listed on 政企通 and paid online. */
export async function policyOnline(
  ctx: KpiContext,
  departmentId: number | null,
  year: number,
): Promise<Computed<PolicyOnlineJson>> {
  return queryJson(
    ctx,
    sql`SELECT json_build_object('year', ${year}::int, 'policies', count(*)::int,
        'listedOnline', count(*) FILTER (WHERE "listedOnline")::int, 'paidOnline', count(*) FILTER (WHERE "paidOnline")::int,
        'listedShare', round(100.0 * count(*) FILTER (WHERE "listedOnline") / nullif(count(*), 0), 2)::float8,
        'paidOnlineShare', round(100.0 * count(*) FILTER (WHERE "paidOnline") / nullif(count(*), 0), 2)::float8) AS result
      FROM "Policy" WHERE year = ${year}::int AND ${inDepartment(sql`"departmentId"`, departmentId)}`,
    FUND_READS,
  );
}
