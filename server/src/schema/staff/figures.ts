// Staff and windows (队伍建设): the monthly work-point ranking (工分排名) of windows and of staff,
// and the months a hall made the red list (红榜).

import { addMonths, type Day } from '../../kpi/period.ts';
import {
  type Computed,
  empty,
  inDepartment,
  inRegionScope,
  type KpiAccess,
  type KpiContext,
  queryJson,
  sql,
} from '../../kpi/sql.ts';
import { reads } from '../reads.ts';

/** What the work-point ranking (积分) reads. */
export const WORK_POINT_READS = reads('Staff', 'WorkPoint', 'Department', 'Region', 'ServiceHall', 'Window');
/** What the red list (红榜) reads. */
export const RED_LIST_READS = reads('Staff', 'RedListMonth', 'Department', 'Region', 'ServiceHall');

export type WorkPointSubject = 'WINDOW' | 'STAFF';

export interface WorkPointRowJson {
  code: string;
  /** A window's name, or a person's name (personal data: masked by the resolver). */
  name: string;
  hallCode: string;
  hallName: string;
  departmentCode: string | null;
  points: number;
  previousPoints: number | null;
  rank: number;
  previousRank: number | null;
  rankChange: number | null;
}

/**
 * Windows or staff ranked by their work points of a month (ties share a rank), each with the
 * rank of the month before; optionally within one hall.
 */
export async function workPointRanking(
  ctx: KpiContext,
  scope: { access: KpiAccess; departmentId: number | null },
  args: { month: Day; subject: WorkPointSubject; hallCode: string | null },
): Promise<Computed<WorkPointRowJson[]>> {
  const previous = addMonths(args.month, -1);
  const subject =
    args.subject === 'WINDOW'
      ? sql`SELECT w.id, w.code, w.name, w."hallId", w."departmentId", 'W' AS kind FROM "Window" w`
      : sql`SELECT s.id, s.code, s.name, coalesce(w."hallId", 0) AS "hallId", s."departmentId", 'S' AS kind
              FROM "Staff" s LEFT JOIN "Window" w ON w.id = s."windowId"`;
  const column = args.subject === 'WINDOW' ? sql`wp."windowId"` : sql`wp."staffId"`;
  return queryJson(
    ctx,
    sql`WITH subjects AS (
      SELECT x.*, h.code AS "hallCode", h.name AS "hallName", d.code AS "departmentCode"
        FROM (${subject}) x
        JOIN "ServiceHall" h ON h.id = x."hallId"
        JOIN "Region" r ON r.id = h."regionId"
        LEFT JOIN "Department" d ON d.id = x."departmentId"
       WHERE ${inRegionScope(sql`r.path`, scope.access)}
         AND ${inDepartment(sql`x."departmentId"`, scope.departmentId)}
         ${args.hallCode ? sql`AND h.code = ${args.hallCode}::text` : empty}
    ),
    points AS (
      SELECT wp.month, ${column} AS id, wp.points,
             rank() OVER (PARTITION BY wp.month ORDER BY wp.points DESC)::int AS rank
        FROM "WorkPoint" wp
       WHERE wp.month IN (${args.month}::date, ${previous}::date) AND ${column} IN (SELECT id FROM subjects)
    )
    SELECT coalesce(json_agg(json_build_object(
        'code', s.code, 'name', s.name, 'hallCode', s."hallCode", 'hallName', s."hallName",
        'departmentCode', s."departmentCode", 'points', now.points::float8, 'previousPoints', before.points::float8,
        'rank', now.rank, 'previousRank', before.rank, 'rankChange', before.rank - now.rank
      ) ORDER BY now.rank, s.code), '[]'::json) AS result
      FROM points now
      JOIN subjects s ON s.id = now.id
      LEFT JOIN points before ON before.id = now.id AND before.month = ${previous}::date
     WHERE now.month = ${args.month}::date`,
    WORK_POINT_READS,
  );
}

export interface RedListMonthJson {
  month: Day;
  hallCode: string | null;
  hallName: string | null;
  note: string | null;
}

/** Red-list entries (红榜) between two days, oldest first, and the distinct months among them. */
export async function redListMonths(
  ctx: KpiContext,
  access: KpiAccess,
  range: { from: Day; to: Day },
): Promise<Computed<{ months: number; entries: RedListMonthJson[] }>> {
  return queryJson(
    ctx,
    sql`SELECT json_build_object('months', count(DISTINCT m.month),
        'entries', coalesce(json_agg(json_build_object('month', m.month, 'hallCode', h.code, 'hallName', h.name, 'note', m.note)
          ORDER BY m.month, h.code), '[]'::json)) AS result
      FROM "RedListMonth" m
      LEFT JOIN "ServiceHall" h ON h.id = m."hallId"
      LEFT JOIN "Region" r ON r.id = h."regionId"
     WHERE m.month BETWEEN date_trunc('month', ${range.from}::date::timestamp)::date AND ${range.to}::date
       AND ${inRegionScope(sql`r.path`, access)}`,
    RED_LIST_READS,
  );
}
