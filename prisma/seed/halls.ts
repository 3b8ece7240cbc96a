// Service halls (county centre, township centres, village demonstration halls) with their
// yearly star ratings, windows, window staff, monthly work points and red-list months; and
// the places cases are received: hall points, rural-commercial-bank branches (政银合作),
// village stations and self-service kiosks, each with the items it offers.
import { addDays, type Day, eachMonth, monthStart, yearOf } from './calendar.ts';
import { BANK_LAUNCH, type Catalogue } from './catalogue.ts';
import type { SeedContext } from './context.ts';
import { idNumber, mobilePhone, personName } from './names.ts';
import { type Departments, department, type Places, type Village } from './places.ts';
import { randomStream, round } from './random.ts';
import type { Row } from './sql.ts';

export interface Hall {
  id: number;
  name: string;
  level: 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';
  regionId: number;
  openedOn: Day;
  /** The hall's own service point. */
  pointId: number;
}

export interface Branch {
  pointId: number;
  regionId: number;
  townshipId: number;
  openedOn: Day;
}

export interface Kiosk {
  pointId: number;
  regionId: number;
  townshipId: number | null;
}

export interface Halls {
  countyHall: Hall;
  /** Township halls by township id. */
  townshipHalls: Map<number, Hall>;
  villageHalls: Hall[];
  branches: Branch[];
  kiosks: Kiosk[];
  /** Village station point by village id. */
  stations: Map<number, number>;
  windows: Array<{ id: number; hallId: number; departmentId: number | null }>;
  staff: Array<{ id: number; windowId: number | null }>;
}

/** The first 12 bank branches opened at the launch in May 2022, the other 20 two weeks later. */
const BANK_SECOND_BATCH: Day = '2022-05-23';
const FIRST_BATCH_BRANCHES = 12;
export const BANK_BRANCHES = 32;

/** Village demonstration halls (乡村便民生活示范馆): two a year from 2023. */
const DEMONSTRATION_HALLS: ReadonlyArray<readonly [string, Day]> = [
  ['青石镇', '2023-06-16'],
  ['西岭乡', '2023-11-08'],
  ['东城镇', '2024-05-20'],
  ['云峰乡', '2024-10-15'],
  ['南桥镇', '2025-06-10'],
  ['桃源乡', '2025-09-26'],
  ['龙溪镇', '2026-05-18'],
];

/** County hall windows: name, department code, how many. */
const COUNTY_WINDOWS: ReadonlyArray<readonly [string, string | null, number]> = [
  ['综合受理窗口', 'YSB', 8],
  ['企业开办专区窗口', 'SCJG', 2],
  ['市场监管综合窗口', 'SCJG', 1],
  ['税务窗口', 'SW', 3],
  ['不动产登记窗口', 'ZG', 3],
  ['规划许可窗口', 'ZG', 1],
  ['社会保险窗口', 'RS', 3],
  ['就业服务窗口', 'RS', 1],
  ['医疗保障窗口', 'YB', 2],
  ['公积金窗口', 'GJJ', 1],
  ['户政窗口', 'GA', 2],
  ['出入境窗口', 'GA', 1],
  ['车驾管窗口', 'GA', 1],
  ['投资项目代办窗口', 'YSB', 1],
  ['工程建设审批窗口', 'ZJ', 2],
  ['民政窗口', 'MZ', 1],
  ['卫生健康窗口', 'WJ', 1],
  ['交通运输窗口', 'JT', 1],
  ['农业农村窗口', 'NY', 1],
  ['水利窗口', 'SL', 1],
  ['生态环境窗口', 'STHJ', 1],
  ['水电气联办窗口', 'GD', 1],
  ['跨省通办专窗', 'YSB', 1],
  ['咨询导办窗口', 'YSB', 1],
];
const TOWNSHIP_WINDOWS: ReadonlyArray<readonly [string, string | null]> = [
  ['综合受理窗口一', null],
  ['综合受理窗口二', null],
  ['社保医保窗口', 'RS'],
  ['民政残联窗口', 'MZ'],
  ['农业农村窗口', 'NY'],
];
/** The dedicated window of the reservoir-resettlement bundle (2023 plan). */
const RESETTLEMENT_WINDOW = { name: '水库移民专窗', departmentCode: 'YSB', openedOn: '2023-03-15' };

/** The last year whose ratings were published by `today` (ratings come out mid-December). */
function lastRatedYear(today: Day): number {
  return today >= `${yearOf(today)}-12-15` ? yearOf(today) : yearOf(today) - 1;
}

export async function seedHalls(
  ctx: SeedContext,
  places: Places,
  departments: Departments,
  catalogue: Catalogue,
): Promise<Halls> {
  const random = randomStream('halls');
  const { county, townships } = places;
  let nextPoint = 1;
  const hallRows: Row[] = [];
  const pointRows: Row[] = [];

  const addHall = (
    name: string,
    level: Hall['level'],
    regionId: number,
    openedOn: Day,
    demonstration = false,
  ): Hall => {
    const hall: Hall = { id: hallRows.length + 1, name, level, regionId, openedOn, pointId: nextPoint++ };
    hallRows.push({
      id: hall.id,
      code: `DT${String(hall.id).padStart(3, '0')}`,
      name,
      level,
      regionId,
      demonstration,
      openedOn,
    });
    pointRows.push({
      id: hall.pointId,
      code: `WD${String(hall.pointId).padStart(4, '0')}`,
      name,
      kind: 'SERVICE_HALL',
      regionId,
      hallId: hall.id,
      bankName: null,
      openedOn,
    });
    return hall;
  };

  const countyHall = addHall('示例县政务服务中心', 'COUNTY', county.id, '2017-06-18');
  const townshipHalls = new Map<number, Hall>();
  for (const township of townships) {
    townshipHalls.set(
      township.id,
      addHall(
        `${township.name}便民服务中心`,
        'TOWNSHIP',
        township.id,
        addDays('2019-03-01', township.ordinal * 23),
      ),
    );
  }
  const villageHalls: Hall[] = [];
  for (const [townshipName, openedOn] of DEMONSTRATION_HALLS) {
    if (openedOn > ctx.todayDay) continue;
    const township = townships.find((t) => t.name === townshipName);
    if (!township) throw new Error(`unknown township ${townshipName}`);
    const village =
      township.villages.filter((v) => v.kind === 'VILLAGE')[0] ?? (township.villages[0] as Village);
    villageHalls.push(addHall(`${village.name}便民生活示范馆`, 'VILLAGE', village.id, openedOn, true));
  }
  await ctx.insert('ServiceHall', hallRows);

  // Bank branches: five in each subdistrict, two or three in each town, one or two in each 乡.
  const branches: Branch[] = [];
  const perTownship = townships.map((t): number =>
    t.kind === 'SUBDISTRICT' ? 5 : t.kind === 'TOWN' ? (t.ordinal % 2 === 0 ? 3 : 2) : 1,
  );
  let missing = BANK_BRANCHES - perTownship.reduce((a, b) => a + b, 0);
  for (let i = perTownship.length - 1; missing > 0; i--, missing--)
    perTownship[i] = (perTownship[i] ?? 0) + 1;
  const branchSpecs = townships.flatMap((t, i) =>
    Array.from({ length: perTownship[i] ?? 0 }, (_, k) => {
      const village = k === 0 ? null : (t.villages[(k * 3) % t.villages.length] as Village);
      return {
        name:
          k === 0
            ? `示例农商银行${t.name.slice(0, 2)}支行`
            : `示例农商银行${village?.name.slice(0, 2)}分理处`,
        regionId: village?.id ?? t.id,
        townshipId: t.id,
        main: k === 0,
      };
    }),
  );
  // The main branch of every township opened first, at the launch.
  branchSpecs.sort((a, b) => Number(b.main) - Number(a.main));
  branchSpecs.forEach((spec, i) => {
    const openedOn = i < FIRST_BATCH_BRANCHES ? BANK_LAUNCH : BANK_SECOND_BATCH;
    const pointId = nextPoint++;
    branches.push({ pointId, regionId: spec.regionId, townshipId: spec.townshipId, openedOn });
    pointRows.push({
      id: pointId,
      code: `WD${String(pointId).padStart(4, '0')}`,
      name: `${spec.name}一网通办分网点`,
      kind: 'BANK_BRANCH',
      regionId: spec.regionId,
      hallId: null,
      bankName: '示例农商银行',
      openedOn,
    });
  });

  const stations = new Map<number, number>();
  for (const village of places.villages) {
    const pointId = nextPoint++;
    stations.set(village.id, pointId);
    pointRows.push({
      id: pointId,
      code: `WD${String(pointId).padStart(4, '0')}`,
      name: `${village.name}便民服务站`,
      kind: 'VILLAGE_STATION',
      regionId: village.id,
      hallId: null,
      bankName: null,
      openedOn: addDays('2019-09-01', random.int(0, 480)),
    });
  }

  // Kiosks: six at county level (the centre's 24-hour area and public buildings), one in
  // every township hall and a second one in the six largest townships.
  const kiosks: Kiosk[] = [];
  const kioskOpened = new Map<number, Day>();
  const countyKioskNames = [
    '政务服务中心24小时自助区1号机',
    '政务服务中心24小时自助区2号机',
    '政务服务中心24小时自助区3号机',
    '县人民医院政务自助机',
    '县图书馆政务自助机',
    '县客运中心政务自助机',
  ];
  for (const name of countyKioskNames) {
    const pointId = nextPoint++;
    kiosks.push({ pointId, regionId: county.id, townshipId: null });
    kioskOpened.set(pointId, addDays('2020-04-01', random.int(0, 400)));
    pointRows.push({
      id: pointId,
      code: `WD${String(pointId).padStart(4, '0')}`,
      name,
      kind: 'SELF_SERVICE_KIOSK',
      regionId: county.id,
      hallId: name.startsWith('政务服务中心') ? countyHall.id : null,
      bankName: null,
      openedOn: kioskOpened.get(pointId) as Day,
    });
  }
  for (const township of townships) {
    const count = township.ordinal < 6 ? 2 : 1;
    for (let k = 0; k < count; k++) {
      const pointId = nextPoint++;
      kiosks.push({ pointId, regionId: township.id, townshipId: township.id });
      kioskOpened.set(pointId, addDays('2020-09-01', random.int(0, 420)));
      pointRows.push({
        id: pointId,
        code: `WD${String(pointId).padStart(4, '0')}`,
        name: k === 0 ? `${township.name}便民服务中心政务自助机` : `${township.name}党群服务中心政务自助机`,
        kind: 'SELF_SERVICE_KIOSK',
        regionId: township.id,
        hallId: k === 0 ? (townshipHalls.get(township.id)?.id ?? null) : null,
        bankName: null,
        openedOn: kioskOpened.get(pointId) as Day,
      });
    }
  }
  await ctx.insert('ServicePoint', pointRows);

  const pointItems: Row[] = [];
  for (const branch of branches) {
    for (const item of catalogue.bankItems) {
      const since = (item.bankSince as Day) > branch.openedOn ? (item.bankSince as Day) : branch.openedOn;
      pointItems.push({ servicePointId: branch.pointId, itemId: item.id, since });
    }
  }
  const kioskItems = catalogue.items.filter((i) => i.channels.includes('SELF_SERVICE'));
  for (const kiosk of kiosks) {
    for (const item of kioskItems)
      pointItems.push({
        servicePointId: kiosk.pointId,
        itemId: item.id,
        since: kioskOpened.get(kiosk.pointId) as Day,
      });
  }
  const villageItems = catalogue.items.filter((i) => i.levels.includes('VILLAGE'));
  for (const row of pointRows.filter((r) => r.kind === 'VILLAGE_STATION')) {
    for (const item of villageItems)
      pointItems.push({ servicePointId: row.id as number, itemId: item.id, since: row.openedOn as Day });
  }
  await ctx.insert('ServicePointItem', pointItems);

  const halls: Halls = {
    countyHall,
    townshipHalls,
    villageHalls,
    branches,
    kiosks,
    stations,
    windows: [],
    staff: [],
  };
  await seedRatings(ctx, halls);
  await seedWindowsAndStaff(ctx, halls, departments, places);
  return halls;
}

/** Star ratings with their four aspect scores; 2022's re-rating lifted the township halls. */
async function seedRatings(ctx: SeedContext, halls: Halls): Promise<void> {
  const random = randomStream('halls/ratings');
  const rows: Row[] = [];
  const lastYear = lastRatedYear(ctx.todayDay);
  const all = [halls.countyHall, ...halls.townshipHalls.values(), ...halls.villageHalls];
  for (const hall of all) {
    const quality = hall.level === 'COUNTY' ? 6 : random.normal(0, 2.5, -5, 5);
    for (let year = 2021; year <= lastYear; year++) {
      if (`${year}-12-15` < hall.openedOn) continue;
      const trend = Math.min(year - 2021, 4) * 1.6;
      const base = 84 + quality + trend;
      const aspects = [0, 1, 2, 3].map(() => round(random.normal(base, 2.2, 70, 99.5), 2));
      const mean = aspects.reduce((a, b) => a + b, 0) / 4;
      rows.push({
        hallId: hall.id,
        year,
        stars: mean >= 92 ? 5 : mean >= 85 ? 4 : 3,
        onSiteScore: aspects[0] as number,
        staffScore: aspects[1] as number,
        serviceModeScore: aspects[2] as number,
        closedLoopScore: aspects[3] as number,
        ratedOn: `${year}-12-15`,
      });
    }
  }
  await ctx.insert('HallRating', rows);
}

async function seedWindowsAndStaff(
  ctx: SeedContext,
  halls: Halls,
  departments: Departments,
  places: Places,
): Promise<void> {
  const random = randomStream('halls/windows');
  const windowRows: Row[] = [];
  const windowInfo: Array<{ id: number; hallId: number; busy: number; openedOn: Day }> = [];
  const addWindow = (
    hallId: number,
    name: string,
    departmentCode: string | null,
    dedicated: boolean,
    openedOn: Day,
    code: string,
  ) => {
    const id = windowRows.length + 1;
    const departmentId = departmentCode ? department(departments, departmentCode).id : null;
    windowRows.push({
      id,
      code,
      name,
      hallId,
      departmentId,
      dedicated,
      createdAt: new Date(`${openedOn}T00:00:00+08:00`),
    });
    windowInfo.push({ id, hallId, busy: random.normal(1, 0.12, 0.7, 1.3), openedOn });
    halls.windows.push({ id, hallId, departmentId });
  };
  let seat = 1;
  for (const [name, code, count] of COUNTY_WINDOWS) {
    for (let k = 1; k <= count; k++, seat++) {
      addWindow(
        halls.countyHall.id,
        count > 1 ? `${name}${k}` : name,
        code,
        false,
        halls.countyHall.openedOn,
        `CK-C${String(seat).padStart(2, '0')}`,
      );
    }
  }
  addWindow(
    halls.countyHall.id,
    RESETTLEMENT_WINDOW.name,
    RESETTLEMENT_WINDOW.departmentCode,
    true,
    RESETTLEMENT_WINDOW.openedOn,
    `CK-C${String(seat).padStart(2, '0')}`,
  );
  for (const township of places.townships) {
    const hall = halls.townshipHalls.get(township.id) as Hall;
    TOWNSHIP_WINDOWS.forEach(([name, code], k) => {
      addWindow(
        hall.id,
        name,
        code,
        false,
        hall.openedOn,
        `CK-T${String(township.ordinal + 1).padStart(2, '0')}-${k + 1}`,
      );
    });
  }
  for (const hall of halls.villageHalls)
    addWindow(hall.id, '综合服务窗口', null, false, hall.openedOn, `CK-V${String(hall.id).padStart(3, '0')}`);
  await ctx.insert('Window', windowRows);

  // Staff: one or two per window. Certification (持证上岗) was pushed in 2023.
  const staffRows: Row[] = [];
  const staffInfo: Array<{ id: number; windowId: number; skill: number; from: Day; until: Day | null }> = [];
  for (const window of windowInfo) {
    const count = window.hallId === halls.countyHall.id ? random.int(1, 2) : 1;
    for (let k = 0; k < count; k++) {
      const id = staffRows.length + 1;
      const from = window.openedOn;
      const joinedEarly = from < '2022-01-01';
      const leaves = joinedEarly && random.chance(0.08);
      const until = leaves ? addDays('2023-01-01', random.int(0, 900)) : null;
      const certifiedOn = certificationDay(random, from);
      const certified =
        certifiedOn !== null && certifiedOn <= ctx.todayDay && (until === null || certifiedOn < until);
      staffRows.push({
        id,
        code: `RY${String(id).padStart(4, '0')}`,
        name: personName(random),
        phone: mobilePhone(random),
        idNumber: idNumber(random, 1968, 2000),
        windowId: window.id,
        departmentId: windowRows[window.id - 1]?.departmentId ?? null,
        certified,
        certifiedOn: certified ? certifiedOn : null,
        active: until === null || until > ctx.todayDay,
      });
      staffInfo.push({ id, windowId: window.id, skill: random.normal(1, 0.08, 0.8, 1.2), from, until });
      halls.staff.push({ id, windowId: window.id });
    }
  }
  await ctx.insert('Staff', staffRows);

  // Work points (工分) per window and per person for every month up to today's month.
  const points: Row[] = [];
  const months = eachMonth('2022-01-01', ctx.todayDay);
  for (const month of months) {
    const season = 1 + 0.05 * Math.sin(((Number(month.slice(5, 7)) - 3) / 12) * 2 * Math.PI);
    for (const window of windowInfo) {
      if (monthStart(window.openedOn) > month) continue;
      points.push({
        month,
        windowId: window.id,
        staffId: null,
        points: round(random.normal(92 * window.busy * season, 4, 60, 140), 2),
      });
    }
    for (const person of staffInfo) {
      if (monthStart(person.from) > month || (person.until !== null && person.until <= month)) continue;
      points.push({
        month,
        windowId: null,
        staffId: person.id,
        points: round(random.normal(95 * person.skill * season, 5, 55, 140), 2),
      });
    }
  }
  await ctx.insert('WorkPoint', points);

  // Red-list months of the county centre: three in 2022, a few every year after.
  const red: Row[] = [];
  const redMonths: Record<number, number[]> = {
    2022: [4, 8, 11],
    2023: [3, 6, 9, 12],
    2024: [2, 5, 7, 10, 12],
    2025: [3, 6, 8, 11],
  };
  for (let year = 2022; year <= yearOf(ctx.todayDay); year++) {
    for (const m of redMonths[year] ?? [3, 6, 9]) {
      const month = `${year}-${String(m).padStart(2, '0')}-01`;
      if (month > monthStart(ctx.todayDay)) continue;
      red.push({ month, hallId: halls.countyHall.id, note: '行政服务中心大厅文明创建红榜' });
    }
  }
  await ctx.insert('RedListMonth', red);
}

/** When a person got certified: a few before 2022, more in 2022, most in the 2023 push. */
function certificationDay(random: ReturnType<typeof randomStream>, from: Day): Day | null {
  const roll = random.next();
  const campaign =
    roll < 0.18
      ? '2021-01-01'
      : roll < 0.36
        ? '2022-03-01'
        : roll < 0.9
          ? '2023-03-01'
          : roll < 0.96
            ? '2024-01-01'
            : null;
  if (campaign === null) return null;
  return addDays(from > campaign ? from : campaign, random.int(20, 300));
}
