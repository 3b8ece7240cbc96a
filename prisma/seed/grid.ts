// The enterprise service grid "1+35+N" (企业服务网格): one lead group, 35 units, the staff
// assigned to enterprises, the enterprises themselves (户户有对接: every one has a contact),
// contact visits (对接记录), blind-box revisits (盲盒式评价回访) and model cases (典型案例).
import { addDays, at, type Day, isWorkday, yearOf } from './calendar.ts';
import type { SeedContext } from './context.ts';
import { creditCode, mobilePhone, personName, tradeName } from './names.ts';
import { type Departments, department, type Places } from './places.ts';
import { type Random, randomStream } from './random.ts';
import type { Row } from './sql.ts';

export interface Enterprise {
  id: number;
  creditCode: string;
  name: string;
  regionId: number;
  townshipId: number;
  registeredOn: Day;
  industry: string;
  scale: 'LARGE' | 'MEDIUM' | 'SMALL' | 'MICRO';
  gridUnitId: number;
  contactStaffId: number;
}

export interface Visit {
  id: number;
  enterpriseId: number;
  gridStaffId: number;
  visitedAt: Date;
  problemRaised: boolean;
}

export interface Grid {
  /** Ordered by registration day, so the first n are the oldest firms. */
  enterprises: Enterprise[];
  units: Array<{ id: number; departmentId: number | null }>;
  visits: Visit[];
  /** Low-score revisits that were notified (通报). */
  notifiedRevisits: Array<{ enterpriseId: number; gridUnitId: number; at: Date; score: number }>;
}

/** Grid enterprises registered by mid-2022 and in the second half of 2022 (3,400+ in all). */
export const GRID_ENTERPRISES_MID_2022 = 3_360;
export const GRID_ENTERPRISES_H2_2022 = 58;
/** New grid enterprises in each year after 2022: few, so the live count stays "3,400+". */
const NEW_ENTERPRISES_PER_YEAR = 20;

const INDUSTRIES: ReadonlyArray<readonly [string, string, number, string]> = [
  // industry, name word, weight, grid department for firms followed by a department
  ['茶叶加工', '茶业', 7, 'NY'],
  ['农副产品加工', '食品', 7, 'JX'],
  ['纺织服装', '服饰', 5, 'JX'],
  ['机械制造', '机械', 6, 'JX'],
  ['电子元件', '电子', 3, 'JX'],
  ['新材料', '新材料科技', 2, 'KJ'],
  ['竹木制品', '竹木制品', 4, 'JX'],
  ['精细化工', '化工', 2, 'STHJ'],
  ['建筑业', '建设工程', 8, 'ZJ'],
  ['批发零售', '商贸', 16, 'SWU'],
  ['住宿餐饮', '餐饮管理', 8, 'SCJG'],
  ['交通运输', '物流', 4, 'JT'],
  ['信息技术服务', '信息技术', 3, 'KJ'],
  ['农林牧渔', '农业开发', 7, 'NY'],
  ['文化旅游', '文化旅游发展', 5, 'WGLT'],
  ['商务服务', '企业管理咨询', 5, 'FG'],
  ['房地产', '置业', 2, 'ZJ'],
  ['医药健康', '医药', 2, 'WJ'],
  ['光伏新能源', '新能源科技', 2, 'GD'],
  ['电器配件', '电器', 2, 'JX'],
];
const MANUFACTURING = new Set([
  '茶叶加工',
  '农副产品加工',
  '纺织服装',
  '机械制造',
  '电子元件',
  '新材料',
  '竹木制品',
  '精细化工',
  '医药健康',
  '光伏新能源',
  '电器配件',
]);

/** Departments with a grid unit (23) besides the 12 townships: 35 units. */
const UNIT_DEPARTMENTS = [
  'YSB',
  'SCJG',
  'SW',
  'ZG',
  'RS',
  'YB',
  'GA',
  'ZJ',
  'FG',
  'JX',
  'CZ',
  'WJ',
  'JT',
  'NY',
  'SL',
  'STHJ',
  'SWU',
  'KJ',
  'WGLT',
  'YJ',
  'ZF',
  'GD',
  'SWJT',
];

const VISIT_SUMMARIES = [
  '走访了解企业生产经营情况，宣传最新惠企政策。',
  '对接企业用工需求，推送人社部门招聘会信息。',
  '了解企业订单和原材料价格情况，登记融资需求。',
  '指导企业在政企通平台申报政策资金。',
  '协助企业办理项目审批前期咨询。',
  '宣传信用修复和企业年报相关政策。',
  '了解企业用电用水用气情况，无新增诉求。',
  '听取企业对营商环境的意见建议。',
  '上门帮助企业梳理技改项目申报材料。',
  '电话回访上次反映问题的办理情况，企业表示满意。',
];
const PROBLEM_SUMMARIES = [
  '企业反映厂区周边道路破损影响货车通行，已登记问题。',
  '企业反映新增变压器报装进度慢，已登记问题。',
  '企业反映招工难，需要协调技能培训，已登记问题。',
  '企业反映土地证办理遇到历史遗留问题，已登记问题。',
  '企业反映政策资金兑现较慢，已登记问题。',
];

export async function seedGrid(ctx: SeedContext, places: Places, departments: Departments): Promise<Grid> {
  const random = randomStream('grid');
  const unitRows: Row[] = [
    {
      id: 1,
      code: 'WG00',
      name: '示例县服务企业工作领导小组',
      kind: 'LEAD_GROUP',
      departmentId: department(departments, 'YSB').id,
    },
  ];
  const townshipUnit = new Map<number, number>();
  for (const township of places.townships) {
    const id = unitRows.length + 1;
    townshipUnit.set(township.id, id);
    unitRows.push({
      id,
      code: `WG${String(id - 1).padStart(2, '0')}`,
      name: `${township.name}服务企业网格`,
      kind: 'UNIT',
      departmentId: null,
    });
  }
  const departmentUnit = new Map<string, number>();
  for (const code of UNIT_DEPARTMENTS) {
    const id = unitRows.length + 1;
    const dept = department(departments, code);
    departmentUnit.set(code, id);
    unitRows.push({
      id,
      code: `WG${String(id - 1).padStart(2, '0')}`,
      name: `${dept.shortName}服务企业网格`,
      kind: 'UNIT',
      departmentId: dept.id,
    });
  }
  await ctx.insert('GridUnit', unitRows);

  // N: five in the lead group, four to eight in every unit.
  const staffRows: Row[] = [];
  const staffByUnit = new Map<number, number[]>();
  for (const unit of unitRows) {
    const count = unit.kind === 'LEAD_GROUP' ? 5 : random.int(4, 8);
    for (let k = 0; k < count; k++) {
      const id = staffRows.length + 1;
      staffRows.push({
        id,
        code: `WGY${String(id).padStart(4, '0')}`,
        name: personName(random),
        phone: mobilePhone(random),
        gridUnitId: unit.id as number,
        active: true,
      });
      staffByUnit.set(unit.id as number, [...(staffByUnit.get(unit.id as number) ?? []), id]);
    }
  }
  await ctx.insert('GridStaff', staffRows);

  const enterprises = buildEnterprises(ctx, random, places, townshipUnit, departmentUnit, staffByUnit);
  await ctx.insert(
    'Enterprise',
    enterprises.map((e) => ({
      id: e.id,
      creditCode: e.creditCode,
      name: e.name,
      industry: e.industry,
      scale: e.scale,
      regionId: e.regionId,
      registeredOn: e.registeredOn,
      legalRepName: personName(random),
      legalRepPhone: mobilePhone(random),
      aboveScale:
        MANUFACTURING.has(e.industry) &&
        (e.scale === 'LARGE' || e.scale === 'MEDIUM' || (e.scale === 'SMALL' && random.chance(0.3))),
      gridUnitId: e.gridUnitId,
      contactStaffId: e.contactStaffId,
    })),
  );

  const visits = await seedVisits(ctx, enterprises);
  const notifiedRevisits = await seedRevisits(ctx, enterprises);
  await seedModelCases(ctx, enterprises);
  return {
    enterprises,
    units: unitRows.map((u) => ({
      id: u.id as number,
      departmentId: (u.departmentId as number | null) ?? null,
    })),
    visits,
    notifiedRevisits,
  };
}

function buildEnterprises(
  ctx: SeedContext,
  random: Random,
  places: Places,
  townshipUnit: Map<number, number>,
  departmentUnit: Map<string, number>,
  staffByUnit: Map<number, number[]>,
): Enterprise[] {
  const registrations: Day[] = [];
  // Firms registered by mid-2022 spread over 1995–2022, younger ones more numerous.
  for (let i = 0; i < GRID_ENTERPRISES_MID_2022; i++) {
    const age = Math.floor(random.next() ** 1.7 * 27.4 * 365);
    registrations.push(addDays('2022-06-30', -age));
  }
  for (let i = 0; i < GRID_ENTERPRISES_H2_2022; i++)
    registrations.push(addDays('2022-07-01', random.int(0, 183)));
  for (let year = 2023; year <= yearOf(ctx.todayDay); year++) {
    for (let i = 0; i < NEW_ENTERPRISES_PER_YEAR; i++) {
      const day = addDays(`${year}-01-01`, random.int(0, 364));
      if (day <= ctx.todayDay) registrations.push(day);
    }
  }
  registrations.sort();
  const townshipWeights = places.townships.map((t) => t.population * (t.kind === 'SUBDISTRICT' ? 2.2 : 1));
  const usedNames = new Set<string>();
  return registrations.map((registeredOn, i) => {
    const [industry, word, , deptCode] = random.weighted(
      INDUSTRIES,
      INDUSTRIES.map((x) => x[2]),
    );
    const township = random.weighted(places.townships, townshipWeights);
    const inVillage = township.kind !== 'SUBDISTRICT' && random.chance(0.45);
    const regionId = inVillage ? random.pick(township.villages).id : township.id;
    let name: string;
    do name = `示例县${tradeName(random)}${word}有限公司`;
    while (usedNames.has(name));
    usedNames.add(name);
    // Larger sector firms are followed by their department's unit, the rest by their township.
    const gridUnitId = random.chance(0.3)
      ? (departmentUnit.get(deptCode) as number)
      : (townshipUnit.get(township.id) as number);
    const roll = random.next();
    const scale: Enterprise['scale'] = MANUFACTURING.has(industry)
      ? roll < 0.03
        ? 'LARGE'
        : roll < 0.15
          ? 'MEDIUM'
          : roll < 0.5
            ? 'SMALL'
            : 'MICRO'
      : roll < 0.005
        ? 'LARGE'
        : roll < 0.04
          ? 'MEDIUM'
          : roll < 0.3
            ? 'SMALL'
            : 'MICRO';
    return {
      id: i + 1,
      creditCode: creditCode('91', i + 1, random),
      name,
      industry,
      scale,
      regionId,
      townshipId: township.id,
      registeredOn,
      gridUnitId,
      contactStaffId: random.pick(staffByUnit.get(gridUnitId) as number[]),
    };
  });
}

/** A working day at or after day, and an office-hours instant on it. */
function officeInstant(random: Random, day: Day): Date {
  let d = day;
  while (!isWorkday(d)) d = addDays(d, 1);
  return at(d, random.int(8 * 3600 + 1800, 17 * 3600));
}

/** Every enterprise is visited every three to four months; a few visits raise a problem. */
async function seedVisits(ctx: SeedContext, enterprises: Enterprise[]): Promise<Visit[]> {
  const random = randomStream('grid/visits');
  const visits: Visit[] = [];
  const rows: Row[] = [];
  for (const enterprise of enterprises) {
    let day = addDays(
      enterprise.registeredOn > '2022-01-01' ? enterprise.registeredOn : '2022-01-01',
      random.int(5, 110),
    );
    while (day <= ctx.todayDay) {
      const visitedAt = officeInstant(random, day);
      if (visitedAt > ctx.today) break;
      const id = visits.length + 1;
      const problemRaised = random.chance(0.008);
      // Online visits run on the cloud community platform (驻企服务云上社区) built in 2022.
      const mode = random.weighted(
        ['ON_SITE', 'ONLINE', 'PHONE'],
        [0.6, day >= '2022-09-01' ? 0.18 : 0, 0.25],
      );
      visits.push({
        id,
        enterpriseId: enterprise.id,
        gridStaffId: enterprise.contactStaffId,
        visitedAt,
        problemRaised,
      });
      rows.push({
        id,
        sourceSystem: 'grid-platform',
        externalId: `DJ${String(id).padStart(7, '0')}`,
        enterpriseId: enterprise.id,
        gridStaffId: enterprise.contactStaffId,
        visitedAt,
        mode,
        summary: problemRaised ? random.pick(PROBLEM_SUMMARIES) : random.pick(VISIT_SUMMARIES),
        problemRaised,
        createdAt: visitedAt,
        updatedAt: visitedAt,
      });
      day = addDays(day, random.int(75, 125));
    }
  }
  await ctx.insert('ContactVisit', rows);
  return visits;
}

/** Unannounced revisits, about 25 a month from March 2022; poor service is notified (通报). */
async function seedRevisits(ctx: SeedContext, enterprises: Enterprise[]): Promise<Grid['notifiedRevisits']> {
  const random = randomStream('grid/revisits');
  const rows: Row[] = [];
  const notified: Grid['notifiedRevisits'] = [];
  for (let day: Day = '2022-03-01'; day <= ctx.todayDay; day = addDays(day, 1)) {
    if (!isWorkday(day)) continue;
    const count = random.chance(0.2) ? 2 : 1;
    for (let k = 0; k < count; k++) {
      const enterprise = random.pick(enterprises.filter((e) => e.registeredOn < day).slice(0, 4000));
      const revisitedAt = at(day, random.int(9 * 3600, 17 * 3600));
      if (revisitedAt > ctx.today) continue;
      // Most firms are content; a few report poor service, and their unit is notified.
      const score = Math.round(
        random.chance(0.03) ? random.normal(62, 6, 40, 75) : random.normal(91, 4.5, 72, 100),
      );
      const isNotified = score < 70;
      rows.push({
        enterpriseId: enterprise.id,
        gridUnitId: enterprise.gridUnitId,
        revisitedAt,
        score,
        comment: isNotified
          ? '企业反映对接不及时，诉求久拖未办。'
          : score >= 95
            ? '服务热情，问题解决及时。'
            : '服务总体满意。',
        notified: isNotified,
        createdAt: revisitedAt,
      });
      if (isNotified)
        notified.push({
          enterpriseId: enterprise.id,
          gridUnitId: enterprise.gridUnitId,
          at: revisitedAt,
          score,
        });
    }
  }
  await ctx.insert('BlindBoxRevisit', rows);
  return notified;
}

const MODEL_CASE_TITLES = [
  '“政银合作”让个体户在家门口领执照',
  '网格员上门协调解决企业用电增容难题',
  '“预拨制”让技改奖励资金提前到账',
  '“资金池”帮助小微企业渡过难关',
  '跨省通办让边际群众少跑路',
  '驻企服务云上社区打通诉求快车道',
  '“清障”行动盘活停滞多年的招商项目',
  '信用修复助企业重返招投标市场',
  '“信用+智享用工”为灵活就业者赋能',
  '企业开办一件事全程网办半日办结',
  '帮办代办服务助重点项目早开工',
  '“双色通报”倒逼政策兑现提速',
  '茶企技改项目审批“拿地即开工”',
  '用工对接会帮助纺织企业解决招工难',
  '水电气联动过户一次办结',
  '“水库移民搬迁一件事”专窗服务移民群众',
  '乡村便民生活示范馆把服务送到村口',
  '“政务服务助共富”小分队下沉农户家中',
];

/** 2022: five cases in the city's compilation, five in the city bulletin, seven in the county bulletin. */
const SELECTIONS_2022: ReadonlyArray<
  ReadonlyArray<'CITY_COMPILATION' | 'CITY_BULLETIN' | 'COUNTY_BULLETIN'>
> = [
  ['CITY_COMPILATION', 'CITY_BULLETIN'],
  ['CITY_COMPILATION', 'COUNTY_BULLETIN'],
  ['CITY_COMPILATION'],
  ['CITY_COMPILATION', 'CITY_BULLETIN'],
  ['CITY_COMPILATION', 'COUNTY_BULLETIN'],
  ['CITY_BULLETIN'],
  ['CITY_BULLETIN', 'COUNTY_BULLETIN'],
  ['CITY_BULLETIN'],
  ['COUNTY_BULLETIN'],
  ['COUNTY_BULLETIN'],
  ['COUNTY_BULLETIN'],
  ['COUNTY_BULLETIN'],
];

async function seedModelCases(ctx: SeedContext, enterprises: Enterprise[]): Promise<void> {
  const random = randomStream('grid/model-cases');
  const cases: Row[] = [];
  const selections: Row[] = [];
  const add = (year: number, title: string, venues: readonly string[]) => {
    const id = cases.length + 1;
    const enterprise = random.pick(enterprises.filter((e) => e.registeredOn < `${year}-01-01`));
    cases.push({
      id,
      title,
      summary: `${title}。${year}年助企纾困典型案例。`,
      enterpriseId: enterprise.id,
      year,
    });
    const first = addDays(`${year}-03-01`, random.int(0, 200));
    venues.forEach((venue, k) => {
      const selectedOn = addDays(first, k * random.int(20, 60));
      if (selectedOn <= ctx.todayDay) selections.push({ modelCaseId: id, venue, selectedOn });
    });
  };
  SELECTIONS_2022.forEach((venues, i) => {
    add(2022, MODEL_CASE_TITLES[i] as string, venues);
  });
  for (let year = 2023; year <= yearOf(ctx.todayDay); year++) {
    const count = 9 + (year % 3);
    for (let i = 0; i < count; i++) {
      const venues = random.weighted(
        [
          ['CITY_COMPILATION'],
          ['CITY_BULLETIN'],
          ['COUNTY_BULLETIN'],
          ['CITY_COMPILATION', 'COUNTY_BULLETIN'],
        ],
        [2, 2, 4, 1],
      );
      if (`${year}-03-01` > ctx.todayDay) break;
      const title = MODEL_CASE_TITLES[(i * 7 + year) % MODEL_CASE_TITLES.length] as string;
      add(
        year,
        `${title}（${year}）`,
        i === 0 && year === 2023 ? ['PROVINCE_EXCELLENT', 'CITY_COMPILATION'] : venues,
      );
    }
  }
  await ctx.insert('ModelCase', cases);
  await ctx.insert('ModelCaseSelection', selections);
}
