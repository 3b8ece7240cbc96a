// What the writes-*.test.ts files share: a hub (in process, yoga.fetch) over a fresh migrated
// database with a small fixture of reference data, and a client that signs as a role.
import { afterAll, beforeAll, expect } from 'vitest';
import { mintToken, type Principal } from '../../server/src/auth.ts';
import type { Database } from '../../server/src/db.ts';
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts';
import { createHubServer, type HubServer } from '../../server/src/server.ts';
import { migratedDatabase } from '../fixtures/database.ts';

export const secret = 'writes-test-secret-0123456789abcdef0123456789';
/** "Now" for every request: the fixture's records all lie before it. */
export const now = new Date('2026-11-28T02:00:00.000Z');

export interface Issue {
  path: Array<string | number>;
  code: string;
  message: string;
  index?: number;
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{
    message: string;
    path?: Array<string | number>;
    extensions?: { code?: string; issues?: Issue[]; currentVersion?: number | null; currentStatus?: string };
  }>;
}

export type Caller = Omit<Principal, 'subject'> & { subject?: string };

export const admin: Caller = { role: 'ADMIN' };
export const staff: Caller = { role: 'STAFF' };
export const analyst: Caller = { role: 'ANALYST' };
/** The one-network platform's feed. */
export const platform: Caller = { role: 'INTEGRATION', sourceSystem: 'one-network' };

export interface Fixture {
  county: { id: number; code: string; path: string };
  east: { id: number; code: string; path: string };
  eastVillage: { id: number; code: string; path: string };
  west: { id: number; code: string; path: string };
  market: { id: number; code: string };
  tax: { id: number; code: string };
}

export async function insertFixture(prisma: PrismaClient): Promise<Fixture> {
  const region = async (
    code: string,
    name: string,
    level: 'CITY' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE',
    kind: 'CITY' | 'COUNTY' | 'TOWN' | 'TOWNSHIP' | 'VILLAGE',
    parent?: { id: number; path: string },
  ) => {
    const created = await prisma.region.create({
      data: { code, name, level, kind, parentId: parent?.id ?? null, path: '' },
    });
    return prisma.region.update({
      where: { id: created.id },
      data: { path: `${parent?.path ?? '/'}${created.id}/` },
      select: { id: true, code: true, path: true },
    });
  };
  const city = await region('339900000000', '示例市', 'CITY', 'CITY');
  const county = await region('339901000000', '示例县', 'COUNTY', 'COUNTY', city);
  const east = await region('339901100000', '东城镇', 'TOWNSHIP', 'TOWN', county);
  const eastVillage = await region('339901100201', '东村', 'VILLAGE', 'VILLAGE', east);
  const west = await region('339901101000', '西岭乡', 'TOWNSHIP', 'TOWNSHIP', county);
  await region('339901101201', '西村', 'VILLAGE', 'VILLAGE', west);

  const market = await prisma.department.create({
    data: { code: 'D-MSR', name: '县市场监督管理局', shortName: '市场监管' },
  });
  const tax = await prisma.department.create({
    data: { code: 'D-TAX', name: '县税务局', shortName: '税务' },
  });
  const credit = await prisma.department.create({
    data: { code: 'D-DRC', name: '县发展和改革局', shortName: '发改' },
  });
  await prisma.serviceItem.createMany({
    data: [
      {
        code: 'I-MSR-01',
        name: '个体工商户设立登记',
        departmentId: market.id,
        allowedChannels: ['WEB', 'MOBILE', 'WINDOW', 'BANK_BRANCH', 'CROSS_PROVINCE'],
        allowedLevels: ['COUNTY', 'TOWNSHIP'],
        legalDays: 15,
        promisedDays: 3,
      },
      {
        code: 'I-TAX-01',
        name: '发票领用',
        departmentId: tax.id,
        allowedChannels: ['WEB', 'WINDOW'],
        allowedLevels: ['COUNTY'],
        legalDays: 5,
        promisedDays: 1,
      },
    ],
  });
  const hall = await prisma.serviceHall.create({
    data: { code: 'H-COUNTY', name: '示例县政务服务中心', level: 'COUNTY', regionId: county.id },
  });
  await prisma.servicePoint.create({
    data: {
      code: 'P-BANK-01',
      name: '示例农商银行东城支行',
      kind: 'BANK_BRANCH',
      regionId: east.id,
      bankName: '示例农商银行',
      openedOn: new Date('2022-05-01'),
    },
  });
  await prisma.partnerRegion.create({
    data: {
      code: 'X-001',
      name: '邻省某县',
      province: '邻省',
      bordering: true,
      agreedOn: new Date('2022-03-01'),
    },
  });
  const window = await prisma.window.create({
    data: { code: 'W-MSR', name: '市场监管窗口', hallId: hall.id, departmentId: market.id },
  });
  await prisma.staff.create({
    data: { code: 'S-001', name: '王五', windowId: window.id, departmentId: market.id },
  });
  await prisma.window.create({
    data: { code: 'W-TAX', name: '税务窗口', hallId: hall.id, departmentId: tax.id },
  });

  const unit = await prisma.gridUnit.create({
    data: { code: 'G-MSR', name: '市场监管局网格', kind: 'UNIT', departmentId: market.id },
  });
  await prisma.gridStaff.create({ data: { code: 'GS-001', name: '李四', gridUnitId: unit.id } });
  const firms = [
    { creditCode: '91339901MA00000011', name: '示例恒信科技有限公司', regionId: eastVillage.id },
    { creditCode: '91339901MA00000022', name: '示例瑞丰农业有限公司', regionId: west.id },
  ];
  for (const firm of firms) {
    const enterprise = await prisma.enterprise.create({
      data: {
        ...firm,
        industry: '制造业',
        scale: 'SMALL',
        registeredOn: new Date('2019-04-01'),
        gridUnitId: unit.id,
      },
    });
    await prisma.creditSubject.create({
      data: {
        creditCode: firm.creditCode,
        name: firm.name,
        regionId: firm.regionId,
        enterpriseId: enterprise.id,
        registeredOn: new Date('2019-04-01'),
      },
    });
  }
  await prisma.policy.create({
    data: {
      code: 'POL-2024-01',
      name: '小微企业稳岗补贴',
      departmentId: market.id,
      year: 2024,
      listedOnline: true,
      paidOnline: true,
      publishedOn: new Date('2024-01-10'),
    },
  });
  await prisma.indicator.create({
    data: {
      code: 'ONE_NETWORK_RATE',
      name: '一网通办率',
      category: 'WORK_TARGET',
      unit: '%',
      direction: 'HIGHER_IS_BETTER',
      cycle: 'MONTHLY',
      leadDepartmentId: credit.id,
    },
  });
  await prisma.investmentProject.create({
    data: {
      code: 'PRJ-001',
      name: '示例智能制造产业园',
      investor: '示例投资集团',
      signedOn: new Date('2020-06-01'),
      regionId: east.id,
      ownerDepartmentId: market.id,
      historical: true,
      status: 'STALLED',
    },
  });
  return { county, east, eastVillage, west, market, tax };
}

/** A hub over a fresh migrated database with the fixture; valid inside tests. */
export function writesHub() {
  let db: Database;
  let hub: HubServer;
  let fixture: Fixture;
  beforeAll(async () => {
    db = await migratedDatabase();
    fixture = await insertFixture(db.prisma);
    hub = createHubServer({ db, clock: () => now, secret, dashboardDir: '/nonexistent/dist' });
  });
  afterAll(async () => {
    await hub?.yoga.dispose();
  });
  return {
    db: () => db,
    prisma: () => db.prisma,
    fixture: () => fixture,
    request: <T>(caller: Caller, query: string, variables: Record<string, unknown> = {}) =>
      send<T>(hub, caller, query, variables),
    gql: async <T>(caller: Caller, query: string, variables: Record<string, unknown> = {}) => {
      const result = await send<T>(hub, caller, query, variables);
      expect(result.errors).toBeUndefined();
      return result.data as T;
    },
  };
}

const tokens = new Map<string, Promise<string>>();

function tokenFor(caller: Caller): Promise<string> {
  const key = JSON.stringify(caller);
  let token = tokens.get(key);
  if (!token) {
    token = mintToken(secret, { subject: `writes-test-${caller.role.toLowerCase()}`, ...caller });
    tokens.set(key, token);
  }
  return token;
}

async function send<T>(
  hub: HubServer,
  caller: Caller,
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  const response = await hub.yoga.fetch('http://hub/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${await tokenFor(caller)}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** Rows per table and audit rows: what a refused write must leave as it was. */
export async function tally(prisma: PrismaClient) {
  const [cases, visits, problems, slips, followUps, progress, disbursements, entries, repairs, publicity] =
    await Promise.all([
      prisma.serviceCase.count(),
      prisma.contactVisit.count(),
      prisma.problem.count(),
      prisma.assignmentSlip.count(),
      prisma.problemFollowUp.count(),
      prisma.projectProgress.count(),
      prisma.disbursement.count(),
      prisma.blacklistEntry.count(),
      prisma.creditRepair.count(),
      prisma.publicityRecord.count(),
    ]);
  const [values, workPoints, enterprises, audit] = await Promise.all([
    prisma.indicatorValue.count(),
    prisma.workPoint.count(),
    prisma.enterprise.count(),
    prisma.auditLog.count(),
  ]);
  return {
    cases,
    visits,
    problems,
    slips,
    followUps,
    progress,
    disbursements,
    entries,
    repairs,
    publicity,
    values,
    workPoints,
    enterprises,
    audit,
  };
}
