// Indicators: the province's yearly evaluation (营商环境评价: overall convenience score and 18
// first-level indicators with tiers), passive monitoring (无感监测: monthly series for the
// home county and its three peers, ranked 1…4), the office's work targets with a target per
// year, and the suggestions sent to the province (一地创新，全省共享).
import { addDays, addWorkdays, type Day, eachMonth, monthStart, yearOf } from './calendar.ts';
import type { SeedContext } from './context.ts';
import { type Departments, department, type Places } from './places.ts';
import { randomStream, round } from './random.ts';
import type { Row } from './sql.ts';

/** First-level indicators of the evaluation with their lead department. */
const EVALUATION_INDICATORS: ReadonlyArray<readonly [string, string]> = [
  ['开办企业', 'SCJG'],
  ['办理建筑许可', 'ZJ'],
  ['获得电力', 'GD'],
  ['获得用水用气', 'SWJT'],
  ['登记财产', 'ZG'],
  ['纳税', 'SW'],
  ['跨境贸易', 'SWU'],
  ['注销企业', 'SCJG'],
  ['获得信贷', 'FG'],
  ['保护中小投资者', 'FY'],
  ['执行合同', 'FY'],
  ['劳动力市场监管', 'RS'],
  ['政府采购', 'CZ'],
  ['招标投标', 'FG'],
  ['政务服务', 'YSB'],
  ['知识产权创造保护和运用', 'SCJG'],
  ['市场监管', 'SCJG'],
  ['包容普惠创新', 'FG'],
];

/** Overall convenience score and province rank (of 90 counties) per evaluation year. */
const EVALUATION_OVERALL: Record<number, readonly [number, number]> = {
  2020: [82.46, 31],
  2021: [84.77, 22],
  2022: [86.21, 17],
  2023: [87.35, 12],
  2024: [88.12, 10],
  2025: [88.87, 8],
};
/** Indicators in the province's first tier per year; 2021 has exactly five. */
const FIRST_TIER: Record<number, readonly string[]> = {
  2020: ['登记财产', '开办企业', '政务服务'],
  2021: ['登记财产', '注销企业', '开办企业', '获得电力', '政务服务'],
  2022: ['登记财产', '注销企业', '开办企业', '获得电力', '政务服务', '纳税'],
  2023: ['登记财产', '注销企业', '开办企业', '获得电力', '政务服务', '纳税', '获得用水用气'],
  2024: ['登记财产', '注销企业', '开办企业', '获得电力', '政务服务', '纳税', '获得用水用气'],
  2025: ['登记财产', '注销企业', '开办企业', '获得电力', '政务服务', '纳税', '获得用水用气', '办理建筑许可'],
};
/** Best in the province (全省最优); 2021: property registration and deregistration. */
const BEST_IN_PROVINCE: Record<number, readonly string[]> = {
  2021: ['登记财产', '注销企业'],
  2022: ['登记财产'],
  2023: ['注销企业', '政务服务'],
  2024: ['登记财产'],
  2025: ['登记财产', '获得电力'],
};
const PROVINCE_COUNTIES = 90;

/** Passive-monitoring indicators: name, unit, direction, home value in 2022, lead department. */
const MONITORING_INDICATORS: ReadonlyArray<
  readonly [string, string, 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER', number, string]
> = [
  ['企业开办全流程用时', '小时', 'LOWER_IS_BETTER', 4.2, 'SCJG'],
  ['一般企业投资项目审批用时', '工作日', 'LOWER_IS_BETTER', 31, 'FG'],
  ['获得电力平均用时', '工作日', 'LOWER_IS_BETTER', 6.5, 'GD'],
  ['获得用水用气平均用时', '工作日', 'LOWER_IS_BETTER', 5.8, 'SWJT'],
  ['不动产登记平均用时', '工作日', 'LOWER_IS_BETTER', 2.1, 'ZG'],
  ['纳税缴费网上办理率', '%', 'HIGHER_IS_BETTER', 97.6, 'SW'],
  ['企业注销平均用时', '工作日', 'LOWER_IS_BETTER', 3.4, 'SCJG'],
  ['政务服务一网通办率', '%', 'HIGHER_IS_BETTER', 98.1, 'YSB'],
  ['政务服务好评率', '%', 'HIGHER_IS_BETTER', 99.62, 'YSB'],
  ['惠企政策兑现平均用时', '工作日', 'LOWER_IS_BETTER', 12.5, 'JX'],
  ['涉企问题办结率', '%', 'HIGHER_IS_BETTER', 95.4, 'YSB'],
  ['双公示数据报送及时率', '%', 'HIGHER_IS_BETTER', 98.2, 'FG'],
];

/** Work targets: code, name, unit, direction, yearly targets, warning band, description. */
const WORK_TARGETS: ReadonlyArray<{
  code: string;
  name: string;
  unit: string;
  direction: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
  targets: Record<number, number>;
  band: number;
  description: string;
}> = [
  {
    code: 'WT-ONE-NETWORK-RATE',
    name: '一网通办率',
    unit: '%',
    direction: 'HIGHER_IS_BETTER',
    targets: { 2022: 95, 2023: 98 },
    band: 0.5,
    description:
      'Cases handled through the one-network platform / all cases of the year (submittedAt, Asia/Shanghai).',
  },
  {
    code: 'WT-CASE-VOLUME',
    name: '全年办件量',
    unit: '件',
    direction: 'HIGHER_IS_BETTER',
    targets: { 2023: 400_000 },
    band: 20_000,
    description: 'All service cases submitted in the year.',
  },
  {
    code: 'WT-TOWNSHIP-CASE-VOLUME',
    name: '乡镇办件量',
    unit: '件',
    direction: 'HIGHER_IS_BETTER',
    targets: { 2023: 50_000 },
    band: 2_500,
    description:
      'Cases of the year with a township (townshipId not null): township, village and bank-branch cases.',
  },
  {
    code: 'WT-SUGGESTION-CITY-RANK',
    name: '“一地创新，全省共享”意见建议采纳数全市排名',
    unit: '名',
    direction: 'LOWER_IS_BETTER',
    targets: { 2023: 2 },
    band: 1,
    description: "Rank among the city's four counties by suggestions adopted by the province in the year.",
  },
  {
    code: 'WT-POLICY-LISTED-RATE',
    name: '惠企政策上架政企通比例',
    unit: '%',
    direction: 'HIGHER_IS_BETTER',
    targets: { 2023: 100 },
    band: 2,
    description: "Policies of the year listed on 政企通 / all the year's policies.",
  },
  {
    code: 'WT-POLICY-PAID-ONLINE-RATE',
    name: '惠企政策在线兑现比例',
    unit: '%',
    direction: 'HIGHER_IS_BETTER',
    targets: { 2023: 100 },
    band: 2,
    description: "Policies of the year paid online through 政企通 / all the year's policies.",
  },
  {
    code: 'WT-VILLAGE-DEMO-HALLS',
    name: '乡村便民生活示范馆',
    unit: '个',
    direction: 'HIGHER_IS_BETTER',
    targets: { 2023: 2 },
    band: 1,
    description: 'Village demonstration halls opened in the year (ServiceHall.demonstration).',
  },
];

/** Rank of the county among the city's four by adopted suggestions, per year. */
const SUGGESTION_RANKS: Record<number, number> = { 2022: 2, 2023: 1, 2024: 2, 2025: 1 };

export async function seedIndicators(
  ctx: SeedContext,
  places: Places,
  departments: Departments,
): Promise<void> {
  const indicators: Row[] = [];
  const values: Row[] = [];
  const targets: Row[] = [];
  const dept = (code: string) => department(departments, code).id;
  const home = places.county.id;

  // Evaluation: published mid-year for the year before.
  const evaluationRoot = indicators.length + 1;
  indicators.push({
    id: evaluationRoot,
    code: 'EVAL',
    name: '营商环境总体便利度',
    category: 'EVALUATION',
    parentId: null,
    position: 0,
    unit: '分',
    direction: 'HIGHER_IS_BETTER',
    weight: 1,
    leadDepartmentId: dept('YSB'),
    cycle: 'YEARLY',
    description: "The province's yearly business-environment evaluation.",
  });
  const evaluationIds = EVALUATION_INDICATORS.map(([name, lead], i) => {
    const id = indicators.length + 1;
    indicators.push({
      id,
      code: `EVAL-${String(i + 1).padStart(2, '0')}`,
      name,
      category: 'EVALUATION',
      parentId: evaluationRoot,
      position: i + 1,
      unit: '分',
      direction: 'HIGHER_IS_BETTER',
      weight: 1,
      leadDepartmentId: dept(lead),
      cycle: 'YEARLY',
    });
    return id;
  });
  const random = randomStream('indicators/evaluation');
  for (const [yearText, [overall, rank]] of Object.entries(EVALUATION_OVERALL)) {
    const year = Number(yearText);
    if (`${year + 1}-06-30` > ctx.todayDay) continue;
    const periodStart = `${year}-01-01`;
    values.push({
      indicatorId: evaluationRoot,
      regionId: home,
      periodKind: 'YEAR',
      periodStart,
      value: overall,
      tier: null,
      rank,
      rankOf: PROVINCE_COUNTIES,
      bestInProvince: false,
      sourceSystem: 'province-evaluation',
      createdAt: new Date(`${year + 1}-06-30T12:00:00+08:00`),
    });
    const firstTier = new Set(FIRST_TIER[year] ?? []);
    const best = new Set(BEST_IN_PROVINCE[year] ?? []);
    // Indicator scores average exactly to the overall score (equal weights): the others
    // are shifted together to make up the difference, the last cent goes to one of them.
    const inTier = EVALUATION_INDICATORS.map(([name]) => firstTier.has(name));
    const scores = EVALUATION_INDICATORS.map(([name], i) =>
      inTier[i]
        ? round(random.normal(best.has(name) ? 97 : 92.5, 1.2, 90.2, 99.5), 2)
        : random.normal(0, 2.2, -4.4, 4.4),
    );
    const others = inTier.filter((t) => !t).length;
    const shift = (overall * scores.length - scores.reduce((sum, s) => sum + s, 0)) / others;
    const scoresRounded = scores.map((s, i) => (inTier[i] ? s : round(shift + s, 2)));
    const fixIndex = inTier.indexOf(false);
    scoresRounded[fixIndex] = round(
      overall * scores.length - scoresRounded.reduce((sum, s, i) => (i === fixIndex ? sum : sum + s), 0),
      2,
    );
    if (scoresRounded.some((s, i) => !inTier[i] && (s >= 90 || s < 60)))
      throw new Error(`evaluation ${year}: a score outside the first tier reached the first tier`);
    EVALUATION_INDICATORS.forEach(([name], i) => {
      const score = scoresRounded[i] as number;
      const tier = firstTier.has(name) ? 1 : score >= 80 ? 2 : 3;
      const indicatorRank = best.has(name)
        ? 1
        : tier === 1
          ? random.int(2, 12)
          : tier === 2
            ? random.int(13, 50)
            : random.int(51, PROVINCE_COUNTIES);
      values.push({
        indicatorId: evaluationIds[i] as number,
        regionId: home,
        periodKind: 'YEAR',
        periodStart,
        value: score,
        tier,
        rank: indicatorRank,
        rankOf: PROVINCE_COUNTIES,
        bestInProvince: best.has(name),
        sourceSystem: 'province-evaluation',
        createdAt: new Date(`${year + 1}-06-30T12:00:00+08:00`),
      });
    });
  }

  const monitoringRoot = indicators.length + 1;
  indicators.push({
    id: monitoringRoot,
    code: 'PM',
    name: '无感监测综合得分',
    category: 'PASSIVE_MONITORING',
    parentId: null,
    position: 0,
    unit: '分',
    direction: 'HIGHER_IS_BETTER',
    weight: 1,
    leadDepartmentId: dept('YSB'),
    cycle: 'MONTHLY',
    description:
      "Composite of the passive-monitoring indicators (浙里营商-style platform data), ranked among the city's four counties.",
  });
  const monitoringIds = MONITORING_INDICATORS.map(([name, unit, direction, , lead], i) => {
    const id = indicators.length + 1;
    indicators.push({
      id,
      code: `PM-${String(i + 1).padStart(2, '0')}`,
      name,
      category: 'PASSIVE_MONITORING',
      parentId: monitoringRoot,
      position: i + 1,
      unit,
      direction,
      weight: 1,
      leadDepartmentId: dept(lead),
      cycle: 'CONTINUOUS',
    });
    return id;
  });
  values.push(...monitoringValues(ctx, places, monitoringRoot, monitoringIds));

  for (const spec of WORK_TARGETS) {
    const id = indicators.length + 1;
    const first = Math.min(...Object.keys(spec.targets).map(Number));
    indicators.push({
      id,
      code: spec.code,
      name: spec.name,
      category: 'WORK_TARGET',
      parentId: null,
      position: 0,
      unit: spec.unit,
      direction: spec.direction,
      target: spec.targets[2023] ?? spec.targets[first] ?? null,
      warningBand: spec.band,
      weight: 1,
      leadDepartmentId: dept('YSB'),
      cycle: 'YEARLY',
      description: spec.description,
    });
    for (let year = first; year <= yearOf(ctx.todayDay); year++) {
      const own = spec.targets[year];
      const carried = spec.targets[2023] ?? (spec.targets[first] as number);
      targets.push({
        indicatorId: id,
        year,
        regionId: home,
        target: own ?? carried,
        warningBand: spec.band,
        basis: own === undefined ? 'carried forward' : year === 2022 ? '市对县考核目标' : '2023年工作思路',
      });
    }
    if (spec.code === 'WT-SUGGESTION-CITY-RANK') {
      for (const [yearText, rank] of Object.entries(SUGGESTION_RANKS)) {
        const year = Number(yearText);
        if (`${year + 1}-01-20` > ctx.todayDay) continue;
        values.push({
          indicatorId: id,
          regionId: home,
          periodKind: 'YEAR',
          periodStart: `${year}-01-01`,
          value: rank,
          tier: null,
          rank,
          rankOf: 4,
          bestInProvince: false,
          sourceSystem: 'city-assessment',
          createdAt: new Date(`${year + 1}-01-20T12:00:00+08:00`),
        });
      }
    }
  }
  await ctx.insert('Indicator', indicators);
  await ctx.insert('IndicatorValue', values);
  await ctx.insert('IndicatorTarget', targets);
  await seedSuggestions(ctx, departments);
}

/**
 * Monthly series for the four counties and the yearly means, every value ranked among the
 * four. The composite score turns each indicator into 0–100 against fixed references; the
 * home county leads the city in 2022 (checked below, not left to chance).
 */
function monitoringValues(ctx: SeedContext, places: Places, rootId: number, ids: number[]): Row[] {
  const random = randomStream('indicators/monitoring');
  const counties = [places.county, ...places.peers];
  const months = eachMonth('2022-01-01', ctx.todayDay);
  // How much worse than the home county each peer performs (1 = as good), per indicator.
  const handicap = counties.map((_, c) =>
    MONITORING_INDICATORS.map(() => (c === 0 ? 1 : random.normal(1.06 + 0.02 * c, 0.05, 0.97, 1.25))),
  );
  const series = counties.map((_, c) =>
    MONITORING_INDICATORS.map(([, , direction, homeValue], i) =>
      months.map((_, m) => {
        // Steady improvement: times shrink, rates rise towards 100.
        const progress = m / 12;
        const h = handicap[c]?.[i] ?? 1;
        const noise = random.normal(1, 0.025, 0.92, 1.08);
        if (direction === 'LOWER_IS_BETTER') return round(homeValue * h * noise * 0.96 ** progress, 2);
        const gap = (100 - homeValue) * (h * 1.8 - 0.8) * 0.93 ** progress * noise;
        return round(Math.min(99.99, 100 - gap), 2);
      }),
    ),
  );
  const score = (i: number, value: number): number => {
    const [, , direction, homeValue] = MONITORING_INDICATORS[i] as (typeof MONITORING_INDICATORS)[number];
    const ratio =
      direction === 'LOWER_IS_BETTER' ? homeValue / value : (100 - homeValue) / Math.max(0.01, 100 - value);
    return Math.max(0, Math.min(100, 60 + 30 * Math.min(ratio, 1.3)));
  };
  const composite = (c: number, m: number) =>
    round(
      MONITORING_INDICATORS.reduce((sum, _, i) => sum + score(i, series[c]?.[i]?.[m] ?? 0), 0) /
        MONITORING_INDICATORS.length,
      2,
    );

  const rows: Row[] = [];
  const rank = (vals: number[], direction: string) =>
    vals.map((v) => 1 + vals.filter((o) => (direction === 'LOWER_IS_BETTER' ? o < v : o > v)).length);
  const push = (
    indicatorId: number,
    periodKind: 'MONTH' | 'YEAR',
    periodStart: Day,
    vals: number[],
    direction: string,
    stamp: Date,
  ) => {
    const ranks = rank(vals, direction);
    counties.forEach((county, c) => {
      rows.push({
        indicatorId,
        regionId: county.id,
        periodKind,
        periodStart,
        value: vals[c] as number,
        tier: null,
        rank: ranks[c] as number,
        rankOf: counties.length,
        bestInProvince: false,
        sourceSystem: 'province-monitoring',
        createdAt: stamp,
        updatedAt: stamp,
      });
    });
  };
  const monthStamp = (month: Day) => {
    const stamp = new Date(`${addWorkdays(monthStart(addDays(month, 32)), 2)}T09:00:00+08:00`);
    return stamp > ctx.today ? ctx.today : stamp;
  };
  months.forEach((month, m) => {
    const stamp = monthStamp(month);
    MONITORING_INDICATORS.forEach(([, , direction], i) => {
      push(
        ids[i] as number,
        'MONTH',
        month,
        counties.map((_, c) => series[c]?.[i]?.[m] ?? 0),
        direction,
        stamp,
      );
    });
    push(
      rootId,
      'MONTH',
      month,
      counties.map((_, c) => composite(c, m)),
      'HIGHER_IS_BETTER',
      stamp,
    );
  });
  for (let year = 2022; year <= yearOf(ctx.todayDay); year++) {
    const inYear = months.map((month, m) => ({ month, m })).filter(({ month }) => yearOf(month) === year);
    const stamp = monthStamp(`${year}-12-01`);
    const mean = (f: (m: number) => number) =>
      round(inYear.reduce((sum, { m }) => sum + f(m), 0) / inYear.length, 2);
    MONITORING_INDICATORS.forEach(([, , direction], i) => {
      push(
        ids[i] as number,
        'YEAR',
        `${year}-01-01`,
        counties.map((_, c) => mean((m) => series[c]?.[i]?.[m] ?? 0)),
        direction,
        stamp,
      );
    });
    const overall = counties.map((_, c) => mean((m) => composite(c, m)));
    if (year === 2022 && overall.some((v, c) => c > 0 && v >= (overall[0] as number)))
      throw new Error('passive monitoring 2022: the home county must lead the city');
    push(rootId, 'YEAR', `${year}-01-01`, overall, 'HIGHER_IS_BETTER', stamp);
  }
  return rows;
}

const SUGGESTION_TOPICS = [
  '推广“政银合作”一网通办分网点',
  '一网通办平台申报材料复用',
  '跨省通办事项清单动态更新机制',
  '乡镇便民服务中心综合窗口受理清单',
  '好差评数据回流到部门审批系统',
  '电子证照在基层窗口共享调用',
  '帮办代办服务纳入平台统一管理',
  '一件事联办流程再造',
  '村级代办员办件统计口径',
  '自助终端事项与网办同步上架',
  '企业开办全程网办身份核验',
  '不动产登记与水电气联动过户',
  '政务服务移动端适老化改造',
  '异地就医备案掌上办流程优化',
  '社保卡银行网点即时制卡',
  '惠企政策免申即享数据共享',
  '一网通办办件量统计剔除重复件',
  '村社便民服务站事项下沉清单',
  '跨省通办视频辅助核验',
  '审批结果邮寄免费送达',
  '企业注销一件事清税即时办',
  '水库移民搬迁一件事事项清单',
];

/** Suggestions sent to the province: 12 adopted in 2022, more every year after. */
const SUGGESTIONS_PER_YEAR: Record<number, readonly [number, number]> = {
  2022: [12, 6],
  2023: [14, 5],
  2024: [15, 6],
  2025: [16, 5],
};

async function seedSuggestions(ctx: SeedContext, departments: Departments): Promise<void> {
  const random = randomStream('indicators/suggestions');
  const rows: Row[] = [];
  const owners = ['YSB', 'YSB', 'YSB', 'SCJG', 'RS', 'YB', 'ZG', 'GA', 'SW'];
  for (let year = 2022; year <= yearOf(ctx.todayDay); year++) {
    const [adopted, notAdopted] = SUGGESTIONS_PER_YEAR[year] ?? [14, 5];
    const outcomes = random.shuffle([
      ...Array(adopted).fill('ADOPTED'),
      ...Array(notAdopted).fill('NOT_ADOPTED'),
    ] as string[]);
    outcomes.forEach((status, i) => {
      const submittedOn = addDays(`${year}-01-10`, Math.floor(((i + random.next()) / outcomes.length) * 250));
      const decidedOn = addWorkdays(addDays(submittedOn, random.int(20, 70)), 0);
      if (submittedOn > ctx.todayDay) return;
      // Submitted by mid-September, decided within ten weeks: 2022's are all decided in 2022.
      const decided = decidedOn <= ctx.todayDay;
      const topic = SUGGESTION_TOPICS[(i * 5 + year) % SUGGESTION_TOPICS.length] as string;
      rows.push({
        title: `关于${topic}的建议`,
        departmentId: department(departments, owners[i % owners.length] as string).id,
        submittedOn,
        status: decided ? status : 'SUBMITTED',
        adoptedOn: decided && status === 'ADOPTED' ? decidedOn : null,
        createdAt: new Date(`${submittedOn}T10:00:00+08:00`),
      });
    });
  }
  await ctx.insert('Suggestion', rows);
}
