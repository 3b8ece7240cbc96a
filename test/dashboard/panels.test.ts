// @vitest-environment happy-dom
// The screen's components in a DOM: each panel opens its own stream, over the screen's real
// client, to a graphql-ws server over the published schema that answers with the work summary's
// figures; the panels show them as the screen must (万, %, rank arrows, tier colours, status
// lights, masked ticker), the panel frame shows loading / data as of / stale / error, charts
// render to SVG with ECharts, the stage scales without distortion and the URL keeps the screen's
// state.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mount } from '@vue/test-utils';
import { buildSchema, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { type App, type Component, effectScope, nextTick, type ShallowRef, shallowRef } from 'vue';
import { WebSocket, WebSocketServer } from 'ws';
import AlertStrip from '../../dashboard/src/components/AlertStrip.vue';
import ChartFrame from '../../dashboard/src/components/charts/ChartFrame.vue';
import { chartInitOptions, chartInitOptionsKey } from '../../dashboard/src/components/charts/style.ts';
import CreditAwards from '../../dashboard/src/components/credit/CreditAwards.vue';
import CreditBlacklist from '../../dashboard/src/components/credit/CreditBlacklist.vue';
import DigitCounter from '../../dashboard/src/components/DigitCounter.vue';
import EnvironmentIndicators from '../../dashboard/src/components/environment/EnvironmentIndicators.vue';
import ProblemsClearing from '../../dashboard/src/components/problems/ProblemsClearing.vue';
import ScreenPanel from '../../dashboard/src/components/ScreenPanel.vue';
import ScreenViewport from '../../dashboard/src/components/ScreenViewport.vue';
import ServicesCounters from '../../dashboard/src/components/services/ServicesCounters.vue';
import ServicesRanking from '../../dashboard/src/components/services/ServicesRanking.vue';
import ServicesRate from '../../dashboard/src/components/services/ServicesRate.vue';
import ServicesTargets from '../../dashboard/src/components/services/ServicesTargets.vue';
import ServicesTicker from '../../dashboard/src/components/services/ServicesTicker.vue';
import type { Alert } from '../../dashboard/src/composables/useAlertFeed.ts';
import type { CaseTick } from '../../dashboard/src/composables/useCaseTicker.ts';
import type { CreditStream } from '../../dashboard/src/composables/useCreditStream.ts';
import type { EnvironmentStream } from '../../dashboard/src/composables/useEnvironmentStream.ts';
import type { LiveStream } from '../../dashboard/src/composables/useLiveStream.ts';
import type { ProblemsStream } from '../../dashboard/src/composables/useProblemsStream.ts';
import type { RankingStream } from '../../dashboard/src/composables/useRankingStream.ts';
import { useScreenLocation } from '../../dashboard/src/composables/useScreenLocation.ts';
import { installScreen } from '../../dashboard/src/composables/useScreenRuntime.ts';
import { type ScreenView, screenViewKey } from '../../dashboard/src/composables/useScreenView.ts';
import type { ServicesStream } from '../../dashboard/src/composables/useServicesStream.ts';
import { defaultConfig } from '../../dashboard/src/config.ts';
import { formatTime } from '../../dashboard/src/format.ts';
import { createScreenClient, type ScreenClient } from '../../dashboard/src/graphql/client.ts';

type Value<S> = S extends LiveStream<infer V> ? V : never;

/** A stream as the panels see it, held by the test: its value, freshness and error. */
function streamOf<V>(value: V | undefined, options: { stale?: boolean; receivedAt?: number } = {}) {
  const stale = shallowRef(options.stale ?? false);
  return {
    value: shallowRef(value) as ShallowRef<V | undefined>,
    error: shallowRef(undefined),
    receivedAt: shallowRef(
      value === undefined ? null : (options.receivedAt ?? Date.UTC(2026, 10, 28, 2, 30, 15)),
    ),
    stale: stale as unknown as LiveStream<V>['stale'],
    resyncs: shallowRef(0),
    staleRef: stale,
  };
}

/** ECharts needs a size where the DOM has no layout. */
const charts = {
  global: { provide: { [chartInitOptionsKey]: { ...chartInitOptions, width: 480, height: 260 } } },
};

// A path, not a URL: happy-dom puts its own URL in the globals.
const schema = buildSchema(
  readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../schema.graphql'), 'utf8'),
);

/**
 * A hub for the panels: graphql-ws over the published schema (every document is validated
 * against it), answering each stream by its operation name with the data the test gave, as a
 * snapshot, and sending a new snapshot to the open streams whenever the test gives new data.
 */
class FixtureHub {
  private answers = new Map<string, unknown>();
  private sinks = new Map<string, Set<(result: ExecutionResult) => void>>();
  private http: Server | undefined;
  private wss: WebSocketServer | undefined;
  port = 0;

  async start(): Promise<void> {
    this.http = createServer();
    this.wss = new WebSocketServer({ server: this.http, path: '/graphql' });
    useServer(
      {
        schema,
        subscribe: (args) => {
          const operation = args.document.definitions.find(
            (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
          );
          return this.stream(operation?.name?.value ?? '');
        },
      },
      this.wss,
    );
    await new Promise<void>((resolve) => this.http?.listen(0, '127.0.0.1', resolve));
    this.port = (this.http.address() as AddressInfo).port;
  }

  /** What the stream of this operation answers with (its first message), and pushes now. */
  answer(operation: string, data: unknown): void {
    this.answers.set(operation, data);
    for (const sink of this.sinks.get(operation) ?? []) sink(snapshotOf(data));
  }

  private async *stream(operation: string): AsyncGenerator<ExecutionResult> {
    if (!this.answers.has(operation)) throw new Error(`the test gave no data for ${operation}`);
    const queue: ExecutionResult[] = [snapshotOf(this.answers.get(operation))];
    let wake: (() => void) | undefined;
    const sink = (result: ExecutionResult) => {
      queue.push(result);
      wake?.();
    };
    const sinks = this.sinks.get(operation) ?? new Set();
    this.sinks.set(operation, sinks.add(sink));
    try {
      for (;;) {
        const next = queue.shift();
        if (next) yield next;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      sinks.delete(sink);
    }
  }

  async stop(): Promise<void> {
    for (const socket of this.wss?.clients ?? []) socket.terminate();
    await new Promise<void>((resolve) => this.wss?.close(() => resolve()));
    await new Promise<void>((resolve) => this.http?.close(() => resolve()));
  }
}

const snapshotOf = (data: unknown): ExecutionResult => ({
  data: data as ExecutionResult['data'],
  extensions: { live: { seq: 0, snapshot: true } },
});

const hub = new FixtureHub();
const clients: ScreenClient[] = [];
const selectedRegions: Array<string | null> = [];

beforeAll(() => hub.start());
afterAll(() => hub.stop());

/** The screen's view as the panels read it: the county, coloured by cases; clicks are recorded. */
function countyView(): ScreenView {
  return {
    region: shallowRef(null),
    scope: shallowRef('全县'),
    mapKpi: shallowRef('cases'),
    selectRegion: (code) => selectedRegions.push(code),
    setMapKpi: () => {},
  };
}

/**
 * Mounts a panel on a screen of its own (its own client, so its stream starts from a snapshot)
 * and waits until its stream holds data.
 */
async function mountPanel(component: Component, props: Record<string, unknown> = {}) {
  const screen = createScreenClient({
    url: `ws://127.0.0.1:${hub.port}/graphql`,
    token: null,
    webSocketImpl: WebSocket,
  });
  clients.push(screen);
  const wrapper = mount(component, {
    props,
    global: {
      plugins: [
        {
          install: (app: App) =>
            installScreen(app, screen, { config: defaultConfig, now: shallowRef(Date.now()) }),
        },
      ],
      provide: { ...charts.global.provide, [screenViewKey]: countyView() },
    },
  });
  await vi.waitFor(() => expect(wrapper.find('[data-state]').attributes('data-state')).toBe('ready'));
  return wrapper;
}

const target = (value: number, target: number, progress: number, status: 'GREEN' | 'AMBER' | 'RED') => ({
  value,
  target,
  progress,
  status,
  expectedToDate: target * 0.91,
});

/** The county in 2022 as the work summary tells it (368,400 cases, 98.13 % one-network). */
const services2022: Value<ServicesStream> = {
  overview: {
    asOf: '2022-11-28T02:30:00.000Z',
    today: '2022-11-28',
    yearElapsed: 90.96,
    region: { code: '990121000000', name: '示例县', level: 'COUNTY' },
    casesToday: 1_203,
    casesThisMonth: 30_511,
    casesThisYear: 368_400,
    casesYearOnYearPercent: -2.5,
    oneNetworkRate: { value: 98.13, target: 95, progress: 103.29, status: 'GREEN' },
    caseVolume: target(368_400, 400_000, 92.1, 'GREEN'),
    townshipCases: target(41_000, 50_000, 82, 'AMBER'),
    fundsPaidThisYear: { wanYuan: 41_600 },
    fundBeneficiariesThisYear: 2_598,
  },
  channels: { rows: [{ key: 'WINDOW', label: '窗口办', current: { cases: 1000 } }] },
};

afterEach(async () => {
  document.body.innerHTML = '';
  selectedRegions.length = 0;
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});

describe('the panel frame', () => {
  test('loading, then the data with its time (Asia/Shanghai), then stale, or an error without data', async () => {
    const stream = streamOf<number>(undefined);
    const panel = mount(ScreenPanel, {
      props: { title: '一网通办率', name: 'services-rate', stream, scope: '全县' },
      slots: { default: '<p class="figure">98.13%</p>' },
    });
    expect(panel.attributes('data-state')).toBe('loading');
    expect(panel.text()).toContain('加载中');

    stream.value.value = 1;
    stream.receivedAt.value = Date.UTC(2026, 10, 28, 2, 30, 15);
    await nextTick();
    expect(panel.attributes('data-state')).toBe('ready');
    expect(panel.find('.figure').text()).toBe('98.13%');
    expect(panel.find('.as-of').text()).toBe('数据时间 10:30:15');

    stream.staleRef.value = true;
    await nextTick();
    expect(panel.attributes('data-state')).toBe('stale');
    expect(panel.classes()).toContain('is-stale');
    expect(panel.find('.as-of').text()).toBe('数据已过时 · 数据时间 10:30:15');
    // Stale data stays on screen, greyed.
    expect(panel.find('.figure').exists()).toBe(true);

    const broken = streamOf<number>(undefined);
    (broken.error as ShallowRef<unknown>).value = new Error('FORBIDDEN');
    const failed = mount(ScreenPanel, { props: { title: '失信', name: 'credit-blacklist', stream: broken } });
    expect(failed.attributes('data-state')).toBe('error');
    expect(failed.text()).toContain('数据暂不可用');
  });
});

describe('government services panels', () => {
  test('counters hold the exact counts; the rate shows its target and light', async () => {
    hub.answer('ServicesStream', { live: services2022 });
    const counters = await mountPanel(ServicesCounters);
    expect(counters.find('[data-figure="cases-year"] [data-value]').attributes('data-value')).toBe('368400');
    expect(counters.find('[data-figure="cases-today"] [data-value]').attributes('aria-label')).toBe('1,203');
    expect(counters.find('[data-figure="cases-year"] em').text()).toBe('同比 -2.50%');
    expect(counters.find('[data-figure="cases-year"] em').classes()).toContain('down');

    const rate = await mountPanel(ServicesRate);
    expect(rate.find('[data-figure="one-network-rate"]').text()).toBe('98.13%');
    expect(rate.text()).toContain('≥ 95%');
    expect(rate.find('.light').classes()).toContain('green');
    expect(rate.find('svg').exists()).toBe(true);
  });

  test('targets read in 万 with progress, status and the time-progress mark', async () => {
    hub.answer('ServicesStream', { live: services2022 });
    const targets = await mountPanel(ServicesTargets);
    const volume = targets.find('[data-figure="case-volume"]');
    expect(volume.find('.value').text()).toBe('36.84万 / 40.00万');
    expect(volume.find('.share').text()).toBe('92.1%');
    expect(volume.find('.fill').attributes('style')).toContain('width: 92.1%');
    expect(volume.find('.expected').attributes('style')).toContain('left: 91%');
    const township = targets.find('[data-figure="township-cases"]');
    expect(township.find('.value').text()).toBe('4.10万 / 5.00万');
    expect(township.find('.light').classes()).toContain('amber');
    expect(targets.text()).toContain('时间进度 91.0%');
  });

  test('the ranking shows rank changes and filters to a township on click, not below', async () => {
    const rows = [
      ['990121002000', '新城街道', 1, 1],
      ['990121001000', '城关街道', 2, -1],
      ['990121004000', '南桥镇', 3, 0],
      ['990121012000', '桃源乡', 4, null],
    ].map(([key, label, rank, rankChange]) => ({
      key: key as string,
      label: label as string,
      rank: rank as number,
      rankChange: rankChange as number | null,
      current: { cases: 400 - (rank as number) * 50, oneNetworkRate: 99.5 },
    }));
    const value: Value<RankingStream> = {
      ranking: { region: { code: '990121000000', name: '示例县', level: 'COUNTY' }, rows },
    };
    hub.answer('RankingStream', { live: value });
    const ranking = await mountPanel(ServicesRanking);
    expect(ranking.find('h2').text()).toBe('乡镇办件排名');
    const items = ranking.findAll('li');
    expect(items.map((li) => li.find('.change').text())).toEqual(['▲1', '▼1', '–', '新']);
    expect(items[0]?.find('.cases').text()).toBe('350');
    expect(items[0]?.find('.bar i').attributes('style')).toContain('width: 100%');
    await items[2]?.trigger('click');
    expect(selectedRegions).toEqual(['990121004000']);

    hub.answer('RankingStream', {
      live: { ranking: { region: { code: '990121004000', name: '南桥镇', level: 'TOWNSHIP' }, rows } },
    });
    await vi.waitFor(() => expect(ranking.find('h2').text()).toBe('村（社区）办件排名'));
    await ranking.findAll('li')[0]?.trigger('click');
    expect(selectedRegions).toHaveLength(1);
  });

  test('the ticker lists cases newest first with their masked applicants', async () => {
    const ticks: CaseTick[] = [
      {
        id: 'U2VydmljZUNhc2U6Mg==',
        kind: 'COMPLETED',
        itemName: '不动产登记',
        departmentName: '示例县自然资源和规划局',
        townshipName: null,
        regionName: '示例县',
        channel: 'WEB',
        oneNetwork: true,
        status: 'COMPLETED',
        applicant: '示例***公司',
        submittedAt: '2026-11-28T01:00:00.000Z',
        completedAt: '2026-11-28T02:05:00.000Z',
      },
      {
        id: 'U2VydmljZUNhc2U6MQ==',
        kind: 'RECEIVED',
        itemName: '户口迁入（投靠）',
        departmentName: '示例县公安局',
        townshipName: '东城镇',
        regionName: '东村',
        channel: 'BANK_BRANCH',
        oneNetwork: false,
        status: 'SUBMITTED',
        applicant: '张**',
        submittedAt: '2026-11-28T01:59:00.000Z',
        completedAt: null,
      },
    ];
    hub.answer('CaseTicker', { caseTicker: { seq: 0, snapshot: true, cases: ticks } });
    const ticker = await mountPanel(ServicesTicker);
    const lines = ticker.findAll('li');
    expect(lines).toHaveLength(2);
    expect(lines[0]?.text()).toContain(
      `${formatTime(Date.UTC(2026, 10, 28, 2, 5))}办结示例县不动产登记示例***公司网办`,
    );
    expect(lines[0]?.classes()).toContain('completed');
    expect(lines[1]?.find('.where').text()).toBe('东城镇');
    expect(lines[1]?.find('.channel').text()).toBe('政银');
    expect(lines[1]?.find('.applicant').text()).toBe('张**');
  });

  test('a digit counter rolls each digit to its place', async () => {
    const counter = mount(DigitCounter, { props: { value: 403_000 } });
    const reels = counter.findAll('.reel');
    expect(reels).toHaveLength(6);
    expect(reels[0]?.attributes('style')).toContain('translateY(-40%)');
    expect(counter.findAll('.separator').map((s) => s.text())).toEqual([',']);
    await counter.setProps({ value: 403_001 });
    expect(counter.findAll('.reel').at(-1)?.attributes('style')).toContain('translateY(-10%)');
    expect(counter.attributes('data-value')).toBe('403001');
  });
});

describe('business environment, problems and credit panels', () => {
  test('the 18 indicators show tier colours, status lights and best-in-province badges', async () => {
    const names = [
      '开办企业',
      '办理建筑许可',
      '获得电力',
      '获得用水用气',
      '登记财产',
      '纳税',
      '跨境贸易',
      '注销企业',
    ];
    const figures = [
      { code: 'EVAL', name: '营商环境总体便利度', parentCode: null, tier: null, status: 'AMBER' as const },
      ...Array.from({ length: 18 }, (_, i) => ({
        code: `EVAL-${String(i + 1).padStart(2, '0')}`,
        name: names[i] ?? `指标${i + 1}`,
        parentCode: 'EVAL',
        // 2021: five indicators in the province's first tier.
        tier: i < 5 ? 1 : i < 15 ? 2 : 3,
        status: (i < 5 ? 'GREEN' : i < 15 ? 'AMBER' : 'RED') as 'GREEN' | 'AMBER' | 'RED',
      })),
    ].map((f, i) => ({
      ...f,
      value: 80 + i / 2,
      unit: '分',
      rank: i + 1,
      rankOf: 90,
      rankChange: 0,
      bestInProvince: f.name === '登记财产' || f.name === '注销企业',
      year: 2021,
    }));
    const value = { indicators: { figures } } as unknown as Value<EnvironmentStream>;
    hub.answer('EnvironmentStream', { live: value });
    const panel = await mountPanel(EnvironmentIndicators);
    expect(panel.find('h2').text()).toBe('18项一级指标');
    expect(panel.find('.scope').text()).toBe('2021年');
    const tiles = panel.findAll('[data-indicator]');
    expect(tiles).toHaveLength(18);
    expect(panel.find('.summary').text()).toMatch(/第一档\s*5\s*项 · 全省最优\s*2\s*项/);
    expect(tiles[0]?.classes()).toEqual(expect.arrayContaining(['tier-1', 'green']));
    expect(tiles[10]?.classes()).toEqual(expect.arrayContaining(['tier-2', 'amber']));
    expect(tiles[17]?.classes()).toEqual(expect.arrayContaining(['tier-3', 'red']));
    expect(panel.find('[data-indicator="EVAL-05"] .best').text()).toBe('最优');
    expect(panel.find('[data-indicator="EVAL-04"] .best').exists()).toBe(false);
  });

  test('the blacklist runs from 3.23 % to 1.83 %, drawn as SVG, with its source departments', async () => {
    const points = [
      ['2022-06-01', 208, 6440, 3.23],
      ['2022-09-01', 160, 6470, 2.47],
      ['2022-12-01', 120, 6556, 1.83],
    ].map(([month, listed, base, ratio]) => ({
      month: month as string,
      listed: listed as number,
      base: base as number,
      ratio: ratio as number,
      departments: [
        { code: 'FY', name: '示例县人民法院', listed: Math.round((listed as number) * 0.5) },
        { code: 'SW', name: '国家税务总局示例县税务局', listed: Math.round((listed as number) * 0.2) },
      ],
    }));
    const value = { blacklist: { points } } as unknown as Value<CreditStream>;
    hub.answer('CreditStream', { live: value });
    const panel = await mountPanel(CreditBlacklist);
    expect(panel.find('[data-figure="blacklist-ratio"]').text()).toMatch(
      /^3\.23% → 1\.83%\s*失信主体 120 家/,
    );
    expect(panel.find('[data-figure="blacklist-departments"]').text()).toMatch(/人民法院 60\s*税务局 24/);
    // ECharts draws on the next animation frame.
    await vi.waitFor(() => expect(panel.find('svg').text()).toContain('22/06'));
    expect(panel.find('svg').text()).toContain('22/12');
  });

  test('slips show their escalation as the hub counts it, past the feed’s 50 (蓝/黄/红)', async () => {
    const problems = {
      byStatus: { total: 29, rows: [{ key: 'CLOSED', label: '已销号', count: 26, open: 0, overdue: 0 }] },
      bySource: {
        total: 29,
        rows: [{ key: 'COUNTY_POOL', label: '县本级问题池', count: 29, open: 3, overdue: 1 }],
      },
      slips: {
        totals: {
          issued: 29,
          open: 3,
          overdue: 1,
          closed: 26,
          closedOnTime: 24,
          closedLate: 2,
          onTimeRate: 92.31,
        },
      },
      openAlerts: {
        counts: [
          { kind: 'INDICATOR', level: 'AMBER', count: 4 },
          { kind: 'SLIP', level: 'BLUE', count: 57 },
          { kind: 'SLIP', level: 'RED', count: 230 },
        ],
      },
    } as unknown as Value<ProblemsStream>;
    hub.answer('ProblemsStream', { live: problems });
    const panel = await mountPanel(ProblemsClearing);
    expect(panel.find('[data-figure="slips"]').text()).toMatch(
      /交办单 29\s*在办 3\s*超期 1\s*按期办结率 92\.3%/,
    );
    expect(panel.find('[data-figure="slip-escalation"]').text()).toMatch(
      /蓝色提醒 57\s*黄色预警 0\s*红色督办 230/,
    );
  });

  test('the alert strip scrolls the open alerts by level, or says all is well', async () => {
    const alerts: Alert[] = [
      {
        id: 'a',
        kind: 'INDICATOR',
        level: 'AMBER',
        title: '一网通办率低于目标',
        regionName: '西岭乡',
        departmentName: null,
        raisedAt: '2026-11-28T02:00:00.000Z',
        acknowledgedAt: null,
        resolvedAt: null,
      },
    ];
    hub.answer('AlertFeed', { alertFeed: { seq: 0, snapshot: true, alerts } });
    const strip = await mountPanel(AlertStrip);
    expect(strip.find('.title b').text()).toBe('1');
    const first = strip.find('.alert');
    expect(first.classes()).toContain('amber');
    expect(first.text()).toContain('橙色[指标] 一网通办率低于目标');
    strip.unmount();
    hub.answer('AlertFeed', { alertFeed: { seq: 0, snapshot: true, alerts: [] } });
    const calm = await mountPanel(AlertStrip);
    expect(calm.text()).toContain('暂无预警');
  });

  test('the awards panel counts this year’s awards against last year’s, no names', async () => {
    hub.answer('AwardCountsStream', {
      live: {
        awardCounts: {
          fromYear: 2025,
          toYear: 2026,
          rows: [
            { kind: 'INTEGRITY_STAR', year: 2025, count: 16 },
            { kind: 'INTEGRITY_STAR', year: 2026, count: 18 },
            { kind: 'COURTEOUS_SERVICE_STAR', year: 2026, count: 11 },
            { kind: 'INTEGRITY_AMBASSADOR', year: 2025, count: 6 },
          ],
        },
      },
    });
    const panel = await mountPanel(CreditAwards);
    const rows = panel.findAll('[data-figure="credit-awards"] li').map((li) => li.text());
    expect(rows).toEqual(['诚信之星18上年 16', '有礼服务之星11上年 0', '诚信代言人0上年 6']);
  });
});

describe('the stage and the URL', () => {
  test('the design is scaled to fit the window without distortion (letterbox)', async () => {
    const sizes: Array<[number, number, number, number, string]> = [
      [3840, 2160, 1920, 1080, '2.000'],
      [1280, 720, 1920, 1080, '0.667'],
      [1920, 1200, 1920, 1080, '1.000'],
      [1920, 1080, 5760, 1080, '0.333'],
    ];
    for (const [innerWidth, innerHeight, width, height, scale] of sizes) {
      Object.assign(window, { innerWidth, innerHeight });
      window.dispatchEvent(new Event('resize'));
      const viewport = mount(ScreenViewport, { props: { width, height } });
      const stage = viewport.find('.stage');
      expect(stage.attributes('data-scale')).toBe(scale);
      expect(stage.attributes('style')).toContain(`width: ${width}px`);
      viewport.unmount();
    }
  });

  test('the township filter and the screen live in the URL, and back restores them', async () => {
    history.replaceState(null, '', '/screen/credit?token=t&kpi=rate');
    const length = history.length;
    const scope = effectScope();
    const location = scope.run(useScreenLocation)!;
    expect(location.screen.value).toBe('credit');
    expect(location.mapKpi.value).toBe('rate');
    expect(location.region.value).toBeNull();

    location.selectRegion('990121003000');
    expect(location.region.value).toBe('990121003000');
    // useUrlSearchParams writes the URL when Vue flushes.
    await nextTick();
    expect(window.location.search).toBe('?token=t&kpi=rate&region=990121003000');
    expect(history.length).toBe(length + 1);

    location.showScreen('wall');
    expect(window.location.pathname).toBe('/screen/wall');
    expect(window.location.search).toBe('?token=t&kpi=rate&region=990121003000');
    expect(location.screen.value).toBe('wall');
    expect(history.length).toBe(length + 1);
    location.setMapKpi('cases');
    expect(location.mapKpi.value).toBe('cases');
    await nextTick();
    expect(window.location.search).toBe('?token=t&region=990121003000');
    expect(window.location.pathname).toBe('/screen/wall');

    // What the browser does on back: the URL goes back, then popstate (Chromium does it for real
    // in test/e2e).
    history.replaceState(null, '', '/screen/overview?token=t');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(location.region.value).toBeNull();
    expect(location.mapKpi.value).toBe('cases');
    expect(location.screen.value).toBe('overview');
    scope.stop();
  });
});

describe('charts follow their data at most once a second', () => {
  test('the first change shows at once, a burst shows its newest option at the end of the interval', async () => {
    vi.useFakeTimers();
    const option = (n: number) => ({ color: [`#00000${n}`] });
    const frame = mount(ChartFrame, { props: { option: option(1) }, ...charts });
    const shown = () =>
      (frame.findComponent({ name: 'echarts' }).props('option') as { color: string[] }).color[0];
    expect(shown()).toBe('#000001');
    await frame.setProps({ option: option(2) });
    expect(shown()).toBe('#000002');
    await frame.setProps({ option: option(3) });
    await frame.setProps({ option: option(4) });
    expect(shown()).toBe('#000002');
    await vi.advanceTimersByTimeAsync(999);
    expect(shown()).toBe('#000002');
    await vi.advanceTimersByTimeAsync(1);
    expect(shown()).toBe('#000004');
    frame.unmount();
    vi.useRealTimers();
  });
});
