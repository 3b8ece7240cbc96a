// Working days on China's calendar (statutory holidays and make-up working days, from
// chinese-days): the calendar table the KPIs count with, and the two figures counted in working
// days, checked against an independent count over the seeded records.
import chineseDays from 'chinese-days';
import { beforeAll, describe, expect, test } from 'vitest';
import { calendarDays, ensureWorkCalendar } from '../../server/src/kpi/calendar.ts';
import { analyst, gql, readsHub } from './reads-client.ts';

const hub = readsHub();

/** Working days after a, up to and including b, counted one day at a time. */
function workdaysBetween(a: string, b: string): number {
  let count = 0;
  for (let day = new Date(`${a}T00:00:00Z`); ; ) {
    day = new Date(day.getTime() + 86_400_000);
    const text = day.toISOString().slice(0, 10);
    if (text > b) return count;
    if (chineseDays.isWorkday(text)) count++;
  }
}

describe('the working-day calendar (工作日历)', () => {
  beforeAll(async () => {
    await ensureWorkCalendar(hub.db(), '2026-11-28');
  });

  test('knows the 2023 National Day holiday and its make-up working days', () => {
    const days = new Map(calendarDays(2023).map((day) => [day.day, day]));
    expect(days.get('2023-09-29')).toMatchObject({ workday: false, festival: '中秋' });
    for (const day of ['2023-09-30', '2023-10-01', '2023-10-02', '2023-10-06']) {
      expect(days.get(day)).toMatchObject({ workday: false, festival: '国庆节' });
    }
    // Saturday and Sunday, worked to make up for the holiday (调休).
    expect(days.get('2023-10-07')).toMatchObject({ workday: true, festival: '国庆节' });
    expect(days.get('2023-10-08')).toMatchObject({ workday: true, festival: '国庆节' });
    expect(days.get('2023-10-14')).toMatchObject({ workday: false, festival: null });
  });

  test('counts working days across the holiday in SQL with one subtraction', async () => {
    const rows = await hub.db().sql.query<{ from: string; to: string; workdays: number }>(
      `SELECT a.day::text AS from, b.day::text AS to, b."workdayNumber" - a."workdayNumber" AS workdays
         FROM (VALUES ('2023-09-28'::date, '2023-10-09'::date), ('2023-09-28', '2023-10-08'), ('2023-09-28', '2023-10-06'),
                      ('2023-09-22', '2023-10-13'), ('2023-10-06', '2023-10-07')) AS p(f, t)
         JOIN "WorkCalendar" a ON a.day = p.f JOIN "WorkCalendar" b ON b.day = p.t
        ORDER BY 1, 2`,
    );
    expect(rows).toEqual([
      // Mon 25 … Thu 28 and Sat 7 … Fri 13 October.
      { from: '2023-09-22', to: '2023-10-13', workdays: 11 },
      // The holiday (29 September – 6 October) counts nothing; 7, 8 and 9 October count.
      { from: '2023-09-28', to: '2023-10-06', workdays: 0 },
      { from: '2023-09-28', to: '2023-10-08', workdays: 2 },
      { from: '2023-09-28', to: '2023-10-09', workdays: 3 },
      { from: '2023-10-06', to: '2023-10-07', workdays: 1 },
    ]);
    for (const { from, to, workdays } of rows) expect(workdaysBetween(from, to)).toBe(workdays);
  });

  test('slips’ average handling time in working days (平均办理工作日)', async () => {
    const slips = await hub.db().sql.query<{ issued: string; closed: string }>(
      `SELECT "issuedOn"::text AS issued, (("closedAt" AT TIME ZONE 'Asia/Shanghai')::date)::text AS closed
         FROM "AssignmentSlip" WHERE "issuedOn" BETWEEN '2022-01-01' AND '2022-12-31' AND "closedAt" IS NOT NULL`,
    );
    expect(slips).toHaveLength(29);
    const expected = slips.reduce((sum, s) => sum + workdaysBetween(s.issued, s.closed), 0) / slips.length;
    const { slipStatistics } = await gql<{
      slipStatistics: { totals: { issued: number; closed: number; averageHandlingWorkdays: number } };
    }>(
      hub.url(),
      analyst,
      `{ slipStatistics(period: { bucket: YEAR, on: "2022-01-01" }) { totals { issued closed averageHandlingWorkdays } } }`,
    );
    expect(slipStatistics.totals).toEqual({
      issued: 29,
      closed: 29,
      averageHandlingWorkdays: Math.round(expected * 10) / 10,
    });
  });

  test('double publicity’s timeliness: published within 7 working days (及时率)', async () => {
    const records = await hub.db().sql.query<{ decided: string; published: string | null }>(
      `SELECT "decidedOn"::text AS decided, "publishedOn"::text AS published FROM "PublicityRecord"
        WHERE "decidedOn" BETWEEN '2023-09-01' AND '2023-10-31'`,
    );
    const timely = records.filter(
      (r) => r.published !== null && workdaysBetween(r.decided, r.published) <= 7,
    ).length;
    const { publicityRates } = await gql<{
      publicityRates: { totals: { records: number; judged: number; timely: number } };
    }>(
      hub.url(),
      analyst,
      `{ publicityRates(period: { from: "2023-09-01", to: "2023-10-31" }) { totals { records judged timely } } }`,
    );
    expect(publicityRates.totals).toEqual({ records: records.length, judged: records.length, timely });
  });
});
