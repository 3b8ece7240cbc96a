// Every stream of the screen against the real hub on a freshly seeded database, as SCREEN:
// each document is accepted, the first message is a snapshot with the work summary's figures,
// and a case written through the API reaches the counters and the ticker as a push, masked.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createApp, effectScope, shallowRef } from 'vue';
import { WebSocket } from 'ws';
import { useAlertFeed } from '../../dashboard/src/composables/useAlertFeed.ts';
import { useCaseTicker } from '../../dashboard/src/composables/useCaseTicker.ts';
import { useCountyMapStream } from '../../dashboard/src/composables/useCountyMapStream.ts';
import { useCountyStream } from '../../dashboard/src/composables/useCountyStream.ts';
import { useCreditStream } from '../../dashboard/src/composables/useCreditStream.ts';
import { useEnvironmentStream } from '../../dashboard/src/composables/useEnvironmentStream.ts';
import { useProblemsStream } from '../../dashboard/src/composables/useProblemsStream.ts';
import { useRankingStream } from '../../dashboard/src/composables/useRankingStream.ts';
import { installScreen } from '../../dashboard/src/composables/useScreenRuntime.ts';
import { useServiceNetworkStream } from '../../dashboard/src/composables/useServiceNetworkStream.ts';
import { useServicePointsStream } from '../../dashboard/src/composables/useServicePointsStream.ts';
import { useServicesStream } from '../../dashboard/src/composables/useServicesStream.ts';
import { useStaffStream } from '../../dashboard/src/composables/useStaffStream.ts';
import { defaultConfig } from '../../dashboard/src/config.ts';
import { createScreenClient, type ScreenClient } from '../../dashboard/src/graphql/client.ts';
import { seedDatabase } from '../../prisma/seed/index.ts';
import { migratedDatabase } from '../fixtures/database.ts';
import { type ScreenHub, startScreenHub } from './hub.ts';

let hub: ScreenHub;
let screen: ScreenClient;
const scope = effectScope();
const region = shallowRef<string | null>(null);

function openStreams() {
  return {
    services: useServicesStream({ region }),
    ranking: useRankingStream({ region }),
    county: useCountyStream(),
    countyMap: useCountyMapStream(),
    bankBranches: useServicePointsStream({ kind: 'BANK_BRANCH' }),
    kiosks: useServicePointsStream({ kind: 'SELF_SERVICE_KIOSK' }),
    villageStations: useServicePointsStream({ kind: 'VILLAGE_STATION', limit: 200 }),
    serviceNetwork: useServiceNetworkStream(),
    environment: useEnvironmentStream(),
    problems: useProblemsStream(),
    credit: useCreditStream(),
    staff: useStaffStream(),
    ticker: useCaseTicker({ region }),
    alerts: useAlertFeed({ region }),
  };
}
let streams: ReturnType<typeof openStreams>;

beforeAll(async () => {
  // Its own database: the test writes cases, which the shared seeded one must not see.
  const db = await migratedDatabase();
  await seedDatabase(db, { scale: 0.02, today: new Date() });
  hub = await startScreenHub(db);
  screen = createScreenClient({
    url: `ws://127.0.0.1:${hub.port}/graphql`,
    token: hub.screenToken,
    webSocketImpl: WebSocket,
  });
  const app = createApp({});
  installScreen(app, screen, { config: defaultConfig, now: shallowRef(Date.now()) });
  streams = app.runWithContext(() => scope.run(openStreams))!;
  await vi.waitFor(
    () => {
      for (const [name, stream] of Object.entries(streams)) {
        expect(stream.error.value?.message, name).toBeUndefined();
        expect(stream.value.value, name).toBeDefined();
      }
    },
    { timeout: 30_000, interval: 100 },
  );
});

afterAll(async () => {
  scope.stop();
  await screen?.dispose();
  await hub?.stop();
});

describe('the screen’s streams as SCREEN', () => {
  test('government services: the same figures the API gives, every township ranked', async () => {
    const { overview } = await hub.graphql<{
      overview: { casesThisYear: number; oneNetworkRate: { target: number } };
    }>('{ overview { casesThisYear oneNetworkRate { target } } }');
    expect(streams.county.value.value).toMatchObject({ code: '990121000000', name: '示例县' });
    const services = streams.services.value.value!;
    expect(services.overview.region.name).toBe('示例县');
    expect(services.overview.casesThisYear).toBe(overview.casesThisYear);
    expect(services.overview.oneNetworkRate.target).toBe(98);
    expect(services.overview.caseVolume.target).toBe(400_000);
    expect(services.overview.townshipCases.target).toBe(50_000);
    expect(services.channels.rows.map((row) => row.key)).toContain('BANK_BRANCH');
    const ranking = streams.ranking.value.value!.ranking;
    expect(ranking.rows).toHaveLength(12);
    expect(ranking.rows[0]?.rank).toBe(1);
    expect(streams.countyMap.value.value!.townships.rows.map((row) => row.label)).toContain('东城镇');
    const network = streams.serviceNetwork.value.value!;
    expect(network.bankBranches.places).toBe(32);
    expect(network.bankBranches.items).toBe(34);
    expect(network.crossProvince.items).toBe(241);
    expect(streams.bankBranches.value.value!.edges).toHaveLength(32);
    expect(streams.kiosks.value.value!.edges.every(({ node }) => node.kind === 'SELF_SERVICE_KIOSK')).toBe(
      true,
    );
    expect(streams.kiosks.value.value!.edges).toHaveLength(24);
    expect(streams.villageStations.value.value!.edges).toHaveLength(141);
  });

  test('business environment, problems, credit and staff carry the work summary’s figures', () => {
    const environment = streams.environment.value.value!;
    expect(environment.evaluation.years.find((y) => y.year === 2021)).toMatchObject({
      score: 84.77,
      firstTierCount: 5,
    });
    expect(environment.indicators.figures.filter((f) => f.parentCode !== null)).toHaveLength(18);
    expect(environment.monitoring.points.at(-1)?.rankOf).toBe(4);

    const problems = streams.problems.value.value!;
    expect(problems.projects.total).toBe(17);
    expect(problems.funds.totals.beneficiaries).toBeGreaterThan(0);

    const blacklist = streams.credit.value.value!.blacklist.points;
    expect(blacklist[0]).toMatchObject({ month: '2022-06-01', listed: 208, ratio: 3.23 });
    expect(blacklist.find((p) => p.month === '2022-12-01')).toMatchObject({ listed: 120, ratio: 1.83 });
    expect(streams.credit.value.value!.publicity.totals.records).toBeGreaterThan(0);

    const staff = streams.staff.value.value!;
    expect(staff.workPoints.rows[0]?.rank).toBe(1);
    expect(staff.redList.months).toBeGreaterThan(0);
  });

  test('a case written through the API is pushed to the counters and the ticker, applicant masked', async () => {
    const before = streams.services.value.value!.overview.casesToday;
    const id = await hub.writeCase({ applicantName: '张三丰' });
    await vi.waitFor(() => expect(streams.services.value.value!.overview.casesToday).toBe(before + 1), {
      timeout: 10_000,
    });
    await vi.waitFor(() => expect(streams.ticker.value.value!.map((tick) => tick.id)).toContain(id), {
      timeout: 10_000,
    });
    const tick = streams.ticker.value.value!.find((t) => t.id === id)!;
    expect(tick).toMatchObject({
      kind: 'RECEIVED',
      townshipName: '东城镇',
      itemName: '有限责任公司设立登记',
    });
    expect(tick.applicant).toBe('张**');
    expect(JSON.stringify(streams.ticker.value.value)).not.toContain('张三丰');
  });

  test('filtering to a township re-subscribes the filtered streams to it', async () => {
    region.value = '990121003000';
    await vi.waitFor(() => expect(streams.services.value.value?.overview.region.name).toBe('东城镇'), {
      timeout: 10_000,
    });
    await vi.waitFor(() => expect(streams.ranking.value.value?.ranking.region.level).toBe('TOWNSHIP'), {
      timeout: 10_000,
    });
    const villages = streams.ranking.value.value!.ranking.rows;
    expect(villages.length).toBe(16);
    await vi.waitFor(() => expect(streams.ticker.value.value).toBeDefined(), { timeout: 10_000 });
    expect(streams.ticker.value.value!.every((tick) => tick.townshipName === '东城镇')).toBe(true);
    region.value = null;
    await vi.waitFor(() => expect(streams.services.value.value?.overview.region.name).toBe('示例县'), {
      timeout: 10_000,
    });
  });
});
