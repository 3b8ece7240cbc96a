// Policy funds paid through 政企通: policies per year (listed online? paid online?) and the
// disbursements to firms. Up to the end of 2022 the platform paid exactly 416 million CNY to
// exactly 2,598 firms; both hold by construction.
import { addDays, addWorkdays, type Day, isWorkday, yearOf } from './calendar.ts';
import type { SeedContext } from './context.ts';
import type { Enterprise } from './grid.ts';
import { type Departments, department } from './places.ts';
import { type Random, randomStream } from './random.ts';
import type { Row } from './sql.ts';

/** 政企通 up to 2022-12-31: 4.16亿元 to 2,598 beneficiaries. */
export const FUNDS_2022 = { amountFen: 41_600_000_000n, beneficiaries: 2_598 } as const;

/** Policy templates: name, department. */
const POLICY_TEMPLATES: ReadonlyArray<readonly [string, string]> = [
  ['工业企业技术改造项目奖励', 'JX'],
  ['规上工业企业稳增长奖励', 'JX'],
  ['小微企业园入园企业租金补助', 'JX'],
  ['企业上规升级奖励', 'JX'],
  ['数字化改造示范项目补助', 'JX'],
  ['商贸流通企业发展扶持资金', 'SWU'],
  ['电子商务发展专项资金', 'SWU'],
  ['外贸企业出口信用保险保费补助', 'SWU'],
  ['限上商贸企业稳增长奖励', 'SWU'],
  ['农业产业化龙头企业奖励', 'NY'],
  ['茶产业发展扶持资金', 'NY'],
  ['家庭农场和农民合作社扶持资金', 'NY'],
  ['农产品品牌建设奖励', 'NY'],
  ['稳岗返还', 'RS'],
  ['企业吸纳就业社会保险补贴', 'RS'],
  ['职业技能培训补贴', 'RS'],
  ['科技创新券兑现', 'KJ'],
  ['高新技术企业认定奖励', 'KJ'],
  ['企业研发费用投入补助', 'KJ'],
  ['文旅企业纾困补助', 'WGLT'],
  ['乡村旅游民宿提升奖励', 'WGLT'],
  ['物流企业运营补助', 'JT'],
  ['节能降耗技术改造补助', 'FG'],
  ['服务业发展引导资金', 'FG'],
  ['小微企业贷款贴息', 'CZ'],
  ['政府性融资担保费补助', 'CZ'],
  ['个体工商户纾困补助', 'SCJG'],
  ['知识产权质押融资贴息', 'SCJG'],
];

/** Policies a year with how many were listed on and paid through 政企通 (2023+: all). */
const POLICIES_PER_YEAR: Record<number, readonly [number, number, number]> = {
  2021: [26, 20, 16],
  2022: [42, 40, 38],
};
const POLICIES_LATER = 45;

/** Payments and total paid (yuan) per year after 2022 at full volume. */
export const LATER_PAYMENTS = { firms: 1_900, perFirm: 1.8, totalYuan: 165_000_000, growth: 1.07 };

/** How payments are funded since 2022 (预拨制, 资金池 beside the standard way), and how often. */
export const MECHANISMS = ['STANDARD', 'PRE_ALLOCATION', 'FUND_POOL'] as const;
export const MECHANISM_WEIGHTS = [78, 13, 9];

/** The policies paying in a year: the year's own and those published late the year before. */
export function payablePolicies<P extends { year: number; publishedOn: Day }>(
  policies: readonly P[],
  year: number,
): P[] {
  return policies.filter(
    (p) => p.year === year || (p.year === year - 1 && p.publishedOn > `${year - 1}-09-01`),
  );
}

interface Policy {
  id: number;
  year: number;
  publishedOn: Day;
  paidOnline: boolean;
}

export async function seedFunds(
  ctx: SeedContext,
  departments: Departments,
  enterprises: Enterprise[],
): Promise<void> {
  const random = randomStream('funds');
  const policies: Policy[] = [];
  const policyRows: Row[] = [];
  for (let year = 2021; year <= yearOf(ctx.todayDay); year++) {
    const [count, listed, paidOnline] = POLICIES_PER_YEAR[year] ?? [
      POLICIES_LATER + (year % 3),
      POLICIES_LATER + (year % 3),
      POLICIES_LATER + (year % 3),
    ];
    // Which policies missed the platform: spread over the list, not the first ones.
    const notListed = new Set(random.shuffle([...Array(count).keys()]).slice(0, count - listed));
    const notPaidOnline = new Set([
      ...notListed,
      ...random
        .shuffle([...Array(count).keys()].filter((i) => !notListed.has(i)))
        .slice(0, listed - paidOnline),
    ]);
    for (let i = 0; i < count; i++) {
      const publishedOn = addWorkdays(
        addDays(`${year}-01-15`, Math.floor((i / count) * 300) + random.int(0, 20)),
        0,
      );
      if (publishedOn > ctx.todayDay) continue;
      const [name, code] = POLICY_TEMPLATES[(i + year * 7) % POLICY_TEMPLATES.length] as readonly [
        string,
        string,
      ];
      const id = policies.length + 1;
      const policy: Policy = { id, year, publishedOn, paidOnline: !notPaidOnline.has(i) };
      policies.push(policy);
      policyRows.push({
        id,
        code: `ZC${year}${String(i + 1).padStart(3, '0')}`,
        name: `示例县${year}年度${name}（第${Math.floor(i / POLICY_TEMPLATES.length) + 1}批）`,
        departmentId: department(departments, code).id,
        year,
        listedOnline: !notListed.has(i),
        paidOnline: policy.paidOnline,
        publishedOn,
        createdAt: new Date(`${publishedOn}T09:00:00+08:00`),
      });
    }
  }
  await ctx.insert('Policy', policyRows);

  const rows: Row[] = [];
  const add = (policy: Policy, enterprise: Enterprise, amountFen: bigint, paidOn: Day) => {
    const id = rows.length + 1;
    rows.push({
      id,
      sourceSystem: 'zhengqitong',
      externalId: `ZQT${String(id).padStart(7, '0')}`,
      policyId: policy.id,
      enterpriseId: enterprise.id,
      amountFen,
      paidOn,
      // 预拨制 and 资金池 were introduced in 2022.
      mechanism: policy.year < 2022 ? 'STANDARD' : random.weighted(MECHANISMS, MECHANISM_WEIGHTS),
      paidOnline: policy.paidOnline,
      createdAt: new Date(`${paidOn}T15:00:00+08:00`),
    });
  };

  // Up to 2022: every beneficiary paid at least once, then the total scaled to exactly 4.16亿.
  const early = enterprises.filter((e) => e.registeredOn < '2022-01-01');
  const beneficiaries = random.shuffle(early).slice(0, FUNDS_2022.beneficiaries);
  if (beneficiaries.length < FUNDS_2022.beneficiaries)
    throw new Error('not enough enterprises for the 2022 beneficiaries');
  const planned: Array<{ policy: Policy; enterprise: Enterprise; weight: number; paidOn: Day }> = [];
  const earlyPolicies = policies.filter((p) => p.year <= 2022);
  const policies2022 = policies.filter((p) => p.year === 2022);
  for (const enterprise of beneficiaries) {
    const payments = 1 + (random.chance(0.55) ? 1 : 0) + (random.chance(0.2) ? 1 : 0);
    for (let k = 0; k < payments; k++) {
      // Only policies published after the firm was registered can pay it.
      let policy = random.pick(earlyPolicies);
      if (policy.publishedOn <= enterprise.registeredOn) policy = random.pick(policies2022);
      const paidOn = paymentDay(random, policy, '2021-01-01', '2022-12-31');
      planned.push({ policy, enterprise, weight: amountWeight(random, enterprise), paidOn });
    }
  }
  const totalWeight = planned.reduce((sum, p) => sum + p.weight, 0);
  const yuan = planned.map((p) =>
    Math.max(500, Math.round((p.weight / totalWeight) * Number(FUNDS_2022.amountFen / 100n))),
  );
  const largest = yuan.indexOf(Math.max(...yuan));
  yuan[largest] =
    (yuan[largest] as number) + Number(FUNDS_2022.amountFen / 100n) - yuan.reduce((a, b) => a + b, 0);
  planned.forEach((p, i) => {
    add(p.policy, p.enterprise, BigInt(yuan[i] as number) * 100n, p.paidOn);
  });

  // After 2022 the platform keeps paying, growing a little every year.
  for (let year = 2023; year <= yearOf(ctx.todayDay); year++) {
    const growth = LATER_PAYMENTS.growth ** (year - 2023);
    const yearPolicies = payablePolicies(policies, year);
    const eligible = enterprises.filter((e) => e.registeredOn < `${year}-01-01`);
    const firms = random.shuffle(eligible).slice(0, Math.round(LATER_PAYMENTS.firms * growth));
    if (yearPolicies.length === 0) continue;
    const yearPlanned: Array<{ policy: Policy; enterprise: Enterprise; weight: number; paidOn: Day }> = [];
    for (const enterprise of firms) {
      const payments = random.chance(LATER_PAYMENTS.perFirm - 1) ? 2 : 1;
      for (let k = 0; k < payments; k++) {
        const policy = random.pick(yearPolicies);
        yearPlanned.push({
          policy,
          enterprise,
          weight: amountWeight(random, enterprise),
          paidOn: paymentDay(random, policy, `${year}-01-01`, `${year}-12-31`),
        });
      }
    }
    // The year's total is for the whole year; payments still ahead of today are left out.
    const yearWeight = yearPlanned.reduce((sum, p) => sum + p.weight, 0);
    for (const p of yearPlanned) {
      if (p.paidOn > ctx.todayDay) continue;
      const amount = Math.max(500, Math.round((p.weight / yearWeight) * LATER_PAYMENTS.totalYuan * growth));
      add(p.policy, p.enterprise, BigInt(amount) * 100n, p.paidOn);
    }
  }
  await ctx.insert('Disbursement', rows);
}

/** Relative size of a payment: larger firms get larger awards, with a long tail. */
export function amountWeight(random: Random, enterprise: Pick<Enterprise, 'scale'>): number {
  const base = { LARGE: 60, MEDIUM: 12, SMALL: 3, MICRO: 1 }[enterprise.scale];
  return base * Math.exp(random.normal(0, 0.8, -2.5, 2.5));
}

/** A working day after the policy is published, within [first, last]. */
function paymentDay(random: Random, policy: Policy, first: Day, last: Day): Day {
  const earliest = policy.publishedOn > first ? policy.publishedOn : first;
  let day = addDays(policy.publishedOn, random.int(20, 200));
  if (day > last) day = addDays(last, -random.int(0, 40));
  if (day < earliest) day = earliest;
  while (!isWorkday(day) && day < last) day = addDays(day, 1);
  return day;
}
