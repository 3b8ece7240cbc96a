// Obstacle clearing (清障行动): problems from the city task force, the county problem pool,
// grid visits, revisits and the hotline; assignment slips (交办单) with their state machine
// ISSUED → ACKNOWLEDGED → REPLIED → VERIFIED → CLOSED; monthly follow-ups; reviews (复盘);
// and the 17 stalled historical investment projects followed month by month.
import {
  addDays,
  addMonths,
  addWorkdays,
  at,
  type Day,
  eachMonth,
  earliest,
  isWorkday,
  monthStart,
  yearOf,
} from './calendar.ts';
import type { SeedContext } from './context.ts';
import type { Grid } from './grid.ts';
import { tradeName } from './names.ts';
import { type Departments, department, type Places } from './places.ts';
import { type Random, randomStream } from './random.ts';
import type { Row } from './sql.ts';

type ProblemStatus = 'OPEN' | 'ASSIGNED' | 'IN_PROGRESS' | 'RESOLVED' | 'CLOSED';
type ProjectStatus = 'ADVANCING' | 'RE_INVESTMENT' | 'AGREEMENT_TERMINATED' | 'RESOLVED' | 'STALLED';

/** County-pool problems and slips per year: 2022 issued 29 slips on 26 problems. */
const POOL_PER_YEAR: Record<number, readonly [number, number]> = {
  2022: [26, 29],
  2023: [31, 34],
  2024: [33, 37],
  2025: [30, 33],
};
const POOL_LATER: readonly [number, number] = [30, 33];
/** City task-force problems per year; 2022's five were all handled within the year. */
const CITY_PER_YEAR: Record<number, number> = { 2022: 5, 2023: 6, 2024: 5, 2025: 5 };
/** Problem reviews (复盘) per year: three in 2022. */
const REVIEWS_PER_YEAR: Record<number, number> = { 2022: 3, 2023: 4, 2024: 5, 2025: 4 };

const POOL_TOPICS: ReadonlyArray<readonly [string, string]> = [
  ['企业厂房不动产权分割登记受阻', 'ZG'],
  ['工业园区道路配套滞后影响企业物流', 'ZJ'],
  ['企业用电增容报装进度缓慢', 'GD'],
  ['项目环评批复与规划条件衔接不畅', 'STHJ'],
  ['企业融资担保链风险化解', 'CZ'],
  ['小微企业园消防验收整改', 'ZJ'],
  ['企业污水纳管接入延迟', 'ZF'],
  ['惠企政策资金拨付滞后', 'JX'],
  ['企业员工子女入学协调', 'JY'],
  ['茶企土地出让条件变更', 'ZG'],
  ['企业燃气管道接入费用争议', 'RQ'],
  ['历史遗留项目竣工验收备案', 'ZJ'],
  ['企业出口退税办理慢', 'SW'],
  ['企业招工难需要对接培训', 'RS'],
  ['工地临时用地审批超期', 'ZG'],
  ['企业周边道路破损修复', 'JT'],
  ['民宿开办备案标准不统一', 'WGLT'],
  ['企业供水压力不足', 'SWJT'],
  ['企业信用修复指导', 'FG'],
  ['个体户经营场所登记限制', 'SCJG'],
];
const CITY_TOPICS: readonly string[] = [
  '市营商专班交办：企业反映跨部门审批材料重复提交',
  '市营商专班交办：产业园区企业用能指标协调',
  '市营商专班交办：重点项目施工许可前置条件梳理',
  '市营商专班交办：企业反映政策兑现标准不一',
  '市营商专班交办：企业账款拖欠清理',
  '市营商专班交办：物流企业车辆通行限制',
  '市营商专班交办：企业反映检验检测周期长',
];
const HOTLINE_TOPICS: ReadonlyArray<readonly [string, string]> = [
  ['12345：企业反映营业执照变更后银行账户信息未同步', 'SCJG'],
  ['12345：企业反映发票领用额度不足', 'SW'],
  ['12345：个体户反映门头招牌审批流程不清', 'ZF'],
  ['12345：企业反映社保转移办理慢', 'RS'],
  ['12345：企业反映厂区路灯损坏', 'ZJ'],
  ['12345：企业反映施工扰民投诉处理', 'ZF'],
];

/** The 17 historical projects: name and lead department; the status they reach by end of 2022. */
const HISTORICAL_PROJECTS: ReadonlyArray<readonly [string, string, ProjectStatus]> = [
  ['年产五万吨竹木家具生产项目', 'JX', 'ADVANCING'],
  ['高端装备产业园一期项目', 'FG', 'ADVANCING'],
  ['生态茶旅综合体项目', 'WGLT', 'ADVANCING'],
  ['新型建材生产线项目', 'JX', 'ADVANCING'],
  ['光伏组件生产项目', 'FG', 'ADVANCING'],
  ['汽车零部件产业园项目', 'JX', 'ADVANCING'],
  ['农产品冷链物流中心项目', 'SWU', 'RE_INVESTMENT'],
  ['康养旅游度假区项目', 'WGLT', 'RE_INVESTMENT'],
  ['精密铸造项目', 'JX', 'RE_INVESTMENT'],
  ['电子元件生产基地项目', 'JX', 'RE_INVESTMENT'],
  ['纺织印染升级项目', 'STHJ', 'RE_INVESTMENT'],
  ['特色文旅小镇项目', 'WGLT', 'AGREEMENT_TERMINATED'],
  ['有机肥生产项目', 'NY', 'AGREEMENT_TERMINATED'],
  ['中药材精深加工项目', 'NY', 'AGREEMENT_TERMINATED'],
  ['智能电器产业园项目', 'JX', 'STALLED'],
  ['物流仓储基地项目', 'SWU', 'STALLED'],
  ['食品加工产业园项目', 'JX', 'STALLED'],
];

/** What a problem is made from; status and timestamps follow from the days and today. */
interface ProblemSpec {
  title: string;
  source: string;
  owner: string;
  reportedOn: Day;
  deadline: Day | null;
  resolvedOn: Day | null;
  closedOn: Day | null;
  enterpriseId?: number | null;
  projectId?: number | null;
  visitId?: number | null;
  regionId?: number | null;
}

interface Problems {
  rows: Row[];
  followUps: Row[];
  reviews: Row[];
  slips: Row[];
}

export async function seedProblems(
  ctx: SeedContext,
  places: Places,
  departments: Departments,
  grid: Grid,
): Promise<void> {
  const random = randomStream('problems');
  const out: Problems = { rows: [], followUps: [], reviews: [], slips: [] };
  const dept = (code: string) => department(departments, code).id;
  const today = ctx.todayDay;
  const regionOf = () => random.pick(places.townships).id;

  const addProblem = (p: ProblemSpec): number => {
    const id = out.rows.length + 1;
    const code = `WT${yearOf(p.reportedOn)}${String(id).padStart(5, '0')}`;
    const status: ProblemStatus =
      p.closedOn && p.closedOn <= today
        ? 'CLOSED'
        : p.resolvedOn && p.resolvedOn <= today
          ? 'RESOLVED'
          : 'IN_PROGRESS';
    const resolvedAt = p.resolvedOn && p.resolvedOn <= today ? at(p.resolvedOn, 16 * 3600) : null;
    const closedAt = status === 'CLOSED' ? at(p.closedOn as Day, 17 * 3600) : null;
    out.rows.push({
      id,
      code,
      title: p.title,
      source: p.source,
      ownerDepartmentId: dept(p.owner),
      regionId: p.regionId ?? null,
      enterpriseId: p.enterpriseId ?? null,
      projectId: p.projectId ?? null,
      visitId: p.visitId ?? null,
      reportedOn: p.reportedOn,
      deadline: p.deadline,
      status,
      resolvedAt,
      closedAt,
      createdAt: at(p.reportedOn, 10 * 3600),
      updatedAt: closedAt ?? resolvedAt ?? at(p.reportedOn, 10 * 3600),
    });
    // Monthly follow-ups while the problem is open (每月跟踪).
    const end = (p.closedOn ?? p.resolvedOn ?? today) < today ? ((p.closedOn ?? p.resolvedOn) as Day) : today;
    for (let day = addDays(p.reportedOn, 25); day <= end; day = addMonths(day, 1)) {
      out.followUps.push({
        // The id the hub gives a follow-up entered without one (schema/problems/writes.ts).
        externalId: `${code}/${day}`,
        problemId: id,
        followedOn: day,
        note: random.pick(FOLLOW_UP_NOTES),
        createdAt: at(day, 11 * 3600),
      });
    }
    return id;
  };

  // City task force: handled within the year; the latest ones may still be open.
  for (let year = 2022; year <= yearOf(today); year++) {
    const count = CITY_PER_YEAR[year] ?? 4;
    for (let i = 0; i < count; i++) {
      const reportedOn = addWorkdays(
        addDays(`${year}-02-20`, Math.floor((i / count) * 240) + random.int(0, 15)),
        0,
      );
      if (reportedOn > today) continue;
      const resolvedOn = addWorkdays(reportedOn, random.int(12, 35));
      const closedOn = i === 2 && year === 2022 ? null : addWorkdays(resolvedOn, random.int(2, 8));
      addProblem({
        title: CITY_TOPICS[(i + year) % CITY_TOPICS.length] as string,
        source: 'CITY_TASK_FORCE',
        owner: random.pick(['ZG', 'ZJ', 'FG', 'JX', 'SCJG']),
        reportedOn,
        deadline: addWorkdays(reportedOn, 30),
        resolvedOn,
        closedOn,
        regionId: regionOf(),
      });
    }
  }

  // County pool: problems with slips; some problems needed a second slip.
  const poolProblemsByYear = new Map<number, number[]>();
  for (let year = 2022; year <= yearOf(today); year++) {
    const [problemCount, slipCount] = POOL_PER_YEAR[year] ?? POOL_LATER;
    // Second slips go to problems reported early enough for both slips to fall in the year.
    const early = [...Array(Math.floor(problemCount * 0.6)).keys()];
    const secondSlips = new Set(random.shuffle(early).slice(0, slipCount - problemCount));
    for (let i = 0; i < problemCount; i++) {
      const reportedOn = addWorkdays(addDays(`${year}-01-08`, Math.floor((i / problemCount) * 330)), 0);
      if (reportedOn > today) continue;
      const [title, owner] = POOL_TOPICS[(i * 3 + year) % POOL_TOPICS.length] as readonly [string, string];
      // Departments that have not answered problems of the last months: open and overdue at today.
      const stuck = reportedOn > addDays(today, -100) && reportedOn < addDays(today, -40);
      const slips = planSlips(
        random,
        reportedOn,
        secondSlips.has(i) ? 2 : 1,
        year === 2022 ? 0.14 : 0.2,
        stuck,
      );
      const last = slips[slips.length - 1] as SlipPlan;
      const problemId = addProblem({
        title,
        source: 'COUNTY_POOL',
        owner,
        reportedOn,
        deadline: last.deadline,
        resolvedOn: last.verifiedOn,
        closedOn: last.closedOn,
        enterpriseId: random.pick(grid.enterprises.filter((e) => e.registeredOn < reportedOn).slice(-3000))
          .id,
        regionId: regionOf(),
      });
      poolProblemsByYear.set(year, [...(poolProblemsByYear.get(year) ?? []), problemId]);
      for (const slip of slips) addSlip(out, slip, problemId, dept(owner), today, random);
    }
  }
  // Slip numbers run per year in issue order: 示营商交〔2022〕1号 …
  const perYear = new Map<number, number>();
  out.slips.sort(
    (a, b) =>
      String(a.issuedOn).localeCompare(String(b.issuedOn)) ||
      (a.problemId as number) - (b.problemId as number),
  );
  for (const slip of out.slips) {
    const year = yearOf(slip.issuedOn as Day);
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    slip.code = `示营商交〔${year}〕${n}号`;
  }

  // Reviews (复盘) of closed pool problems, in the year they were closed.
  for (const [year, ids] of poolProblemsByYear) {
    const closed = ids
      .map((id) => out.rows[id - 1] as Row)
      .filter((r) => {
        const closedOn = r.closedAt instanceof Date ? dayOfInstant(r.closedAt) : null;
        return closedOn !== null && yearOf(closedOn) === year && closedOn <= `${year}-12-10`;
      });
    for (const problem of random.shuffle(closed).slice(0, REVIEWS_PER_YEAR[year] ?? 3)) {
      const reviewedOn = addWorkdays(dayOfInstant(problem.closedAt as Date), random.int(3, 12));
      if (reviewedOn > today) continue;
      out.reviews.push({
        problemId: problem.id as number,
        reviewedOn,
        findings: random.pick(REVIEW_FINDINGS),
        createdAt: at(reviewedOn, 15 * 3600),
      });
    }
  }

  // Problems raised on grid visits and notified revisits, and hotline calls.
  for (const visit of grid.visits.filter((v) => v.problemRaised)) {
    const reportedOn = dayOfInstant(visit.visitedAt);
    const resolvedOn = addWorkdays(reportedOn, random.int(5, 40));
    addProblem({
      title: '网格走访发现：企业诉求待协调解决',
      source: 'GRID_VISIT',
      owner: random.pick(['ZG', 'ZJ', 'GD', 'RS', 'JX', 'SCJG', 'JT']),
      reportedOn,
      deadline: addWorkdays(reportedOn, 20),
      resolvedOn,
      closedOn: addWorkdays(resolvedOn, random.int(1, 5)),
      enterpriseId: visit.enterpriseId,
      visitId: visit.id,
    });
  }
  for (const revisit of grid.notifiedRevisits) {
    const reportedOn = dayOfInstant(revisit.at);
    const resolvedOn = addWorkdays(reportedOn, random.int(5, 25));
    addProblem({
      title: `盲盒回访通报：服务不到位（评分${revisit.score}）`,
      source: 'REVISIT',
      owner: 'YSB',
      reportedOn,
      deadline: addWorkdays(reportedOn, 15),
      resolvedOn,
      closedOn: addWorkdays(resolvedOn, random.int(1, 5)),
      enterpriseId: revisit.enterpriseId,
    });
  }
  for (let day: Day = '2022-01-04'; day <= today; day = addDays(day, 1)) {
    if (!isWorkday(day) || !random.chance(36 / 250)) continue;
    const [title, owner] = random.pick(HOTLINE_TOPICS);
    const resolvedOn = addWorkdays(day, random.int(2, 15));
    addProblem({
      title,
      source: 'HOTLINE',
      owner,
      reportedOn: day,
      deadline: addWorkdays(day, 10),
      resolvedOn,
      closedOn: addWorkdays(resolvedOn, 1),
      regionId: regionOf(),
    });
  }

  const projectProblems = await seedProjects(ctx, places, departments, random);
  for (const p of projectProblems) addProblem(p);

  await ctx.insert('Problem', out.rows);
  await ctx.insert('AssignmentSlip', out.slips);
  await ctx.insert('ProblemFollowUp', out.followUps);
  await ctx.insert('ProblemReview', out.reviews);
}

const FOLLOW_UP_NOTES = [
  '责任单位已制定整改方案，正在推进。',
  '已召开协调会，明确时间节点。',
  '企业反馈进展顺利，继续跟踪。',
  '涉及多部门，已提请领导小组协调。',
  '责任单位书面回复，待核实。',
];
const REVIEW_FINDINGS = [
  '问题根源在于部门间信息不共享，已推动数据共享清单。',
  '交办后责任单位响应及时，但涉及历史遗留，办理周期偏长。',
  '复盘发现审批环节前后衔接不畅，已优化并联审批流程。',
  '企业诉求解决，形成同类问题处置指引。',
];

function dayOfInstant(instant: Date): Day {
  return new Date(instant.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** Working days a slip gives its department (办理时限), at least and at most. */
export const SLIP_WORKDAYS = [10, 20] as const;

/** What departments answer a slip with (回复内容). */
export const SLIP_REPLIES = [
  '已按要求整改到位。',
  '已协调解决，企业表示认可。',
  '已制定方案并完成主要节点。',
];

interface SlipPlan {
  issuedOn: Day;
  deadline: Day;
  acknowledgedOn: Day;
  repliedOn: Day;
  verifiedOn: Day;
  closedOn: Day;
}

/**
 * Slip dates in state-machine order. A second slip follows when the first one's result
 * did not hold. Some replies come after the deadline (overdue); stuck slips get no reply
 * for months, so recent ones are open and overdue at today.
 */
function planSlips(
  random: Random,
  reportedOn: Day,
  count: number,
  lateShare: number,
  stuck: boolean,
): SlipPlan[] {
  const slips: SlipPlan[] = [];
  let issuedOn = addWorkdays(reportedOn, random.int(1, 4));
  for (let k = 0; k < count; k++) {
    const deadline = addWorkdays(issuedOn, random.int(...SLIP_WORKDAYS));
    const acknowledgedOn = addWorkdays(issuedOn, random.int(0, 1));
    const late = random.chance(lateShare);
    const onTime = addWorkdays(acknowledgedOn, random.int(3, 12));
    const repliedOn = stuck
      ? addWorkdays(deadline, random.int(60, 90))
      : late
        ? addWorkdays(deadline, random.int(2, 15))
        : earliest(onTime, deadline);
    const verifiedOn = addWorkdays(repliedOn, random.int(1, 5));
    const closedOn = addWorkdays(verifiedOn, random.int(1, 3));
    slips.push({ issuedOn, deadline, acknowledgedOn, repliedOn, verifiedOn, closedOn });
    issuedOn = addWorkdays(closedOn, random.int(3, 10));
  }
  return slips;
}

function addSlip(
  out: Problems,
  slip: SlipPlan,
  problemId: number,
  departmentId: number,
  today: Day,
  random: Random,
): void {
  if (slip.issuedOn > today) return;
  const stamp = (day: Day, hour: number) => (day <= today ? at(day, hour * 3600) : null);
  const acknowledgedAt = stamp(slip.acknowledgedOn, 10);
  const repliedAt = acknowledgedAt ? stamp(slip.repliedOn, 16) : null;
  const verifiedAt = repliedAt ? stamp(slip.verifiedOn, 11) : null;
  const closedAt = verifiedAt ? stamp(slip.closedOn, 15) : null;
  const status = closedAt
    ? 'CLOSED'
    : verifiedAt
      ? 'VERIFIED'
      : repliedAt
        ? 'REPLIED'
        : acknowledgedAt
          ? 'ACKNOWLEDGED'
          : 'ISSUED';
  out.slips.push({
    code: '',
    problemId,
    departmentId,
    issuedOn: slip.issuedOn,
    deadline: slip.deadline,
    status,
    acknowledgedAt,
    repliedAt,
    verifiedAt,
    closedAt,
    reply: repliedAt ? random.pick(SLIP_REPLIES) : null,
    createdAt: at(slip.issuedOn, 9 * 3600),
    updatedAt: closedAt ?? verifiedAt ?? repliedAt ?? acknowledgedAt ?? at(slip.issuedOn, 9 * 3600),
  });
}

/**
 * The 17 historical projects (status by end of 2022: 6 advancing, 5 re-investment, 3
 * terminated, 3 stalled) and the newer ones; monthly progress from January 2022. Returns
 * the problems that track the historical ones.
 */
async function seedProjects(
  ctx: SeedContext,
  places: Places,
  departments: Departments,
  random: Random,
): Promise<ProblemSpec[]> {
  const today = ctx.todayDay;
  const projects: Row[] = [];
  const progress: Row[] = [];
  const problems: ProblemSpec[] = [];
  const months = eachMonth('2022-01-01', today);
  HISTORICAL_PROJECTS.forEach(([name, lead, status2022], i) => {
    const id = i + 1;
    // Status changes: [month, status], in order.
    const changes: Array<[Day, ProjectStatus]> = [['2022-01-01', 'STALLED']];
    if (status2022 !== 'STALLED')
      changes.push([`2022-${String(3 + (i % 9)).padStart(2, '0')}-01`, status2022]);
    if (status2022 === 'ADVANCING' && i % 3 !== 2) changes.push([addMonths('2023-03-01', i * 4), 'RESOLVED']);
    if (status2022 === 'RE_INVESTMENT' && i % 2 === 0)
      changes.push([addMonths('2023-05-01', i), 'ADVANCING']);
    if (status2022 === 'STALLED' && i !== 16)
      changes.push([addMonths('2023-02-01', i - 14), 'RE_INVESTMENT']);
    const statusAt = (month: Day): ProjectStatus => {
      let current: ProjectStatus = 'STALLED';
      for (const [from, s] of changes) if (from <= month) current = s;
      return current;
    };
    const current = statusAt(monthStart(today));
    const signedOn = addDays('2013-03-01', random.int(0, 2400));
    const investor = `${tradeName(random)}实业有限公司`;
    const regionId = random.pick(places.townships).id;
    projects.push({
      id,
      code: `ZS-LS-${String(id).padStart(2, '0')}`,
      name,
      investor,
      agreedAmountFen: BigInt(random.int(8, 120)) * 10_000_000_00n,
      signedOn,
      regionId,
      ownerDepartmentId: department(departments, lead).id,
      historical: true,
      status: current,
    });
    // Followed every month of 2022; afterwards until resolved or three months after termination.
    const resolvedMonth = changes.find(([, s]) => s === 'RESOLVED')?.[0] ?? null;
    const terminatedMonth = changes.find(([, s]) => s === 'AGREEMENT_TERMINATED')?.[0] ?? null;
    const lastMonth = [resolvedMonth, terminatedMonth ? addMonths(terminatedMonth, 3) : null]
      .filter((m): m is Day => m !== null)
      .map((m) => (m < '2022-12-01' ? '2022-12-01' : m))[0];
    for (const month of months) {
      if (lastMonth && month > lastMonth) break;
      const status = statusAt(month);
      progress.push({
        projectId: id,
        month,
        status,
        note: PROGRESS_NOTES[status],
        createdAt: at(addDays(month, 27), 10 * 3600),
      });
    }
    const ended = current === 'RESOLVED' || current === 'AGREEMENT_TERMINATED';
    const endMonth = resolvedMonth ?? terminatedMonth;
    problems.push({
      title: `招商引资历史疑难问题：${name}`,
      source: 'INVESTMENT_PROJECT',
      owner: lead,
      reportedOn: '2022-01-10',
      deadline: null,
      resolvedOn: ended && endMonth ? addWorkdays(addDays(endMonth, 20), 0) : null,
      closedOn: ended && endMonth ? addWorkdays(addDays(endMonth, 25), 0) : null,
      projectId: id,
      regionId,
    });
  });
  // Newer projects signed after 2022, followed without the historical flag.
  for (let year = 2023; year <= yearOf(today); year++) {
    for (let k = 0; k < 3; k++) {
      const signedOn = addWorkdays(addDays(`${year}-03-01`, k * 90 + random.int(0, 30)), 0);
      if (signedOn > today) continue;
      projects.push({
        id: projects.length + 1,
        code: `ZS-${year}-${k + 1}`,
        name: random.pick([
          '数字经济产业园项目',
          '绿色食品精深加工项目',
          '新能源装备制造项目',
          '智慧物流园项目',
          '乡村文旅综合体项目',
        ]),
        investor: `${tradeName(random)}投资有限公司`,
        agreedAmountFen: BigInt(random.int(5, 60)) * 10_000_000_00n,
        signedOn,
        regionId: random.pick(places.townships).id,
        ownerDepartmentId: department(departments, 'FG').id,
        historical: false,
        status: signedOn < addMonths(today, -18) && k === 0 ? 'RESOLVED' : 'ADVANCING',
      });
    }
  }
  await ctx.insert('InvestmentProject', projects);
  await ctx.insert('ProjectProgress', progress);
  return problems;
}

const PROGRESS_NOTES: Record<ProjectStatus, string> = {
  STALLED: '项目停滞，责任单位与投资方沟通中。',
  ADVANCING: '项目有序推进，本月完成既定节点。',
  RE_INVESTMENT: '原投资方退出，开展二次招商，已对接意向企业。',
  AGREEMENT_TERMINATED: '已解除投资协议，土地收回处置中。',
  RESOLVED: '问题化解，项目转入正常管理。',
};
