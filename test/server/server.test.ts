// The hub's server on a real port: GraphQL over HTTP and WebSocket, the first slice of the
// schema against a small fixture with known figures, health probes, graceful shutdown and the
// command line's startup failures. Requests carry an ANALYST token (auth.test.ts covers roles).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { developmentSecret, mintToken } from '../../server/src/auth.ts';
import type { Database } from '../../server/src/db.ts';
import { type Channel, PrismaClient } from '../../server/src/generated/prisma/client.ts';
import { createHubServer, type HubServer } from '../../server/src/server.ts';
import { migratedDatabase } from '../fixtures/database.ts';

const now = new Date('2026-11-28T02:00:00.000Z');
const clock = () => now;

interface Fixture {
  county: { id: number; code: string };
  township1: { id: number; code: string };
  township2: { id: number; code: string };
  township3: { id: number; code: string };
  village1a: { id: number; code: string };
}

async function insertFixture(prisma: PrismaClient): Promise<Fixture> {
  const region = async (
    code: string,
    name: string,
    level: 'CITY' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE',
    kind: 'CITY' | 'COUNTY' | 'TOWN' | 'TOWNSHIP' | 'SUBDISTRICT' | 'VILLAGE' | 'COMMUNITY',
    parent?: { id: number; path: string },
    isHome = true,
  ) => {
    const created = await prisma.region.create({
      data: { code, name, level, kind, isHome, parentId: parent?.id ?? null, path: '' },
    });
    return prisma.region.update({
      where: { id: created.id },
      data: { path: `${parent?.path ?? '/'}${created.id}/` },
    });
  };
  const city = await region('339900000000', '示例市', 'CITY', 'CITY', undefined, false);
  // The peer county comes first, so "the home county" cannot be found by luck.
  await region('339902000000', '邻县', 'COUNTY', 'COUNTY', city, false);
  const county = await region('339901000000', '示例县', 'COUNTY', 'COUNTY', city);
  const township1 = await region('339901100000', '东城镇', 'TOWNSHIP', 'TOWN', county);
  const township2 = await region('339901101000', '西岭乡', 'TOWNSHIP', 'TOWNSHIP', county);
  const township3 = await region('339901102000', '南山街道', 'TOWNSHIP', 'SUBDISTRICT', county);
  const village1a = await region('339901100201', '东村', 'VILLAGE', 'VILLAGE', township1);
  const village1b = await region('339901100202', '北村', 'VILLAGE', 'VILLAGE', township1);
  const village2a = await region('339901101201', '西村', 'VILLAGE', 'VILLAGE', township2);

  const department = await prisma.department.create({
    data: { code: 'D-MSR', name: '县市场监督管理局', shortName: '市场监管' },
  });
  const item = await prisma.serviceItem.create({
    data: {
      code: 'I-0001',
      name: '个体工商户设立登记',
      departmentId: department.id,
      allowedChannels: ['WEB', 'MOBILE', 'WINDOW', 'BANK_BRANCH'],
      allowedLevels: ['COUNTY', 'TOWNSHIP'],
      legalDays: 15,
      promisedDays: 3,
    },
  });
  const indicator = await prisma.indicator.create({
    data: {
      code: 'WT-ONE-NETWORK-RATE',
      name: '一网通办率',
      category: 'WORK_TARGET',
      unit: '%',
      direction: 'HIGHER_IS_BETTER',
      cycle: 'MONTHLY',
    },
  });
  await prisma.indicatorTarget.createMany({
    data: [
      {
        indicatorId: indicator.id,
        year: 2023,
        regionId: county.id,
        target: '98.0000',
        basis: '2023年工作思路',
      },
      { indicatorId: indicator.id, year: 2022, regionId: county.id, target: '95.0000', basis: '市定目标' },
    ],
  });

  // [externalId, region, township, channel, oneNetwork, submittedAt]. 2023 in Asia/Shanghai:
  // township 1 has 10 cases, 9 one-network (90.00 %); township 2 has 6, 4 (66.67 %); the county
  // itself 3, 3; in all 19, 16 (84.21 %). c01, c10, c11 and c18 sit on the year's edges.
  type Row = [string, { id: number }, { id: number } | null, Channel, boolean, string];
  const t1 = township1;
  const t2 = township2;
  const rows: Row[] = [
    ['c01', t1, t1, 'WEB', true, '2023-01-01T00:30:00+08:00'],
    ['c02', village1a, t1, 'MOBILE', true, '2023-02-10T09:00:00+08:00'],
    ['c03', village1a, t1, 'WINDOW', false, '2023-03-05T10:00:00+08:00'],
    ['c04', village1b, t1, 'WEB', true, '2023-03-05T10:00:00+08:00'],
    ['c05', village1b, t1, 'WEB', true, '2023-04-01T08:00:00+08:00'],
    ['c06', t1, t1, 'MOBILE', true, '2023-05-20T11:00:00+08:00'],
    ['c07', t1, t1, 'WEB', true, '2023-06-15T15:00:00+08:00'],
    ['c08', village1a, t1, 'BANK_BRANCH', true, '2023-07-01T09:30:00+08:00'],
    ['c09', village1b, t1, 'WEB', true, '2023-09-09T16:00:00+08:00'],
    ['c10', t1, t1, 'MOBILE', true, '2023-12-31T23:30:00+08:00'],
    ['c11', t1, t1, 'WEB', false, '2024-01-01T00:10:00+08:00'],
    ['c12', t2, t2, 'WINDOW', false, '2023-01-15T09:00:00+08:00'],
    ['c13', village2a, t2, 'WEB', true, '2023-02-01T09:00:00+08:00'],
    ['c14', village2a, t2, 'WEB', true, '2023-03-01T09:00:00+08:00'],
    ['c15', t2, t2, 'MOBILE', true, '2023-04-01T09:00:00+08:00'],
    ['c16', village2a, t2, 'WINDOW', false, '2023-05-01T09:00:00+08:00'],
    ['c17', t2, t2, 'WEB', true, '2023-06-01T09:00:00+08:00'],
    ['c18', village2a, t2, 'WINDOW', false, '2022-12-31T23:30:00+08:00'],
    ['c19', county, null, 'WEB', true, '2023-03-15T09:00:00+08:00'],
    ['c20', county, null, 'WEB', true, '2023-08-15T09:00:00+08:00'],
    ['c21', county, null, 'MOBILE', true, '2023-10-15T09:00:00+08:00'],
  ];
  for (const [externalId, at, township, channel, oneNetwork, submittedAt] of rows) {
    await prisma.serviceCase.create({
      data: {
        sourceSystem: 'fixture',
        externalId,
        itemId: item.id,
        regionId: at.id,
        townshipId: township?.id ?? null,
        channel,
        oneNetwork,
        applicantKind: 'PERSON',
        applicantName: '张三',
        applicantIdNumber: '330000199001010000',
        applicantPhone: '13800000000',
        status: 'COMPLETED',
        submittedAt: new Date(submittedAt),
      },
    });
  }
  return { county, township1, township2, township3, village1a };
}

let db: Database;
let fixture: Fixture;
let hub: HubServer;
let base: string;
let authorization: string;

beforeAll(async () => {
  authorization = `Bearer ${await mintToken(developmentSecret, { subject: 'server-test', role: 'ANALYST' })}`;
  db = await migratedDatabase();
  fixture = await insertFixture(db.prisma);
  hub = createHubServer({ db, clock, dashboardDir: '/nonexistent/dist' });
  const port = await hub.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await hub?.stop();
});

interface GraphQLResponse<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

async function request<T>(query: string, variables: Record<string, unknown> = {}, url = base) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization,
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

async function gql<T>(query: string, variables: Record<string, unknown> = {}, url = base): Promise<T> {
  const result = await request<T>(query, variables, url);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

const rateFields = 'region { code name } year totalCases oneNetworkCases rate target rank asOf';

interface Rate {
  region: { code: string; name: string };
  year: number;
  totalCases: number;
  oneNetworkCases: number;
  rate: number | null;
  target: number | null;
  rank: number | null;
  asOf: string;
}

describe('one-network rate (一网通办率)', () => {
  test('the home county counts every home case of the year in Asia/Shanghai time', async () => {
    const { oneNetworkRate } = await gql<{ oneNetworkRate: Rate }>(
      `query ($code: String, $year: Int!) { oneNetworkRate(regionCode: $code, year: $year) { ${rateFields} } }`,
      { code: fixture.county.code, year: 2023 },
    );
    expect(oneNetworkRate).toEqual({
      region: { code: '339901000000', name: '示例县' },
      year: 2023,
      totalCases: 19,
      oneNetworkCases: 16,
      rate: 84.21,
      target: 98,
      rank: null,
      asOf: now.toISOString(),
    });
  });

  test('without a code it is the home county, and the year’s own target applies', async () => {
    const { oneNetworkRate } = await gql<{ oneNetworkRate: Rate }>(
      `{ oneNetworkRate(year: 2022) { ${rateFields} } }`,
    );
    expect(oneNetworkRate).toMatchObject({
      region: { code: '339901000000' },
      totalCases: 1,
      oneNetworkCases: 0,
      rate: 0,
      target: 95,
    });
  });

  test('a township counts its own and its villages’ cases; no target gives null', async () => {
    const { t1, t2, village, empty } = await gql<Record<'t1' | 't2' | 'village' | 'empty', Rate>>(
      `query ($t1: String, $t2: String, $v: String, $t3: String) {
        t1: oneNetworkRate(regionCode: $t1, year: 2023) { ${rateFields} }
        t2: oneNetworkRate(regionCode: $t2, year: 2023) { ${rateFields} }
        village: oneNetworkRate(regionCode: $v, year: 2023) { ${rateFields} }
        empty: oneNetworkRate(regionCode: $t3, year: 2023) { ${rateFields} }
      }`,
      {
        t1: fixture.township1.code,
        t2: fixture.township2.code,
        v: fixture.village1a.code,
        t3: fixture.township3.code,
      },
    );
    expect(t1).toMatchObject({ totalCases: 10, oneNetworkCases: 9, rate: 90, target: null });
    expect(t2).toMatchObject({ totalCases: 6, oneNetworkCases: 4, rate: 66.67, target: null });
    expect(village).toMatchObject({ totalCases: 3, oneNetworkCases: 2, rate: 66.67 });
    expect(empty).toMatchObject({ totalCases: 0, oneNetworkCases: 0, rate: null });
  });

  test('an unknown region gives null, a year out of range a typed error', async () => {
    const unknown = await gql<{ oneNetworkRate: Rate | null }>(
      '{ oneNetworkRate(regionCode: "339901999999", year: 2023) { rate } }',
    );
    expect(unknown.oneNetworkRate).toBeNull();
    const bad = await request('{ oneNetworkRate(year: 1999) { rate } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/2000 or later/);
  });

  test('the townships are ranked by rate, those without cases last', async () => {
    const { oneNetworkRateByChildren } = await gql<{ oneNetworkRateByChildren: Rate[] }>(
      `{ oneNetworkRateByChildren(year: 2023) { ${rateFields} } }`,
    );
    expect(
      oneNetworkRateByChildren.map(({ region, totalCases, oneNetworkCases, rate, rank }) => [
        region.name,
        totalCases,
        oneNetworkCases,
        rate,
        rank,
      ]),
    ).toEqual([
      ['东城镇', 10, 9, 90, 1],
      ['西岭乡', 6, 4, 66.67, 2],
      ['南山街道', 0, 0, null, null],
    ]);
  });
});

describe('regions (行政区划)', () => {
  test('by level and by parent, in code order, with children as a counted connection', async () => {
    const { townships } = await gql<{ townships: Array<{ id: string; name: string }> }>(
      '{ townships: regions(level: TOWNSHIP) { id name } }',
    );
    expect(townships.map((r) => r.name)).toEqual(['东城镇', '西岭乡', '南山街道']);

    const { villages, county } = await gql<{
      villages: Array<{ name: string; parent: { name: string } }>;
      county: { children: { totalCount: number; edges: Array<{ node: { name: string } }> } };
    }>(
      `query ($parent: ID!) {
        villages: regions(parentId: $parent) { name parent { name } }
        county: region(code: "339901000000") { children(first: 2) { totalCount edges { node { name } } } }
      }`,
      { parent: townships[0]?.id },
    );
    expect(villages).toEqual([
      { name: '东村', parent: { name: '东城镇' } },
      { name: '北村', parent: { name: '东城镇' } },
    ]);
    expect(county.children.totalCount).toBe(3);
    expect(county.children.edges.map((e) => e.node.name)).toEqual(['东城镇', '西岭乡']);
  });

  test('a global id fetched through node() is the same object', async () => {
    const { region } = await gql<{ region: { id: string; name: string } }>(
      '{ region(code: "339901101000") { id name } }',
    );
    const { node } = await gql<{ node: { __typename: string; id: string; name: string; level: string } }>(
      'query ($id: ID!) { node(id: $id) { __typename id ... on Region { name level } } }',
      { id: region.id },
    );
    expect(node).toEqual({ __typename: 'Region', id: region.id, name: '西岭乡', level: 'TOWNSHIP' });
  });

  test('an invalid code is refused at the edge', async () => {
    const result = await request('{ region(code: "12") { name } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('service cases (办件)', () => {
  interface CasesPage {
    serviceCases: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: Array<{ cursor: string; node: { id: string; externalId: string } }>;
    };
  }
  const page = `query ($region: ID, $channel: Channel, $from: Date, $to: Date, $first: Int, $after: String) {
    serviceCases(regionId: $region, channel: $channel, submittedFrom: $from, submittedTo: $to, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id externalId } }
    }
  }`;
  const ids = (result: CasesPage) => result.serviceCases.edges.map((edge) => edge.node.externalId);

  test('a region’s subtree pages newest first, equal times by id, with stable cursors', async () => {
    const { township } = await gql<{ township: { id: string } }>(
      '{ township: region(code: "339901100000") { id } }',
    );
    const first = await gql<CasesPage>(page, { region: township.id, first: 4 });
    expect(first.serviceCases.totalCount).toBe(11);
    expect(ids(first)).toEqual(['c11', 'c10', 'c09', 'c08']);
    expect(first.serviceCases.pageInfo.hasNextPage).toBe(true);

    const second = await gql<CasesPage>(page, {
      region: township.id,
      first: 4,
      after: first.serviceCases.pageInfo.endCursor,
    });
    expect(ids(second)).toEqual(['c07', 'c06', 'c05', 'c04']);
    const third = await gql<CasesPage>(page, {
      region: township.id,
      first: 4,
      after: second.serviceCases.pageInfo.endCursor,
    });
    expect(ids(third)).toEqual(['c03', 'c02', 'c01']);
    expect(third.serviceCases.pageInfo.hasNextPage).toBe(false);
  });

  test('channel and calendar days (Asia/Shanghai) filter; totalCount follows the filters', async () => {
    const { township } = await gql<{ township: { id: string } }>(
      '{ township: region(code: "339901101000") { id } }',
    );
    const web = await gql<CasesPage>(page, { region: township.id, channel: 'WEB' });
    expect(web.serviceCases.totalCount).toBe(3);
    expect(ids(web)).toEqual(['c17', 'c14', 'c13']);

    const year = await gql<CasesPage>(page, { from: '2023-01-01', to: '2023-12-31', first: 1 });
    expect(year.serviceCases.totalCount).toBe(19);
    expect(ids(year)).toEqual(['c10']);

    const newYearsEve = await gql<CasesPage>(page, { from: '2022-12-31', to: '2022-12-31' });
    expect(ids(newYearsEve)).toEqual(['c18']);
  });

  test('a reversed range is refused, an unknown region is NOT_FOUND', async () => {
    const reversed = await request(page, { from: '2023-02-01', to: '2023-01-01' });
    expect(reversed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const regionId = Buffer.from('Region:999999').toString('base64');
    const unknown = await request(page, { region: regionId });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  test('a case has its item name, region and township, and round-trips through node()', async () => {
    const { serviceCases } = await gql<{
      serviceCases: {
        edges: Array<{
          node: {
            id: string;
            itemName: string;
            channel: string;
            oneNetwork: boolean;
            status: string;
            submittedAt: string;
            region: { name: string };
            township: { name: string } | null;
          };
        }>;
      };
    }>(
      `{ serviceCases(first: 2) { edges { node {
          id itemName channel oneNetwork status submittedAt region { name } township { name }
      } } } }`,
    );
    const [latest, beforeIt] = serviceCases.edges.map((edge) => edge.node);
    expect(latest).toMatchObject({
      itemName: '个体工商户设立登记',
      channel: 'WEB',
      oneNetwork: false,
      status: 'COMPLETED',
      submittedAt: '2023-12-31T16:10:00.000Z',
      region: { name: '东城镇' },
      township: { name: '东城镇' },
    });
    expect(beforeIt?.submittedAt).toBe('2023-12-31T15:30:00.000Z');
    const { node } = await gql<{ node: { id: string; itemName: string } }>(
      'query ($id: ID!) { node(id: $id) { id ... on ServiceCase { itemName } } }',
      { id: latest?.id },
    );
    expect(node).toEqual({ id: latest?.id, itemName: '个体工商户设立登记' });
  });
});

describe('SQL statements of nested queries (no N+1)', () => {
  test('regions → children → children → parent and cases → region → parent take a fixed few statements', async () => {
    const counting = new PrismaClient({ adapter: db.adapter, log: [{ emit: 'event', level: 'query' }] });
    let statements = 0;
    counting.$on('query', () => {
      statements += 1;
    });
    const countingHub = createHubServer({ db: { ...db, prisma: counting }, clock });
    const url = `http://127.0.0.1:${await countingHub.listen(0, '127.0.0.1')}`;
    try {
      const tree = await gql<{
        regions: Array<{
          children: { edges: Array<{ node: { children: { totalCount: number; edges: unknown[] } } }> };
        }>;
      }>(
        `{ regions(level: COUNTY) { name children { totalCount edges { node { name
            children { totalCount edges { node { name parent { name parent { name } } } } }
        } } } } }`,
        {},
        url,
      );
      const home = tree.regions.find((region) => region.children.edges.length > 0);
      expect(home?.children.edges.map((edge) => edge.node.children.totalCount)).toEqual([2, 1, 0]);
      // One statement per level of nesting (regions, children, children, parent, parent); with
      // N+1 it would be one per row: 1 + 2 + 3 + 3 + 3 here.
      expect(statements).toBeGreaterThan(0);
      expect(statements).toBeLessThanOrEqual(5);

      statements = 0;
      const cases = await gql<{ serviceCases: { edges: unknown[] } }>(
        '{ serviceCases(first: 21) { totalCount edges { node { itemName region { name parent { name } } township { name } } } } }',
        {},
        url,
      );
      expect(cases.serviceCases.edges).toHaveLength(21);
      // count, cases, their items, regions, the regions' parents, townships: one each, where
      // N+1 would take 60 and more for 21 cases.
      expect(statements).toBeLessThanOrEqual(6);
    } finally {
      await countingHub.stop();
      await counting.$disconnect();
    }
  });
});

describe('GraphQL over HTTP', () => {
  test('GET runs a query; the graphql-response media type is honoured', async () => {
    const response = await fetch(
      `${base}/graphql?query=${encodeURIComponent('{ region(code: "339901000000") { name } }')}`,
      {
        headers: { accept: 'application/graphql-response+json', authorization },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(await response.json()).toEqual({ data: { region: { name: '示例县' } } });
  });

  test('POST with application/json answers JSON', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization },
      body: JSON.stringify({ query: '{ regions(level: COUNTY) { code } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      data: { regions: [{ code: '339901000000' }, { code: '339902000000' }] },
    });
  });

  test('a parse error is 400 under application/graphql-response+json', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ regions(' }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const body = (await response.json()) as GraphQLResponse<unknown>;
    expect(body.errors?.[0]?.message).toMatch(/Syntax Error/);
  });

  test('a browser gets GraphiQL', async () => {
    const response = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/graphiql/i);
  });
});

describe('subscriptions over WebSocket (graphql-ws)', () => {
  test('serverTime ticks at least twice on /graphql', async () => {
    const client = createClient({ url: `${base.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket });
    try {
      const ticks: string[] = [];
      const subscription = client.iterate<{ serverTime: string }>({ query: 'subscription { serverTime }' });
      for await (const result of subscription) {
        expect(result.errors).toBeUndefined();
        ticks.push(result.data?.serverTime ?? '');
        if (ticks.length === 2) break;
      }
      expect(ticks).toEqual([now.toISOString(), now.toISOString()]);
    } finally {
      await client.dispose();
    }
  });
});

describe('probes and the screen', () => {
  test('/healthz answers while the process lives; /readyz waits for the seed', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const before = await fetch(`${base}/readyz`);
    expect(before.status).toBe(503);
    expect(((await before.json()) as { reason: string }).reason).toMatch(/seed/);

    await db.prisma.hubMeta.create({ data: { key: 'seed.completedAt', value: now.toISOString() } });
    try {
      const after = await fetch(`${base}/readyz`);
      expect(after.status).toBe(200);
      expect(await after.json()).toEqual({ status: 'ready' });
    } finally {
      await db.prisma.hubMeta.delete({ where: { key: 'seed.completedAt' } });
    }
  });

  test('without a built dashboard, / and /screen/* say so and link the API; other paths are 404', async () => {
    for (const path of ['/', '/screen/services']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('href="/graphql"');
    }
    expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
  });
});

describe('graceful shutdown', () => {
  test('a request in flight when stop() begins completes; WebSockets close with 1001; then the port refuses', async () => {
    const server = createHubServer({ db, clock });
    const port = await server.listen(0, '127.0.0.1');

    const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await once(socket, 'message');
    const socketClosed = once(socket, 'close');

    // The body arrives in two parts with stop() in between: the server has the request in hand.
    const body = JSON.stringify({ query: '{ region(code: "339901100000") { name } }' });
    const slow = http.request({
      host: '127.0.0.1',
      port,
      path: '/graphql',
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        authorization,
      },
    });
    const answered = once(slow, 'response') as Promise<[http.IncomingMessage]>;
    slow.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = server.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    slow.end(body.slice(10));

    const [response] = await answered;
    let text = '';
    for await (const chunk of response) text += chunk;
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(text)).toEqual({ data: { region: { name: '东城镇' } } });

    const [code] = (await socketClosed) as [number];
    expect(code).toBe(1001);
    await stopped;

    const refused = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      () => 'answered',
      (error: Error & { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(refused).toBe('ECONNREFUSED');
  });
});

describe('startup failures on the command line', () => {
  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', HUB_SEED: 'off', PORT: '0', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });

  // /sys rather than /proc: Node's recursive mkdir loops forever on a path under /proc.
  test('an unwritable data folder: exit 1 and one line naming the folder', () => {
    const result = start({ HUB_DATA_DIR: '/sys/hub' });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^hub: .*\/sys\/hub/);
  });

  test('PostgreSQL not answering: exit 1 and one line naming PostgreSQL', () => {
    const result = start({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/x' });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^hub: cannot reach PostgreSQL at postgresql:\/\/postgres@127\.0\.0\.1:1\/x/);
  });
});

describe('the first start on an empty embedded database', () => {
  // The live hub used to start at listen, before the migrations: on PGlite's one connection its
  // first statements ran inside the first migration's transaction and aborted it (exit 1).
  test('applies the migrations while listening and waits for its seed, still running', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-first-start-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', HUB_SEED: 'off', PORT: '0', HUB_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const listening = /"url":"(http:\/\/[^"]+)\/graphql"[^\n]*"msg":"hub listening"/.exec(out);
          if (listening?.[1]) resolve(listening[1]);
        });
        void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
      });
      let readiness: { status: string; reason?: string } = { status: 'unknown' };
      for (
        let attempt = 0;
        attempt < 300 && !/seed has not completed/.test(readiness.reason ?? '');
        attempt++
      ) {
        readiness = await (await fetch(`${url}/readyz`)).json();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(readiness).toEqual({
        status: 'unavailable',
        reason: expect.stringMatching(/seed has not completed/),
      });
      expect(child.exitCode).toBeNull();
      expect(stderr).toBe('');
    } finally {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
