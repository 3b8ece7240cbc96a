// Awards the county gives (表彰), 2022 to today. Each year 县信用办 names integrity stars
// (诚信之星) on 3·15 and, from among them, integrity ambassadors (诚信代言人) on 6·14 (信用记录
// 关爱日); 县行政服务中心 names a courteous-service star (有礼服务之星) every month, a person in
// odd months and a window in even ones, announced on the 5th of the month after. 2022 gives 10
// stars, 12 monthly stars and 3 ambassadors; each later year two stars, one ambassador and two
// more monthly stars (a second one in the first months) more. Only awards given before today
// exist. Awardees are firms never on the blacklist, registered before the year, active staff at
// a window, and windows, drawn from their own stream.
import { type Day, yearOf } from './calendar.ts';
import type { SeedContext } from './context.ts';
import { randomStream } from './random.ts';
import type { Row } from './sql.ts';

export const FIRST_AWARD_YEAR = 2022;

/** Awards of a year as the story has them (before today's cut). */
export function awardPlan(year: number) {
  const growth = year - FIRST_AWARD_YEAR;
  return {
    integrityStars: 10 + 2 * growth,
    ambassadors: 3 + growth,
    /** Months (1–12) with a second courteous-service star. */
    doubledMonths: 2 * growth,
  };
}

const STAR_CITATIONS = [
  '诚信经营、守法纳税，年度信用评价优良',
  '重合同守信用，无失信记录，积极履行社会责任',
  '坚持质量为本、诚信为先，获评年度诚信企业',
  '按时足额发放工资，劳动关系和谐，信用记录良好',
];
const AMBASSADOR_CITATIONS = [
  '作为企业代表参与信用宣传进企业活动，带头践行诚信承诺',
  '在信用记录关爱日宣讲守信经验，发挥示范带动作用',
];
const STAFF_CITATIONS = [
  '文明用语、微笑服务，当月群众好评率居全中心前列',
  '主动帮办代办，耐心解答群众咨询，获当月服务之星',
];
const WINDOW_CITATIONS = [
  '窗口服务规范高效，当月“好差评”零差评',
  '推行一次告知、限时办结，当月群众满意度最高',
];

interface EnterpriseRow {
  id: number;
  name: string;
  registeredOn: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export async function seedAwards(ctx: SeedContext): Promise<number> {
  const random = randomStream('awards');
  const today: Day = ctx.todayDay;
  const enterprises = await ctx.session.query<EnterpriseRow>(
    `SELECT e.id, e.name, e."registeredOn"::text AS "registeredOn" FROM "Enterprise" e
      WHERE NOT EXISTS (SELECT 1 FROM "CreditSubject" cs JOIN "BlacklistEntry" b ON b."subjectId" = cs.id
                         WHERE cs."enterpriseId" = e.id)
      ORDER BY e.id`,
  );
  const staff = await ctx.session.query<{ id: number }>(
    `SELECT id FROM "Staff" WHERE active AND "windowId" IS NOT NULL ORDER BY id`,
  );
  const windows = await ctx.session.query<{ id: number; name: string }>(
    `SELECT id, name FROM "Window" ORDER BY id`,
  );

  const rows: Row[] = [];
  const add = (row: Row, day: Day) => {
    if (day < today) rows.push({ ...row, sourceSystem: 'hub', createdAt: new Date(`${day}T10:00:00+08:00`) });
  };
  for (let year = FIRST_AWARD_YEAR; year <= yearOf(today); year += 1) {
    const plan = awardPlan(year);
    const eligible = enterprises.filter((firm) => firm.registeredOn < `${year}-01-01`);
    const stars = random.shuffle(eligible).slice(0, plan.integrityStars);
    stars.forEach((firm, n) => {
      add(
        {
          externalId: `award-${year}-IS-${pad(n + 1)}`,
          kind: 'INTEGRITY_STAR',
          awardeeKind: 'ENTERPRISE',
          enterpriseId: firm.id,
          year,
          issuer: '县信用办',
          awardedOn: `${year}-03-15`,
          citation: `${firm.name}${random.pick(STAR_CITATIONS)}`,
        },
        `${year}-03-15`,
      );
    });
    stars.slice(0, plan.ambassadors).forEach((firm, n) => {
      add(
        {
          externalId: `award-${year}-IA-${pad(n + 1)}`,
          kind: 'INTEGRITY_AMBASSADOR',
          awardeeKind: 'ENTERPRISE',
          enterpriseId: firm.id,
          year,
          issuer: '县信用办',
          awardedOn: `${year}-06-14`,
          citation: `${firm.name}负责人${random.pick(AMBASSADOR_CITATIONS)}`,
        },
        `${year}-06-14`,
      );
    });
    for (let month = 1; month <= 12; month += 1) {
      const announced = month === 12 ? `${year + 1}-01-05` : `${year}-${pad(month + 1)}-05`;
      const count = month <= plan.doubledMonths ? 2 : 1;
      for (let n = 0; n < count; n += 1) {
        const toPerson = (month + n) % 2 === 1;
        const common = {
          externalId: `award-${year}-CS-${pad(month)}-${n + 1}`,
          kind: 'COURTEOUS_SERVICE_STAR',
          year,
          issuer: '县行政服务中心',
          awardedOn: announced,
        };
        if (toPerson) {
          add(
            {
              ...common,
              awardeeKind: 'STAFF',
              staffId: random.pick(staff).id,
              citation: `${month}月${random.pick(STAFF_CITATIONS)}`,
            },
            announced,
          );
        } else {
          const window = random.pick(windows);
          add(
            {
              ...common,
              awardeeKind: 'WINDOW',
              windowId: window.id,
              citation: `${window.name}${month}月${random.pick(WINDOW_CITATIONS)}`,
            },
            announced,
          );
        }
      }
    }
  }
  return ctx.insert('Award', rows);
}
