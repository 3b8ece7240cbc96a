// Periods of the KPIs: calendar days in Asia/Shanghai ('YYYY-MM-DD', UTC+8 all year, no daylight
// saving since 1991), the calendar buckets that contain them, and the periods a figure is compared
// with (the previous period, 环比, and the same period a year earlier, 同比). Only the bounds are
// worked out here; every count and sum over them is done by the database.

/** A calendar day in Asia/Shanghai, 'YYYY-MM-DD'. */
export type Day = string;

export const buckets = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type Bucket = (typeof buckets)[number];

/** A run of whole days, both ends included. */
export interface DayRange {
  from: Day;
  to: Day;
}

/** The days a figure covers: a calendar bucket (possibly cut short), or any run of days. */
export interface Period extends DayRange {
  /** The calendar bucket the days belong to; null for a free range. */
  bucket: Bucket | null;
  /** A bucket cut before its end (month to date …). */
  toDate: boolean;
  /** e.g. "2026", "2026-Q4", "2026-11", "2026-W48", "2026-11-28", "2026-01-01~2026-03-15". */
  label: string;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(text: string): boolean {
  return (
    DAY_FORMAT.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && toDay(parseDay(text)) === text
  );
}

function parseDay(day: Day): Date {
  return new Date(`${day}T00:00:00Z`);
}

function toDay(date: Date): Day {
  return date.toISOString().slice(0, 10);
}

/** The Shanghai calendar day of an instant. */
export function shanghaiDay(instant: Date): Day {
  return toDay(new Date(instant.getTime() + SHANGHAI_OFFSET_MS));
}

/** The calendar day a GraphQL `Date` names (the scalar gives midnight UTC of that day). */
export function dayOfDate(date: Date): Day {
  return toDay(date);
}

export function addDays(day: Day, days: number): Day {
  return toDay(new Date(parseDay(day).getTime() + days * DAY_MS));
}

/** Days from a to b (negative when b is earlier). */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((parseDay(b).getTime() - parseDay(a).getTime()) / DAY_MS);
}

function lastOfMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

function isMonthEnd(day: Day): boolean {
  const date = parseDay(day);
  return date.getUTCDate() === lastOfMonth(date.getUTCFullYear(), date.getUTCMonth());
}

/**
 * The same day n months later; a day past the target month's end becomes its last day, and the
 * last day of a month stays the last day (2024-02-29 − 12 months = 2023-02-28, and back again).
 */
export function addMonths(day: Day, months: number): Day {
  const date = parseDay(day);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const last = lastOfMonth(target.getUTCFullYear(), target.getUTCMonth());
  const dayOfMonth = isMonthEnd(day) ? last : Math.min(date.getUTCDate(), last);
  return toDay(new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), dayOfMonth)));
}

/** The earlier of two days. */
export function earlier(a: Day, b: Day): Day {
  return a < b ? a : b;
}

/** The later of two days. */
export function later(a: Day, b: Day): Day {
  return a < b ? b : a;
}

export function monthStart(day: Day): Day {
  return `${day.slice(0, 7)}-01`;
}

/** First day of the bucket containing day; weeks start on Monday (ISO 8601). */
export function bucketStart(day: Day, bucket: Bucket): Day {
  switch (bucket) {
    case 'DAY':
      return day;
    case 'WEEK':
      return addDays(day, -((parseDay(day).getUTCDay() + 6) % 7));
    case 'MONTH':
      return monthStart(day);
    case 'QUARTER': {
      const month = Number(day.slice(5, 7));
      return `${day.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
    }
    case 'YEAR':
      return `${day.slice(0, 4)}-01-01`;
  }
}

/** How far one bucket reaches: days for DAY and WEEK, months for the others. */
function step(bucket: Bucket): { days: number } | { months: number } {
  return bucket === 'DAY'
    ? { days: 1 }
    : bucket === 'WEEK'
      ? { days: 7 }
      : { months: bucket === 'MONTH' ? 1 : bucket === 'QUARTER' ? 3 : 12 };
}

function shift(day: Day, bucket: Bucket, times: number): Day {
  const s = step(bucket);
  return 'days' in s ? addDays(day, s.days * times) : addMonths(day, s.months * times);
}

/** Last day of the bucket containing day. */
export function bucketEnd(day: Day, bucket: Bucket): Day {
  return addDays(shift(bucketStart(day, bucket), bucket, 1), -1);
}

/** ISO 8601 week-numbering year and week of a day. */
function isoWeek(day: Day): { year: number; week: number } {
  const thursday = addDays(bucketStart(day, 'WEEK'), 3);
  const year = Number(thursday.slice(0, 4));
  return { year, week: Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1 };
}

function label(from: Day, to: Day, bucket: Bucket | null, toDate: boolean): string {
  const cut = toDate ? `~${to}` : '';
  switch (bucket) {
    case 'DAY':
      return from;
    case 'WEEK': {
      const { year, week } = isoWeek(from);
      return `${year}-W${String(week).padStart(2, '0')}${cut}`;
    }
    case 'MONTH':
      return `${from.slice(0, 7)}${cut}`;
    case 'QUARTER':
      return `${from.slice(0, 4)}-Q${Math.ceil(Number(from.slice(5, 7)) / 3)}${cut}`;
    case 'YEAR':
      return `${from.slice(0, 4)}${cut}`;
    default:
      return `${from}~${to}`;
  }
}

function period(from: Day, to: Day, bucket: Bucket | null, toDate: boolean): Period {
  return { from, to, bucket, toDate, label: label(from, to, bucket, toDate) };
}

/** The whole bucket containing day. */
export function bucketPeriod(day: Day, bucket: Bucket): Period {
  return period(bucketStart(day, bucket), bucketEnd(day, bucket), bucket, false);
}

/** What a caller may ask for: a calendar bucket around a day, or a free run of days. */
export interface PeriodRequest {
  bucket?: Bucket | null;
  /** A day in the bucket; today when omitted. */
  on?: Day | null;
  /** Cut the bucket at `on` (month to date …). */
  toDate?: boolean | null;
  from?: Day | null;
  to?: Day | null;
}

/**
 * The period asked for. A bucket that contains today ends today (data ends there): the current
 * month is the month to date and is compared with the same days of the month before. Without a
 * bucket or a range: the current year to date.
 */
export function resolvePeriod(request: PeriodRequest, today: Day): Period {
  if (request.from && request.to) return period(request.from, request.to, null, false);
  const bucket = request.bucket ?? 'YEAR';
  const on = request.on ?? today;
  const start = bucketStart(on, bucket);
  const end = bucketEnd(on, bucket);
  let to = request.toDate ? on : end;
  if (start <= today && to > today) to = today;
  return period(start, to, bucket, to < end);
}

/** The period before (环比): the previous bucket, cut at the same point when this one is cut. */
export function previousPeriod(p: Period): Period {
  if (p.bucket === null) {
    const to = addDays(p.from, -1);
    return period(addDays(to, -daysBetween(p.from, p.to)), to, null, false);
  }
  const from = shift(p.from, p.bucket, -1);
  const end = bucketEnd(from, p.bucket);
  if (!p.toDate) return period(from, end, p.bucket, false);
  const to = shift(p.to, p.bucket, -1);
  return period(from, earlier(to, end), p.bucket, to < end);
}

/** The same days a year earlier (同比); for a week, the week 52 weeks earlier (same weekdays). */
export function yearAgoPeriod(p: Period): Period {
  if (p.bucket === 'WEEK' || p.bucket === 'DAY') {
    const days = p.bucket === 'WEEK' ? -364 : 0;
    const shifted = (day: Day) => (days ? addDays(day, days) : addMonths(day, -12));
    return period(shifted(p.from), shifted(p.to), p.bucket, p.toDate);
  }
  const from = addMonths(p.from, -12);
  if (p.bucket === null) return period(from, addMonths(p.to, -12), null, false);
  const end = bucketEnd(from, p.bucket);
  if (!p.toDate) return period(from, end, p.bucket, false);
  const to = addMonths(p.to, -12);
  return period(from, earlier(to, end), p.bucket, to < end);
}

/**
 * The buckets of a series over a range, the first and last cut to the range; at most `limit`
 * (null when there would be more).
 */
export function seriesBuckets(range: DayRange, bucket: Bucket, limit: number): Period[] | null {
  const periods: Period[] = [];
  for (let start = bucketStart(range.from, bucket); start <= range.to; start = shift(start, bucket, 1)) {
    if (periods.length === limit) return null;
    const end = bucketEnd(start, bucket);
    const from = later(start, range.from);
    const to = earlier(end, range.to);
    periods.push(period(from, to, bucket, to < end));
  }
  return periods;
}

/** The instant a Shanghai day starts. */
export function startOfDay(day: Day): Date {
  return new Date(parseDay(day).getTime() - SHANGHAI_OFFSET_MS);
}

/** Share of the year's days up to and including day, 0–1 (时间进度). */
export function yearElapsed(day: Day): number {
  const year = day.slice(0, 4);
  return (daysBetween(`${year}-01-01`, day) + 1) / (daysBetween(`${year}-01-01`, `${year}-12-31`) + 1);
}
