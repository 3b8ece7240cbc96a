// The big screen end to end, in headless Chromium (Debian's, driven by playwright-core): the hub
// on a fresh seeded database serves the freshly built screen; every panel must show the figures
// the API gives, a case written through the API must reach the counters within 2 s, a township
// click must filter the screen and land in the URL, the credit screen's awards panel must follow an
// award written through the API, and screenshots at 1920×1080, 3840×2160, of the credit screen
// and on the 5760×1080 wall go to test-artifacts/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDatabase } from '../../prisma/seed/index.ts';
import type { Database } from '../../server/src/db.ts';
import { migratedDatabase } from '../fixtures/database.ts';
import { type ScreenHub, startScreenHub } from './hub.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const artifacts = join(root, 'test-artifacts');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Every panel of the overview screen, by its data-panel name. */
const overviewPanels = [
  'services-rate',
  'services-targets',
  'services-channels',
  'services-ranking',
  'environment-evaluation',
  'environment-indicators',
  'environment-monitoring',
  'problems-clearing',
  'services-counters',
  'services-map',
  'services-network',
  'services-ticker',
  'problems-projects',
  'problems-funds',
  'credit-blacklist',
  'credit-repairs',
  'staff-work-points',
  'alerts',
];

/** Every panel of the credit screen (信用与队伍). */
const creditPanels = ['credit-blacklist', 'credit-repairs', 'credit-awards', 'staff-work-points', 'alerts'];

let dist: string;
let db: Database;
let hub: ScreenHub;
let browser: Browser;
const consoleErrors: string[] = [];

function buildScreen(outDir: string): void {
  const vite = join(root, 'dashboard/node_modules/vite/bin/vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: join(root, 'dashboard'),
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`the screen does not build:\n${result.stdout}\n${result.stderr}`);
}

async function openScreen(path: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${path}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${path}: ${error.message}`));
  const separator = path.includes('?') ? '&' : '?';
  await page.goto(`${hub.url}${path}${separator}token=${hub.screenToken}`);
  return page;
}

async function waitForPanels(page: Page, names: readonly string[]): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const panels = [...document.querySelectorAll<HTMLElement>('[data-panel]')];
      const ready = panels
        .filter((panel) => panel.dataset.state === 'ready')
        .map((panel) => panel.dataset.panel);
      return expected.every((name) => ready.includes(name));
    },
    names,
    { timeout: 30_000 },
  );
}

/** Lets the charts finish their entry animations before a screenshot (looks only, not asserted). */
const settle = (page: Page) => page.waitForTimeout(1_500);

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
const counter = async (page: Page, figure: string) =>
  Number(await page.locator(`[data-figure="${figure}"] [data-value]`).getAttribute('data-value'));

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  dist = mkdtempSync(join(tmpdir(), 'hub-screen-'));
  buildScreen(dist);
  db = await migratedDatabase();
  await seedDatabase(db, { scale: 0.02, today: new Date() });
  hub = await startScreenHub(db, { dashboardDir: dist });
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe('the big screen in Chromium', () => {
  let page: Page;

  test('every panel of the overview shows the figures the API gives, without console errors', async () => {
    page = await openScreen('/', { width: 1920, height: 1080 });
    await waitForPanels(page, overviewPanels);
    expect(await page.locator('[data-panel]').count()).toBe(overviewPanels.length);

    const { overview, ranking, bankBranchStatistics, crossProvinceStatistics, investmentProjectStatistics } =
      await hub.graphql<{
        overview: {
          casesToday: number;
          casesThisMonth: number;
          casesThisYear: number;
          oneNetworkRate: { value: number };
          evaluation: { year: number; score: number };
        };
        ranking: { rows: Array<{ label: string; rank: number }> };
        bankBranchStatistics: { places: number; items: number };
        crossProvinceStatistics: { items: number };
        investmentProjectStatistics: { total: number };
      }>(`{
        overview { casesToday casesThisMonth casesThisYear oneNetworkRate { value } evaluation { year score } }
        ranking: caseStatistics(groupBy: CHILD_REGION) { rows { label rank } }
        bankBranchStatistics { places items }
        crossProvinceStatistics { items }
        investmentProjectStatistics(historical: true) { total }
      }`);

    expect(await text(page, '[data-figure="county"]')).toBe('示例县');
    expect(await page.locator('[data-connection]').getAttribute('data-connection')).toBe('connected');
    const today = new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      weekday: 'long',
    }).format(new Date());
    expect(await text(page, '[data-figure="date"]')).toBe(today);

    expect(await counter(page, 'cases-today')).toBe(overview.casesToday);
    expect(await counter(page, 'cases-month')).toBe(overview.casesThisMonth);
    expect(await counter(page, 'cases-year')).toBe(overview.casesThisYear);
    expect(await text(page, '[data-figure="one-network-rate"]')).toBe(
      `${overview.oneNetworkRate.value.toFixed(2)}%`,
    );
    expect(await text(page, '[data-figure="case-volume"]')).toContain('40.00万');
    expect(await text(page, '[data-figure="township-cases"]')).toContain('5.00万');

    const rankingRows = page.locator('[data-panel="services-ranking"] [data-region]');
    expect(await rankingRows.count()).toBe(12);
    expect(await rankingRows.first().textContent()).toContain(
      ranking.rows.find((row) => row.rank === 1)!.label,
    );

    const bank = await text(page, '[data-figure="bank-branches"]');
    expect(bank).toContain(String(bankBranchStatistics.places));
    expect(bank).toContain(String(bankBranchStatistics.items));
    expect(await text(page, '[data-figure="cross-province"]')).toContain(
      String(crossProvinceStatistics.items),
    );

    expect(await text(page, '[data-figure="evaluation-latest"]')).toContain(
      overview.evaluation.score.toFixed(2),
    );
    expect(await page.locator('[data-indicator]').count()).toBe(18);
    expect(await text(page, '[data-figure="monitoring-rank"]')).toMatch(/全市第\s*\d+\s*\/4/);
    expect(await text(page, '[data-panel="problems-projects"] h2')).toContain(
      `${investmentProjectStatistics.total}个`,
    );
    expect(await text(page, '[data-figure="blacklist-ratio"]')).toMatch(/^3\.23% → 1\.\d\d%/);
    expect(await text(page, '[data-figure="funds"]')).toMatch(/兑现金额\s*[\d.]+\s*(万元|亿元)/);
    expect(await text(page, '[data-figure="publicity-rates"]')).toBeDefined();
    expect(await text(page, '[data-figure="red-list"]')).toMatch(/上榜\s*\d+\s*个月/);
    expect(await page.locator('[data-panel="services-map"] svg path').count()).toBeGreaterThanOrEqual(12);
    expect(await page.locator('[data-panel="services-map"] svg text', { hasText: '东城镇' }).count()).toBe(1);

    // The ticker shows masked applicants only.
    const applicants = await page.locator('[data-panel="services-ticker"] .applicant').allInnerTexts();
    expect(applicants.length).toBeGreaterThan(0);
    for (const applicant of applicants) expect(applicant).toMatch(/\*|—/);

    await settle(page);
    await page.screenshot({ path: join(artifacts, 'screen-1920x1080.png') });
    expect(consoleErrors).toEqual([]);
  });

  test('a case written through the API reaches the counters and the ticker within 2 s', async () => {
    const before = await counter(page, 'cases-today');
    const yearBefore = await counter(page, 'cases-year');
    const started = Date.now();
    await hub.writeCase({ applicantName: '李四光' });
    await page.waitForFunction(
      (expected) =>
        Number(
          document.querySelector('[data-figure="cases-today"] [data-value]')?.getAttribute('data-value'),
        ) === expected,
      before + 1,
      { timeout: 2_000, polling: 20 },
    );
    expect(Date.now() - started).toBeLessThanOrEqual(2_000);
    expect(await counter(page, 'cases-year')).toBe(yearBefore + 1);
    const ticker = page.locator('[data-panel="services-ticker"] li').first();
    await expect.poll(() => ticker.textContent(), { timeout: 2_000 }).toContain('有限责任公司设立登记');
    expect(await ticker.textContent()).toContain('李**');
    expect(await page.locator('body').textContent()).not.toContain('李四光');
  });

  test('clicking a township filters the screen to it, the URL records it, and back returns', async () => {
    await page.locator('[data-panel="services-map"] svg text', { hasText: '东城镇' }).click();
    await page.waitForURL(/region=990121003000/);
    expect(await text(page, '[data-figure="township"]')).toContain('东城镇');
    await page.waitForFunction(() =>
      document.querySelector('[data-panel="services-ranking"] h2')?.textContent?.includes('村（社区）'),
    );
    expect(await text(page, '[data-panel="services-counters"] .scope')).toBe('东城镇');
    await waitForPanels(page, overviewPanels);

    await page.goBack();
    await page.waitForFunction(() => !location.search.includes('region='));
    await page.waitForFunction(() =>
      document.querySelector('[data-panel="services-ranking"] h2')?.textContent?.includes('乡镇办件排名'),
    );
    expect(await page.locator('[data-figure="township"]').count()).toBe(0);

    // The ranking is clickable too, and a reload comes back to the filtered view.
    await page.locator('[data-panel="services-ranking"] [data-region="990121009000"]').click();
    await page.waitForURL(/region=990121009000/);
    await page.reload();
    await waitForPanels(page, overviewPanels);
    expect(await text(page, '[data-figure="township"]')).toContain('西岭乡');
    expect(consoleErrors).toEqual([]);
  });

  test('at 3840×2160 the 1920×1080 design scales by 2, and the 5760×1080 wall fills its wall', async () => {
    const uhd = await openScreen('/', { width: 3840, height: 2160 });
    await waitForPanels(uhd, overviewPanels);
    expect(await uhd.locator('.stage').getAttribute('data-scale')).toBe('2.000');
    await settle(uhd);
    await uhd.screenshot({ path: join(artifacts, 'screen-3840x2160.png') });
    await uhd.close();

    const wall = await openScreen('/screen/wall', { width: 5760, height: 1080 });
    await waitForPanels(wall, overviewPanels);
    expect(await wall.locator('[data-screen]').getAttribute('data-screen')).toBe('wall');
    expect(await wall.locator('.stage').getAttribute('data-scale')).toBe('1.000');
    await settle(wall);
    await wall.screenshot({ path: join(artifacts, 'screen-wall-5760x1080.png') });
    await wall.close();
    expect(consoleErrors).toEqual([]);
  });

  test('a playlist rotates the named screens', async () => {
    const rotating = await openScreen('/screen/overview?playlist=overview,credit&every=1', {
      width: 1920,
      height: 1080,
    });
    await rotating.waitForURL(/\/screen\/credit\?/, { timeout: 5_000 });
    await waitForPanels(rotating, creditPanels);
    await rotating.close();
    expect(consoleErrors).toEqual([]);
  });

  test('the credit screen places the awards panel, whose own stream shows the counts and follows an upsertAward', async () => {
    const credit = await openScreen('/screen/credit', { width: 1920, height: 1080 });
    await waitForPanels(credit, creditPanels);
    expect(await credit.locator('[data-panel]').count()).toBe(creditPanels.length);

    const { awardCounts, awards, enterprises } = await hub.graphql<{
      awardCounts: { toYear: number; rows: Array<{ kind: string; year: number; count: number }> };
      awards: { edges: Array<{ node: { awardeeName: string } }> };
      enterprises: { edges: Array<{ node: { creditCode: string } }> };
    }>(
      `{
        awardCounts { toYear rows { kind year count } }
        awards(awardeeKind: STAFF, first: 20) { edges { node { awardeeName } } }
        enterprises(first: 1) { edges { node { creditCode } } }
      }`,
      {},
      hub.staffToken,
    );
    const { toYear } = awardCounts;
    const count = (kind: string, year: number) =>
      awardCounts.rows.find((row) => row.kind === kind && row.year === year)?.count ?? 0;
    const stars = credit.locator('[data-figure="credit-awards"] li').first();
    const seededStars = count('INTEGRITY_STAR', toYear);
    expect(seededStars).toBeGreaterThan(0);
    expect((await stars.textContent())?.replace(/\s+/g, '')).toBe(
      `诚信之星${seededStars}上年${count('INTEGRITY_STAR', toYear - 1)}`,
    );
    const ambassadors = credit.locator('[data-figure="credit-awards"] li').nth(2);
    expect(await ambassadors.locator('b').textContent()).toBe(String(count('INTEGRITY_AMBASSADOR', toYear)));

    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await hub.graphql(
      `mutation ScreenTestAward($input: AwardInput!) { upsertAward(input: $input) { outcome } }`,
      {
        input: {
          externalId: 'screen-test-award-1',
          kind: 'INTEGRITY_STAR',
          enterpriseCreditCode: enterprises.edges[0]?.node.creditCode,
          year: toYear,
          issuer: '县信用办',
          awardedOn: today,
          citation: '诚信经营、守法纳税',
        },
      },
      hub.staffToken,
    );
    await expect
      .poll(() => stars.locator('b').textContent(), { timeout: 10_000 })
      .toBe(String(seededStars + 1));

    // Counts only: no awarded member of staff is named on the big screen.
    const names = awards.edges.map(({ node }) => node.awardeeName);
    expect(names.length).toBeGreaterThan(0);
    const shown = (await credit.locator('body').textContent()) ?? '';
    for (const name of names) expect(shown).not.toContain(name);
    await settle(credit);
    await credit.screenshot({ path: join(artifacts, 'screen-credit-1920x1080.png') });
    await credit.close();
    expect(consoleErrors).toEqual([]);
  });

  test('when the hub goes away every panel turns stale; when it is back the screen reconnects and re-syncs', async () => {
    const shown = await counter(page, 'cases-year');
    await hub.stop();
    await page.waitForFunction(
      () => document.querySelector('[data-connection]')?.getAttribute('data-connection') !== 'connected',
    );
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLElement>('[data-panel]')].every(
        (panel) => panel.dataset.state === 'stale',
      ),
    );
    // The last figures stay readable.
    expect(await counter(page, 'cases-year')).toBe(shown);

    // A case written while the screen was cut off shows once it is back, from the new snapshots.
    hub = await startScreenHub(db, { dashboardDir: dist, port: hub.port });
    await hub.writeCase({ regionCode: '990121009000' });
    await page.waitForFunction(
      () => document.querySelector('[data-connection]')?.getAttribute('data-connection') === 'connected',
      null,
      { timeout: 30_000 },
    );
    await waitForPanels(page, overviewPanels);
    await page.waitForFunction(
      (expected) =>
        Number(
          document.querySelector('[data-figure="cases-year"] [data-value]')?.getAttribute('data-value'),
        ) === expected,
      shown + 1,
      { timeout: 10_000 },
    );
  });
});
