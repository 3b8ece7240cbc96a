// What the KPI fields (<domain>/kpis.ts) share: the period argument, the status enum, money, and the department
// argument (an enum's Chinese labels sit beside the enum: schema/labelled-enum.ts). The figures themselves are computed by
// the database (server/src/kpi/); resolvers only shape them. Every KPI field needs the
// `aggregates` scope (every signed-in role); DEPARTMENT and TOWNSHIP callers get the figures of
// their department or region subtree (see server/src/kpi/sql.ts).
import { GraphQLError } from 'graphql';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import {
  type Bucket,
  type Day,
  dayOfDate,
  daysBetween,
  type Period,
  previousPeriod,
  resolvePeriod,
  shanghaiDay,
  yearAgoPeriod,
} from '../kpi/period.ts';
import { yuanFromFen } from './funds/records.ts';

export const KpiStatusEnum = builder.enumType('KpiStatus', {
  description: 'Red/amber/green status of a figure against its target (红黄绿灯).',
  values: {
    GREEN: { description: 'On or beyond the target (达标, 绿灯).' },
    AMBER: { description: 'Short of the target by no more than its warning band (预警, 黄灯).' },
    RED: { description: 'Short of the target by more than its warning band (未达标, 红灯).' },
  },
});

export const PeriodBucketEnum = builder.enumType('PeriodBucket', {
  description:
    'A calendar period of Asia/Shanghai days (统计周期): day, week (Monday to Sunday), month, quarter or year.',
  values: {
    DAY: { description: 'A day (日).' },
    WEEK: { description: 'A week, Monday to Sunday (周).' },
    MONTH: { description: 'A calendar month (月).' },
    QUARTER: { description: 'A calendar quarter (季度).' },
    YEAR: { description: 'A calendar year (年).' },
  } satisfies Record<Bucket, { description: string }>,
});

export const KpiPeriodInput = builder.inputType('KpiPeriodInput', {
  description:
    'The days a figure covers (统计期间): the calendar bucket around a day, or a free range of days. Without either, the current year to date. A bucket that contains today ends today.',
  fields: (t) => ({
    bucket: t.field({
      type: PeriodBucketEnum,
      description: 'The calendar bucket around `on` (default YEAR).',
    }),
    on: t.field({ type: 'Date', description: 'A day in the bucket; today (Asia/Shanghai) when omitted.' }),
    toDate: t.boolean({
      description:
        'Cut the bucket at `on`: month to date (月累计), year to date (年累计) … in a past year too.',
    }),
    from: t.field({
      type: 'Date',
      description: 'First day of a free range, instead of a bucket (with `to`).',
    }),
    to: t.field({ type: 'Date', description: 'Last day of a free range, both days included (with `from`).' }),
  }),
});

/** At most this many days in a free range (a little over 20 years). */
const MAX_RANGE_DAYS = 7500;

export interface KpiPeriodArg {
  bucket?: Bucket | null;
  on?: Date | null;
  toDate?: boolean | null;
  from?: Date | null;
  to?: Date | null;
}

function badInput(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });
}

/** Today in Asia/Shanghai by the request's clock. */
export function todayOf(ctx: Pick<Context, 'clock'>): Day {
  return shanghaiDay(ctx.clock());
}

/** The period asked for, checked. */
export function periodOf(arg: KpiPeriodArg | null | undefined, today: Day): Period {
  const from = arg?.from ? dayOfDate(arg.from) : null;
  const to = arg?.to ? dayOfDate(arg.to) : null;
  if ((from === null) !== (to === null)) throw badInput('Give both `from` and `to`, or neither.', 'period');
  if (from !== null && to !== null) {
    if (arg?.bucket || arg?.on || arg?.toDate) {
      throw badInput(
        'A period is either a bucket (`bucket`, `on`, `toDate`) or a range (`from`, `to`).',
        'period',
      );
    }
    if (from > to) throw badInput('`from` must not be after `to`.', 'period.from');
    if (daysBetween(from, to) > MAX_RANGE_DAYS)
      throw badInput('A range may span at most 20 years.', 'period.to');
  }
  return resolvePeriod(
    {
      bucket: arg?.bucket ?? null,
      on: arg?.on ? dayOfDate(arg.on) : null,
      toDate: arg?.toDate ?? null,
      from,
      to,
    },
    today,
  );
}

/** The period with the ones it is compared with. */
export function comparedPeriods(period: Period) {
  return { current: period, previous: previousPeriod(period), yearAgo: yearAgoPeriod(period) };
}

/** A calendar day as the `Date` scalar carries it (midnight UTC of that day). */
export function dateOf(day: Day): Date {
  return new Date(`${day}T00:00:00Z`);
}

export const KpiPeriodRef = builder.simpleObject('KpiPeriod', {
  description: 'The days a figure covers (统计期间), Asia/Shanghai, both ends included.',
  fields: (t) => ({
    label: t.string({
      description: 'e.g. "2026", "2026-Q4", "2026-11", "2026-W48", "2026~2026-11-28" (to date).',
    }),
    from: t.field({ type: 'Date', description: 'First day.' }),
    to: t.field({ type: 'Date', description: 'Last day.' }),
    bucket: t.field({
      type: PeriodBucketEnum,
      nullable: true,
      description: 'The calendar bucket the days belong to; null for a free range.',
    }),
    toDate: t.boolean({ description: 'The bucket is cut before its end (月累计, 年累计 …).' }),
  }),
});

export function periodShape(period: Period) {
  return {
    label: period.label,
    from: dateOf(period.from),
    to: dateOf(period.to),
    bucket: period.bucket,
    toDate: period.toDate,
  };
}

export const MoneyAmountRef = builder.simpleObject('MoneyAmount', {
  description: 'An amount of money (金额), exact in fen (分) with yuan and 万元 conveniences.',
  fields: (t) => ({
    fen: t.field({ type: 'BigInt', description: 'The amount in fen (分), exact; 1 yuan = 100 fen.' }),
    yuan: t.field({ type: 'Decimal', description: 'The amount in yuan (元), exact, two decimals.' }),
    wanYuan: t.float({
      description: 'The amount in 万元 (10,000 yuan), rounded to two decimals, for display.',
    }),
  }),
});

/** Money from a sum in fen given as digits. */
export function money(fen: string) {
  const value = BigInt(fen);
  return { fen: value, yuan: yuanFromFen(value), wanYuan: Math.round(Number(value) / 10_000) / 100 };
}

/** Limits a figure to one department; a DEPARTMENT token is limited to its own regardless. */
export const departmentArg = builder.args((t) => ({
  departmentCode: t.string({
    description: 'Only this department (部门编码); a DEPARTMENT token is always limited to its own.',
  }),
}));
