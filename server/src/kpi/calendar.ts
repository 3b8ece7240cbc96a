// China's working-day calendar in the database: statutory holidays (法定节假日) and make-up
// working days (调休) from the chinese-days package, which is updated every year when the State
// Council publishes the next year's holidays. The table "WorkCalendar" numbers the working days,
// so SQL counts the working days between two days with one subtraction. Years the package does
// not know yet count as plain Monday–Friday weeks.
import chineseDays from 'chinese-days';
import type { Database } from '../db.ts';
import { addDays, type Day } from './period.ts';

/** The calendar starts here: early enough for every record the hub holds. */
const FIRST_DAY = '2015-01-01';

export interface CalendarDay {
  day: Day;
  workday: boolean;
  /** The festival of a statutory holiday or of a make-up working day, e.g. 国庆节. */
  festival: string | null;
  /** Working days from FIRST_DAY up to and including this day. */
  workdayNumber: number;
}

/** Every day from FIRST_DAY to the end of `lastYear`, from chinese-days. */
export function calendarDays(lastYear: number): CalendarDay[] {
  const days: CalendarDay[] = [];
  let workdayNumber = 0;
  for (let day = FIRST_DAY; day <= `${lastYear}-12-31`; day = addDays(day, 1)) {
    const detail = chineseDays.getDayDetail(day);
    // Holidays and make-up days are named "English,中文,days"; plain days after the weekday.
    const festival = detail.name.includes(',') ? (detail.name.split(',')[1] ?? null) : null;
    if (detail.work) workdayNumber++;
    days.push({ day, workday: detail.work, festival, workdayNumber });
  }
  return days;
}

const filledThrough = new WeakMap<Database, Promise<number>>();

/**
 * Makes sure "WorkCalendar" covers every day up to the end of the year after `today`'s. Filled
 * once per database and process (idempotent upsert, safe with several replicas at once).
 */
export async function ensureWorkCalendar(db: Database, today: Day): Promise<void> {
  const lastYear = Number(today.slice(0, 4)) + 1;
  const pending = filledThrough.get(db);
  if (pending && (await pending.catch(() => 0)) >= lastYear) return;
  const fill = (async () => {
    await db.sql.query(
      `INSERT INTO "WorkCalendar" ("day", "workday", "festival", "workdayNumber")
       SELECT day, workday, festival, "workdayNumber"
         FROM json_to_recordset($1::json) AS d(day date, workday boolean, festival text, "workdayNumber" int)
       ON CONFLICT ("day") DO UPDATE
         SET "workday" = excluded."workday", "festival" = excluded."festival", "workdayNumber" = excluded."workdayNumber"
       WHERE ("WorkCalendar"."workday", "WorkCalendar"."festival", "WorkCalendar"."workdayNumber")
             IS DISTINCT FROM (excluded."workday", excluded."festival", excluded."workdayNumber")`,
      [JSON.stringify(calendarDays(lastYear))],
    );
    return lastYear;
  })();
  filledThrough.set(db, fill);
  await fill;
}
