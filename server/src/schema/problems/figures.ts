// Obstacle clearing (清障行动): problems by status, source and department; assignment slips
// (交办单) open, overdue and closed on time, with the handling time in working days; investment
// projects by status with their latest monthly progress.

import type { DayRange, Period } from '../../kpi/period.ts';
import {
  type Computed,
  inDepartment,
  inRegionScope,
  type KpiAccess,
  type KpiContext,
  queryJson,
  rankByCount,
  rankByValue,
  raw,
  type Sql,
  sql,
} from '../../kpi/sql.ts';
import { reads } from '../reads.ts';

/** What the problem counts read. */
export const PROBLEM_READS = reads(
  'Problem',
  'AssignmentSlip',
  'ProblemFollowUp',
  'ProblemReview',
  'Department',
  'Region',
);
/** What the assignment-slip figures (交办单) read. */
export const SLIP_READS = reads('AssignmentSlip', 'Problem', 'Department', 'Region', 'WorkCalendar');
/** What the investment-project figures read. */
export const PROJECT_READS = reads('InvestmentProject', 'ProjectProgress', 'Region', 'Department');

export type ProblemGrouping = 'STATUS' | 'SOURCE' | 'DEPARTMENT';

export interface ProblemRowJson {
  key: string;
  label: string;
  count: number;
  open: number;
  resolved: number;
  overdue: number;
  previousCount: number;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
}

export interface ProblemScope {
  access: KpiAccess;
  /** Owner department (already checked against the caller's). */
  departmentId: number | null;
}

const problemKeys: Record<ProblemGrouping, { key: Sql; keys: Sql }> = {
  STATUS: {
    key: sql`p.status::text`,
    keys: sql`SELECT k::text AS key, k::text AS label FROM unnest(enum_range(NULL::"ProblemStatus")) k`,
  },
  SOURCE: {
    key: sql`p.source::text`,
    keys: sql`SELECT k::text AS key, k::text AS label FROM unnest(enum_range(NULL::"ProblemSource")) k`,
  },
  DEPARTMENT: {
    key: sql`d.code`,
    keys: sql`SELECT d.code AS key, d.name AS label FROM "Department" d WHERE d.code IN (SELECT key FROM counted)`,
  },
};

/**
 * Problems reported in a period, split by status (as it is now), source or owner department;
 * open, resolved and overdue (open past its deadline) counted as of the period's last day (or
 * today). Ranked by count, with the rank in the previous period.
 */
export async function problemCounts(
  ctx: KpiContext,
  scope: ProblemScope,
  periods: { current: Period; previous: Period },
  by: ProblemGrouping,
  asOf: string,
): Promise<Computed<{ total: number; rows: ProblemRowJson[] }>> {
  const { key, keys } = problemKeys[by];
  const { current, previous } = periods;
  return queryJson(
    ctx,
    sql`WITH problems AS (
      SELECT ${key} AS key, p."reportedOn", p.deadline,
             (p."resolvedAt" AT TIME ZONE 'Asia/Shanghai')::date AS "resolvedOn",
             (p."closedAt" AT TIME ZONE 'Asia/Shanghai')::date AS "closedOn"
        FROM "Problem" p
        JOIN "Department" d ON d.id = p."ownerDepartmentId"
        LEFT JOIN "Region" r ON r.id = p."regionId"
       WHERE (p."reportedOn" BETWEEN ${current.from}::date AND ${current.to}::date
              OR p."reportedOn" BETWEEN ${previous.from}::date AND ${previous.to}::date)
         AND ${inDepartment(sql`p."ownerDepartmentId"`, scope.departmentId)}
         AND ${inRegionScope(sql`r.path`, scope.access)}
    ),
    counted AS (
      SELECT key,
        count(*) FILTER (WHERE "reportedOn" BETWEEN ${current.from}::date AND ${current.to}::date)::int AS count,
        count(*) FILTER (WHERE "reportedOn" BETWEEN ${previous.from}::date AND ${previous.to}::date)::int AS "previousCount",
        count(*) FILTER (WHERE "reportedOn" BETWEEN ${current.from}::date AND ${current.to}::date
                          AND coalesce("resolvedOn", "closedOn") IS NOT NULL
                          AND coalesce("resolvedOn", "closedOn") <= ${asOf}::date)::int AS resolved,
        count(*) FILTER (WHERE "reportedOn" BETWEEN ${current.from}::date AND ${current.to}::date
                          AND (coalesce("resolvedOn", "closedOn") IS NULL OR coalesce("resolvedOn", "closedOn") > ${asOf}::date)
                          AND deadline < ${asOf}::date)::int AS overdue
        FROM problems GROUP BY key
    ),
    rows AS (
      SELECT k.key, k.label, coalesce(c.count, 0) AS count, coalesce(c.resolved, 0) AS resolved,
             coalesce(c.count, 0) - coalesce(c.resolved, 0) AS open, coalesce(c.overdue, 0) AS overdue,
             coalesce(c."previousCount", 0) AS "previousCount",
             ${rankByCount(sql`c.count`)} AS rank, ${rankByCount(sql`c."previousCount"`)} AS "previousRank"
        FROM (${keys}) k LEFT JOIN counted c ON c.key = k.key
    )
    SELECT json_build_object(
      'total', (SELECT coalesce(sum(count), 0)::int FROM counted),
      'rows', coalesce((SELECT json_agg(json_build_object(
          'key', key, 'label', label, 'count', count, 'open', open, 'resolved', resolved, 'overdue', overdue,
          'previousCount', "previousCount", 'rank', rank, 'previousRank', "previousRank",
          'rankChange', "previousRank" - rank) ORDER BY rank NULLS LAST, key) FROM rows), '[]'::json)
    ) AS result`,
    PROBLEM_READS,
  );
}

export interface SlipFiguresJson {
  issued: number;
  open: number;
  overdue: number;
  closed: number;
  closedOnTime: number;
  closedLate: number;
  onTimeRate: number | null;
  averageHandlingWorkdays: number | null;
}

export interface SlipDepartmentJson extends SlipFiguresJson {
  code: string;
  name: string;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
}

function slipMeasures(prefix: string): Sql {
  const s = raw(prefix);
  return sql`count(*) FILTER (WHERE ${s}.current)::int AS issued,
    count(*) FILTER (WHERE ${s}.current AND ${s}.open)::int AS open,
    count(*) FILTER (WHERE ${s}.current AND ${s}.open AND ${s}.deadline < ${s}."asOf")::int AS overdue,
    count(*) FILTER (WHERE ${s}.current AND NOT ${s}.open)::int AS closed,
    count(*) FILTER (WHERE ${s}.current AND NOT ${s}.open AND ${s}."closedOn" <= ${s}.deadline)::int AS "closedOnTime",
    count(*) FILTER (WHERE ${s}.current AND NOT ${s}.open AND ${s}."closedOn" > ${s}.deadline)::int AS "closedLate",
    round(100.0 * count(*) FILTER (WHERE ${s}.current AND NOT ${s}.open AND ${s}."closedOn" <= ${s}.deadline)
          / nullif(count(*) FILTER (WHERE ${s}.current AND NOT ${s}.open), 0), 2)::float8 AS "onTimeRate",
    round(avg(${s}.workdays) FILTER (WHERE ${s}.current AND NOT ${s}.open), 1)::float8 AS "averageHandlingWorkdays",
    round(100.0 * count(*) FILTER (WHERE NOT ${s}.current AND NOT ${s}.open AND ${s}."closedOn" <= ${s}.deadline)
          / nullif(count(*) FILTER (WHERE NOT ${s}.current AND NOT ${s}.open), 0), 2)::float8 AS "previousOnTimeRate"`;
}

/**
 * Slips issued in a period, as of its last day (or today while it runs): still open, overdue
 * (open past the deadline), closed on or before the deadline, and the average handling time in
 * working days (the working days after the day of issue up to and including the day it was
 * closed, on China's working-day calendar). Departments are ranked by on-time rate, the rank
 * compared with the previous period's.
 */
export async function slipFigures(
  ctx: KpiContext,
  scope: ProblemScope,
  periods: { current: Period & { asOf: string }; previous: Period & { asOf: string } },
): Promise<Computed<{ totals: SlipFiguresJson; departments: SlipDepartmentJson[] }>> {
  const { current, previous } = periods;
  return queryJson(
    ctx,
    sql`WITH slips AS (
      SELECT s.*, d.code AS "departmentCode", d.name AS "departmentName", w.current,
             CASE WHEN w.current THEN ${current.asOf}::date ELSE ${previous.asOf}::date END AS "asOf",
             (s."closedAt" AT TIME ZONE 'Asia/Shanghai')::date AS "closedOn"
        FROM "AssignmentSlip" s
        JOIN "Department" d ON d.id = s."departmentId"
        JOIN "Problem" p ON p.id = s."problemId"
        LEFT JOIN "Region" r ON r.id = p."regionId"
        CROSS JOIN LATERAL (SELECT s."issuedOn" BETWEEN ${current.from}::date AND ${current.to}::date AS current) w
       WHERE (s."issuedOn" BETWEEN ${current.from}::date AND ${current.to}::date
              OR s."issuedOn" BETWEEN ${previous.from}::date AND ${previous.to}::date)
         AND ${inDepartment(sql`s."departmentId"`, scope.departmentId)}
         AND ${inRegionScope(sql`r.path`, scope.access)}
    ),
    handled AS (
      SELECT x.*, (x."closedOn" IS NULL OR x."closedOn" > x."asOf") AS open,
             cb."workdayNumber" - ca."workdayNumber" AS workdays
        FROM slips x
        LEFT JOIN "WorkCalendar" ca ON ca.day = x."issuedOn"
        LEFT JOIN "WorkCalendar" cb ON cb.day = x."closedOn"
    ),
    departments AS (
      SELECT "departmentCode" AS code, "departmentName" AS name, ${slipMeasures('handled')}
        FROM handled GROUP BY "departmentCode", "departmentName"
    ),
    ranked AS (
      SELECT *, ${rankByValue(sql`"onTimeRate"`)} AS rank, ${rankByValue(sql`"previousOnTimeRate"`)} AS "previousRank"
        FROM departments
    )
    SELECT json_build_object(
      'totals', (SELECT row_to_json(t) FROM (SELECT ${slipMeasures('handled')} FROM handled) t),
      'departments', coalesce((SELECT json_agg(json_build_object(
          'code', code, 'name', name, 'issued', issued, 'open', open, 'overdue', overdue, 'closed', closed,
          'closedOnTime', "closedOnTime", 'closedLate', "closedLate", 'onTimeRate', "onTimeRate",
          'averageHandlingWorkdays', "averageHandlingWorkdays",
          'rank', rank, 'previousRank', "previousRank", 'rankChange', "previousRank" - rank)
        ORDER BY rank NULLS LAST, code) FROM ranked WHERE issued > 0), '[]'::json)
    ) AS result`,
    SLIP_READS,
  );
}

export interface ProjectJson {
  code: string;
  name: string;
  investor: string;
  regionName: string;
  ownerDepartmentCode: string;
  historical: boolean;
  signedOn: string;
  agreedAmountFen: string | null;
  status: string;
  latestProgress: { month: string; status: string; note: string } | null;
  monthsFollowed: number;
}

/**
 * Investment projects signed by a day, with the status they had then (the latest monthly
 * progress up to that day; today the project's own status) and their latest progress note.
 */
export async function projectFigures(
  ctx: KpiContext,
  scope: ProblemScope,
  args: { asOf: string; today: string; historical: boolean | null },
): Promise<Computed<{ byStatus: Array<{ key: string; count: number }>; projects: ProjectJson[] }>> {
  return queryJson(
    ctx,
    sql`WITH projects AS (
      SELECT p.*, r.name AS "regionName", d.code AS "ownerDepartmentCode", lp.month, lp.status AS "progressStatus",
             lp.note, (SELECT count(*) FROM "ProjectProgress" pp WHERE pp."projectId" = p.id AND pp.month <= ${args.asOf}::date)::int
               AS "monthsFollowed",
             CASE WHEN ${args.asOf}::date >= ${args.today}::date OR lp.status IS NULL THEN p.status ELSE lp.status END AS "statusAt"
        FROM "InvestmentProject" p
        JOIN "Region" r ON r.id = p."regionId"
        JOIN "Department" d ON d.id = p."ownerDepartmentId"
        LEFT JOIN LATERAL (
          SELECT pp.* FROM "ProjectProgress" pp WHERE pp."projectId" = p.id AND pp.month <= ${args.asOf}::date
           ORDER BY pp.month DESC LIMIT 1
        ) lp ON true
       WHERE p."signedOn" <= ${args.asOf}::date
         AND (${args.historical}::boolean IS NULL OR p.historical = ${args.historical}::boolean)
         AND ${inDepartment(sql`p."ownerDepartmentId"`, scope.departmentId)}
         AND ${inRegionScope(sql`r.path`, scope.access)}
    )
    SELECT json_build_object(
      'byStatus', (SELECT json_agg(json_build_object('key', k::text,
                     'count', (SELECT count(*) FROM projects WHERE "statusAt" = k)::int) ORDER BY k)
                     FROM unnest(enum_range(NULL::"ProjectStatus")) k),
      'projects', coalesce((SELECT json_agg(json_build_object(
          'code', code, 'name', name, 'investor', investor, 'regionName', "regionName",
          'ownerDepartmentCode', "ownerDepartmentCode", 'historical', historical, 'signedOn', "signedOn",
          'agreedAmountFen', "agreedAmountFen"::text, 'status', "statusAt",
          'latestProgress', CASE WHEN month IS NOT NULL THEN json_build_object('month', month, 'status', "progressStatus", 'note', note) END,
          'monthsFollowed', "monthsFollowed") ORDER BY code) FROM projects), '[]'::json)
    ) AS result`,
    PROJECT_READS,
  );
}

/** The day a period's figures are taken at: its last day, or today while it runs. */
export function asOfDay(period: DayRange, today: string): string {
  return period.to < today ? period.to : today;
}
