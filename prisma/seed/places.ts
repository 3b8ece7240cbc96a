// The region tree (city → home county and three peer counties; the home county's
// townships and villages) and the county's departments. Every name and code is fictional:
// codes start with 99, which is no real province, and the real county stays masked.
import type { SeedContext } from './context.ts';
import { randomStream } from './random.ts';

export interface Place {
  id: number;
  code: string;
  name: string;
  population: number;
}

export interface Township extends Place {
  kind: 'TOWN' | 'TOWNSHIP' | 'SUBDISTRICT';
  /** 0-based position among the county's townships. */
  ordinal: number;
  villages: Village[];
}

export interface Village extends Place {
  kind: 'VILLAGE' | 'COMMUNITY';
  townshipId: number;
}

export interface Places {
  city: Place;
  county: Place;
  peers: Place[];
  townships: Township[];
  villages: Village[];
}

/** Township name, kind, resident population and number of villages/communities. */
const TOWNSHIPS: ReadonlyArray<readonly [string, Township['kind'], number, number]> = [
  ['城关街道', 'SUBDISTRICT', 46_000, 14],
  ['新城街道', 'SUBDISTRICT', 41_000, 12],
  ['东城镇', 'TOWN', 32_000, 16],
  ['南桥镇', 'TOWN', 27_000, 14],
  ['北山镇', 'TOWN', 24_000, 13],
  ['青石镇', 'TOWN', 22_000, 13],
  ['白沙镇', 'TOWN', 19_000, 12],
  ['龙溪镇', 'TOWN', 18_000, 12],
  ['西岭乡', 'TOWNSHIP', 11_000, 10],
  ['云峰乡', 'TOWNSHIP', 9_000, 9],
  ['石门乡', 'TOWNSHIP', 8_000, 8],
  ['桃源乡', 'TOWNSHIP', 7_000, 8],
];

const COMMUNITY_NAMES = [
  ...'新华 解放 文昌 振兴 和平 滨江 城南 城北 东门 西门 南门 北门 锦绣 凤凰 育才 人民 朝阳 健康 光明 幸福 花园 学府 友谊 繁荣 长安 清风 江滨 紫荆 桂花 丰收 翠苑 金桥 望江 迎宾 春晖 秀水 龙山 凤山 阳光 新安 同心 和谐 永安 兴园 槐荫'.split(
    ' ',
  ),
];
const VILLAGE_HEADS = [...'上下前后大小新老东西南北高石竹梅桂松杨柳枫溪塘岭坑湾坪山田桥河林泉源岩金银'];
const VILLAGE_TAILS = [...'溪塘岭坑湾坪口头源田桥山岗畈垄坞庄埠洲岙'];

/** Peer counties of the same city, for the passive-monitoring ranks. */
const PEERS = [
  ['990122000000', '样本县', 298_000],
  ['990123000000', '模拟县', 341_000],
  ['990124000000', '演示县', 226_000],
] as const;

export const CITY_NAME = '示例市';
export const COUNTY_NAME = '示例县';

export async function seedPlaces(ctx: SeedContext): Promise<Places> {
  const random = randomStream('places');
  const city: Place = { id: 1, code: '990100000000', name: CITY_NAME, population: 2_180_000 };
  const county: Place = { id: 2, code: '990121000000', name: COUNTY_NAME, population: 0 };
  const peers: Place[] = PEERS.map(([code, name, population], i) => ({ id: 3 + i, code, name, population }));
  let nextId = 3 + peers.length;
  const usedNames = new Set<string>();
  const townships: Township[] = TOWNSHIPS.map(([name, kind, population, villageCount], ordinal) => {
    const township: Township = {
      id: nextId++,
      code: `990121${String(ordinal + 1).padStart(3, '0')}000`,
      name,
      kind,
      population,
      ordinal,
      villages: [],
    };
    // Subdistricts are all communities; towns have a seat community or two; 乡 are villages.
    const communities = kind === 'SUBDISTRICT' ? villageCount : kind === 'TOWN' ? 2 : 0;
    const shares = Array.from(
      { length: villageCount },
      (_, i) => (i < communities ? 2.2 : 1) * random.normal(1, 0.25, 0.4),
    );
    const shareSum = shares.reduce((a, b) => a + b, 0);
    for (let i = 0; i < villageCount; i++) {
      const community = i < communities;
      let villageName: string;
      do {
        villageName = community
          ? `${random.pick(COMMUNITY_NAMES)}社区`
          : `${random.pick(VILLAGE_HEADS)}${random.pick(VILLAGE_TAILS)}村`;
      } while (usedNames.has(villageName));
      usedNames.add(villageName);
      township.villages.push({
        id: 0,
        // Communities are numbered 001…, villages 201… as in statistical division codes.
        code: `${township.code.slice(0, 9)}${String(community ? i + 1 : 200 + i - communities + 1).padStart(3, '0')}`,
        name: villageName,
        kind: community ? 'COMMUNITY' : 'VILLAGE',
        population: Math.round((population * (shares[i] ?? 1)) / shareSum),
        townshipId: township.id,
      });
    }
    return township;
  });
  const villages = townships.flatMap((t) => t.villages);
  for (const village of villages) village.id = nextId++;
  county.population = townships.reduce((sum, t) => sum + t.population, 0);

  const path = new Map<number, string>([[city.id, `/${city.id}/`]]);
  const rows = [
    {
      id: city.id,
      code: city.code,
      name: city.name,
      level: 'CITY',
      kind: 'CITY',
      parentId: null,
      isHome: false,
      population: city.population,
    },
    {
      id: county.id,
      code: county.code,
      name: county.name,
      level: 'COUNTY',
      kind: 'COUNTY',
      parentId: city.id,
      isHome: true,
      population: county.population,
    },
    ...peers.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      level: 'COUNTY',
      kind: 'COUNTY',
      parentId: city.id,
      isHome: false,
      population: p.population,
    })),
    ...townships.map((t) => ({
      id: t.id,
      code: t.code,
      name: t.name,
      level: 'TOWNSHIP',
      kind: t.kind,
      parentId: county.id,
      isHome: true,
      population: t.population,
    })),
    ...villages.map((v) => ({
      id: v.id,
      code: v.code,
      name: v.name,
      level: 'VILLAGE',
      kind: v.kind,
      parentId: v.townshipId,
      isHome: true,
      population: v.population,
    })),
  ].map((row) => {
    const rowPath = row.parentId === null ? `/${row.id}/` : `${path.get(row.parentId)}${row.id}/`;
    path.set(row.id, rowPath);
    return { ...row, path: rowPath };
  });
  await ctx.insert('Region', rows);
  return { city, county, peers, townships, villages };
}

export interface Department {
  id: number;
  code: string;
  name: string;
  shortName: string;
}

/** Code, full name, short name, stationed in the county's administrative service centre. */
const DEPARTMENTS: ReadonlyArray<readonly [string, string, string, boolean]> = [
  ['YSB', '示例县营商环境建设办公室', '营商办', true],
  ['SCJG', '示例县市场监督管理局', '市场监管局', true],
  ['SW', '国家税务总局示例县税务局', '税务局', true],
  ['FY', '示例县人民法院', '法院', false],
  ['ZG', '示例县自然资源和规划局', '资规局', true],
  ['RS', '示例县人力资源和社会保障局', '人社局', true],
  ['YB', '示例县医疗保障局', '医保局', true],
  ['JY', '示例县教育局', '教育局', false],
  ['GA', '示例县公安局', '公安局', true],
  ['ZJ', '示例县住房和城乡建设局', '住建局', true],
  ['FG', '示例县发展和改革局', '发改局', true],
  ['JX', '示例县经济和信息化局', '经信局', false],
  ['CZ', '示例县财政局', '财政局', false],
  ['MZ', '示例县民政局', '民政局', true],
  ['WJ', '示例县卫生健康局', '卫健局', true],
  ['JT', '示例县交通运输局', '交通运输局', true],
  ['NY', '示例县农业农村局', '农业农村局', true],
  ['SL', '示例县水利局', '水利局', true],
  ['STHJ', '示例市生态环境局示例分局', '生态环境分局', true],
  ['SWU', '示例县商务局', '商务局', false],
  ['KJ', '示例县科学技术局', '科技局', false],
  ['WGLT', '示例县文化和广电旅游体育局', '文广旅体局', true],
  ['YJ', '示例县应急管理局', '应急管理局', true],
  ['ZF', '示例县综合行政执法局', '综合执法局', true],
  ['SF', '示例县司法局', '司法局', false],
  ['TY', '示例县退役军人事务局', '退役军人局', false],
  ['CL', '示例县残疾人联合会', '残联', true],
  ['GJJ', '示例市住房公积金管理中心示例分中心', '公积金中心', true],
  ['XF', '示例县消防救援大队', '消防大队', true],
  ['QX', '示例县气象局', '气象局', false],
  ['YC', '示例县烟草专卖局', '烟草局', true],
  ['GD', '国网示例县供电公司', '供电公司', true],
  ['SWJT', '示例县水务集团有限公司', '水务集团', true],
  ['RQ', '示例县燃气有限公司', '燃气公司', true],
];

export type Departments = Map<string, Department>;

export async function seedDepartments(ctx: SeedContext): Promise<Departments> {
  const departments: Departments = new Map();
  const rows = DEPARTMENTS.map(([code, name, shortName, stationed], i) => {
    departments.set(code, { id: i + 1, code, name, shortName });
    return { id: i + 1, code, name, shortName, stationed };
  });
  await ctx.insert('Department', rows);
  return departments;
}

/** A department by code; the seed's own tables only name departments that exist. */
export function department(departments: Departments, code: string): Department {
  const found = departments.get(code);
  if (!found) throw new Error(`unknown department ${code}`);
  return found;
}
