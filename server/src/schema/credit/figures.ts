// Credit (信用体系): the serious-dishonesty list ("blacklist") as a month-end series with its
// ratio to the credit base, credit repairs by status, and double publicity's three rates (双公示
// "三率") by department, timeliness counted on China's working-day calendar.

import type { Day, Period } from '../../kpi/period.ts';
import {
  type Computed,
  inDepartment,
  inRegionScope,
  type KpiAccess,
  type KpiContext,
  queryJson,
  rankByValue,
  raw,
  sql,
} from '../../kpi/sql.ts';
import { reads } from '../reads.ts';

/** What the blacklist series reads. */
export const BLACKLIST_READS = reads('CreditSubject', 'BlacklistEntry', 'Department', 'Region');
/** What the credit-repair figures (信用修复) read. */
export const REPAIR_READS = reads('CreditSubject', 'CreditRepair', 'Department', 'Region', 'BlacklistEntry');
/** What the publicity rates (双公示) read. */
export const PUBLICITY_READS = reads('PublicityRecord', 'Department', 'WorkCalendar');

export interface BlacklistPointJson {
  month: Day;
  /** The day counted: the month's last day, or today for the running month. */
  day: Day;
  listed: number;
  base: number;
  ratio: number | null;
  departments: Array<{ code: string; name: string; listed: number }>;
}

/**
 * Firms on the list at each month end (listed on or before it and not removed by then; a firm
 * on the list of two departments counts once) over the firms in the credit base then
 * (registered on or before it and not left). A department (its own for DEPARTMENT callers)
 * narrows the listed firms, not the base.
 */
export async function blacklistSeries(
  ctx: KpiContext,
  scope: { access: KpiAccess; departmentId: number | null },
  range: { from: Day; to: Day; today: Day },
): Promise<Computed<BlacklistPointJson[]>> {
  return queryJson(
    ctx,
    sql`WITH ends AS (
      SELECT m::date AS month, least((m + interval '1 month' - interval '1 day')::date, ${range.today}::date) AS day
        FROM generate_series(date_trunc('month', ${range.from}::date::timestamp),
                             date_trunc('month', least(${range.to}::date, ${range.today}::date)::timestamp),
                             interval '1 month') m
    ),
    subjects AS (
      SELECT s.* FROM "CreditSubject" s JOIN "Region" r ON r.id = s."regionId"
       WHERE ${inRegionScope(sql`r.path`, scope.access)}
    ),
    listed AS (
      SELECT e.month, b."sourceDepartmentId", b."subjectId"
        FROM ends e
        JOIN "BlacklistEntry" b ON b."listedOn" <= e.day AND (b."removedOn" IS NULL OR b."removedOn" > e.day)
       WHERE b."subjectId" IN (SELECT id FROM subjects)
         AND ${inDepartment(sql`b."sourceDepartmentId"`, scope.departmentId)}
    ),
    base AS (
      SELECT e.month, count(s.id)::int AS base
        FROM ends e LEFT JOIN subjects s ON s."registeredOn" <= e.day AND (s."leftOn" IS NULL OR s."leftOn" > e.day)
       GROUP BY e.month
    ),
    -- Counted once per month (and department), not once per figure of each month: the month-end
    -- rows of the list, scanned three times for every month, took 0.6 s on PostgreSQL.
    by_month AS (
      SELECT l.month, count(DISTINCT l."subjectId")::int AS listed FROM listed l GROUP BY 1
    ),
    by_department AS (
      SELECT l.month, l."sourceDepartmentId", count(DISTINCT l."subjectId")::int AS n FROM listed l GROUP BY 1, 2
    )
    SELECT coalesce(json_agg(json_build_object(
        'month', e.month, 'day', e.day, 'base', b.base,
        'listed', coalesce(m.listed, 0),
        'ratio', round(100.0 * coalesce(m.listed, 0) / nullif(b.base, 0), 2)::float8,
        'departments', coalesce((SELECT json_agg(json_build_object('code', d.code, 'name', d.name, 'listed', x.n) ORDER BY x.n DESC, d.code)
                                  FROM by_department x JOIN "Department" d ON d.id = x."sourceDepartmentId"
                                 WHERE x.month = e.month), '[]'::json)
      ) ORDER BY e.month), '[]'::json) AS result
      FROM ends e JOIN base b ON b.month = e.month LEFT JOIN by_month m ON m.month = e.month`,
    BLACKLIST_READS,
  );
}

export interface RepairFiguresJson {
  applied: number;
  byStatus: Array<{ key: string; count: number }>;
  averageDecisionDays: number | null;
}

/** Credit-repair applications of a period by their status now, and the days to a decision. */
export async function repairFigures(
  ctx: KpiContext,
  scope: { access: KpiAccess; departmentId: number | null },
  period: Period,
): Promise<Computed<RepairFiguresJson>> {
  return queryJson(
    ctx,
    sql`WITH repairs AS (
      SELECT c.* FROM "CreditRepair" c
        JOIN "CreditSubject" s ON s.id = c."subjectId"
        JOIN "Region" r ON r.id = s."regionId"
        LEFT JOIN "BlacklistEntry" b ON b.id = c."blacklistEntryId"
       WHERE c."appliedOn" BETWEEN ${period.from}::date AND ${period.to}::date
         AND ${inRegionScope(sql`r.path`, scope.access)}
         AND (${scope.departmentId}::int IS NULL OR b."sourceDepartmentId" = ${scope.departmentId}::int)
    )
    SELECT json_build_object(
      'applied', (SELECT count(*) FROM repairs)::int,
      'byStatus', (SELECT json_agg(json_build_object('key', k::text,
                     'count', (SELECT count(*) FROM repairs WHERE status = k)::int) ORDER BY k)
                     FROM unnest(enum_range(NULL::"RepairStatus")) k),
      'averageDecisionDays', (SELECT round(avg("decidedOn" - "appliedOn"), 1)::float8 FROM repairs WHERE "decidedOn" IS NOT NULL)
    ) AS result`,
    REPAIR_READS,
  );
}

export interface PublicityRowJson {
  code: string;
  name: string;
  records: number;
  published: number;
  judged: number;
  timely: number;
  accurate: number;
  complete: number;
  timelinessRate: number | null;
  accuracyRate: number | null;
  completenessRate: number | null;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
}

/**
 * The three rates (三率) of decisions taken in a period, by department and in all. Timely:
 * published within 7 working days after the decision (the working days after the decision day
 * up to and including the publication day); judged are the records published or whose 7 days
 * are over at today, so a decision of yesterday does not count as late yet. Accurate and
 * complete are shares of all records. Departments rank by the mean of the three rates.
 */
export async function publicityFigures(
  ctx: KpiContext,
  departmentId: number | null,
  periods: { current: Period; previous: Period },
  today: Day,
): Promise<Computed<{ totals: PublicityRowJson; departments: PublicityRowJson[] }>> {
  const { current, previous } = periods;
  const measures = (when: string) => {
    const w = raw(when);
    return sql`count(*) FILTER (WHERE ${w})::int AS records,
      count(*) FILTER (WHERE ${w} AND "publishedOn" IS NOT NULL)::int AS published,
      count(*) FILTER (WHERE ${w} AND ("publishedOn" IS NOT NULL OR "todayNumber" - "decidedNumber" > 7))::int AS judged,
      count(*) FILTER (WHERE ${w} AND "publishedNumber" - "decidedNumber" <= 7)::int AS timely,
      count(*) FILTER (WHERE ${w} AND accurate)::int AS accurate,
      count(*) FILTER (WHERE ${w} AND complete)::int AS complete`;
  };
  const rates = sql`round(100.0 * timely / nullif(judged, 0), 2)::float8 AS "timelinessRate",
    round(100.0 * accurate / nullif(records, 0), 2)::float8 AS "accuracyRate",
    round(100.0 * complete / nullif(records, 0), 2)::float8 AS "completenessRate"`;
  const row = sql`json_build_object('code', code, 'name', name,
      'records', records, 'published', published, 'judged', judged, 'timely', timely, 'accurate', accurate,
      'complete', complete, 'timelinessRate', "timelinessRate", 'accuracyRate', "accuracyRate",
      'completenessRate', "completenessRate", 'rank', rank, 'previousRank', "previousRank",
      'rankChange', "previousRank" - rank)`;
  return queryJson(
    ctx,
    sql`WITH records AS (
      SELECT p.*, d.code, d.name, ca."workdayNumber" AS "decidedNumber", cp."workdayNumber" AS "publishedNumber",
             ct."workdayNumber" AS "todayNumber",
             p."decidedOn" BETWEEN ${current.from}::date AND ${current.to}::date AS current
        FROM "PublicityRecord" p
        JOIN "Department" d ON d.id = p."departmentId"
        LEFT JOIN "WorkCalendar" ca ON ca.day = p."decidedOn"
        LEFT JOIN "WorkCalendar" cp ON cp.day = p."publishedOn"
        LEFT JOIN "WorkCalendar" ct ON ct.day = ${today}::date
       WHERE (p."decidedOn" BETWEEN ${current.from}::date AND ${current.to}::date
              OR p."decidedOn" BETWEEN ${previous.from}::date AND ${previous.to}::date)
         AND ${inDepartment(sql`p."departmentId"`, departmentId)}
    ),
    now AS (SELECT code, name, ${measures('current')} FROM records GROUP BY code, name),
    before AS (SELECT code, ${measures('NOT current')} FROM records GROUP BY code),
    rated AS (SELECT now.*, ${rates} FROM now),
    rated_before AS (SELECT before.code, ${rates} FROM before),
    ranked AS (
      SELECT r.*,
             ${rankByValue(sql`("timelinessRate" + "accuracyRate" + "completenessRate")`)} AS rank,
             b.rank AS "previousRank"
        FROM rated r LEFT JOIN (
          SELECT code, ${rankByValue(sql`("timelinessRate" + "accuracyRate" + "completenessRate")`)} AS rank
            FROM rated_before WHERE "timelinessRate" IS NOT NULL AND "accuracyRate" IS NOT NULL
        ) b ON b.code = r.code
       WHERE r.records > 0
    ),
    total AS (SELECT t.*, ${rates}, NULL::int AS rank, NULL::int AS "previousRank"
                FROM (SELECT 'ALL' AS code, '全部部门' AS name, ${measures('current')} FROM records) t)
    SELECT json_build_object(
      'totals', (SELECT ${row} FROM total),
      'departments', coalesce((SELECT json_agg(${row} ORDER BY rank, code) FROM ranked), '[]'::json)
    ) AS result`,
    PUBLICITY_READS,
  );
}
