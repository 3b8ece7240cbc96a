// How a screen is set up: everything comes from its URL, so a screen is configured by the link
// it is opened with and a reload (or a new browser) comes back the same.
//   /screen/<name>?token=…&region=<township code>&kpi=cases|rate&stale=<s>&staleQuiet=<s>&reloadAt=HH:MM|off
//                 &playlist=<name>,<name>…&every=<s>

/** The named screens (大屏页面); `wall` is the 5760×1080 three-panel wall (拼接屏). */
export const screenNames = ['overview', 'services', 'business', 'credit', 'wall'] as const;
export type ScreenName = (typeof screenNames)[number];

/** What the county map is coloured by (地图着色指标). */
export const mapKpis = ['cases', 'rate'] as const;
export type MapKpi = (typeof mapKpis)[number];

export interface ScreenConfig {
  /** A panel turns stale when its stream sent nothing for this long (`stale`, seconds). */
  staleAfterMs: number;
  /**
   * The same for streams of data that changes a few times a day at most, such as the evaluation
   * or the credit figures (`staleQuiet`, seconds): a day and a bit, since the daily reload
   * subscribes again and every stream starts with a snapshot.
   */
  quietStaleAfterMs: number;
  /** The daily soft reload, HH:MM in Asia/Shanghai (`reloadAt`); null when `off`. */
  reloadAt: string | null;
  /** Named screens to rotate through (`playlist`); empty for a fixed screen. */
  playlist: ScreenName[];
  /** How long each screen of the playlist stays (`every`, seconds). */
  playlistEveryMs: number;
}

export const defaultConfig: ScreenConfig = {
  staleAfterMs: 10 * 60_000,
  quietStaleAfterMs: 26 * 3600_000,
  reloadAt: '04:00',
  playlist: [],
  playlistEveryMs: 60_000,
};

export function isScreenName(name: string | null | undefined): name is ScreenName {
  return (screenNames as readonly string[]).includes(name ?? '');
}

function seconds(raw: string | null, fallbackMs: number): number {
  const value = Number(raw);
  return raw !== null && Number.isFinite(value) && value > 0 ? value * 1000 : fallbackMs;
}

export function parseScreenConfig(search: string): ScreenConfig {
  const params = new URLSearchParams(search);
  const reloadAt = params.get('reloadAt');
  return {
    staleAfterMs: seconds(params.get('stale'), defaultConfig.staleAfterMs),
    quietStaleAfterMs: seconds(params.get('staleQuiet'), defaultConfig.quietStaleAfterMs),
    reloadAt:
      reloadAt === 'off'
        ? null
        : reloadAt && /^([01]\d|2[0-3]):[0-5]\d$/.test(reloadAt)
          ? reloadAt
          : defaultConfig.reloadAt,
    playlist: (params.get('playlist') ?? '').split(',').filter(isScreenName),
    playlistEveryMs: seconds(params.get('every'), defaultConfig.playlistEveryMs),
  };
}
