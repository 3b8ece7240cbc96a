// The big screen's pure logic: how figures read (万/亿, Asia/Shanghai), the URL's settings,
// the reconnection backoff, the daily reload time, how ticker and alert pushes fold in, and
// where a service point without coordinates lands on the bundled county map.
import { describe, expect, test, vi } from 'vitest';
import { effectScope } from 'vue';
import type { Alert } from '../../dashboard/src/composables/useAlertFeed.ts';
import { mergeAlerts } from '../../dashboard/src/composables/useAlertFeed.ts';
import { type CaseTick, mergeTicks } from '../../dashboard/src/composables/useCaseTicker.ts';
import { msUntilShanghaiTime, useSoftReload } from '../../dashboard/src/composables/useSoftReload.ts';
import { parseScreenConfig } from '../../dashboard/src/config.ts';
import {
  formatCount,
  formatDate,
  formatMonth,
  formatTime,
  largeCount,
  money,
  percent,
  signedPercent,
} from '../../dashboard/src/format.ts';
import { retryDelay } from '../../dashboard/src/graphql/client.ts';
import { servicePointPosition, townshipByCode, townshipShapes } from '../../dashboard/src/map/county.ts';

describe('figures', () => {
  test('counts read with zh-CN grouping, large ones in 万 and 亿', () => {
    expect(formatCount(368_400)).toBe('368,400');
    expect(formatCount(null)).toBe('—');
    expect(largeCount(400_000)).toEqual({ value: '40.00', unit: '万' });
    expect(largeCount(11_272, '件')).toEqual({ value: '1.13', unit: '万件' });
    expect(largeCount(2_598)).toEqual({ value: '2,598', unit: '' });
    expect(largeCount(1_200_000_000)).toEqual({ value: '12.00', unit: '亿' });
  });

  test('money given in 万元 turns to 亿元 from 10,000 万元 (政企通 416 million → 4.16 亿元)', () => {
    expect(money(41_600)).toEqual({ value: '4.16', unit: '亿元' });
    expect(money(2_136.41)).toEqual({ value: '2136.41', unit: '万元' });
    expect(money(null)).toEqual({ value: '—', unit: '万元' });
  });

  test('percentages keep their sign when they are changes', () => {
    expect(percent(98.13)).toBe('98.13%');
    expect(percent(95, 0)).toBe('95%');
    expect(signedPercent(2.59)).toBe('+2.59%');
    expect(signedPercent(-1.5, 1)).toBe('-1.5%');
    expect(percent(null)).toBe('—');
  });

  test('dates and times are Asia/Shanghai whatever the machine’s zone', () => {
    // 2026-11-28 16:30:05 UTC is 2026-11-29 00:30:05 in Shanghai.
    const instant = Date.UTC(2026, 10, 28, 16, 30, 5);
    expect(formatTime(instant)).toBe('00:30:05');
    expect(formatDate(instant)).toBe('2026年11月29日星期日');
    expect(formatMonth('2022-06-01')).toBe('2022年6月');
  });
});

describe('screen settings from the URL', () => {
  test('defaults: stale after 10 minutes (quiet figures after 26 hours), reload at 04:00, no playlist', () => {
    expect(parseScreenConfig('')).toEqual({
      staleAfterMs: 600_000,
      quietStaleAfterMs: 93_600_000,
      reloadAt: '04:00',
      playlist: [],
      playlistEveryMs: 60_000,
    });
  });

  test('stale, reloadAt, playlist and every are read; unknown screens and bad values are dropped', () => {
    expect(
      parseScreenConfig('?stale=30&staleQuiet=7200&reloadAt=23:15&playlist=overview,nowhere,credit&every=15'),
    ).toEqual({
      staleAfterMs: 30_000,
      quietStaleAfterMs: 7_200_000,
      reloadAt: '23:15',
      playlist: ['overview', 'credit'],
      playlistEveryMs: 15_000,
    });
    expect(parseScreenConfig('?reloadAt=off').reloadAt).toBeNull();
    expect(parseScreenConfig('?reloadAt=25:00&stale=-4').reloadAt).toBe('04:00');
    expect(parseScreenConfig('?stale=abc').staleAfterMs).toBe(600_000);
  });
});

describe('unattended operation', () => {
  test('reconnection waits grow exponentially, capped, with ±25 % jitter', () => {
    expect(retryDelay(0, 30_000, () => 0.5)).toBe(1000);
    expect(retryDelay(3, 30_000, () => 0.5)).toBe(8000);
    expect(retryDelay(20, 30_000, () => 0.5)).toBe(30_000);
    expect(retryDelay(20, 30_000, () => 0)).toBe(22_500);
    expect(retryDelay(20, 30_000, () => 0.999_999)).toBe(37_500);
  });

  test('the daily reload is at the next HH:MM on the Shanghai clock', () => {
    // 2026-11-28 03:59:00 in Shanghai → 04:00 is one minute away.
    expect(msUntilShanghaiTime(Date.UTC(2026, 10, 27, 19, 59), '04:00')).toBe(60_000);
    // 04:00 exactly has passed for today: the next is tomorrow.
    expect(msUntilShanghaiTime(Date.UTC(2026, 10, 27, 20, 0), '04:00')).toBe(24 * 3600_000);
    // 23:30 in Shanghai is 15:30 UTC, whatever day it is in UTC.
    expect(msUntilShanghaiTime(Date.UTC(2026, 10, 28, 15, 0), '23:30')).toBe(30 * 60_000);
  });
});

function tick(id: string, kind: CaseTick['kind'], submittedAt = '2026-11-28T02:00:00.000Z'): CaseTick {
  return {
    id,
    kind,
    itemName: '户口迁入（投靠）',
    departmentName: '示例县公安局',
    townshipName: '东城镇',
    regionName: '东城镇',
    channel: 'WINDOW',
    oneNetwork: true,
    status: kind === 'COMPLETED' ? 'COMPLETED' : 'SUBMITTED',
    applicant: '张**',
    submittedAt,
    completedAt: kind === 'COMPLETED' ? '2026-11-28T03:00:00.000Z' : null,
  };
}

function alert(id: string, raisedAt: string, resolvedAt: string | null = null): Alert {
  return {
    id,
    kind: 'SLIP',
    level: 'RED',
    title: `交办单 ${id} 已超过办理时限`,
    regionName: '东城镇',
    departmentName: '示例县财政局',
    raisedAt,
    acknowledgedAt: null,
    resolvedAt,
  };
}

describe('pushes folded into what the screen holds', () => {
  test('ticker: newest first, a completion is its own line, repeats once, bounded', () => {
    const held = [tick('b', 'RECEIVED'), tick('a', 'RECEIVED')];
    const merged = mergeTicks(
      held,
      [tick('c', 'RECEIVED'), tick('a', 'COMPLETED'), tick('b', 'RECEIVED')],
      4,
    );
    expect(merged.map((t) => `${t.id}:${t.kind}`)).toEqual([
      'c:RECEIVED',
      'a:COMPLETED',
      'b:RECEIVED',
      'a:RECEIVED',
    ]);
    expect(mergeTicks(merged, [tick('d', 'RECEIVED')], 4).map((t) => t.id)).toEqual(['d', 'c', 'a', 'b']);
  });

  test('alerts: changes replace, resolved ones leave, newest raised first, bounded', () => {
    const held = [alert('2', '2026-11-28T02:00:00Z'), alert('1', '2026-11-28T01:00:00Z')];
    const merged = mergeAlerts(
      held,
      [alert('3', '2026-11-28T03:00:00Z'), alert('1', '2026-11-28T01:00:00Z', '2026-11-28T04:00:00Z')],
      10,
    );
    expect(merged.map((a) => a.id)).toEqual(['3', '2']);
    expect(mergeAlerts(merged, [alert('4', '2026-11-28T05:00:00Z')], 2).map((a) => a.id)).toEqual(['4', '3']);
  });
});

describe('the bundled county map', () => {
  test('has the seed’s twelve townships with their division codes', () => {
    expect(townshipShapes.map((t) => t.name)).toEqual([
      '城关街道',
      '新城街道',
      '东城镇',
      '南桥镇',
      '北山镇',
      '青石镇',
      '白沙镇',
      '龙溪镇',
      '西岭乡',
      '云峰乡',
      '石门乡',
      '桃源乡',
    ]);
    expect(townshipByCode.get('990121003000')?.name).toBe('东城镇');
  });

  test('a point without coordinates lands inside its township, the same spot every time', () => {
    const east = townshipByCode.get('990121003000')!;
    const first = servicePointPosition({
      code: 'WD0101',
      longitude: null,
      latitude: null,
      townshipCode: east.code,
    });
    const again = servicePointPosition({
      code: 'WD0101',
      longitude: null,
      latitude: null,
      townshipCode: east.code,
    });
    expect(first).toEqual(again);
    const [x, y] = first!;
    const xs = east.ring.map(([px]) => px);
    const ys = east.ring.map(([, py]) => py);
    expect(x).toBeGreaterThanOrEqual(Math.min(...xs));
    expect(x).toBeLessThanOrEqual(Math.max(...xs));
    expect(y).toBeGreaterThanOrEqual(Math.min(...ys));
    expect(y).toBeLessThanOrEqual(Math.max(...ys));
    expect(
      servicePointPosition({ code: 'WD0001', longitude: '0.1', latitude: '-0.05', townshipCode: east.code }),
    ).toEqual([0.1, -0.05]);
  });
});

describe('the daily soft reload', () => {
  test('reloads at the set time once the hub answers, asking again every retry period until then', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 27, 19, 59) }); // 03:59 in Shanghai
    const answers = [false, false, true];
    const asked: number[] = [];
    let reloads = 0;
    const scope = effectScope();
    scope.run(() =>
      useSoftReload({
        at: '04:00',
        retryMs: 30_000,
        healthy: async () => {
          asked.push(Date.now());
          return answers.shift() ?? true;
        },
        reload: () => {
          reloads += 1;
        },
      }),
    );
    await vi.advanceTimersByTimeAsync(59_000);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(asked).toEqual([Date.UTC(2026, 10, 27, 20, 0)]);
    expect(reloads).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toHaveLength(3);
    expect(reloads).toBe(1);
    scope.stop();
    vi.useRealTimers();
  });

  test('off schedules nothing', () => {
    vi.useFakeTimers();
    const scope = effectScope();
    scope.run(() => useSoftReload({ at: null, reload: () => expect.unreachable() }));
    expect(vi.getTimerCount()).toBe(0);
    scope.stop();
    vi.useRealTimers();
  });
});
