// Credit (信用体系): the credit base of firms, the serious-dishonesty list ("blacklist")
// with its removals and credit repairs, double publicity of licences and penalties with the
// three rates (双公示三率), flexible-employment credit ratings (信用+智享用工), integrity
// events (诚信日, 八进) and the 2022 demonstration-case honour.
//
// The base and the list are built so the work summary holds exactly: 208 firms listed at the
// end of June 2022 out of a base of 6,440 (3.23 %), 120 at the end of 2022 out of 6,556 (1.83 %).
import {
  addDays,
  addWorkdays,
  type Day,
  daysBetween,
  isWorkday,
  workdays,
  workdaysBetween,
  yearOf,
} from './calendar.ts';
import type { SeedContext } from './context.ts';
import type { Enterprise } from './grid.ts';
import { creditCode, idNumber, personName, tradeName } from './names.ts';
import { type Departments, department, type Places } from './places.ts';
import { type Random, randomStream } from './random.ts';
import type { Row } from './sql.ts';

export const CREDIT_2022 = {
  midYear: { day: '2022-06-30', base: 6_440, listed: 208 },
  yearEnd: { day: '2022-12-31', base: 6_556, listed: 120 },
} as const;

/**
 * The summary's "now" (截止目前) is the end of 2022; the seed's today shows the same state:
 * the list back at 120 firms and the base back at its end-of-2022 size, so the live ratio
 * is the summary's 1.83 % whatever today is.
 */

/** Extra firms that left in the second half of 2022. */
const LEFT_H2_2022 = 44;
/** Extra firms that had left before mid-2022 (still in the table, not in the base). */
const LEFT_BEFORE_MID_2022 = 150;
/** Extra firms joining in each year after 2022; as many firms leave, so the base stays put. */
const JOINING_PER_YEAR = 60;

interface Subject {
  id: number;
  registeredOn: Day;
  leftOn: Day | null;
  enterpriseId: number | null;
  regionId: number;
  name: string;
  creditCode: string;
}

const EXTRA_NAME_FORMS: ReadonlyArray<readonly [string, '91' | '92' | '93']> = [
  ['商贸有限公司', '91'],
  ['建材经营部', '92'],
  ['便利店', '92'],
  ['农家乐', '92'],
  ['装饰工程有限公司', '91'],
  ['五金店', '92'],
  ['农产品专业合作社', '93'],
  ['电子商务有限公司', '91'],
  ['餐饮店', '92'],
  ['运输有限公司', '91'],
  ['服装店', '92'],
  ['茶叶专业合作社', '93'],
];

export const LIST_REASONS: Record<string, readonly string[]> = {
  FY: ['失信被执行人：有履行能力而拒不履行生效法律文书确定义务', '失信被执行人：违反财产报告制度'],
  SCJG: ['被列入经营异常名录届满3年仍未履行相关义务', '提交虚假材料取得公司登记'],
  SW: ['重大税收违法失信主体：逃避缴纳税款', '重大税收违法失信主体：虚开增值税专用发票'],
};

export async function seedCredit(
  ctx: SeedContext,
  places: Places,
  departments: Departments,
  enterprises: Enterprise[],
): Promise<void> {
  const random = randomStream('credit');
  const subjects = buildSubjects(ctx, random, places, enterprises);
  await ctx.insert(
    'CreditSubject',
    subjects.map((s) => ({
      id: s.id,
      creditCode: s.creditCode,
      name: s.name,
      regionId: s.regionId,
      enterpriseId: s.enterpriseId,
      registeredOn: s.registeredOn,
      leftOn: s.leftOn,
    })),
  );
  await seedBlacklist(ctx, departments, subjects);
  await seedPublicity(ctx, departments, subjects);
  await seedEmploymentRatings(ctx, enterprises);
  await seedIntegrity(ctx, places);
}

/**
 * Grid enterprises are in the base from registration; the extra firms are sized so that
 * the base counts at mid-2022 and end-2022 are exact.
 */
function buildSubjects(
  ctx: SeedContext,
  random: Random,
  places: Places,
  enterprises: Enterprise[],
): Subject[] {
  const subjects: Subject[] = [];
  const { midYear, yearEnd } = CREDIT_2022;
  for (const e of enterprises) {
    subjects.push({
      id: 0,
      registeredOn: e.registeredOn,
      leftOn: null,
      enterpriseId: e.id,
      regionId: e.regionId,
      name: e.name,
      creditCode: e.creditCode,
    });
  }
  const gridMid = enterprises.filter((e) => e.registeredOn <= midYear.day).length;
  const gridH2 = enterprises.filter(
    (e) => e.registeredOn > midYear.day && e.registeredOn <= yearEnd.day,
  ).length;
  const extraMid = midYear.base - gridMid;
  const extraH2 = yearEnd.base - midYear.base - gridH2 + LEFT_H2_2022;
  if (extraMid < LEFT_H2_2022 || extraH2 < 0)
    throw new Error('credit base: not enough extra firms for the 2022 figures');

  let serial = 0;
  const extra = (registeredOn: Day, leftOn: Day | null) => {
    const [form, kind] = random.pick(EXTRA_NAME_FORMS);
    const township = random.pick(places.townships);
    serial++;
    subjects.push({
      id: 0,
      registeredOn,
      leftOn,
      enterpriseId: null,
      regionId: random.chance(0.5) ? township.id : random.pick(township.villages).id,
      name: `示例县${township.name.slice(0, 2)}${tradeName(random)}${form}`,
      creditCode: creditCode(kind, 500_000 + serial, random),
    });
  };
  // Active at mid-2022; the first LEFT_H2_2022 of them leave in the second half of 2022.
  for (let i = 0; i < extraMid; i++) {
    extra(
      addDays(midYear.day, -random.int(1, 9000)),
      i < LEFT_H2_2022 ? addDays('2022-07-01', random.int(0, 183)) : null,
    );
  }
  for (let i = 0; i < extraH2; i++) extra(addDays('2022-07-01', random.int(0, 183)), null);
  for (let i = 0; i < LEFT_BEFORE_MID_2022; i++) {
    const leftOn = addDays(midYear.day, -random.int(1, 1300));
    extra(addDays(leftOn, -random.int(200, 5000)), leftOn);
  }
  const stayers = subjects.filter((s) => s.enterpriseId === null && s.leftOn === null);
  for (let year = 2023; year <= yearOf(ctx.todayDay); year++) {
    for (let i = 0; i < JOINING_PER_YEAR; i++) {
      const registeredOn = addDays(`${year}-01-01`, random.int(0, 364));
      if (registeredOn <= ctx.todayDay) extra(registeredOn, null);
    }
  }
  // After 2022 as many firms leave as join (new grid enterprises and extra firms), so the
  // base at today is the end-of-2022 base again.
  const joined = subjects.filter((s) => s.registeredOn > yearEnd.day).length;
  const firstAfter2022 = '2023-01-01';
  if (joined > stayers.length) throw new Error('credit base: not enough firms to leave after 2022');
  for (const subject of random.shuffle(stayers).slice(0, joined)) {
    subject.leftOn = addDays(
      firstAfter2022,
      random.int(0, Math.max(0, daysBetween(firstAfter2022, ctx.todayDay))),
    );
  }
  subjects.sort(
    (a, b) => a.registeredOn.localeCompare(b.registeredOn) || a.creditCode.localeCompare(b.creditCode),
  );
  subjects.forEach((s, i) => {
    s.id = i + 1;
  });
  return subjects;
}

/** The departments that list firms (court, market regulation, tax) and their shares of listings. */
export const LISTING_DEPARTMENTS = ['FY', 'SCJG', 'SW'] as const;
export const LISTING_WEIGHTS = [55, 30, 15];

const REPAIRED = '信用修复';

/**
 * Why an entry came off the list, from one uniform draw: seven in ten after a credit repair;
 * of the court's others most because the judgment was carried out; the rest at the term's end.
 */
export function removalReason(roll: number, department: string): string {
  return roll < 0.7 ? REPAIRED : department === 'FY' && roll < 0.9 ? '履行完毕' : '期满移出';
}

interface Listing {
  subject: Subject;
  department: (typeof LISTING_DEPARTMENTS)[number];
  listedOn: Day;
  removedOn: Day | null;
  removalReason: string | null;
  /** Removed after an approved credit repair. */
  repaired: boolean;
}

function workdayIn(random: Random, first: Day, last: Day): Day {
  return random.pick(workdays(first, last));
}

/**
 * The list by construction: 208 firms on it at 2022-06-30, 112 of them removed and 24 new
 * ones listed by 2022-12-31 (120), quarterly churn afterwards. Earlier entries removed
 * before mid-2022 give the list its history.
 */
async function seedBlacklist(ctx: SeedContext, departments: Departments, subjects: Subject[]): Promise<void> {
  const random = randomStream('credit/blacklist');
  const today = ctx.todayDay;
  // Listed firms stay in the base while listed: only firms that never leave are listed.
  const candidates = random.shuffle(
    subjects.filter((s) => s.leftOn === null && s.registeredOn < '2019-01-01' && s.enterpriseId === null),
  );
  const gridCandidates = random.shuffle(
    subjects.filter((s) => s.enterpriseId !== null && s.registeredOn < '2019-01-01'),
  );
  let next = 0;
  const take = () => {
    // One listed firm in twelve is a grid enterprise.
    const s = next % 12 === 11 ? gridCandidates.pop() : candidates[next];
    next++;
    if (!s) throw new Error('credit: ran out of firms to list');
    return s;
  };
  const source = (): Listing['department'] => random.weighted(LISTING_DEPARTMENTS, LISTING_WEIGHTS);
  const listings: Listing[] = [];
  const removal = (
    removedOn: Day,
    listing: Omit<Listing, 'removedOn' | 'removalReason' | 'repaired'>,
  ): Listing => {
    const reason = removalReason(random.next(), listing.department);
    return { ...listing, removedOn, removalReason: reason, repaired: reason === REPAIRED };
  };

  // History: listed 2019–2021, removed before mid-2022.
  for (let i = 0; i < 70; i++) {
    const listedOn = workdayIn(random, '2019-03-01', '2021-10-31');
    const removedOn = workdayIn(
      random,
      addDays(listedOn, 90) > '2022-06-29' ? '2022-06-01' : addDays(listedOn, 90),
      '2022-06-29',
    );
    listings.push(removal(removedOn, { subject: take(), department: source(), listedOn }));
  }
  // The 208 on the list at the end of June 2022.
  const midYear: Listing[] = [];
  for (let i = 0; i < CREDIT_2022.midYear.listed; i++) {
    const listedOn =
      i < 170 ? workdayIn(random, '2019-03-01', '2021-12-31') : workdayIn(random, '2022-01-04', '2022-06-30');
    midYear.push({
      subject: take(),
      department: source(),
      listedOn,
      removedOn: null,
      removalReason: null,
      repaired: false,
    });
  }
  // The clearance drive (失信治理攻坚) from June: 112 removed by the end of 2022.
  const removedH2 = CREDIT_2022.midYear.listed - (CREDIT_2022.yearEnd.listed - 24);
  random.shuffle(midYear).forEach((listing, i) => {
    if (i < removedH2) listings.push(removal(workdayIn(random, '2022-07-04', '2022-12-30'), listing));
    else listings.push(listing);
  });
  // 24 newly listed in the second half of 2022.
  for (let i = 0; i < 24; i++) {
    listings.push({
      subject: take(),
      department: source(),
      listedOn: workdayIn(random, '2022-07-04', '2022-12-30'),
      removedOn: null,
      removalReason: null,
      repaired: false,
    });
  }
  // After 2022, every quarter some firms come off the list and as many new ones go on it,
  // in pairs that both happen by today, so the list is at 120 firms again at today.
  for (let quarter = '2023-01-01'; quarter <= today; quarter = addDays(quarter, 91)) {
    const end = addDays(quarter, 88);
    const open = listings.filter((l) => l.removedOn === null && l.listedOn < quarter);
    for (const listing of random.shuffle(open).slice(0, random.int(10, 16))) {
      const removedOn = workdayIn(random, quarter, end);
      const listedOn = workdayIn(random, quarter, end);
      if (removedOn > today || listedOn > today) continue;
      Object.assign(listing, removal(removedOn, listing));
      listings.push({
        subject: take(),
        department: source(),
        listedOn,
        removedOn: null,
        removalReason: null,
        repaired: false,
      });
    }
  }

  const entries: Row[] = [];
  const repairs: Row[] = [];
  listings.forEach((l, i) => {
    const id = i + 1;
    const entryKey = { sourceSystem: 'credit-platform', externalId: `SX${String(id).padStart(6, '0')}` };
    // The id the hub gives an application filed without one (schema/credit/writes.ts).
    const repairId = (appliedOn: Day) =>
      `${l.subject.creditCode}/${entryKey.sourceSystem}:${entryKey.externalId}/${appliedOn}`;
    entries.push({
      id,
      ...entryKey,
      subjectId: l.subject.id,
      sourceDepartmentId: department(departments, l.department).id,
      reason: random.pick(LIST_REASONS[l.department] as readonly string[]),
      listedOn: l.listedOn,
      removedOn: l.removedOn,
      removalReason: l.removalReason,
      createdAt: new Date(`${l.listedOn}T10:00:00+08:00`),
      updatedAt: new Date(`${l.removedOn ?? l.listedOn}T10:00:00+08:00`),
    });
    if (l.repaired && l.removedOn) {
      const appliedOn = addWorkdays(addDays(l.removedOn, -random.int(15, 45)), 0);
      const filedOn = appliedOn > l.listedOn ? appliedOn : l.removedOn;
      repairs.push({
        externalId: repairId(filedOn),
        subjectId: l.subject.id,
        blacklistEntryId: id,
        appliedOn: filedOn,
        status: 'APPROVED',
        decidedOn: l.removedOn,
        createdAt: new Date(`${appliedOn}T09:00:00+08:00`),
        updatedAt: new Date(`${l.removedOn}T17:00:00+08:00`),
      });
    } else if (l.removedOn === null && random.chance(0.12)) {
      // Applications that failed, or are still being decided at today.
      const appliedOn = addWorkdays(addDays(l.listedOn, random.int(60, 400)), 0);
      if (appliedOn > today) return;
      const decidedOn = addWorkdays(appliedOn, random.int(10, 25));
      const pending = decidedOn > today;
      repairs.push({
        externalId: repairId(appliedOn),
        subjectId: l.subject.id,
        blacklistEntryId: id,
        appliedOn,
        status: pending ? (workdaysBetween(appliedOn, today) > 5 ? 'UNDER_REVIEW' : 'SUBMITTED') : 'REJECTED',
        decidedOn: pending ? null : decidedOn,
        createdAt: new Date(`${appliedOn}T09:00:00+08:00`),
        updatedAt: new Date(`${pending ? appliedOn : decidedOn}T17:00:00+08:00`),
      });
    }
  });
  await ctx.insert('BlacklistEntry', entries);
  await ctx.insert('CreditRepair', repairs);
}

/** Licence and penalty departments with their yearly volume and decision-number stem. */
const PUBLICITY_DEPARTMENTS: ReadonlyArray<readonly [string, string, number, number]> = [
  ['SCJG', '示市监', 2600, 240],
  ['ZG', '示资规', 420, 30],
  ['ZJ', '示住建', 380, 40],
  ['JT', '示交通', 520, 70],
  ['WJ', '示卫健', 480, 45],
  ['STHJ', '示环', 260, 40],
  ['NY', '示农', 300, 25],
  ['SL', '示水', 120, 10],
  ['WGLT', '示文旅', 240, 20],
  ['YJ', '示应急', 150, 45],
  ['GA', '示公', 260, 30],
  ['YC', '示烟', 220, 25],
  ['SWU', '示商', 120, 5],
  ['FG', '示发改', 90, 5],
  ['ZF', '示综执', 60, 160],
  ['SW', '示税', 80, 55],
];

/** Share published within 7 working days, accurate and complete, per year (三率). */
const PUBLICITY_QUALITY: Record<number, readonly [number, number, number]> = {
  2022: [0.936, 0.968, 0.961],
  2023: [0.975, 0.986, 0.982],
  2024: [0.983, 0.991, 0.989],
};
const qualityOf = (year: number) => PUBLICITY_QUALITY[year] ?? [0.987, 0.993, 0.991];

async function seedPublicity(ctx: SeedContext, departments: Departments, subjects: Subject[]): Promise<void> {
  const random = randomStream('credit/publicity');
  const rows: Row[] = [];
  const today = ctx.todayDay;
  for (let year = 2022; year <= yearOf(today); year++) {
    const [timely, accurate, complete] = qualityOf(year);
    const workdaysInYear = workdays(`${year}-01-01`, `${year}-12-31`);
    const days = workdaysInYear.filter((d) => d <= today);
    const active = subjects.filter(
      (s) => s.registeredOn < `${year}-01-01` && (s.leftOn === null || s.leftOn > `${year}-12-31`),
    );
    for (const [code, stem, licences, penalties] of PUBLICITY_DEPARTMENTS) {
      const departmentId = department(departments, code).id;
      const serial = { LICENSE: 0, PENALTY: 0 };
      for (const [kind, perYear] of [
        ['LICENSE', licences],
        ['PENALTY', penalties],
      ] as const) {
        const perDay = (perYear * (1 + 0.03 * (year - 2022))) / workdaysInYear.length;
        for (const decidedOn of days) {
          let count = Math.floor(perDay);
          if (random.chance(perDay - count)) count++;
          for (let k = 0; k < count; k++) {
            serial[kind]++;
            const late = !random.chance(timely);
            const publishedOn = addWorkdays(decidedOn, late ? random.int(8, 20) : random.int(1, 7));
            const id = rows.length + 1;
            rows.push({
              id,
              sourceSystem: 'double-publicity',
              externalId: `SGS${String(id).padStart(7, '0')}`,
              kind,
              departmentId,
              subjectId: random.chance(kind === 'PENALTY' ? 0.8 : 0.55) ? random.pick(active).id : null,
              decisionNumber: `${stem}${kind === 'LICENSE' ? '许' : '罚'}〔${year}〕${serial[kind]}号`,
              decidedOn,
              publishedOn: publishedOn <= today ? publishedOn : null,
              accurate: random.chance(accurate),
              complete: random.chance(complete),
              createdAt: new Date(`${decidedOn}T16:00:00+08:00`),
              updatedAt: new Date(`${publishedOn <= today ? publishedOn : decidedOn}T16:00:00+08:00`),
            });
          }
        }
      }
    }
  }
  await ctx.insert('PublicityRecord', rows);
}

/**
 * "信用+智享用工" (from September 2022): workers and employers graded every quarter. A
 * subject's grade mostly keeps, sometimes moves one step.
 */
async function seedEmploymentRatings(ctx: SeedContext, enterprises: Enterprise[]): Promise<void> {
  const random = randomStream('credit/employment');
  const grades = ['A', 'B', 'C', 'D'] as const;
  const scoreOf = (grade: (typeof grades)[number]) =>
    grade === 'A'
      ? random.int(90, 100)
      : grade === 'B'
        ? random.int(75, 89)
        : grade === 'C'
          ? random.int(60, 74)
          : random.int(30, 59);
  const workers = Array.from({ length: 1_200 }, (_, i) => ({
    kind: 'WORKER',
    name: personName(random),
    idNumber: idNumber(random, 1965, 2004),
    creditCode: null as string | null,
    joins: i < 500 ? '2022-09-01' : addDays('2022-12-01', Math.floor(((i - 500) / 700) * 1200)),
    grade: random.weighted(grades, [38, 45, 13, 4]) as (typeof grades)[number],
  }));
  const employers = random
    .shuffle(enterprises.filter((e) => e.registeredOn < '2022-06-01'))
    .slice(0, 150)
    .map((e, i) => ({
      kind: 'EMPLOYER',
      name: e.name,
      idNumber: null as string | null,
      creditCode: e.creditCode as string | null,
      joins: i < 60 ? '2022-09-01' : addDays('2022-12-01', Math.floor(((i - 60) / 90) * 1200)),
      grade: random.weighted(grades, [30, 50, 15, 5]) as (typeof grades)[number],
    }));
  const rows: Row[] = [];
  for (
    let quarterEnd = '2022-09-30';
    quarterEnd <= ctx.todayDay;
    quarterEnd = lastDayOfQuarterAfter(quarterEnd)
  ) {
    let ratedOn = quarterEnd;
    while (!isWorkday(ratedOn)) ratedOn = addDays(ratedOn, -1);
    for (const subject of [...workers, ...employers]) {
      if (subject.joins > ratedOn) continue;
      const move = random.next();
      const at = grades.indexOf(subject.grade);
      if (move < 0.08 && at > 0) subject.grade = grades[at - 1] as (typeof grades)[number];
      else if (move > 0.95 && at < 3) subject.grade = grades[at + 1] as (typeof grades)[number];
      rows.push({
        subjectKind: subject.kind,
        subjectName: subject.name,
        idNumber: subject.idNumber,
        creditCode: subject.creditCode,
        grade: subject.grade,
        score: scoreOf(subject.grade),
        ratedOn,
        createdAt: new Date(`${ratedOn}T18:00:00+08:00`),
      });
    }
  }
  await ctx.insert('EmploymentCreditRating', rows);
}

function lastDayOfQuarterAfter(quarterEnd: Day): Day {
  const next = addDays(quarterEnd, 1);
  const month = Number(next.slice(5, 7)) + 2;
  const end = new Date(Date.UTC(yearOf(next), month, 0));
  return end.toISOString().slice(0, 10);
}

const VENUES = ['机关', '校园', '社区', '企业', '窗口', '医院', '乡村', '网络'];

async function seedIntegrity(ctx: SeedContext, places: Places): Promise<void> {
  const random = randomStream('credit/integrity');
  const rows: Row[] = [];
  const ordinals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  for (let year = 2020; year <= yearOf(ctx.todayDay); year++) {
    const day = `${year}-11-22`;
    if (day > ctx.todayDay) break;
    rows.push({
      title: `第${ordinals[year - 2020]}个“11·22”诚信日主题活动${year === 2022 ? '：发布“1122示例诚信码”，聘请各领域诚信代言人' : ''}`,
      kind: 'INTEGRITY_DAY',
      venue: null,
      heldOn: day,
      regionId: places.county.id,
      createdAt: new Date(`${day}T09:00:00+08:00`),
    });
  }
  // 八进: the plan of late 2022 started with communities and windows; all eight venues after.
  const outreach: Array<readonly [string, Day]> = [
    ['社区', '2022-11-25'],
    ['窗口', '2022-12-02'],
  ];
  for (let year = 2023; year <= yearOf(ctx.todayDay); year++) {
    VENUES.forEach((venue, i) => {
      outreach.push([venue, addWorkdays(addDays(`${year}-03-01`, i * 32 + random.int(0, 20)), 0)]);
    });
  }
  for (const [venue, day] of outreach) {
    if (day > ctx.todayDay) continue;
    const township = random.pick(places.townships);
    rows.push({
      title: `诚信进${venue}活动`,
      kind: 'OUTREACH',
      venue,
      heldOn: day,
      regionId: venue === '窗口' || venue === '机关' || venue === '网络' ? places.county.id : township.id,
      createdAt: new Date(`${day}T09:00:00+08:00`),
    });
  }
  await ctx.insert('IntegrityEvent', rows);
  await ctx.insert('Honor', [
    {
      year: 2022,
      title: '“信用+智享用工”行业监管应用场景',
      issuer: '示例市信用数字化改革应用场景案例观摩评选活动',
      grade: '示范案例',
      outOf: 17,
      createdAt: new Date('2022-12-20T10:00:00+08:00'),
    },
  ]);
}
