// The big screen's headline figures (指挥中心大屏) in two statements: cases today, this month and
// this year against last year, the one-network rate and the case targets with their status,
// slips open and overdue, the blacklist ratio, policy funds paid this year, and the latest
// evaluation and monitoring ranks. Case figures come from the rollups (a few thousand rows for
// a year at any volume); the other figures from tables of thousands of rows at most.

import { addMonths, type Day, monthStart, yearElapsed } from '../../kpi/period.ts';
import {
  between,
  buildOnce,
  type Computed,
  empty,
  inDepartment,
  type KpiAccess,
  type KpiContext,
  NotKept,
  queryJson,
  type RegionJson,
  regionCte,
  type Sql,
  sql,
} from '../../kpi/sql.ts';
import { type Status, statusSql } from '../../kpi/status.ts';
import { BLACKLIST_READS, REPAIR_READS } from '../credit/figures.ts';
import { FUND_READS } from '../funds/figures.ts';
import { PROBLEM_READS } from '../problems/figures.ts';
import { reads } from '../reads.ts';
import {
  addCases,
  type CaseCounters,
  type CaseFact,
  type CounterPeriods,
  type KeptCounters,
  type LiveCases,
} from '../services/case-facts.ts';
import {
  atRegionLevel,
  CASE_READS,
  type CaseSelection,
  type CaseSource,
  coverOf,
  scopedFacts,
} from '../services/case-figures.ts';

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

/** What the overview's case statement answers: everything but the other lines of work. */
type CasePart = Omit<
  OverviewJson,
  | 'slipsOpen'
  | 'slipsOverdue'
  | 'problemsOpen'
  | 'blacklistListed'
  | 'creditBase'
  | 'blacklistRatio'
  | 'fundsPaidThisYearFen'
  | 'fundBeneficiariesThisYear'
  | 'evaluation'
  | 'monitoring'
>;
type OtherPart = Omit<OverviewJson, keyof CasePart>;

/** The tables each of the overview's two statements reads (see queryJson). */
const CASE_PART_READS = reads(CASE_READS, 'Indicator', 'IndicatorTarget');
const OTHER_PART_READS = reads(
  PROBLEM_READS,
  BLACKLIST_READS,
  REPAIR_READS,
  FUND_READS,
  'Indicator',
  'IndicatorValue',
);
/** Every table the overview reads: what `Query.overview` declares. */
export const OVERVIEW_READS = reads(CASE_PART_READS, OTHER_PART_READS);

/**
 * The overview in two statements kept apart: the case figures (written many times a minute) and
 * the other lines of work (slips, credit, funds, ranks). A case written recomputes only the first;
 * the second is handed out again while none of its tables changed.
 */
export async function overviewFigures(
  ctx: KpiContext,
  access: KpiAccess,
  regionCode: string | null,
  today: Day,
  live: LiveCases | null,
): Promise<Computed<OverviewJson>> {
  const [cases, other] = await Promise.all([
    overviewCases(ctx, access, regionCode, today, live),
    overviewOther(ctx, access, regionCode, today, live?.keptOnly ?? false),
  ]);
  return {
    data: { ...cases.data, ...other.data },
    // Both parts are current at the later computation: a kept part was checked unchanged then.
    asOf: new Date(Math.max(cases.asOf.getTime(), other.asOf.getTime())),
  };
}

/** The periods of the overview's case counts on `today`. */
function casePeriods(today: Day): CounterPeriods {
  const yearStart = `${today.slice(0, 4)}-01-01`;
  return {
    day: { from: today, to: today },
    month: { from: monthStart(today), to: today },
    year: { from: yearStart, to: today },
    yearAgo: { from: addMonths(yearStart, -12), to: addMonths(today, -12) },
  };
}

/** What the case statement answers: the figures, and the counts and snapshot they come from. */
interface CaseStatementJson {
  figures: CasePart;
  counters: CaseCounters;
  snapshot: string;
}

/**
 * The case figures from one row of counts (`counts`, CaseCounters' columns): the rates, the
 * year-on-year change and the work targets with their status are worked out here, whether the
 * counts were just summed from the rollups or are kept ones with new cases added.
 */
function caseFiguresSql(regionCode: string | null, access: KpiAccess, today: Day, counts: Sql): Sql {
  return sql`WITH ${regionCte(regionCode, access)},
      o AS (SELECT ${today}::date AS today, ${Number(today.slice(0, 4))}::int AS year, ${yearElapsed(today)}::float8 AS elapsed),
      cases AS MATERIALIZED (${counts})
      SELECT json_build_object(
        'figures', json_build_object(
          'region', (SELECT row_to_json(kr) FROM kr),
          'today', o.today, 'yearElapsed', round((100 * o.elapsed)::numeric, 2)::float8,
          'casesToday', c.today, 'casesThisMonth', c.month, 'casesThisYear', c.year,
          'casesSameDaysLastYear', c."yearAgo",
          'casesYearOnYearPercent', round(100.0 * (c.year - c."yearAgo") / nullif(c."yearAgo", 0), 2)::float8,
          'oneNetworkCasesThisYear', c."oneNetwork",
          'oneNetworkRate', ${target('WT-ONE-NETWORK-RATE', sql`round(100.0 * c."oneNetwork" / nullif(c.year, 0), 2)`, false)},
          'caseVolume', ${target('WT-CASE-VOLUME', sql`c.year`, true)},
          'townshipCases', ${target('WT-TOWNSHIP-CASE-VOLUME', sql`c.township`, true)},
          'bankBranchCasesThisYear', c.bank, 'crossProvinceCasesThisYear', c.cross
        ),
        'counters', row_to_json(c), 'snapshot', pg_current_snapshot()::text
      ) AS result
        FROM o CROSS JOIN cases c`;
}

async function overviewCases(
  ctx: KpiContext,
  access: KpiAccess,
  regionCode: string | null,
  today: Day,
  live: LiveCases | null,
): Promise<Computed<CasePart>> {
  const periods = casePeriods(today);
  const key = JSON.stringify([access, regionCode, today]);
  if (live?.keptOnly) {
    const kept = live.facts.recent(key);
    if (!kept) throw new NotKept();
    return withCases(ctx, kept, live.facts.missingFrom(kept.snapshot), null, [regionCode, access, today]);
  }
  const cover = coverOf([periods.year, periods.month, periods.yearAgo, periods.day], false);
  const selection: CaseSelection = {
    regionCode,
    access,
    channel: null,
    departmentId: access.departmentId,
    itemCode: null,
  };
  // The rollups the figures came from: new cases can be added to the area ones only.
  let source: CaseSource = 'AREA';
  const computed = await atRegionLevel(ctx, selection, 'TOTAL', async (used) => {
    source = used;
    const answer = await queryJson<CaseStatementJson>(
      ctx,
      buildOnce(['overview-cases', access, regionCode, today, source], () =>
        caseFiguresSql(
          regionCode,
          access,
          today,
          sql`SELECT coalesce(sum(f.cases) FILTER (WHERE ${between(sql`f.day`, periods.day)}), 0)::int AS today,
               coalesce(sum(f.cases) FILTER (WHERE ${between(sql`f.day`, periods.month)}), 0)::int AS month,
               coalesce(sum(f.cases) FILTER (WHERE ${between(sql`f.day`, periods.year)}), 0)::int AS year,
               coalesce(sum(f."oneNetworkCases") FILTER (WHERE ${between(sql`f.day`, periods.year)}), 0)::int AS "oneNetwork",
               coalesce(sum(f.cases) FILTER (WHERE ${between(sql`f.day`, periods.year)} AND f."townshipCase"), 0)::int AS township,
               coalesce(sum(f."bankBranchCases") FILTER (WHERE ${between(sql`f.day`, periods.year)}), 0)::int AS bank,
               coalesce(sum(f."crossProvinceCases") FILTER (WHERE ${between(sql`f.day`, periods.year)}), 0)::int AS cross,
               coalesce(sum(f.cases) FILTER (WHERE ${between(sql`f.day`, periods.yearAgo)}), 0)::int AS "yearAgo"
          FROM (${scopedFacts(cover, selection, source, false)}) f`,
        ),
      ),
      CASE_PART_READS,
    );
    return { data: { ...answer.data, region: answer.data.figures.region }, asOf: answer.asOf };
  });
  const { figures, counters, snapshot } = computed.data;
  if (!live || source !== 'AREA') return { data: figures, asOf: computed.asOf };
  const region = figures.region;
  const kept = live.facts.keep(key, {
    counters,
    snapshot,
    regionPath: region?.allowed === false ? null : (region?.path ?? null),
  });
  return withCases(ctx, kept, live.facts.missingFrom(snapshot), { data: figures, asOf: computed.asOf }, [
    regionCode,
    access,
    today,
  ]);
}

/**
 * The case figures from kept counts and the cases they lack (worked out by caseFiguresSql from
 * the counts alone: no rollup is read). Figures the same as last handed out keep their time, so
 * a recomputation that confirms what new cases already showed is not pushed again.
 */
async function withCases(
  ctx: KpiContext,
  kept: KeptCounters,
  facts: readonly CaseFact[],
  computed: Computed<CasePart> | null,
  [regionCode, access, today]: [string | null, KpiAccess, Day],
): Promise<Computed<CasePart>> {
  let { data, asOf } = computed ?? { data: null, asOf: ctx.clock() };
  if (!data || facts.length > 0) {
    const c = addCases(kept, facts, casePeriods(today));
    const statement = caseFiguresSql(
      regionCode,
      access,
      today,
      sql`SELECT ${c.today}::int AS today, ${c.month}::int AS month, ${c.year}::int AS year,
                 ${c.oneNetwork}::int AS "oneNetwork", ${c.township}::int AS township, ${c.bank}::int AS bank,
                 ${c.cross}::int AS cross, ${c.yearAgo}::int AS "yearAgo"`,
    );
    const [row] = await ctx.db.sql.query<{ result: CaseStatementJson }>(statement.text, statement.values);
    if (!row) throw new Error('the case figures statement returned no row');
    data = row.result.figures;
    asOf = ctx.clock();
  }
  const text = JSON.stringify(data);
  if (kept.shown?.text === text) asOf = kept.shown.asOf;
  else kept.shown = { text, asOf };
  return { data, asOf };
}

function overviewOther(
  ctx: KpiContext,
  access: KpiAccess,
  regionCode: string | null,
  today: Day,
  keptOnly: boolean,
): Promise<Computed<OtherPart>> {
  const year = { from: `${today.slice(0, 4)}-01-01`, to: today };
  return queryJson<OtherPart>(
    ctx,
    buildOnce(
      ['overview-other', access, regionCode, today],
      () => sql`WITH ${regionCte(regionCode, access)},
      subtree AS MATERIALIZED (
        SELECT r.id FROM "Region" r CROSS JOIN kr WHERE kr.allowed AND starts_with(r.path, kr.path)
      ),
      -- Problems without a region are the county's: counted for the county and the city.
      problems AS MATERIALIZED (
        SELECT p.id, p.status FROM "Problem" p
         WHERE (p."regionId" IN (SELECT id FROM subtree)
                OR (p."regionId" IS NULL AND (SELECT level FROM kr) IN ('COUNTY', 'CITY') AND (SELECT allowed FROM kr)))
           AND ${inDepartment(sql`p."ownerDepartmentId"`, access.departmentId)}
      ),
      slips AS MATERIALIZED (
        SELECT count(*) FILTER (WHERE s."closedAt" IS NULL)::int AS open,
               count(*) FILTER (WHERE s."closedAt" IS NULL AND s.deadline < ${today}::date)::int AS overdue
          FROM "AssignmentSlip" s
         WHERE s."issuedOn" <= ${today}::date AND s."problemId" IN (SELECT id FROM problems)
           AND ${inDepartment(sql`s."departmentId"`, access.departmentId)}
      ),
      credit AS MATERIALIZED (
        SELECT (SELECT count(*) FROM "CreditSubject" s
                 WHERE s."regionId" IN (SELECT id FROM subtree)
                   AND s."registeredOn" <= ${today}::date AND (s."leftOn" IS NULL OR s."leftOn" > ${today}::date))::int AS base,
               (SELECT count(DISTINCT b."subjectId") FROM "BlacklistEntry" b JOIN "CreditSubject" s ON s.id = b."subjectId"
                 WHERE b."listedOn" <= ${today}::date AND (b."removedOn" IS NULL OR b."removedOn" > ${today}::date)
                   AND s."regionId" IN (SELECT id FROM subtree)
                   AND ${inDepartment(sql`b."sourceDepartmentId"`, access.departmentId)})::int AS listed
      ),
      funds AS MATERIALIZED (
        SELECT coalesce(sum(x."amountFen"), 0)::text AS paid, count(DISTINCT x."enterpriseId")::int AS beneficiaries
          FROM "Disbursement" x
         WHERE ${between(sql`x."paidOn"`, year)}
           AND x."enterpriseId" IN (SELECT e.id FROM "Enterprise" e WHERE e."regionId" IN (SELECT id FROM subtree))
           ${
             access.departmentId !== null
               ? sql`AND x."policyId" IN (SELECT po.id FROM "Policy" po WHERE po."departmentId" = ${access.departmentId}::int)`
               : empty
           }
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
        'slipsOpen', s.open, 'slipsOverdue', s.overdue,
        'problemsOpen', (SELECT count(*) FROM problems WHERE status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS'))::int,
        'blacklistListed', cr.listed, 'creditBase', cr.base,
        'blacklistRatio', round(100.0 * cr.listed / nullif(cr.base, 0), 2)::float8,
        'fundsPaidThisYearFen', fu.paid, 'fundBeneficiariesThisYear', fu.beneficiaries,
        'evaluation', (SELECT row_to_json(e) FROM evaluation e),
        'monitoring', (SELECT row_to_json(m) FROM monitoring m)
      ) AS result
        FROM slips s CROSS JOIN credit cr CROSS JOIN funds fu`,
    ),
    OTHER_PART_READS,
    keptOnly,
  );
}
