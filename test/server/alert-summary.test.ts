// Open alerts counted by the database (`openAlertCounts`): exact past the 50 (and 200) alerts a
// feed message lists, resolved ones left out, and scoped like the `alerts` list.
import { beforeAll, describe, expect, test } from 'vitest';
import { developmentSecret, mintToken, type Principal } from '../../server/src/auth.ts';
import type { Database } from '../../server/src/db.ts';
import { logger } from '../../server/src/logger.ts';
import { createHubYoga, type HubYoga } from '../../server/src/yoga.ts';
import { migratedDatabase } from '../fixtures/database.ts';

const now = new Date('2026-11-28T02:00:00.000Z');
let db: Database;
let yoga: HubYoga;

const admin: Principal = { subject: 'alert-summary-admin', role: 'ADMIN' };
const screen: Principal = { subject: 'alert-summary-screen', role: 'SCREEN' };
const eastTownship: Principal = { subject: 'alert-summary-east', role: 'TOWNSHIP', regionCode: 'T-EAST' };
const water: Principal = { subject: 'alert-summary-water', role: 'DEPARTMENT', departmentCode: 'SW' };

/** Inserts `count` alerts of one kind and level; `resolved` ones are closed. */
async function insertAlerts(options: {
  prefix: string;
  count: number;
  kind: string;
  level: string;
  region: string | null;
  department: string | null;
  resolved?: boolean;
}): Promise<void> {
  await db.sql.query(
    `INSERT INTO "Alert" (key, kind, level, entity, "entityId", title, "regionId", "departmentId", "raisedAt", "resolvedAt")
     SELECT $1 || n, $2::"AlertKind", $3::"AlertLevel", 'AssignmentSlip', n, '测试预警',
            (SELECT id FROM "Region" WHERE code = $4), (SELECT id FROM "Department" WHERE code = $5),
            now(), CASE WHEN $6 THEN now() END
       FROM generate_series(1, $7::int) n`,
    [
      options.prefix,
      options.kind,
      options.level,
      options.region,
      options.department,
      options.resolved ?? false,
      options.count,
    ],
  );
}

beforeAll(async () => {
  db = await migratedDatabase();
  await db.sql.query(
    `INSERT INTO "Region" (code, name, level, kind, path, "isHome", "updatedAt") VALUES
       ('C-HOME', '测试县', 'COUNTY', 'COUNTY', '/1/', true, now())`,
  );
  await db.sql.query(
    `INSERT INTO "Region" (code, name, level, kind, "parentId", path, "isHome", "updatedAt") VALUES
       ('T-EAST', '东镇', 'TOWNSHIP', 'TOWN', (SELECT id FROM "Region" WHERE code = 'C-HOME'), '/1/2/', true, now()),
       ('T-WEST', '西镇', 'TOWNSHIP', 'TOWN', (SELECT id FROM "Region" WHERE code = 'C-HOME'), '/1/3/', true, now())`,
  );
  await db.sql.query(
    `INSERT INTO "Department" (code, name, "shortName", "updatedAt") VALUES
       ('SW', '水务局', '水务', now()), ('ZJ', '住建局', '住建', now())`,
  );
  // East: 230 red and 61 yellow slips open (more than a feed message lists), 40 red resolved.
  await insertAlerts({
    prefix: 'E-RED-',
    count: 230,
    kind: 'SLIP',
    level: 'RED',
    region: 'T-EAST',
    department: 'SW',
  });
  await insertAlerts({
    prefix: 'E-YEL-',
    count: 61,
    kind: 'SLIP',
    level: 'YELLOW',
    region: 'T-EAST',
    department: 'ZJ',
  });
  await insertAlerts({
    prefix: 'E-OLD-',
    count: 40,
    kind: 'SLIP',
    level: 'RED',
    region: 'T-EAST',
    department: 'SW',
    resolved: true,
  });
  // West: 57 blue slips; the county: 3 amber indicators with no region.
  await insertAlerts({
    prefix: 'W-BLU-',
    count: 57,
    kind: 'SLIP',
    level: 'BLUE',
    region: 'T-WEST',
    department: 'SW',
  });
  await insertAlerts({
    prefix: 'I-AMB-',
    count: 3,
    kind: 'INDICATOR',
    level: 'AMBER',
    region: null,
    department: null,
  });
  yoga = createHubYoga({ db, clock: () => now, secret: developmentSecret }, logger);
});

interface Answer {
  data?: {
    openAlertCounts: { total: number; counts: Array<{ kind: string; level: string; count: number }> };
  } | null;
  errors?: Array<{ extensions?: { code?: string } }>;
}

async function countsFor(principal: Principal, regionCode: string | null = null): Promise<Answer> {
  const response = await yoga.fetch('http://hub/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${await mintToken(developmentSecret, principal)}`,
    },
    body: JSON.stringify({
      query: `query ($regionCode: String) {
        openAlertCounts(regionCode: $regionCode) { total counts { kind level count } }
      }`,
      variables: { regionCode },
    }),
  });
  return (await response.json()) as Answer;
}

describe('openAlertCounts', () => {
  test('every open alert of the county, counted exactly past 50 and 200; resolved ones left out', async () => {
    const answer = await countsFor(screen);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.openAlertCounts).toEqual({
      total: 351,
      counts: [
        { kind: 'INDICATOR', level: 'AMBER', count: 3 },
        { kind: 'SLIP', level: 'BLUE', count: 57 },
        { kind: 'SLIP', level: 'YELLOW', count: 61 },
        { kind: 'SLIP', level: 'RED', count: 230 },
      ],
    });
  });

  test('regionCode narrows to the township’s subtree; alerts without a region are outside it', async () => {
    const answer = await countsFor(admin, 'T-WEST');
    expect(answer.data?.openAlertCounts).toEqual({
      total: 57,
      counts: [{ kind: 'SLIP', level: 'BLUE', count: 57 }],
    });
  });

  test('a TOWNSHIP caller counts its own township only, and may not ask for another', async () => {
    const own = await countsFor(eastTownship);
    expect(own.data?.openAlertCounts).toEqual({
      total: 291,
      counts: [
        { kind: 'SLIP', level: 'YELLOW', count: 61 },
        { kind: 'SLIP', level: 'RED', count: 230 },
      ],
    });
    const other = await countsFor(eastTownship, 'T-WEST');
    expect(other.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  test('a DEPARTMENT caller counts its own department’s alerts only', async () => {
    const answer = await countsFor(water);
    expect(answer.data?.openAlertCounts).toEqual({
      total: 287,
      counts: [
        { kind: 'SLIP', level: 'BLUE', count: 57 },
        { kind: 'SLIP', level: 'RED', count: 230 },
      ],
    });
  });

  test('an unknown region is NOT_FOUND', async () => {
    const answer = await countsFor(admin, 'NOWHERE');
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
  });
});
