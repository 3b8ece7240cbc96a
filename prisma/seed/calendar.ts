// Calendar days in Asia/Shanghai terms (UTC+8 all year, no daylight saving since 1991) and
// China's working-day calendar (statutory holidays and make-up working days, chinese-days).
import chineseDays from 'chinese-days';

/** A calendar day, 'YYYY-MM-DD', in Asia/Shanghai. */
export type Day = string;

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** What kind of day it is for a service hall: open, weekend, or statutory holiday. */
export type DayKind = 'WORKDAY' | 'WEEKEND' | 'HOLIDAY';

/** The Shanghai calendar day of an instant. */
export function dayOf(instant: Date): Day {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight at the start of a day in Shanghai, as an instant. */
export function startOfDay(day: Day): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/** The instant at a given second of a Shanghai day. */
export function at(day: Day, seconds: number): Date {
  return new Date(startOfDay(day).getTime() + seconds * 1000);
}

/** Day strings of 2000–2040 by position, and their positions: day arithmetic without Date. */
const TABLE_START = Date.UTC(2000, 0, 1);
const TABLE_DAYS = 15_000;
const dayTable: Day[] = Array.from({ length: TABLE_DAYS }, (_, i) =>
  new Date(TABLE_START + i * DAY_MS).toISOString().slice(0, 10),
);
const dayPosition = new Map(dayTable.map((day, i) => [day, i]));

export function addDays(day: Day, days: number): Day {
  const position = dayPosition.get(day);
  const target = position === undefined ? undefined : dayTable[position + days];
  return target ?? new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b (negative when b is earlier). */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Every day from first to last, both included. */
export function eachDay(first: Day, last: Day): Day[] {
  const days: Day[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The earlier of two days. */
export function earliest(a: Day, b: Day): Day {
  return a < b ? a : b;
}

export function yearOf(day: Day): number {
  return Number(day.slice(0, 4));
}

export function monthOf(day: Day): number {
  return Number(day.slice(5, 7));
}

/** The first day of the month of a day, e.g. '2022-05-01'. */
export function monthStart(day: Day): Day {
  return `${day.slice(0, 7)}-01`;
}

export function addMonths(day: Day, months: number): Day {
  const y = yearOf(day);
  const m = monthOf(day) - 1 + months;
  const d = Number(day.slice(8, 10));
  const first = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)))
    .toISOString()
    .slice(0, 10);
}

/** First days of every month from the month of first to the month of last. */
export function eachMonth(first: Day, last: Day): Day[] {
  const months: Day[] = [];
  for (let month = monthStart(first); month <= last; month = addMonths(month, 1)) months.push(month);
  return months;
}

export function lastDayOfMonth(day: Day): Day {
  return addDays(addMonths(monthStart(day), 1), -1);
}

const kinds = new Map<Day, DayKind>();

/**
 * Working day, weekend or statutory holiday. Make-up working days (调休) on a weekend are
 * working days; years past chinese-days' data fall back to plain weekends.
 */
export function dayKind(day: Day): DayKind {
  let kind = kinds.get(day);
  if (kind === undefined) {
    const detail = chineseDays.getDayDetail(day);
    // Statutory holidays carry the festival's name ("National Day,国庆节,3"); plain
    // weekends are named after the weekday.
    kind = detail.work ? 'WORKDAY' : detail.name.includes(',') ? 'HOLIDAY' : 'WEEKEND';
    kinds.set(day, kind);
  }
  return kind;
}

export function isWorkday(day: Day): boolean {
  return dayKind(day) === 'WORKDAY';
}

/** The working day n working days after day (n ≥ 0); n = 0 gives day itself or the next working day. */
export function addWorkdays(day: Day, n: number): Day {
  let current = day;
  while (!isWorkday(current)) current = addDays(current, 1);
  for (let left = n; left > 0; ) {
    current = addDays(current, 1);
    if (isWorkday(current)) left--;
  }
  return current;
}

/** Working days after a and up to b (0 when b ≤ a). */
export function workdaysBetween(a: Day, b: Day): number {
  let count = 0;
  for (let day = addDays(a, 1); day <= b; day = addDays(day, 1)) if (isWorkday(day)) count++;
  return count;
}

let workdayList: Day[] | null = null;

/** Index of the first element ≥ day in a sorted list of days. */
function lowerBound(days: readonly Day[], day: Day): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((days[mid] as Day) < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Every working day in [first, last], from a list built once (2000–2040). */
export function workdays(first: Day, last: Day): Day[] {
  workdayList ??= eachDay('2000-01-01', '2040-12-31').filter(isWorkday);
  return workdayList.slice(lowerBound(workdayList, first), lowerBound(workdayList, addDays(last, 1)));
}
