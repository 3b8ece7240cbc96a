// Case volume and the one-network rate (一网通办率) over any set of periods, computed by the
// database from the rollups the ServiceCase triggers keep (prisma/migrations/*_kpi_rollups):
//   AREA     KpiAreaMonth / KpiAreaDay   by area (the case's township, or its own region when it
//                                        has none): the city, counties and townships;
//   CHANNEL  KpiCaseMonth / KpiCaseDay   the same by channel;
//   FINE     KpiCaseItemMonth            by the case's own region, channel and item: villages,
//                                        items, departments; the days of cut months come from
//                                        ServiceCase itself.
// A month enters as one rollup row when no period starts or ends inside it, else day by day.
import type { Channel, RegionLevel } from '../../generated/prisma/enums.ts';
import {
  addDays,
  addMonths,
  type DayRange,
  earlier,
  later,
  monthStart,
  type Period,
  startOfDay,
} from '../../kpi/period.ts';
import {
  between,
  buildOnce,
  type Computed,
  empty,
  join,
  type KpiAccess,
  type KpiContext,
  queryJson,
  type RegionJson,
  rankByCount,
  rankByValue,
  raw,
  regionCte,
  type Sql,
  sql,
} from '../../kpi/sql.ts';
import { reads } from '../reads.ts';

/** What the case figures read: the rollups (kept by the triggers on "ServiceCase") and the areas. */
export const CASE_READS = reads(
  'ServiceCase',
  'ServiceItem',
  'Region',
  'ServicePoint',
  'ServicePointItem',
  'PartnerRegion',
  'PartnerRegionItem',
  'Department',
);

/** What the year rates read: the case figures' tables and the indicator targets. */
export const YEAR_RATE_READS = reads(CASE_READS, 'Indicator', 'IndicatorTarget');

/** What the cases are split by. */
export type CaseGrouping = 'TOTAL' | 'CHILDREN' | 'CHANNEL' | 'DEPARTMENT' | 'ITEM';
/** What a breakdown ranks by. */
export type CaseRankMetric = 'CASES' | 'ONE_NETWORK_RATE';

export interface CaseSelection {
  /** Region code; the caller's own region or the home county when null. */
  regionCode: string | null;
  access: KpiAccess;
  channel: Channel | null;
  /** Only items of this department (already checked against the caller's). */
  departmentId: number | null;
  itemCode: string | null;
}

/** Counts of one period. */
export interface CaseTotalsJson {
  cases: number;
  oneNetworkCases: number;
  townshipCases: number;
  /** Percent, 2 decimals; null without cases. */
  oneNetworkRate: number | null;
}

export interface CaseRowJson {
  key: string;
  label: string;
  region: RegionJson | null;
  current: CaseTotalsJson;
  previous: CaseTotalsJson;
  yearAgo: CaseTotalsJson;
  casesChangePercent: number | null;
  casesYearOnYearPercent: number | null;
  rateChange: number | null;
  rateYearOnYearChange: number | null;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
}

interface Cover {
  months: DayRange[];
  days: DayRange[];
}

/** Appends a range to a list of ranges, merging it with the last one when they touch. */
function pushRange(ranges: DayRange[], range: DayRange, nextOf: (day: string) => string): void {
  const last = ranges[ranges.length - 1];
  if (last && nextOf(last.to) >= range.from) {
    if (range.to > last.to) last.to = range.to;
  } else {
    ranges.push({ ...range });
  }
}

const covers = new Map<string, Cover>();
/** Covers worked out lately: the screen asks for the same periods over and over. */
const KEPT_COVERS = 512;

/**
 * Which rollup rows cover the periods: whole months that no period cuts come from the monthly
 * tables, the rest day by day. `daily` forces days throughout (day and week buckets).
 */
export function coverOf(periods: readonly DayRange[], daily: boolean): Cover {
  const key = `${daily}${periods.map((p) => `|${p.from}~${p.to}`).join('')}`;
  let cover = covers.get(key);
  if (!cover) {
    cover = computeCover(periods, daily);
    if (covers.size >= KEPT_COVERS) covers.clear();
    covers.set(key, cover);
  }
  return cover;
}

function computeCover(periods: readonly DayRange[], daily: boolean): Cover {
  const cuts = new Set(periods.flatMap((p) => [p.from, addDays(p.to, 1)]));
  const merged: DayRange[] = [];
  for (const p of [...periods].sort((a, b) => a.from.localeCompare(b.from))) {
    pushRange(merged, p, (day) => addDays(day, 1));
  }
  const cover: Cover = { months: [], days: [] };
  for (const range of merged) {
    for (let month = monthStart(range.from); month <= range.to; month = addMonths(month, 1)) {
      const end = addDays(addMonths(month, 1), -1);
      const whole = month >= range.from && end <= range.to;
      const cut = [...cuts].some((day) => day > month && day <= end);
      if (whole && !cut && !daily) {
        pushRange(cover.months, { from: month, to: month }, (day) => addMonths(day, 1));
      } else {
        pushRange(cover.days, { from: later(month, range.from), to: earlier(end, range.to) }, (day) =>
          addDays(day, 1),
        );
      }
    }
  }
  return cover;
}

/** Where case facts are read from: see the comment at the top. */
export type CaseSource = 'AREA' | 'CHANNEL' | 'FINE';

const noFacts = sql`SELECT NULL::date AS day, NULL::int AS "regionId", NULL::boolean AS "townshipCase",
  NULL::"Channel" AS channel, NULL::int AS "itemId", 0::bigint AS cases, 0::bigint AS "oneNetworkCases",
  0::bigint AS "bankBranchCases", 0::bigint AS "crossProvinceCases" WHERE false`;

function anyOf(ranges: DayRange[], column: Sql): Sql {
  return join(
    ranges.map((range) => between(column, range)),
    ' OR ',
  );
}

function union(parts: Sql[]): Sql {
  return parts.length > 0 ? join(parts, ' UNION ALL ') : noFacts;
}

/** Facts by area (township or county level): for the city, counties and townships. */
function areaFacts(cover: Cover): Sql {
  const columns = (alias: string) =>
    sql`${raw(`${alias}."areaId"`)} AS "regionId", ${raw(`${alias}."townshipCase"`)}, NULL::"Channel" AS channel,
      NULL::int AS "itemId", ${raw(`${alias}.cases`)}::bigint AS cases, ${raw(`${alias}."oneNetworkCases"`)}::bigint AS "oneNetworkCases",
      ${raw(`${alias}."bankBranchCases"`)}::bigint AS "bankBranchCases",
      ${raw(`${alias}."crossProvinceCases"`)}::bigint AS "crossProvinceCases"`;
  return union([
    ...(cover.months.length > 0
      ? [
          sql`SELECT m.month AS day, ${columns('m')} FROM "KpiAreaMonth" m WHERE ${anyOf(cover.months, sql`m.month`)}`,
        ]
      : []),
    ...(cover.days.length > 0
      ? [sql`SELECT d.day, ${columns('d')} FROM "KpiAreaDay" d WHERE ${anyOf(cover.days, sql`d.day`)}`]
      : []),
  ]);
}

function channelCounts(alias: string): Sql {
  return sql`${raw(`${alias}.cases`)}::bigint AS cases, ${raw(`${alias}."oneNetworkCases"`)}::bigint AS "oneNetworkCases",
    CASE WHEN ${raw(`${alias}.channel`)} = 'BANK_BRANCH' THEN ${raw(`${alias}.cases`)} ELSE 0 END::bigint AS "bankBranchCases",
    CASE WHEN ${raw(`${alias}.channel`)} = 'CROSS_PROVINCE' THEN ${raw(`${alias}.cases`)} ELSE 0 END::bigint AS "crossProvinceCases"`;
}

/** Facts by area and channel. */
function channelFacts(cover: Cover): Sql {
  return union([
    ...(cover.months.length > 0
      ? [
          sql`SELECT m.month AS day, m."areaId" AS "regionId", m."townshipCase", m.channel, NULL::int AS "itemId", ${channelCounts('m')}
            FROM "KpiCaseMonth" m WHERE ${anyOf(cover.months, sql`m.month`)}`,
        ]
      : []),
    ...(cover.days.length > 0
      ? [
          sql`SELECT d.day, d."areaId", d."townshipCase", d.channel, NULL::int, ${channelCounts('d')}
            FROM "KpiCaseDay" d WHERE ${anyOf(cover.days, sql`d.day`)}`,
        ]
      : []),
  ]);
}

/** Facts by the case's own region, channel and item: for villages, items and departments. */
function fineFacts(cover: Cover): Sql {
  const instants = () =>
    join(
      cover.days.map(
        (range) =>
          sql`(c."submittedAt" >= ${startOfDay(range.from).toISOString()}::timestamptz
             AND c."submittedAt" < ${startOfDay(addDays(range.to, 1)).toISOString()}::timestamptz)`,
      ),
      ' OR ',
    );
  return union([
    ...(cover.months.length > 0
      ? [
          sql`SELECT m.month AS day, m."regionId", m."townshipCase", m.channel, m."itemId", ${channelCounts('m')}
            FROM "KpiCaseItemMonth" m WHERE ${anyOf(cover.months, sql`m.month`)}`,
        ]
      : []),
    ...(cover.days.length > 0
      ? [
          sql`SELECT g.day, g."regionId", g."townshipCase", g.channel, g."itemId", ${channelCounts('g')}
            FROM (SELECT (c."submittedAt" AT TIME ZONE 'Asia/Shanghai')::date AS day, c."regionId",
                         c."townshipId" IS NOT NULL AS "townshipCase", c.channel, c."itemId", count(*) AS cases,
                         count(*) FILTER (WHERE c."oneNetwork") AS "oneNetworkCases"
                    FROM "ServiceCase" c WHERE ${instants()} GROUP BY 1, 2, 3, 4, 5) g`,
        ]
      : []),
  ]);
}

/**
 * The facts of the region in kr (its subtree; with `byChildren` without its own cases) that pass
 * the filters. Every condition is on the facts' own columns against values worked out once
 * (InitPlans), so the planner never drives the rollup scans from a misestimated region join.
 * `+ 0` keeps the region list (of unknown length to the planner) out of index conditions: the
 * scans go by day or month, where the data of a period sits together.
 */
export function scopedFacts(
  cover: Cover,
  selection: CaseSelection,
  source: CaseSource,
  byChildren: boolean,
): Sql {
  const below = byChildren ? sql`'_%'` : sql`'%'`;
  const facts =
    source === 'AREA' ? areaFacts(cover) : source === 'CHANNEL' ? channelFacts(cover) : fineFacts(cover);
  return sql`SELECT * FROM (${facts}) f
    WHERE f."regionId" + 0 = ANY(ARRAY(SELECT r.id FROM "Region" r CROSS JOIN kr WHERE kr.allowed AND r.path LIKE kr.path || ${below}))
    ${selection.channel ? sql`AND f.channel = ${selection.channel}::"Channel"` : empty}
    ${
      selection.departmentId !== null
        ? sql`AND f."itemId" = ANY(ARRAY(SELECT i.id FROM "ServiceItem" i WHERE i."departmentId" = ${selection.departmentId}::int))`
        : empty
    }
    ${selection.itemCode ? sql`AND f."itemId" = (SELECT i.id FROM "ServiceItem" i WHERE i.code = ${selection.itemCode}::text)` : empty}`;
}

/**
 * The rollups a figure reads: the fine ones for items and departments, for a village and for
 * the children of a township (villages); the channel ones for a channel; else the area ones,
 * which serve the city, counties and townships.
 */
function sourceFor(selection: CaseSelection, grouping: CaseGrouping, level: RegionLevel): CaseSource {
  if (
    selection.departmentId !== null ||
    selection.itemCode !== null ||
    grouping === 'DEPARTMENT' ||
    grouping === 'ITEM' ||
    level === 'VILLAGE' ||
    (grouping === 'CHILDREN' && level === 'TOWNSHIP')
  ) {
    return 'FINE';
  }
  return selection.channel !== null || grouping === 'CHANNEL' ? 'CHANNEL' : 'AREA';
}

const levelHints = new WeakMap<object, Map<string, RegionLevel>>();

/**
 * Runs a statement built for the level the region was found at last time (the home county at
 * first) and runs it again for the right level in the rare case the region's level differs
 * in a way that changes the rollups to read. So a figure costs one statement, and stays right
 * when regions change.
 */
export async function atRegionLevel<T extends { region: RegionJson | null }>(
  ctx: KpiContext,
  selection: CaseSelection,
  grouping: CaseGrouping,
  run: (source: CaseSource) => Promise<Computed<T>>,
): Promise<Computed<T>> {
  let hints = levelHints.get(ctx.db);
  if (!hints) {
    hints = new Map();
    levelHints.set(ctx.db, hints);
  }
  const key = `${selection.regionCode ?? ''}|${selection.access.regionPath ?? ''}`;
  const source = sourceFor(selection, grouping, hints.get(key) ?? 'COUNTY');
  const result = await run(source);
  const level = result.data.region?.level;
  if (!level) return result;
  hints.set(key, level);
  const right = sourceFor(selection, grouping, level);
  return right === source ? result : run(right);
}

/** Sums of one period over the rows of `scoped`, named with a suffix. */
function windowSums(period: DayRange, suffix: string): Sql {
  const inPeriod = between(sql`day`, period);
  return sql`coalesce(sum(cases) FILTER (WHERE ${inPeriod}), 0)::int AS ${raw(`"c${suffix}"`)},
    coalesce(sum("oneNetworkCases") FILTER (WHERE ${inPeriod}), 0)::int AS ${raw(`"o${suffix}"`)},
    coalesce(sum(cases) FILTER (WHERE ${inPeriod} AND "townshipCase"), 0)::int AS ${raw(`"t${suffix}"`)}`;
}

function totalsJson(suffix: string): Sql {
  return sql`json_build_object('cases', ${raw(`"c${suffix}"`)}, 'oneNetworkCases', ${raw(`"o${suffix}"`)},
    'townshipCases', ${raw(`"t${suffix}"`)}, 'oneNetworkRate', ${raw(`"r${suffix}"`)})`;
}

function rate(suffix: string): Sql {
  return sql`round(100.0 * ${raw(`"o${suffix}"`)} / nullif(${raw(`"c${suffix}"`)}, 0), 2)::float8 AS ${raw(`"r${suffix}"`)}`;
}

/** The grouping key of a fact row (`gid`) and the rows every breakdown shows (`keys`). */
function grouping(by: CaseGrouping): { gid: Sql; keys: Sql } {
  switch (by) {
    case 'TOTAL':
      return {
        gid: sql`0`,
        keys: sql`SELECT 0 AS gid, kr.code AS key, kr.name AS label, row_to_json(kr) AS region FROM kr`,
      };
    case 'CHILDREN':
      return {
        gid: sql`split_part(substr(fr.path, length(kr.path) + 1), '/', 1)::int`,
        keys: sql`SELECT r.id AS gid, r.code AS key, r.name AS label, row_to_json(r) AS region
          FROM "Region" r JOIN kr ON r."parentId" = kr.id`,
      };
    case 'CHANNEL':
      return {
        gid: sql`f.channel::text`,
        keys: sql`SELECT c::text AS gid, c::text AS key, c::text AS label, NULL::json AS region
          FROM unnest(enum_range(NULL::"Channel")) c`,
      };
    case 'DEPARTMENT':
      return {
        gid: sql`si."departmentId"`,
        keys: sql`SELECT d.id AS gid, d.code AS key, d.name AS label, NULL::json AS region
          FROM "Department" d WHERE d.id IN (SELECT gid FROM sums)`,
      };
    case 'ITEM':
      return {
        gid: sql`f."itemId"`,
        keys: sql`SELECT i.id AS gid, i.code AS key, i.name AS label, NULL::json AS region
          FROM "ServiceItem" i WHERE i.id IN (SELECT gid FROM sums)`,
      };
  }
}

function rankBy(metric: CaseRankMetric, suffix: string): Sql {
  return metric === 'CASES' ? rankByCount(raw(`"c${suffix}"`)) : rankByValue(raw(`"r${suffix}"`));
}

export interface CaseBreakdownJson {
  region: RegionJson | null;
  rows: CaseRowJson[];
}

/**
 * Cases of a period split by one dimension, each row with the previous period (环比) and the
 * same period a year earlier (同比), ranked with the rank it had in the previous period.
 * Channels and child regions are listed even without cases; departments and items only with.
 */
export async function caseBreakdown(
  ctx: KpiContext,
  selection: CaseSelection,
  periods: { current: Period; previous: Period; yearAgo: Period },
  by: CaseGrouping,
  metric: CaseRankMetric,
): Promise<Computed<CaseBreakdownJson>> {
  const cover = coverOf([periods.current, periods.previous, periods.yearAgo], false);
  const { gid, keys } = grouping(by);
  return atRegionLevel(ctx, selection, by, (source) =>
    queryJson<CaseBreakdownJson>(
      ctx,
      buildOnce(
        ['caseBreakdown', selection, periods, by, metric, source],
        () => sql`WITH ${regionCte(selection.regionCode, selection.access)},
    scoped AS (
      SELECT ${gid} AS gid, f.day, f.cases, f."oneNetworkCases", f."townshipCase"
        FROM (${scopedFacts(cover, selection, source, by === 'CHILDREN')}) f
        ${by === 'CHILDREN' ? sql`JOIN "Region" fr ON fr.id = f."regionId" CROSS JOIN kr` : empty}
        ${by === 'DEPARTMENT' ? sql`JOIN "ServiceItem" si ON si.id = f."itemId"` : empty}
    ),
    sums AS (
      SELECT gid, ${windowSums(periods.current, '0')}, ${windowSums(periods.previous, '1')},
             ${windowSums(periods.yearAgo, '2')}
        FROM scoped GROUP BY gid
    ),
    keys AS (${keys}),
    figures AS (
      SELECT keys.*, coalesce(s.c0, 0) AS c0, coalesce(s.o0, 0) AS o0, coalesce(s.t0, 0) AS t0,
             coalesce(s.c1, 0) AS c1, coalesce(s.o1, 0) AS o1, coalesce(s.t1, 0) AS t1,
             coalesce(s.c2, 0) AS c2, coalesce(s.o2, 0) AS o2, coalesce(s.t2, 0) AS t2
        FROM keys LEFT JOIN sums s ON s.gid = keys.gid
    ),
    rated AS (SELECT *, ${rate('0')}, ${rate('1')}, ${rate('2')} FROM figures),
    ranked AS (
      SELECT *, ${by === 'TOTAL' ? sql`NULL::int` : rankBy(metric, '0')} AS rank,
             ${by === 'TOTAL' ? sql`NULL::int` : rankBy(metric, '1')} AS "previousRank"
        FROM rated
    )
    SELECT json_build_object(
      'region', (SELECT row_to_json(kr) FROM kr),
      'rows', coalesce((SELECT json_agg(json_build_object(
          'key', key, 'label', label, 'region', region,
          'current', ${totalsJson('0')}, 'previous', ${totalsJson('1')}, 'yearAgo', ${totalsJson('2')},
          'casesChangePercent', round(100.0 * (c0 - c1) / nullif(c1, 0), 2)::float8,
          'casesYearOnYearPercent', round(100.0 * (c0 - c2) / nullif(c2, 0), 2)::float8,
          'rateChange', round((r0 - r1)::numeric, 2)::float8,
          'rateYearOnYearChange', round((r0 - r2)::numeric, 2)::float8,
          'rank', rank, 'previousRank', "previousRank", 'rankChange', "previousRank" - rank
        ) ORDER BY rank NULLS LAST, key) FROM ranked WHERE (SELECT allowed FROM kr)), '[]'::json)
    ) AS result`,
      ),
      CASE_READS,
    ),
  );
}

export interface CaseSeriesPointJson {
  index: number;
  current: CaseTotalsJson;
  previous: CaseTotalsJson;
  yearAgo: CaseTotalsJson;
  casesChangePercent: number | null;
  casesYearOnYearPercent: number | null;
  /** Cases from the first bucket up to this one (累计). */
  cumulativeCases: number;
  cumulativeTownshipCases: number;
}

export interface CaseSeriesJson {
  region: RegionJson | null;
  points: CaseSeriesPointJson[];
}

/** Cases per bucket, each bucket with its previous bucket and the same bucket a year earlier. */
export async function caseSeries(
  ctx: KpiContext,
  selection: CaseSelection,
  points: Array<{ current: Period; previous: Period; yearAgo: Period }>,
  daily: boolean,
): Promise<Computed<CaseSeriesJson>> {
  const cover = coverOf(
    points.flatMap((p) => [p.current, p.previous, p.yearAgo]),
    daily,
  );
  const bounds = (pick: 'current' | 'previous' | 'yearAgo') =>
    sql`${points.map((p) => p[pick].from)}::date[], ${points.map((p) => p[pick].to)}::date[]`;
  return atRegionLevel(ctx, selection, 'TOTAL', (source) =>
    queryJson<CaseSeriesJson>(
      ctx,
      sql`WITH ${regionCte(selection.regionCode, selection.access)},
    daily AS (
      SELECT f.day, sum(f.cases) AS cases, sum(f."oneNetworkCases") AS "oneNetworkCases",
             sum(f.cases) FILTER (WHERE f."townshipCase") AS "townshipCases"
        FROM (${scopedFacts(cover, selection, source, false)}) f
       GROUP BY f.day
    ),
    buckets AS (
      SELECT b.index, b.f0, b.t0, p.f1, p.t1, y.f2, y.t2
        FROM unnest(${bounds('current')}) WITH ORDINALITY AS b(f0, t0, index)
        JOIN unnest(${bounds('previous')}) WITH ORDINALITY AS p(f1, t1, index) USING (index)
        JOIN unnest(${bounds('yearAgo')}) WITH ORDINALITY AS y(f2, t2, index) USING (index)
    ),
    figures AS (
      SELECT b.index,
        coalesce(sum(d.cases) FILTER (WHERE d.day BETWEEN b.f0 AND b.t0), 0)::int AS c0,
        coalesce(sum(d."oneNetworkCases") FILTER (WHERE d.day BETWEEN b.f0 AND b.t0), 0)::int AS o0,
        coalesce(sum(d."townshipCases") FILTER (WHERE d.day BETWEEN b.f0 AND b.t0), 0)::int AS t0,
        coalesce(sum(d.cases) FILTER (WHERE d.day BETWEEN b.f1 AND b.t1), 0)::int AS c1,
        coalesce(sum(d."oneNetworkCases") FILTER (WHERE d.day BETWEEN b.f1 AND b.t1), 0)::int AS o1,
        coalesce(sum(d."townshipCases") FILTER (WHERE d.day BETWEEN b.f1 AND b.t1), 0)::int AS t1,
        coalesce(sum(d.cases) FILTER (WHERE d.day BETWEEN b.f2 AND b.t2), 0)::int AS c2,
        coalesce(sum(d."oneNetworkCases") FILTER (WHERE d.day BETWEEN b.f2 AND b.t2), 0)::int AS o2,
        coalesce(sum(d."townshipCases") FILTER (WHERE d.day BETWEEN b.f2 AND b.t2), 0)::int AS t2
        FROM buckets b
        LEFT JOIN daily d ON d.day BETWEEN least(b.f1, b.f2) AND b.t0
       GROUP BY b.index
    ),
    rated AS (
      SELECT *, ${rate('0')}, ${rate('1')}, ${rate('2')},
             sum(c0) OVER (ORDER BY index)::int AS "cumulativeCases",
             sum(t0) OVER (ORDER BY index)::int AS "cumulativeTownshipCases"
        FROM figures
    )
    SELECT json_build_object(
      'region', (SELECT row_to_json(kr) FROM kr),
      'points', coalesce((SELECT json_agg(json_build_object(
          'index', index - 1,
          'current', ${totalsJson('0')}, 'previous', ${totalsJson('1')}, 'yearAgo', ${totalsJson('2')},
          'casesChangePercent', round(100.0 * (c0 - c1) / nullif(c1, 0), 2)::float8,
          'casesYearOnYearPercent', round(100.0 * (c0 - c2) / nullif(c2, 0), 2)::float8,
          'cumulativeCases', "cumulativeCases", 'cumulativeTownshipCases', "cumulativeTownshipCases"
        ) ORDER BY index) FROM rated WHERE (SELECT allowed FROM kr)), '[]'::json)
    ) AS result`,
      CASE_READS,
    ),
  );
}

/** The one-network rate of a region, or of one of its children, for a year. */
export interface YearRateJson {
  region: RegionJson;
  cases: number;
  oneNetworkCases: number;
  /** Percent, 2 decimals; null without cases. */
  rate: number | null;
  /** The region's own target for the year (IndicatorTarget of WT-ONE-NETWORK-RATE), if set. */
  target: number | null;
  /** By rate among the children; null for the region itself and for children without cases. */
  rank: number | null;
}

export interface YearRatesJson {
  region: RegionJson | null;
  rows: YearRateJson[];
}

/**
 * The one-network rate of a calendar year (Asia/Shanghai) from the same rollups, region rules
 * and scope as caseBreakdown: of the region as a whole (TOTAL, one row) or of each child region
 * ranked by rate, children without cases last (CHILDREN).
 */
export async function yearRates(
  ctx: KpiContext,
  selection: CaseSelection,
  year: number,
  by: 'TOTAL' | 'CHILDREN',
): Promise<Computed<YearRatesJson>> {
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const cover = coverOf([period], false);
  const { gid, keys } = grouping(by);
  return atRegionLevel(ctx, selection, by, (source) =>
    queryJson<YearRatesJson>(
      ctx,
      buildOnce(
        ['yearRates', selection, year, by, source],
        () => sql`WITH ${regionCte(selection.regionCode, selection.access)},
    scoped AS (
      SELECT ${gid} AS gid, f.cases, f."oneNetworkCases"
        FROM (${scopedFacts(cover, selection, source, by === 'CHILDREN')}) f
        ${by === 'CHILDREN' ? sql`JOIN "Region" fr ON fr.id = f."regionId" CROSS JOIN kr` : empty}
    ),
    sums AS (
      SELECT gid, sum(cases)::int AS c0, sum("oneNetworkCases")::int AS o0 FROM scoped GROUP BY gid
    ),
    keys AS (${keys}),
    figures AS (
      SELECT keys.*, coalesce(s.c0, 0) AS c0, coalesce(s.o0, 0) AS o0
        FROM keys LEFT JOIN sums s ON s.gid = keys.gid
    ),
    rated AS (SELECT *, ${rate('0')} FROM figures),
    ranked AS (
      SELECT *, ${by === 'TOTAL' ? sql`NULL::int` : rankByValue(raw('"r0"'))} AS rank,
             (SELECT it.target::float8 FROM "IndicatorTarget" it JOIN "Indicator" i ON i.id = it."indicatorId"
               WHERE i.code = 'WT-ONE-NETWORK-RATE' AND it.year = ${year}::int
                 AND it."regionId" = (rated.region->>'id')::int) AS target
        FROM rated
    )
    SELECT json_build_object(
      'region', (SELECT row_to_json(kr) FROM kr),
      'rows', coalesce((SELECT json_agg(json_build_object(
          'region', region, 'cases', c0, 'oneNetworkCases', o0, 'rate', r0, 'target', target, 'rank', rank
        ) ORDER BY rank NULLS LAST, key) FROM ranked WHERE (SELECT allowed FROM kr)), '[]'::json)
    ) AS result`,
      ),
      YEAR_RATE_READS,
    ),
  );
}
