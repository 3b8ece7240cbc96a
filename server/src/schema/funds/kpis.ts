// Policy-fund KPIs (政企通): amounts and beneficiaries by period, policy, mechanism and
// department; the share of policies listed on the platform and paid online.
import { builder } from '../../builder.ts';
import { departmentScope, kpiAccess } from '../../kpi/sql.ts';
import {
  comparedPeriods,
  KpiPeriodInput,
  KpiPeriodRef,
  MoneyAmountRef,
  money,
  PeriodBucketEnum,
  periodOf,
  periodShape,
  todayOf,
} from '../kpi-common.ts';
import { FUND_READS, type FundGrouping, type FundRowJson, fundFigures, policyOnline } from './figures.ts';
import { DisbursementMechanismEnum } from './records.ts';

export const FundGroupingEnum = builder.enumType('FundGrouping', {
  description: 'What policy-fund figures are split by (兑现统计维度).',
  values: {
    TOTAL: { description: 'Not split (合计).' },
    POLICY: { description: 'The policy paid under (政策).' },
    MECHANISM: {
      description: 'How it was funded (兑现机制): standard, pre-allocation (预拨制), fund pool (资金池).',
    },
    DEPARTMENT: { description: 'The policy’s department (政策部门).' },
    PERIOD: { description: 'Calendar buckets of the payment day (按时间), see `bucket`.' },
  } satisfies Record<FundGrouping, { description: string }>,
});

const FundFigureRef = builder.simpleObject('FundFigure', {
  description: 'Policy funds paid in one group (政策资金兑现).',
  fields: (t) => ({
    key: t.string({
      description: 'The group: a policy or department code, a mechanism, a bucket’s first day.',
    }),
    label: t.string({ description: 'The group in Chinese (or the first day of a bucket).' }),
    amount: t.field({ type: MoneyAmountRef, description: 'Paid in the period (兑现金额).' }),
    payments: t.int({ description: 'Payments (笔数).' }),
    beneficiaries: t.int({
      description: 'Distinct enterprises paid (受益企业数); a firm paid in two groups counts in both.',
    }),
    previousAmount: t.field({ type: MoneyAmountRef, description: 'Paid in the previous period (上期).' }),
    rank: t.int({
      nullable: true,
      description: 'Position by amount (排名); ties share; null for totals and buckets.',
    }),
    previousRank: t.int({ nullable: true, description: 'Position in the previous period (上期排名).' }),
    rankChange: t.int({ nullable: true, description: 'previousRank − rank: places moved up (名次变化).' }),
  }),
});

function fundShape(row: FundRowJson, grouping: FundGrouping) {
  return {
    ...row,
    label: grouping === 'MECHANISM' ? DisbursementMechanismEnum.label(row.key) : row.label,
    amount: money(row.amountFen),
    previousAmount: money(row.previousAmountFen),
  };
}

const FundStatisticsRef = builder.simpleObject('PolicyFundStatistics', {
  description: 'Policy funds paid through 政企通 in a period (惠企政策兑现统计).',
  fields: (t) => ({
    period: t.field({ type: KpiPeriodRef, description: 'The days paid on.' }),
    groupBy: t.field({ type: FundGroupingEnum, description: 'How the rows are split.' }),
    totals: t.field({ type: FundFigureRef, description: 'All payments of the period.' }),
    rows: t.field({
      type: [FundFigureRef],
      description: 'One row per group, largest amount first (buckets in time order).',
    }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

const PolicyOnlineRef = builder.simpleObject('PolicyOnlineShares', {
  description: 'Policies of a year on 政企通 (惠企政策上架与在线兑现).',
  fields: (t) => ({
    year: t.int({ description: 'The policies’ year.' }),
    policies: t.int({ description: 'Policies of the year (政策数).' }),
    listedOnline: t.int({ description: 'Listed on 政企通 (上架数).' }),
    paidOnline: t.int({ description: 'Paid online through it (在线兑现数).' }),
    listedShare: t.float({ nullable: true, description: 'listedOnline / policies in percent (上架率).' }),
    paidOnlineShare: t.float({
      nullable: true,
      description: 'paidOnline / policies in percent (在线兑现率).',
    }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

const departmentArg = builder.args((t) => ({
  departmentCode: t.string({
    description:
      'Only policies of this department (部门编码); a DEPARTMENT token is always limited to its own.',
  }),
}));

builder.queryFields((t) => ({
  policyFundStatistics: t.field({
    extensions: FUND_READS,
    type: FundStatisticsRef,
    authScopes: { aggregates: true },
    description:
      'Policy funds paid through 政企通 (惠企政策兑现): amount in fen, yuan and 万元, payments and distinct beneficiaries, by policy, mechanism, department or period, ranked against the previous period.',
    args: {
      ...departmentArg,
      period: t.arg({
        type: KpiPeriodInput,
        description: 'The days paid on; the current year to date by default.',
      }),
      groupBy: t.arg({
        type: FundGroupingEnum,
        defaultValue: 'TOTAL',
        description: 'How to split the figures.',
      }),
      bucket: t.arg({
        type: PeriodBucketEnum,
        defaultValue: 'MONTH',
        description: 'Bucket size for PERIOD.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const { current, previous } = comparedPeriods(periodOf(args.period, todayOf(ctx)));
      const groupBy = args.groupBy ?? 'TOTAL';
      const scope = { access: kpiAccess(ctx), departmentId: await departmentScope(ctx, args.departmentCode) };
      const { data: result, asOf } = await fundFigures(
        ctx,
        scope,
        { current, previous },
        groupBy,
        args.bucket ?? 'MONTH',
      );
      return {
        period: periodShape(current),
        groupBy,
        totals: fundShape(result.totals, 'TOTAL'),
        rows: result.rows.map((row) => fundShape(row, groupBy)),
        asOf,
      };
    },
  }),
  policyOnlineShares: t.field({
    extensions: FUND_READS,
    type: PolicyOnlineRef,
    authScopes: { aggregates: true },
    description:
      'Policies of a year listed on 政企通 and paid online through it (上架率, 在线兑现率; the 2023 target is 100 % each).',
    args: {
      ...departmentArg,
      year: t.arg.int({
        description: 'The policies’ year; the current year by default.',
        validate: { min: [2000, { message: 'year must be 2000 or later' }], max: 2100 },
      }),
    },
    resolve: async (_root, args, ctx) => {
      const year = args.year ?? Number(todayOf(ctx).slice(0, 4));
      const { data, asOf } = await policyOnline(ctx, await departmentScope(ctx, args.departmentCode), year);
      return { ...data, asOf };
    },
  }),
}));
