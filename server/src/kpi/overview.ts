// The big screen's headline figures (指挥中心大屏) in one statement: cases today, this month and
// this year against last year, the one-network rate and the case targets with their status,
// slips open and overdue, the blacklist ratio, policy funds paid this year, and the latest
// evaluation and monitoring ranks. Case figures come from the rollups (a few thousand rows for
// a year at any volume); the other figures from tables of thousands of rows at most.
import { atRegionLevel, type CaseSelection, coverOf, scopedFacts } from './cases.ts';
import { addMonths, type Day, monthStart, yearElapsed } from './period.ts';
import {
  between,
  type Computed,
  inDepartment,
  inRegionScope,
  type KpiAccess,
  type KpiContext,
  queryJson,
  type RegionJson,
  regionCte,
  sql,
} from './sql.ts';
import { type Status, statusSql } from './status.ts';

export interface TargetJson {
  value: number | null;
  target: number | null;
  /** The target pro-rated to today for counts that build up over the year. */
  expectedToDate: number | null;
  /** value / target in percent. */
  progress: number | null;
  status: Status | null;
}

export interface OverviewJson {
  region: RegionJson | null;
  today: Day;
  yearElapsed: number;
  casesToday: number;
  casesThisMonth: number;
  casesThisYear: number;
  casesSameDaysLastYear: number;
  casesYearOnYearPercent: number | null;
  oneNetworkCasesThisYear: number;
  oneNetworkRate: TargetJson;
  caseVolume: TargetJson;
  townshipCases: TargetJson;
  bankBranchCasesThisYear: number;
  crossProvinceCasesThisYear: number;
  slipsOpen: number;
  slipsOverdue: number;
  problemsOpen: number;
  blacklistListed: number;
  creditBase: number;
  blacklistRatio: number | null;
  fundsPaidThisYearFen: string;
  fundBeneficiariesThisYear: number;
  evaluation: { year: number; score: number; rank: number | null; rankOf: number | null } | null;
  monitoring: { month: Day; value: number; rank: number | null; rankOf: number | null } | null;
}

/** A work target of the year with its progress and status, from the rollup sums in `cases`. */
function target(code: string, value: ReturnType<typeof sql>, cumulative: boolean) {
  return sql`(SELECT json_build_object(
      'value', v.value, 'target', v.target,
      'expectedToDate', CASE WHEN ${cumulative} THEN round((v.target * o.elapsed)::numeric, 2)::float8 END,
      'progress', round((100.0 * v.value / nullif(v.target, 0))::numeric, 2)::float8,
      'status', ${statusSql(
        sql`v.value`,
        cumulative ? sql`v.target * o.elapsed` : sql`v.target`,
        sql`v.band`,
        sql`v.higher`,
      )})
    FROM (SELECT ${value}::float8 AS value, coalesce(t.target, i.target)::float8 AS target,
                 coalesce(t."warningBand", i."warningBand")::float8 AS band,
                 coalesce(i.direction, 'HIGHER_IS_BETTER') = 'HIGHER_IS_BETTER' AS higher
            FROM kr
            LEFT JOIN "Indicator" i ON i.code = ${code}::text
            LEFT JOIN "IndicatorTarget" t ON t."indicatorId" = i.id AND t.year = o.year AND t."regionId" = kr.id) v)`;
}

export async function overviewFigures(
  ctx: KpiContext,
  access: KpiAccess,
  regionCode: string | null,
  today: Day,
): Promise<Computed<OverviewJson>> {
  const year = { from: `${today.slice(0, 4)}-01-01`, to: today };
  const month = { from: monthStart(today), to: today };
  const yearAgo = { from: addMonths(year.from, -12), to: addMonths(today, -12) };
  const day = { from: today, to: today };
  const cover = coverOf([year, month, yearAgo, day], false);
  const selection: CaseSelection = {
    regionCode,
    access,
    channel: null,
    departmentId: access.departmentId,
    itemCode: null,
  };
  return atRegionLevel(ctx, selection, 'TOTAL', (source) =>
    queryJson<OverviewJson>(
      ctx,
      sql`WITH ${regionCte(regionCode, access)},
      o AS (SELECT ${today}::date AS today, ${Number(today.slice(0, 4))}::int AS year, ${yearElapsed(today)}::float8 AS elapsed),
      cases AS (
        SELECT coalesce(sum(f.cases) FILTER (WHERE ${between(sql`f.day`, day)}), 0)::int AS today,
               coalesce(sum(f.cases) FILTER (WHERE ${between(sql`f.day`, month)}), 0)::int AS month,
               coalesce(sum(f.cases) FILTER (WHERE ${between(sql`f.day`, year)}), 0)::int AS year,
               coalesce(sum(f."oneNetworkCases") FILTER (WHERE ${between(sql`f.day`, year)}), 0)::int AS "oneNetwork",
               coalesce(sum(f.cases) FILTER (WHERE ${between(sql`f.day`, year)} AND f."townshipCase"), 0)::int AS township,
               coalesce(sum(f."bankBranchCases") FILTER (WHERE ${between(sql`f.day`, year)}), 0)::int AS bank,
               coalesce(sum(f."crossProvinceCases") FILTER (WHERE ${between(sql`f.day`, year)}), 0)::int AS cross,
               coalesce(sum(f.cases) FILTER (WHERE ${between(sql`f.day`, yearAgo)}), 0)::int AS "yearAgo"
          FROM (${scopedFacts(cover, selection, source, false)}) f
      ),
      slips AS (
        SELECT count(*) FILTER (WHERE s."closedAt" IS NULL)::int AS open,
               count(*) FILTER (WHERE s."closedAt" IS NULL AND s.deadline < (SELECT today FROM o))::int AS overdue
          FROM "AssignmentSlip" s
          JOIN "Problem" p ON p.id = s."problemId"
          LEFT JOIN "Region" r ON r.id = p."regionId"
         WHERE s."issuedOn" <= (SELECT today FROM o)
           AND ${inDepartment(sql`s."departmentId"`, access.departmentId)} AND ${inRegionScope(sql`r.path`, access)}
      ),
      problems AS (
        SELECT count(*)::int AS open FROM "Problem" p LEFT JOIN "Region" r ON r.id = p."regionId"
         WHERE p.status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS')
           AND ${inDepartment(sql`p."ownerDepartmentId"`, access.departmentId)} AND ${inRegionScope(sql`r.path`, access)}
      ),
      subjects AS (
        SELECT s.* FROM "CreditSubject" s JOIN "Region" r ON r.id = s."regionId" CROSS JOIN kr
         WHERE r.path LIKE kr.path || '%'
      ),
      credit AS (
        SELECT (SELECT count(*) FROM subjects s
                 WHERE s."registeredOn" <= o.today AND (s."leftOn" IS NULL OR s."leftOn" > o.today))::int AS base,
               (SELECT count(DISTINCT b."subjectId") FROM "BlacklistEntry" b
                 WHERE b."listedOn" <= o.today AND (b."removedOn" IS NULL OR b."removedOn" > o.today)
                   AND b."subjectId" IN (SELECT id FROM subjects)
                   AND ${inDepartment(sql`b."sourceDepartmentId"`, access.departmentId)})::int AS listed
          FROM o
      ),
      funds AS (
        SELECT coalesce(sum(x."amountFen"), 0)::text AS paid, count(DISTINCT x."enterpriseId")::int AS beneficiaries
          FROM "Disbursement" x
          JOIN "Policy" po ON po.id = x."policyId"
          JOIN "Enterprise" e ON e.id = x."enterpriseId"
          JOIN "Region" r ON r.id = e."regionId"
          CROSS JOIN kr
         WHERE ${between(sql`x."paidOn"`, year)} AND r.path LIKE kr.path || '%'
           AND ${inDepartment(sql`po."departmentId"`, access.departmentId)}
      ),
      evaluation AS (
        SELECT extract(year FROM v."periodStart")::int AS year, v.value::float8 AS score, v.rank, v."rankOf"
          FROM "IndicatorValue" v JOIN "Indicator" i ON i.id = v."indicatorId" CROSS JOIN kr
         WHERE i.category = 'EVALUATION' AND i."parentId" IS NULL AND v."regionId" = kr.id AND v."periodKind" = 'YEAR'
         ORDER BY v."periodStart" DESC LIMIT 1
      ),
      monitoring AS (
        SELECT v."periodStart" AS month, v.value::float8 AS value, v.rank, v."rankOf"
          FROM "IndicatorValue" v JOIN "Indicator" i ON i.id = v."indicatorId" CROSS JOIN kr
         WHERE i.category = 'PASSIVE_MONITORING' AND i."parentId" IS NULL AND v."regionId" = kr.id
           AND v."periodKind" = 'MONTH' AND v."periodStart" <= ${today}::date
         ORDER BY v."periodStart" DESC LIMIT 1
      )
      SELECT json_build_object(
        'region', (SELECT row_to_json(kr) FROM kr),
        'today', o.today, 'yearElapsed', round((100 * o.elapsed)::numeric, 2)::float8,
        'casesToday', c.today, 'casesThisMonth', c.month, 'casesThisYear', c.year,
        'casesSameDaysLastYear', c."yearAgo",
        'casesYearOnYearPercent', round(100.0 * (c.year - c."yearAgo") / nullif(c."yearAgo", 0), 2)::float8,
        'oneNetworkCasesThisYear', c."oneNetwork",
        'oneNetworkRate', ${target('WT-ONE-NETWORK-RATE', sql`round(100.0 * c."oneNetwork" / nullif(c.year, 0), 2)`, false)},
        'caseVolume', ${target('WT-CASE-VOLUME', sql`c.year`, true)},
        'townshipCases', ${target('WT-TOWNSHIP-CASE-VOLUME', sql`c.township`, true)},
        'bankBranchCasesThisYear', c.bank, 'crossProvinceCasesThisYear', c.cross,
        'slipsOpen', s.open, 'slipsOverdue', s.overdue, 'problemsOpen', p.open,
        'blacklistListed', cr.listed, 'creditBase', cr.base,
        'blacklistRatio', round(100.0 * cr.listed / nullif(cr.base, 0), 2)::float8,
        'fundsPaidThisYearFen', fu.paid, 'fundBeneficiariesThisYear', fu.beneficiaries,
        'evaluation', (SELECT row_to_json(e) FROM evaluation e),
        'monitoring', (SELECT row_to_json(m) FROM monitoring m)
      ) AS result
        FROM o CROSS JOIN cases c CROSS JOIN slips s CROSS JOIN problems p CROSS JOIN credit cr CROSS JOIN funds fu
             CROSS JOIN kr
       WHERE kr.allowed
      UNION ALL
      SELECT json_build_object('region', (SELECT row_to_json(kr) FROM kr)) FROM kr WHERE NOT kr.allowed
      UNION ALL
      SELECT json_build_object('region', NULL) WHERE NOT EXISTS (SELECT 1 FROM kr)`,
    ),
  );
}
