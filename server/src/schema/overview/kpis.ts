// The big screen's headline figures (指挥中心大屏总览) in one round trip and one statement.
import { builder } from '../../builder.ts';
import { checkedRegion, kpiAccess } from '../../kpi/sql.ts';
import { dateOf, KpiStatusEnum, MoneyAmountRef, money, todayOf } from '../kpi-common.ts';
import { RegionNode } from '../organisation/regions.ts';
import { liveCasesOf } from '../services/case-facts.ts';
import { OVERVIEW_READS, overviewFigures } from './figures.ts';

const TargetProgressRef = builder.simpleObject('TargetProgress', {
  description: 'A work target of the year with progress and status (年度目标完成情况).',
  fields: (t) => ({
    value: t.float({ nullable: true, description: 'The value so far this year (当前值).' }),
    target: t.float({ nullable: true, description: 'The year’s target (年度目标).' }),
    expectedToDate: t.float({
      nullable: true,
      description: 'For counts: the target pro-rated to today (按时间进度应完成); null for rates.',
    }),
    progress: t.float({ nullable: true, description: 'value / target in percent (完成率).' }),
    status: t.field({
      type: KpiStatusEnum,
      nullable: true,
      description: 'Against the target (rates) or the pro-rated target (counts), with its warning band.',
    }),
  }),
});

const EvaluationHeadlineRef = builder.simpleObject('EvaluationHeadline', {
  description: 'The latest evaluation’s overall result (最新营商环境评价).',
  fields: (t) => ({
    year: t.int({ description: 'The year evaluated.' }),
    score: t.float({ description: 'Overall convenience score (总体便利度).' }),
    rank: t.int({ nullable: true, description: 'Rank in the province (全省排名).' }),
    rankOf: t.int({ nullable: true, description: 'How many counties were ranked.' }),
  }),
});

const MonitoringHeadlineRef = builder.simpleObject('MonitoringHeadline', {
  description: 'The latest month of passive monitoring (最新无感监测).',
  fields: (t) => ({
    month: t.field({ type: 'Date', description: 'First day of the month.' }),
    value: t.float({ description: 'Composite score (综合得分).' }),
    rank: t.int({ nullable: true, description: 'Rank among the city’s counties (全市排名).' }),
    rankOf: t.int({ nullable: true, description: 'How many counties were ranked.' }),
  }),
});

const OverviewRef = builder.simpleObject('Overview', {
  description:
    'The big screen’s headline figures (大屏总览) for a region, computed in one statement from rollups kept on every write.',
  fields: (t) => ({
    region: t.field({ type: RegionNode, description: 'The region (the home county by default).' }),
    today: t.field({
      type: 'Date',
      description: 'Today in Asia/Shanghai: what “today”, “this month”, “this year” mean.',
    }),
    yearElapsed: t.float({ description: 'Share of the year gone, percent (时间进度).' }),
    casesToday: t.int({ description: 'Cases submitted today (今日办件).' }),
    casesThisMonth: t.int({ description: 'Cases this month to date (本月办件).' }),
    casesThisYear: t.int({ description: 'Cases this year to date (本年办件).' }),
    casesSameDaysLastYear: t.int({ description: 'Cases of the same days last year (去年同期).' }),
    casesYearOnYearPercent: t.float({
      nullable: true,
      description: 'Change against last year, percent (同比).',
    }),
    oneNetworkCasesThisYear: t.int({ description: 'One-network cases this year (一网通办件数).' }),
    oneNetworkRate: t.field({
      type: TargetProgressRef,
      description: 'One-network rate this year against its target (一网通办率 vs 目标, e.g. ≥ 98 %).',
    }),
    caseVolume: t.field({
      type: TargetProgressRef,
      description: 'Cases this year against the annual target (全年办件量, e.g. 400,000).',
    }),
    townshipCases: t.field({
      type: TargetProgressRef,
      description: 'Township cases this year against the annual target (乡镇办件量, e.g. 50,000).',
    }),
    bankBranchCasesThisYear: t.int({
      description: 'Cases received at bank branches this year (政银合作办件).',
    }),
    crossProvinceCasesThisYear: t.int({ description: 'Cross-province cases this year (跨省通办办件).' }),
    slipsOpen: t.int({ description: 'Assignment slips not closed (在办交办单).' }),
    slipsOverdue: t.int({ description: 'Of those, past their deadline (超期交办单).' }),
    problemsOpen: t.int({ description: 'Problems not yet resolved (未解决问题).' }),
    blacklistListed: t.int({ description: 'Firms on the serious-dishonesty list today (失信主体数).' }),
    creditBase: t.int({ description: 'Firms in the credit base today (信用主体数).' }),
    blacklistRatio: t.float({
      nullable: true,
      description: 'blacklistListed / creditBase, percent (失信主体占比).',
    }),
    fundsPaidThisYear: t.field({
      type: MoneyAmountRef,
      description: 'Policy funds paid this year (本年兑现金额).',
    }),
    fundBeneficiariesThisYear: t.int({ description: 'Distinct enterprises paid this year (本年受益企业).' }),
    evaluation: t.field({
      type: EvaluationHeadlineRef,
      nullable: true,
      description: 'The latest evaluation result (营商环境评价).',
    }),
    monitoring: t.field({
      type: MonitoringHeadlineRef,
      nullable: true,
      description: 'The latest passive-monitoring month (无感监测).',
    }),
    asOf: t.field({ type: 'DateTime', description: 'When the figures were computed (数据时间).' }),
  }),
});

builder.queryField('overview', (t) =>
  t.field({
    extensions: OVERVIEW_READS,
    type: OverviewRef,
    authScopes: { aggregates: true },
    description:
      'The big screen’s headline figures in one round trip (大屏总览): cases today, this month and this year, the one-network rate and case targets with status, township progress, slips overdue, the blacklist ratio, policy funds paid this year, the latest evaluation and monitoring ranks.',
    args: {
      regionCode: t.arg.string({
        description:
          'The region; the caller’s own region (TOWNSHIP tokens) or the home county by default. A TOWNSHIP token asking for a region outside its subtree gets FORBIDDEN.',
      }),
    },
    // Computed by the live hub, the root carries the new cases it heard of (LiveCases).
    resolve: async (root, args, ctx) => {
      const { data: json, asOf } = await overviewFigures(
        ctx,
        kpiAccess(ctx),
        args.regionCode ?? null,
        todayOf(ctx),
        liveCasesOf(root),
      );
      const region = checkedRegion(json.region, args.regionCode ?? null);
      return {
        ...json,
        region,
        today: dateOf(json.today),
        fundsPaidThisYear: money(json.fundsPaidThisYearFen),
        monitoring: json.monitoring ? { ...json.monitoring, month: dateOf(json.monitoring.month) } : null,
        asOf,
      };
    },
  }),
);
