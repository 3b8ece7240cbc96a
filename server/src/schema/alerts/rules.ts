// Alerts (预警) are records: each condition that holds now is one row keyed by what it is about
// and how serious it is; a condition that stops holding is resolved, one that holds again is
// raised again. Evaluated set-based after writes to what they watch and on a timer (deadlines
// move with the calendar), by the cluster's leader only.
//
// - Slips (交办单) not yet replied to: BLUE when the deadline is at most 2 working days away,
//   YELLOW when behind schedule (half the working days to the deadline gone and still not
//   acknowledged), RED when past the deadline. The most serious level that holds is raised.
// - Double publicity (双公示): a decision not published 7 working days after it was taken.
// - Indicators: the home county's indicators whose status is amber or red this year.
import type { Database } from '../../db.ts';
import { ensureWorkCalendar } from '../../kpi/calendar.ts';
import { shanghaiDay } from '../../kpi/period.ts';
import { indicatorFigures } from '../environment/indicator-figures.ts';

export const alertKinds = ['INDICATOR', 'SLIP', 'PUBLICITY'] as const;
export type AlertKind = (typeof alertKinds)[number];
export type AlertLevel = 'BLUE' | 'YELLOW' | 'AMBER' | 'RED';

/** The tables whose writes can raise or resolve alerts of each kind. */
export const alertSources: Record<AlertKind, readonly string[]> = {
  SLIP: ['AssignmentSlip', 'Problem'],
  PUBLICITY: ['PublicityRecord'],
  INDICATOR: ['IndicatorValue', 'IndicatorTarget', 'Indicator', 'ServiceCase'],
};

/** How many working days a decision may wait before it must be public (双公示 7 个工作日). */
export const PUBLICITY_WORKING_DAYS = 7;
/** A slip's deadline this close, in working days, turns it blue. */
export const SLIP_BLUE_WORKING_DAYS = 2;

interface Condition {
  key: string;
  kind: AlertKind;
  level: AlertLevel;
  entity: string;
  entityId: number;
  title: string;
  regionId: number | null;
  departmentId: number | null;
}

/** An alert as the feeds and the API carry it (JSON-safe). */
export interface AlertJson {
  id: number;
  key: string;
  kind: AlertKind;
  level: AlertLevel;
  entity: string;
  entityId: number;
  title: string;
  regionId: number | null;
  regionName: string | null;
  regionPath: string | null;
  departmentId: number | null;
  departmentName: string | null;
  raisedAt: string;
  resolvedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  version: number;
}

const ALERT_COLUMNS = `a.id, a.key, a.kind::text AS kind, a.level::text AS level, a.entity, a."entityId",
  a.title, a."regionId", r.name AS "regionName", r.path AS "regionPath", a."departmentId",
  d.name AS "departmentName", a."raisedAt", a."resolvedAt", a."acknowledgedAt", a."acknowledgedBy", a.version`;

const ALERT_FROM = `"Alert" a LEFT JOIN "Region" r ON r.id = a."regionId" LEFT JOIN "Department" d ON d.id = a."departmentId"`;

function toJson(row: Record<string, unknown>): AlertJson {
  const iso = (value: unknown) =>
    value instanceof Date ? value.toISOString() : value ? String(value) : null;
  return {
    ...(row as unknown as AlertJson),
    raisedAt: iso(row.raisedAt) ?? '',
    resolvedAt: iso(row.resolvedAt),
    acknowledgedAt: iso(row.acknowledgedAt),
  };
}

export async function alertsByIds(db: Database, ids: number[]): Promise<AlertJson[]> {
  if (ids.length === 0) return [];
  const rows = await db.sql.query<Record<string, unknown>>(
    `SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE a.id = ANY($1::int4[]) ORDER BY a."raisedAt" DESC, a.id DESC`,
    [ids],
  );
  return rows.map(toJson);
}

/** Open alerts, newest first, within a region subtree when given. */
export async function openAlerts(
  db: Database,
  regionPath: string | null,
  limit: number,
): Promise<AlertJson[]> {
  const rows = await db.sql.query<Record<string, unknown>>(
    `SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM}
      WHERE a."resolvedAt" IS NULL AND ($1::text IS NULL OR r.path LIKE $1 || '%')
      ORDER BY a."raisedAt" DESC, a.id DESC LIMIT $2`,
    [regionPath, limit],
  );
  return rows.map(toJson);
}

async function slipConditions(db: Database, today: string): Promise<Condition[]> {
  // Working-day numbers from WorkCalendar: the difference of two is the working days between.
  return db.sql.query<Condition>(
    `WITH t AS (SELECT "workdayNumber" AS n FROM "WorkCalendar" WHERE day = $1::date),
     s AS (
       SELECT s.id, s.code, s.status::text AS status, s.deadline, s."departmentId", p."regionId",
              d.name AS department, ci."workdayNumber" AS issued, cd."workdayNumber" AS due, t.n AS now
         FROM "AssignmentSlip" s
         JOIN "Problem" p ON p.id = s."problemId"
         JOIN "Department" d ON d.id = s."departmentId"
         JOIN "WorkCalendar" ci ON ci.day = s."issuedOn"
         JOIN "WorkCalendar" cd ON cd.day = s.deadline
         CROSS JOIN t
        WHERE s.status IN ('ISSUED', 'ACKNOWLEDGED')),
     l AS (
       SELECT s.*, CASE
           WHEN $1::date > s.deadline THEN 'RED'
           WHEN s.status = 'ISSUED' AND 2 * (s.now - s.issued) >= (s.due - s.issued) AND s.due > s.issued THEN 'YELLOW'
           WHEN s.due - s.now <= ${SLIP_BLUE_WORKING_DAYS} THEN 'BLUE'
         END AS level
         FROM s)
     SELECT 'SLIP:' || l.id || ':' || l.level AS key, 'SLIP' AS kind, l.level, 'AssignmentSlip' AS entity,
            l.id AS "entityId", l."regionId", l."departmentId",
            CASE l.level
              WHEN 'RED' THEN '交办单' || l.code || '（' || l.department || '）已超过办理时限'
              WHEN 'YELLOW' THEN '交办单' || l.code || '（' || l.department || '）进度滞后：时限已过半仍未签收'
              ELSE '交办单' || l.code || '（' || l.department || '）距办理时限不足' || ${SLIP_BLUE_WORKING_DAYS} || '个工作日'
            END AS title
       FROM l WHERE l.level IS NOT NULL`,
    [today],
  );
}

async function publicityConditions(db: Database, today: string): Promise<Condition[]> {
  return db.sql.query<Condition>(
    `SELECT 'PUBLICITY:' || p.id || ':RED' AS key, 'PUBLICITY' AS kind, 'RED' AS level,
            'PublicityRecord' AS entity, p.id AS "entityId", cs."regionId", p."departmentId",
            d.name || CASE p.kind::text WHEN 'LICENSE' THEN '行政许可' ELSE '行政处罚' END
              || '决定' || p."decisionNumber" || '超过${PUBLICITY_WORKING_DAYS}个工作日未公示' AS title
       FROM "PublicityRecord" p
       JOIN "Department" d ON d.id = p."departmentId"
       LEFT JOIN "CreditSubject" cs ON cs.id = p."subjectId"
       JOIN "WorkCalendar" cd ON cd.day = p."decidedOn"
       JOIN "WorkCalendar" ct ON ct.day = $1::date
      WHERE p."publishedOn" IS NULL AND ct."workdayNumber" - cd."workdayNumber" > ${PUBLICITY_WORKING_DAYS}
        AND p."decidedOn" > $1::date - 366`,
    [today],
  );
}

async function indicatorConditions(db: Database, now: Date, today: string): Promise<Condition[]> {
  const { data } = await indicatorFigures(
    { db, clock: () => now },
    {
      regionCode: null,
      access: { regionPath: null, departmentId: null },
      year: null,
      today,
      codes: null,
      withDescendants: false,
      category: null,
    },
  );
  const regionId = data.region ? Number((data.region as { id: number | string }).id) : null;
  return data.figures.flatMap((figure): Condition[] => {
    const status = figure.status;
    if (status !== 'AMBER' && status !== 'RED') return [];
    const year = figure.year ?? Number(today.slice(0, 4));
    return [
      {
        key: `INDICATOR:${figure.id}:${year}:${status}`,
        kind: 'INDICATOR',
        level: status,
        entity: 'Indicator',
        entityId: figure.id,
        title: `${year}年${figure.name}${status === 'RED' ? '未达标（红灯）' : '接近预警线（黄灯）'}`,
        regionId,
        departmentId: null,
      },
    ];
  });
}

/**
 * Raises what holds and resolves what no longer does, for the kinds given. Returns the alerts
 * that changed (raised, raised again or resolved), newest first.
 */
export async function evaluateAlerts(
  db: Database,
  now: Date,
  kinds: readonly AlertKind[] = alertKinds,
): Promise<AlertJson[]> {
  const today = shanghaiDay(now);
  await ensureWorkCalendar(db, today);
  const conditions = (
    await Promise.all(
      kinds.map((kind) =>
        kind === 'SLIP'
          ? slipConditions(db, today)
          : kind === 'PUBLICITY'
            ? publicityConditions(db, today)
            : indicatorConditions(db, now, today),
      ),
    )
  ).flat();
  const changed = await db.sql.query<{ id: number }>(
    `WITH c AS (
       SELECT * FROM json_to_recordset($1::json)
         AS c(key text, kind text, level text, entity text, "entityId" int4, title text, "regionId" int4, "departmentId" int4)),
     raised AS (
       INSERT INTO "Alert" AS a (key, kind, level, entity, "entityId", title, "regionId", "departmentId", "raisedAt", "updatedAt")
       SELECT c.key, c.kind::"AlertKind", c.level::"AlertLevel", c.entity, c."entityId", c.title, c."regionId",
              c."departmentId", $2::timestamptz, $2::timestamptz
         FROM c ORDER BY c.key
       ON CONFLICT (key) DO UPDATE
          SET "resolvedAt" = NULL, "raisedAt" = EXCLUDED."raisedAt", "acknowledgedAt" = NULL,
              "acknowledgedBy" = NULL, title = EXCLUDED.title, version = a.version + 1, "updatedAt" = EXCLUDED."updatedAt"
        WHERE a."resolvedAt" IS NOT NULL OR a.title IS DISTINCT FROM EXCLUDED.title
       RETURNING a.id),
     resolved AS (
       UPDATE "Alert" a SET "resolvedAt" = $2::timestamptz, version = a.version + 1, "updatedAt" = $2::timestamptz
        WHERE a."resolvedAt" IS NULL AND a.kind::text = ANY($3::text[])
          AND NOT EXISTS (SELECT 1 FROM c WHERE c.key = a.key)
       RETURNING a.id)
     SELECT id FROM raised UNION ALL SELECT id FROM resolved`,
    [JSON.stringify(conditions), now, [...kinds]],
  );
  return alertsByIds(
    db,
    changed.map((row) => row.id),
  );
}

/**
 * Marks an alert seen, with its audit row in the same statement; null when it does not exist,
 * `changed: false` when it had been acknowledged already.
 */
export async function acknowledgeAlert(
  db: Database,
  id: number,
  by: { actor: string; role: string; requestId: string },
  now: Date,
): Promise<{ alert: AlertJson; changed: boolean } | null> {
  const updated = await db.sql.query<{ id: number }>(
    `WITH u AS (
       UPDATE "Alert" SET "acknowledgedAt" = $2, "acknowledgedBy" = $3, version = version + 1, "updatedAt" = $2
        WHERE id = $1 AND "acknowledgedAt" IS NULL
       RETURNING id, version, "acknowledgedAt", "acknowledgedBy"),
     a AS (
       INSERT INTO "AuditLog" (actor, role, action, entity, "entityId", before, after, "requestId")
       SELECT $3, $4, 'ACKNOWLEDGE', 'Alert', u.id::text, jsonb_build_object('acknowledgedAt', NULL),
              jsonb_build_object('acknowledgedAt', u."acknowledgedAt", 'acknowledgedBy', u."acknowledgedBy", 'version', u.version), $5
         FROM u)
     SELECT id FROM u`,
    [id, now, by.actor, by.role, by.requestId],
  );
  const [alert] = await alertsByIds(db, [id]);
  return alert ? { alert, changed: updated.length > 0 } : null;
}
