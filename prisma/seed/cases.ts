// Service cases (办件), the bulk of the data. The plan is made in JavaScript: for every day
// and every kind of case (channel × level) an exact number of cases and of offline (not
// one-network) cases, so the 2022 figures hold by construction. The rows themselves are
// generated inside the database with one INSERT … SELECT over generate_series a year: each
// case takes a template (item, place, applicant, outcome, durations) and its time of day by
// hashing its id (hashint4, the same on PGlite and PostgreSQL), never with random().
import {
  addDays,
  type Day,
  type DayKind,
  dayKind,
  eachDay,
  monthOf,
  startOfDay,
  yearOf,
} from './calendar.ts';
import { BANK_LAUNCH, type Bundle, type Catalogue, type Channel, type Item } from './catalogue.ts';
import type { SeedContext } from './context.ts';
import type { Grid } from './grid.ts';
import type { Halls } from './halls.ts';
import { GIVEN_CHARS, ID_AREA_CODE, MOBILE_PREFIXES, SURNAMES } from './names.ts';
import type { Places } from './places.ts';
import { allocate } from './random.ts';
import { bulkLoad, intArray, literal, quote } from './sql.ts';

/** The 2022 actuals (work summary): exact regardless of scale. */
export const CASES_2022 = {
  total: 368_400,
  /** 361,511 / 368,400 = 98.1300 % */
  oneNetwork: 361_511,
  /** Received at bank branches from May (政银合作). */
  bankBranch: 11_272,
  /** Handled across provinces (跨省通办), "5,000+". */
  crossProvince: 5_137,
} as const;

/** A year after 2022 at scale 1: volume, one-network rate, bank and cross-province cases. */
interface YearVolume {
  total: number;
  oneNetworkRate: number;
  bankBranch: number;
  crossProvince: number;
}

const LATER_YEARS: Record<number, YearVolume> = {
  2023: { total: 403_000, oneNetworkRate: 0.9852, bankBranch: 19_800, crossProvince: 7_050 },
  2024: { total: 414_500, oneNetworkRate: 0.9866, bankBranch: 23_500, crossProvince: 8_300 },
  2025: { total: 426_800, oneNetworkRate: 0.9877, bankBranch: 26_200, crossProvince: 9_400 },
  2026: { total: 438_600, oneNetworkRate: 0.9885, bankBranch: 28_400, crossProvince: 10_200 },
};

/** Years past the table keep growing a little, with the rate creeping up. */
function yearVolume(year: number): YearVolume {
  const known = LATER_YEARS[year];
  if (known) return known;
  const last = LATER_YEARS[2026] as YearVolume;
  const growth = 1.028 ** (year - 2026);
  return {
    total: Math.round(last.total * growth),
    oneNetworkRate: Math.min(0.995, last.oneNetworkRate + 0.0004 * (year - 2026)),
    bankBranch: Math.round(last.bankBranch * growth),
    crossProvince: Math.round(last.crossProvince * growth),
  };
}

/** A time-of-day profile: [from hour, to hour, relative weight]. */
type Profile = ReadonlyArray<readonly [number, number, number]>;

export const PROFILES = {
  /** Office hours with the lunch break. */
  window: [
    [8.5, 10, 3],
    [10, 11.5, 3.2],
    [11.5, 12, 0.6],
    [14, 15.5, 2.6],
    [15.5, 17, 2.2],
    [17, 17.5, 0.4],
  ],
  village: [
    [8.5, 11.5, 5],
    [14, 17.5, 4],
  ],
  bank: [
    [9, 11.5, 5],
    [11.5, 13.5, 1.5],
    [13.5, 16.5, 4],
    [16.5, 17, 0.5],
  ],
  kiosk: [
    [0, 7, 0.05],
    [7, 8.5, 0.6],
    [8.5, 12, 3],
    [12, 14, 1.2],
    [14, 17.5, 2.6],
    [17.5, 21, 1.2],
    [21, 24, 0.2],
  ],
  web: [
    [0, 7, 0.2],
    [7, 8.5, 0.5],
    [8.5, 12, 3.2],
    [12, 14, 1],
    [14, 17.5, 3],
    [17.5, 20, 1],
    [20, 24, 1],
  ],
  /** Phones are used most in the evening. */
  mobile: [
    [0, 7, 0.3],
    [7, 9, 0.8],
    [9, 12, 1.4],
    [12, 14, 1],
    [14, 18, 1.3],
    [18, 20, 1.8],
    [20, 23, 2.6],
    [23, 24, 0.5],
  ],
  cross: [
    [8.5, 12, 3],
    [14, 17.5, 3],
    [19, 22, 1],
  ],
} satisfies Record<string, Profile>;
export type ProfileName = keyof typeof PROFILES;
const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];

/** Resolution of the hash-based choice of the time-of-day interval. */
const U = 32768;

/** Cumulative thresholds (out of U) and second bounds of a profile. */
function profileSteps(profile: Profile): Array<{ from: number; to: number; upTo: number }> {
  const total = profile.reduce((sum, [, , w]) => sum + w, 0);
  let cumulative = 0;
  return profile.map(([from, to, w], i) => {
    cumulative += w;
    return {
      from: Math.round(from * 3600),
      to: Math.round(to * 3600),
      upTo: i === profile.length - 1 ? U : Math.round((cumulative / total) * U),
    };
  });
}

/** Share of a profile's cases that fall before a second of the day. */
export function shareBefore(profile: Profile, second: number): number {
  let before = 0;
  let previous = 0;
  for (const step of profileSteps(profile)) {
    const mass = step.upTo - previous;
    previous = step.upTo;
    if (second >= step.to) before += mass;
    else if (second > step.from) before += (mass * (second - step.from)) / (step.to - step.from);
  }
  return before / U;
}

type Level = 'COUNTY' | 'TOWNSHIP';

export interface CaseKind {
  index: number;
  key: string;
  channel: Channel;
  /** Township cases have townshipId set. */
  level: Level;
  profile: ProfileName;
  dayWeights: Record<DayKind, number>;
  /** Relative propensity of paper (offline) cases; 0 for online kinds. */
  offline: number;
  bundle?: Bundle;
}

const ONLINE_DAYS = { WORKDAY: 1, WEEKEND: 0.32, HOLIDAY: 0.22 };
const MOBILE_DAYS = { WORKDAY: 1, WEEKEND: 0.55, HOLIDAY: 0.45 };
const COUNTER_DAYS = { WORKDAY: 1, WEEKEND: 0, HOLIDAY: 0 };

/** The kinds whose volume is a share of the year's rest (after bank, cross and bundles). */
const SHARED_KINDS: ReadonlyArray<Omit<CaseKind, 'index'>> = [
  { key: 'WEB_COUNTY', channel: 'WEB', level: 'COUNTY', profile: 'web', dayWeights: ONLINE_DAYS, offline: 0 },
  {
    key: 'WEB_TOWNSHIP',
    channel: 'WEB',
    level: 'TOWNSHIP',
    profile: 'web',
    dayWeights: ONLINE_DAYS,
    offline: 0,
  },
  {
    key: 'MOBILE_COUNTY',
    channel: 'MOBILE',
    level: 'COUNTY',
    profile: 'mobile',
    dayWeights: MOBILE_DAYS,
    offline: 0,
  },
  {
    key: 'MOBILE_TOWNSHIP',
    channel: 'MOBILE',
    level: 'TOWNSHIP',
    profile: 'mobile',
    dayWeights: MOBILE_DAYS,
    offline: 0,
  },
  // The county centre keeps a few windows open at weekends (周末不打烊).
  {
    key: 'WINDOW_COUNTY',
    channel: 'WINDOW',
    level: 'COUNTY',
    profile: 'window',
    dayWeights: { WORKDAY: 1, WEEKEND: 0.05, HOLIDAY: 0 },
    offline: 1,
  },
  {
    key: 'WINDOW_TOWNSHIP',
    channel: 'WINDOW',
    level: 'TOWNSHIP',
    profile: 'window',
    dayWeights: COUNTER_DAYS,
    offline: 2,
  },
  {
    key: 'VILLAGE_AGENT',
    channel: 'VILLAGE_AGENT',
    level: 'TOWNSHIP',
    profile: 'village',
    dayWeights: { WORKDAY: 1, WEEKEND: 0.08, HOLIDAY: 0 },
    offline: 4,
  },
  {
    key: 'KIOSK_COUNTY',
    channel: 'SELF_SERVICE',
    level: 'COUNTY',
    profile: 'kiosk',
    dayWeights: { WORKDAY: 1, WEEKEND: 0.6, HOLIDAY: 0.4 },
    offline: 0,
  },
  {
    key: 'KIOSK_TOWNSHIP',
    channel: 'SELF_SERVICE',
    level: 'TOWNSHIP',
    profile: 'kiosk',
    dayWeights: { WORKDAY: 1, WEEKEND: 0.6, HOLIDAY: 0.4 },
    offline: 0,
  },
];
const BANK_KIND = {
  key: 'BANK',
  channel: 'BANK_BRANCH',
  level: 'TOWNSHIP',
  profile: 'bank',
  dayWeights: { WORKDAY: 1, WEEKEND: 0.45, HOLIDAY: 0.2 },
  offline: 0,
} as const;
const CROSS_KIND = {
  key: 'CROSS',
  channel: 'CROSS_PROVINCE',
  level: 'COUNTY',
  profile: 'cross',
  dayWeights: { WORKDAY: 1, WEEKEND: 0.2, HOLIDAY: 0.1 },
  offline: 0,
} as const;

/**
 * Shares of the rest by year, in SHARED_KINDS order. Online and township work grow; the
 * county windows shrink (减窗口 in the 2023 plan); township shares reach the 2023 target.
 */
const SHARES: Record<number, readonly number[]> = {
  2022: [0.238, 0.009, 0.29, 0.011, 0.36, 0.04, 0.017, 0.021, 0.014],
  2023: [0.243, 0.011, 0.302, 0.014, 0.328, 0.044, 0.021, 0.021, 0.016],
  2024: [0.247, 0.012, 0.315, 0.015, 0.308, 0.045, 0.021, 0.021, 0.016],
  2025: [0.25, 0.013, 0.326, 0.016, 0.291, 0.046, 0.021, 0.021, 0.016],
  2026: [0.252, 0.013, 0.336, 0.017, 0.278, 0.046, 0.021, 0.021, 0.016],
};
const sharesOf = (year: number): readonly number[] => SHARES[year] ?? (SHARES[2026] as number[]);

/** Monthly seasonality: Spring Festival dip in February, busy March and year end. */
const SEASON = [1.06, 0.8, 1.12, 1.02, 0.98, 1.03, 1.06, 0.97, 1.05, 0.92, 1.0, 1.05];

/** One segment of the plan: the cases of one kind on one day. */
interface Segment {
  day: Day;
  kind: number;
  /** Which case templates the segment draws from (kind, item pool, open bank branches). */
  variant: number;
  n: number;
  offline: number;
  /** Seconds from the day's start to today (cases cannot move past it). */
  age: number;
  /** Share of the profile (out of U) and last second allowed: less than a full day today. */
  uMax: number;
  secMax: number;
  /** Enterprises registered before the day: ids 1…n. */
  enterprises: number;
  bundleId: number | null;
}

/** A set of case templates: one kind of case drawing from one item pool and set of branches. */
interface Variant {
  index: number;
  kind: number;
  pool: number;
  /** Bank branches open (the first n of the branch list); 0 for other kinds. */
  branches: number;
}

export interface YearFigures {
  year: number;
  total: number;
  oneNetwork: number;
  township: number;
  bankBranch: number;
  crossProvince: number;
  bundle: number;
}

/** An item pool: item codes (negative for enterprise items; partner × 4096 added for cross pairs). */
interface Pool {
  index: number;
  codes: number[];
}

interface Plan {
  kinds: CaseKind[];
  pools: Pool[];
  variants: Variant[];
  segments: Segment[];
  years: YearFigures[];
}

/**
 * The kinds of cases, in plan order: the shared kinds, bank branches, cross-province, then
 * one kind for each bundle, coming in through the bundle's channel.
 */
export function caseKinds(bundles: readonly Bundle[]): CaseKind[] {
  return [
    ...SHARED_KINDS.map((k, index) => ({ ...k, index })),
    { ...BANK_KIND, index: SHARED_KINDS.length, dayWeights: { ...BANK_KIND.dayWeights } },
    { ...CROSS_KIND, index: SHARED_KINDS.length + 1, dayWeights: { ...CROSS_KIND.dayWeights } },
    ...bundles.map((bundle, i) => ({
      index: SHARED_KINDS.length + 2 + i,
      key: `BUNDLE_${bundle.code}`,
      channel: bundle.channel,
      level: 'COUNTY' as const,
      profile: (bundle.channel === 'WINDOW'
        ? 'window'
        : bundle.channel === 'MOBILE'
          ? 'mobile'
          : 'web') as ProfileName,
      dayWeights:
        bundle.channel === 'WINDOW' ? COUNTER_DAYS : bundle.channel === 'MOBILE' ? MOBILE_DAYS : ONLINE_DAYS,
      offline: bundle.channel === 'WINDOW' ? 0.5 : 0,
      bundle,
    })),
  ];
}

/**
 * A year's cases (2022 exact, later years × scale), how many of them are one-network cases,
 * and the cases of each kind of `caseKinds()`: bank, cross-province and bundles first, then
 * the shared kinds' shares of the rest.
 */
export function yearTotals(
  kinds: readonly CaseKind[],
  year: number,
  scale: number,
): { total: number; oneNetwork: number; totals: Map<CaseKind, number> } {
  const days = eachDay(`${year}-01-01`, `${year}-12-31`);
  const bankKind = kinds[SHARED_KINDS.length] as CaseKind;
  const crossKind = kinds[SHARED_KINDS.length + 1] as CaseKind;
  const exact = year === 2022;
  const volume = exact ? null : yearVolume(year);
  const total = exact ? CASES_2022.total : Math.round((volume as YearVolume).total * scale);
  const oneNetwork = exact ? CASES_2022.oneNetwork : Math.ceil(total * (volume as YearVolume).oneNetworkRate);
  const totals = new Map<CaseKind, number>();
  totals.set(bankKind, exact ? CASES_2022.bankBranch : Math.round((volume as YearVolume).bankBranch * scale));
  totals.set(
    crossKind,
    exact ? CASES_2022.crossProvince : Math.round((volume as YearVolume).crossProvince * scale),
  );
  for (const kind of kinds.filter((k) => k.bundle)) {
    const bundle = kind.bundle as Bundle;
    const open = days.filter((d) => d >= bundle.launchedOn).length / days.length;
    const growth = 1 + 0.06 * Math.max(0, year - 2022);
    totals.set(kind, Math.round(bundle.yearlyCases * open * growth * (exact ? 1 : scale)));
  }
  const rest = total - [...totals.values()].reduce((a, b) => a + b, 0);
  allocate(rest, sharesOf(year)).forEach((n, i) => {
    totals.set(kinds[i] as CaseKind, n);
  });
  return { total, oneNetwork, totals };
}

/**
 * The full plan. `enterpriseDays` are the registration days of the enterprises by id
 * order, so the firms registered before a day are ids 1…n.
 */
export function planCases(input: {
  today: Date;
  scale: number;
  catalogue: Catalogue;
  halls: Pick<Halls, 'branches'>;
  enterpriseDays: Day[];
}): Plan {
  const { today, scale, catalogue } = input;
  const todayDay = new Date(today.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  if (todayDay < '2023-01-01')
    throw new Error(`today (${todayDay}) must be in 2023 or later so that 2022 is complete`);
  const nowSecond = Math.floor((today.getTime() - startOfDay(todayDay).getTime()) / 1000);

  const kinds = caseKinds(catalogue.bundles);
  const bankKind = kinds[SHARED_KINDS.length] as CaseKind;
  const crossKind = kinds[SHARED_KINDS.length + 1] as CaseKind;

  const { pools, poolFor } = buildPools(kinds, catalogue);
  const branchDays = input.halls.branches.map((b) => b.openedOn).sort();
  const countBefore = (sorted: Day[], day: Day): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as Day) <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const segments: Segment[] = [];
  const years: YearFigures[] = [];
  const variants: Variant[] = [];
  const variantOf = new Map<string, number>();
  const variantFor = (kind: CaseKind, day: Day): number => {
    const pool = poolFor(kind, day);
    const branches = kind === bankKind ? countBefore(branchDays, day) : 0;
    const key = `${kind.index}/${pool}/${branches}`;
    let index = variantOf.get(key);
    if (index === undefined) {
      index = variants.length;
      variantOf.set(key, index);
      variants.push({ index, kind: kind.index, pool, branches });
    }
    return index;
  };
  for (let year = 2022; year <= yearOf(todayDay); year++) {
    const days = eachDay(`${year}-01-01`, `${year}-12-31`);
    const { total, oneNetwork, totals } = yearTotals(kinds, year, scale);

    // Spread every kind's year over its days.
    const counts = new Map<CaseKind, number[]>();
    for (const [kind, kindTotal] of totals) {
      const weights = days.map((day, doy) => {
        if (kind === bankKind && day < BANK_LAUNCH) return 0;
        if (kind.bundle && day < kind.bundle.launchedOn) return 0;
        return kind.dayWeights[dayKind(day)] * (SEASON[monthOf(day) - 1] ?? 1) * (1 + (0.04 * doy) / 365);
      });
      counts.set(kind, allocate(kindTotal, weights));
    }
    // Paper cases: exactly total − oneNetwork of them, over the counters' days.
    const offlineCells: Array<{ kind: CaseKind; dayIndex: number; n: number }> = [];
    for (const [kind, perDay] of counts) {
      if (kind.offline === 0) continue;
      perDay.forEach((n, dayIndex) => {
        if (n > 0) offlineCells.push({ kind, dayIndex, n });
      });
    }
    const offline = allocate(
      total - oneNetwork,
      offlineCells.map((c) => c.n * c.kind.offline),
      offlineCells.map((c) => c.n),
    );
    const offlineOf = new Map<string, number>();
    offlineCells.forEach((cell, i) => {
      offlineOf.set(`${cell.kind.index}/${cell.dayIndex}`, offline[i] ?? 0);
    });

    const figures: YearFigures = {
      year,
      total: 0,
      oneNetwork: 0,
      township: 0,
      bankBranch: 0,
      crossProvince: 0,
      bundle: 0,
    };
    days.forEach((day, dayIndex) => {
      if (day > todayDay) return;
      const dayStart = startOfDay(day);
      const age = Math.min(2_000_000_000, Math.floor((today.getTime() - dayStart.getTime()) / 1000));
      for (const kind of kinds) {
        let n = counts.get(kind)?.[dayIndex] ?? 0;
        let off = offlineOf.get(`${kind.index}/${dayIndex}`) ?? 0;
        let uMax = U;
        let secMax = 86_400;
        if (day === todayDay) {
          // Today: only the part of the day's profile that has already happened.
          const share = shareBefore(PROFILES[kind.profile], nowSecond);
          uMax = Math.floor(share * U);
          secMax = nowSecond;
          n = Math.floor(n * share);
          off = Math.min(off, n);
        }
        if (n === 0) continue;
        segments.push({
          day,
          kind: kind.index,
          variant: variantFor(kind, day),
          n,
          offline: off,
          age,
          uMax,
          secMax,
          enterprises: Math.max(1, countBefore(input.enterpriseDays, addDays(day, -1))),
          bundleId: kind.bundle?.id ?? null,
        });
        figures.total += n;
        figures.oneNetwork += n - off;
        if (kind.level === 'TOWNSHIP') figures.township += n;
        if (kind === bankKind) figures.bankBranch += n;
        if (kind === crossKind) figures.crossProvince += n;
        if (kind.bundle) figures.bundle += n;
      }
    });
    years.push(figures);
  }
  return { kinds, pools, variants, segments, years };
}

/** How often an item comes in through a channel, relative to the others: the frequent ones six times as often. */
export function itemWeight(item: Pick<Item, 'highFrequency' | 'forEnterprise'>, channel: Channel): number {
  return (
    (item.highFrequency ? 6 : 1) *
    (channel === 'MOBILE' && !item.forEnterprise ? 1.5 : 1) *
    (channel === 'WEB' && item.forEnterprise ? 1.5 : 1)
  );
}

/** How often an item agreed with a partner county is handled across provinces, relative to the others. */
export function crossItemWeight(item: Pick<Item, 'highFrequency'>, bordering: boolean): number {
  return (item.highFrequency ? 4 : 1) * (bordering ? 1.5 : 1);
}

/** A shared kind's cases take the items of its channel at its level (village agents: village items). */
export function offersItem(kind: CaseKind, item: Pick<Item, 'channels' | 'levels'>): boolean {
  const level = kind.key === 'VILLAGE_AGENT' ? 'VILLAGE' : kind.level;
  return item.channels.includes(kind.channel) && item.levels.includes(level);
}

/** Item pools per kind (and per period where the offer changed: bank items, partners). */
function buildPools(kinds: CaseKind[], catalogue: Catalogue) {
  const pools: Pool[] = [];
  const expand = (entries: Array<{ code: number; weight: number }>): number[] => {
    const codes: number[] = [];
    for (const { code, weight } of entries)
      for (let r = 0; r < Math.max(1, Math.round(weight)); r++) codes.push(code);
    return codes;
  };
  const add = (codes: number[]): number => {
    if (codes.length === 0) throw new Error('an empty item pool');
    pools.push({ index: pools.length, codes });
    return pools.length - 1;
  };
  const code = (item: Item) => (item.forEnterprise ? -item.id : item.id);
  const itemPool = (filter: (item: Item) => boolean, channel: Channel) =>
    add(
      expand(
        catalogue.items
          .filter(filter)
          .map((item) => ({ code: code(item), weight: itemWeight(item, channel) })),
      ),
    );

  const fixed = new Map<CaseKind, number>();
  const byPeriod = new Map<CaseKind, Array<{ from: Day; pool: number }>>();
  for (const kind of kinds) {
    if (kind.bundle) {
      fixed.set(kind, add(kind.bundle.itemIds.map((id) => code(catalogue.items[id - 1] as Item))));
    } else if (kind.channel === 'BANK_BRANCH') {
      const periods = [...new Set(catalogue.bankItems.map((i) => i.bankSince as Day))].sort();
      byPeriod.set(
        kind,
        periods.map((from) => ({
          from,
          pool: itemPool((i) => i.bankSince !== null && i.bankSince <= from, 'BANK_BRANCH'),
        })),
      );
    } else if (kind.channel === 'CROSS_PROVINCE') {
      const pairs = catalogue.partners.flatMap((p) => p.items.map((pi) => ({ partner: p, ...pi })));
      const periods = [...new Set(pairs.map((p) => p.agreedOn))].sort();
      byPeriod.set(
        kind,
        periods.map((from) => ({
          from,
          pool: add(
            expand(
              pairs
                .filter((p) => p.agreedOn <= from)
                .map((p) => {
                  const item = catalogue.items[p.itemId - 1] as Item;
                  const signed = p.partner.id * 4096 + item.id;
                  return {
                    code: item.forEnterprise ? -signed : signed,
                    weight: crossItemWeight(item, p.partner.bordering),
                  };
                }),
            ),
          ),
        })),
      );
    } else {
      fixed.set(
        kind,
        itemPool((i) => offersItem(kind, i), kind.channel),
      );
    }
  }
  const poolFor = (kind: CaseKind, day: Day): number => {
    const single = fixed.get(kind);
    if (single !== undefined) return single;
    const periods = byPeriod.get(kind) ?? [];
    let chosen = periods[0]?.pool ?? 0;
    for (const period of periods) if (period.from <= day) chosen = period.pool;
    return chosen;
  };
  return { pools, poolFor };
}

/** SQL choosing a second of the day from a profile: u picks the interval, pos the second in it. */
function profileSql(profile: Profile): string {
  const steps = profileSteps(profile);
  const branch = (s: { from: number; to: number }) =>
    `LEAST(${s.from} + r.pos % GREATEST(LEAST(${s.to}, r.sec_max) - ${s.from}, 1), r.sec_max - 1)`;
  const last = steps[steps.length - 1] as (typeof steps)[number];
  return `CASE ${steps
    .slice(0, -1)
    .map((s) => `WHEN r.u < ${s.upTo} THEN ${branch(s)}`)
    .join(' ')} ELSE ${branch(last)} END`;
}

/** Hash number i of a key k: a non-negative int4 (31 bits), independent for each i. */
const h = (i: number) => `(hashint4(k + ${i}) & 2147483647)`;

/** Unicode code points, so a name is built with chr() from int arrays. */
const codePoints = (chars: readonly string[]) => chars.map((c) => c.codePointAt(0) as number);

/** Templates per variant: the draws a case takes from its variant's template by hash. */
const TEMPLATES = 2048;

/**
 * The case templates: for every variant, TEMPLATES draws of everything about a case but its
 * day and time (item, place, applicant, outcome, durations, rating). A case is a template
 * picked by hash plus its own day, time of day and state at today, which keeps the per-row
 * work small enough for millions of rows on PGlite.
 */
function templateSql(plan: Plan, ids: PlaceIds): string {
  const { kinds, pools, variants } = plan;
  const kindOf = (key: string) => (kinds.find((k) => k.key === key) as CaseKind).index;
  const countyKinds = kinds.filter((k) => k.level === 'COUNTY').map((k) => k.index);
  const poolCase = `CASE a.pool ${pools
    .map((p) => `WHEN ${p.index} THEN (${intArray(p.codes)})[1 + a.pick % ${p.codes.length}]`)
    .join(' ')} END`;
  const surnames = intArray(codePoints(weightedSurnames()));
  const given = intArray(codePoints(GIVEN_CHARS));
  const prefixes = `('{${MOBILE_PREFIXES.join(',')}}'::text[])`;
  const promised = intArray(ids.promisedDays);
  const villageId = intArray(ids.villageId);
  const villageTownship = intArray(ids.villageTownship);
  const townshipKiosk = (values: number[]) => `(${intArray(values)})[1 + a.place % ${values.length}]`;
  const branch = (values: number[]) => `(${intArray(values)})[1 + a.place % GREATEST(a.branches, 1)]`;
  const variantRows = variants
    .map(
      (v) =>
        `(${v.index}, ${v.kind}, ${v.pool}, ${v.branches}, ${quote((kinds[v.kind] as CaseKind).channel)})`,
    )
    .join(', ');
  return `
CREATE TEMP TABLE seed_case_template ON COMMIT DROP AS
SELECT d.variant, d.slot, d.item, d.partner_id, d.region_id, d.township_id, d.point_id, d.applicant, d.ent_pick,
  d.name, d.id_number, d.phone, d.rating,
  -- Seconds from submission to each step; NULL for steps the case never takes.
  d.acc AS to_acc,
  CASE WHEN d.outcome = 'C' THEN d.acc + d.appr END AS to_appr,
  CASE WHEN d.outcome = 'C' THEN d.acc + d.appr + d.comp END AS to_comp,
  CASE d.outcome WHEN 'W' THEN d.acc + d.appr / 3 WHEN 'R' THEN d.acc + d.appr / 2 END AS to_end,
  CASE WHEN d.outcome = 'C' AND d.rating IS NOT NULL THEN d.acc + d.appr + d.comp + d.rate_delay END AS to_rate,
  CASE d.outcome WHEN 'W' THEN 'WITHDRAWN' WHEN 'R' THEN 'REJECTED' END::"CaseStatus" AS ended
FROM (
SELECT b.variant, b.slot, abs(b.code) % 4096 AS item,
  CASE WHEN b.kind = ${kindOf('CROSS')} THEN abs(b.code) / 4096 END AS partner_id,
  CASE
    WHEN b.kind IN (${countyKinds.join(',')}) THEN ${ids.county}
    WHEN b.kind IN (${kindOf('WEB_TOWNSHIP')}, ${kindOf('MOBILE_TOWNSHIP')}) THEN
      CASE WHEN (b.place >> 16) & 7 < 3 THEN (${villageId})[b.v] ELSE (${villageTownship})[b.v] END
    WHEN b.kind = ${kindOf('WINDOW_TOWNSHIP')} THEN (${villageTownship})[b.v]
    WHEN b.kind = ${kindOf('VILLAGE_AGENT')} THEN (${villageId})[b.v]
    WHEN b.kind = ${kindOf('KIOSK_TOWNSHIP')} THEN b.kiosk_township
    WHEN b.kind = ${kindOf('BANK')} THEN b.branch_region
  END AS region_id,
  CASE
    WHEN b.kind IN (${countyKinds.join(',')}) THEN NULL
    WHEN b.kind = ${kindOf('KIOSK_TOWNSHIP')} THEN b.kiosk_township
    WHEN b.kind = ${kindOf('BANK')} THEN b.branch_township
    ELSE (${villageTownship})[b.v]
  END AS township_id,
  CASE
    WHEN b.channel = 'WINDOW' AND b.kind <> ${kindOf('WINDOW_TOWNSHIP')} THEN ${ids.countyHallPoint}
    WHEN b.kind = ${kindOf('WINDOW_TOWNSHIP')} THEN (${intArray(ids.villageHallPoint)})[b.v]
    WHEN b.kind = ${kindOf('VILLAGE_AGENT')} THEN (${intArray(ids.villageStation)})[b.v]
    WHEN b.kind = ${kindOf('KIOSK_COUNTY')} THEN (${intArray(ids.countyKioskPoint)})[1 + b.place % ${ids.countyKioskPoint.length}]
    WHEN b.kind = ${kindOf('KIOSK_TOWNSHIP')} THEN b.kiosk_point
    WHEN b.kind = ${kindOf('BANK')} THEN b.branch_point
  END AS point_id,
  CASE WHEN b.code < 0 THEN 'ENTERPRISE' WHEN (b.ent >> 20) & 63 = 0 THEN 'ORGANISATION' ELSE 'PERSON' END::"ApplicantKind" AS applicant,
  b.ent & 1048575 AS ent_pick,
  chr((${surnames})[1 + (b.who & 255)]) || chr((${given})[1 + ((b.who >> 8) & 127) % ${GIVEN_CHARS.length}])
    || CASE WHEN (b.who >> 15) & 127 < 92 THEN chr((${given})[1 + ((b.who >> 22) & 127) % ${GIVEN_CHARS.length}]) ELSE '' END AS name,
  '${ID_AREA_CODE}' || (19500000 + (b.idn % 54) * 10000 + (1 + (b.idn >> 6) % 12) * 100 + 1 + (b.idn >> 10) % 28)::text
    || lpad(((b.idn >> 15) % 1000)::text, 3, '0') || substr('0123456789X', 1 + (b.idn >> 25) % 11, 1) AS id_number,
  ${prefixes}[1 + (b.tel >> 27)] || lpad(((b.tel & 134217727) % 100000000)::text, 8, '0') AS phone,
  CASE WHEN b.fate & 1023 < 6 THEN 'W' WHEN b.fate & 1023 < 19 THEN 'R' ELSE 'C' END AS outcome,
  CASE WHEN b.channel IN ('WINDOW', 'BANK_BRANCH', 'SELF_SERVICE', 'VILLAGE_AGENT')
       THEN 30 + (b.dur & 65535) % 900 ELSE 600 + (b.dur & 65535) % 64800 END AS acc,
  CASE WHEN (${promised})[abs(b.code) % 4096] = 0 THEN 300 + (b.dur >> 16) % 7200
       ELSE (${promised})[abs(b.code) % 4096] * 864 * (25 + (b.dur >> 16) % 60) END AS appr,
  300 + (b.fin & 131071) % 86400 AS comp,
  600 + (b.fin >> 17) * 10 AS rate_delay,
  CASE WHEN (b.fate >> 10) & 1023 < 430 THEN
    CASE WHEN (b.fate >> 20) & 1023 < 870 THEN 'VERY_SATISFIED' WHEN (b.fate >> 20) & 1023 < 975 THEN 'SATISFIED'
         WHEN (b.fate >> 20) & 1023 < 1006 THEN 'BASICALLY_SATISFIED' WHEN (b.fate >> 20) & 1023 < 1018 THEN 'DISSATISFIED'
         ELSE 'VERY_DISSATISFIED' END::"CitizenRating" END AS rating
FROM (
  SELECT a.*, ${poolCase} AS code,
    ${townshipKiosk(ids.townshipKioskTownship)} AS kiosk_township,
    ${townshipKiosk(ids.townshipKioskPoint)} AS kiosk_point,
    ${branch(ids.branchRegion)} AS branch_region,
    ${branch(ids.branchTownship)} AS branch_township,
    ${branch(ids.branchPoint)} AS branch_point
  FROM (
    SELECT v.variant, v.kind, v.pool, v.branches, v.channel, slot,
      ${h(0)} AS pick,
      (${intArray(ids.villagePick)})[1 + (hashint4(k + 1) & 1023)] AS v,
      ${h(2)} AS place, ${h(3)} AS ent, ${h(4)} AS fate, ${h(5)} AS dur, ${h(6)} AS fin,
      ${h(7)} AS who, ${h(8)} AS idn, ${h(9)} AS tel
    FROM (VALUES ${variantRows}) AS v(variant, kind, pool, branches, channel)
      CROSS JOIN generate_series(0, ${TEMPLATES - 1}) AS slot
      CROSS JOIN LATERAL (SELECT (v.variant * ${TEMPLATES} + slot) * 16 AS k) AS hashed
    OFFSET 0
  ) a
  OFFSET 0
) b
) d`;
}

/**
 * The INSERT … SELECT that turns the segments of one year into cases: each row picks a
 * template of its segment's variant by hash and gets its own time of day; its state
 * follows from how long before today it was submitted (integer seconds, so each instant
 * is computed once). Layers are fenced with OFFSET 0 so hashes and the time of day are
 * computed once per row.
 */
function caseInsertSql(year: number): string {
  const profileCase = `CASE r.profile ${PROFILE_NAMES.map((name, i) => `WHEN ${i} THEN ${profileSql(PROFILES[name])}`).join(' ')} END`;
  // A step happened if it is not after today; its instant is the day's start plus seconds.
  const happened = (step: string) => `b.sec + b.to_${step} <= b.age`;
  const instant = (seconds: string) => `b.day_start + (${seconds}) * interval '1 second'`;
  const at = (step: string) => `CASE WHEN ${happened(step)} THEN ${instant(`b.sec + b.to_${step}`)} END`;
  return `
INSERT INTO "ServiceCase" ("id", "sourceSystem", "externalId", "itemId", "bundleId", "regionId", "townshipId",
  "servicePointId", "partnerRegionId", "channel", "oneNetwork", "applicantKind", "applicantName",
  "applicantIdNumber", "applicantPhone", "enterpriseId", "status", "submittedAt", "acceptedAt", "approvedAt",
  "completedAt", "rejectedAt", "withdrawnAt", "rating", "ratedAt", "createdAt", "updatedAt")
SELECT b.id, 'ywtb', 'YW' || lpad(b.id::text, 10, '0'),
  b.item, b.bundle_id, b.region_id, b.township_id, b.point_id, b.partner_id, b.channel, NOT b.offline,
  b.applicant, b.name, b.id_number, b.phone, b.enterprise_id,
  CASE
    WHEN ${happened('comp')} THEN 'COMPLETED'
    WHEN ${happened('end')} THEN b.ended
    WHEN ${happened('appr')} THEN 'APPROVED'
    WHEN ${happened('acc')} THEN 'ACCEPTED'
    ELSE 'SUBMITTED' END::"CaseStatus",
  ${instant('b.sec')}, ${at('acc')}, ${at('appr')}, ${at('comp')},
  CASE WHEN b.ended = 'REJECTED' THEN ${at('end')} END,
  CASE WHEN b.ended = 'WITHDRAWN' THEN ${at('end')} END,
  CASE WHEN ${happened('rate')} THEN b.rating END, ${at('rate')},
  ${instant('b.sec')},
  ${instant(`b.sec + CASE
    WHEN ${happened('rate')} THEN b.to_rate
    WHEN ${happened('comp')} THEN b.to_comp
    WHEN ${happened('end')} THEN b.to_end
    WHEN ${happened('appr')} THEN b.to_appr
    WHEN ${happened('acc')} THEN b.to_acc
    ELSE 0 END`)}
FROM (
  SELECT r.id, r.offline, r.day_start, r.age, r.channel, r.bundle_id, t.item, t.partner_id, t.region_id,
    t.township_id, t.point_id, t.applicant, t.name, t.id_number, t.phone, t.rating, t.ended,
    t.to_acc, t.to_appr, t.to_comp, t.to_end, t.to_rate,
    CASE WHEN t.applicant = 'ENTERPRISE' THEN 1 + t.ent_pick % r.enterprises END AS enterprise_id,
    ${profileCase} AS sec
  FROM (
    SELECT s.id_start + j AS id, j < s.n_off AS offline, s.variant, s.profile, s.channel, s.bundle_id,
      s.day_start, s.age, s.sec_max, s.enterprises,
      hashint4(k) & ${TEMPLATES - 1} AS slot,
      ((hashint4(k + 1) & 32767) * s.u_max) >> 15 AS u,
      (hashint4(k + 2) & 2147483647) AS pos
    FROM seed_case_segment s
      CROSS JOIN LATERAL generate_series(0, s.n - 1) AS j
      CROSS JOIN LATERAL (SELECT ((s.id_start + j) * 4)::int AS k) AS hashed
    WHERE s.year = ${year}
    OFFSET 0
  ) r
  JOIN seed_case_template t ON t.variant = r.variant AND t.slot = r.slot
  OFFSET 0
) b`;
}

/** Surnames repeated by frequency into 256 slots, the most common first. */
function weightedSurnames(): string[] {
  const weights = SURNAMES.map((_, i) => 1 / (i + 8));
  const counts = allocate(256, weights);
  return SURNAMES.flatMap((s, i) => Array.from({ length: counts[i] ?? 0 }, () => s));
}

/** Ids the case generator looks up by position (arrays are 1-based in SQL). */
interface PlaceIds {
  county: number;
  countyHallPoint: number;
  /** 1024 slots of village positions, by population. */
  villagePick: number[];
  villageId: number[];
  villageTownship: number[];
  villageHallPoint: number[];
  villageStation: number[];
  branchPoint: number[];
  branchRegion: number[];
  branchTownship: number[];
  countyKioskPoint: number[];
  townshipKioskPoint: number[];
  townshipKioskTownship: number[];
  /** Promised days by item id. */
  promisedDays: number[];
}

function placeIds(places: Places, halls: Halls, catalogue: Catalogue): PlaceIds {
  const villages = places.villages;
  const slots = allocate(
    1024,
    villages.map((v) => v.population),
  );
  const branches = [...halls.branches].sort(
    (a, b) => a.openedOn.localeCompare(b.openedOn) || a.pointId - b.pointId,
  );
  const countyKiosks = halls.kiosks.filter((k) => k.townshipId === null);
  const townshipKiosks = halls.kiosks.filter((k) => k.townshipId !== null);
  return {
    county: places.county.id,
    countyHallPoint: halls.countyHall.pointId,
    villagePick: villages.flatMap((_, i) => Array.from({ length: slots[i] ?? 0 }, () => i + 1)),
    villageId: villages.map((v) => v.id),
    villageTownship: villages.map((v) => v.townshipId),
    villageHallPoint: villages.map(
      (v) => halls.townshipHalls.get(v.townshipId)?.pointId ?? halls.countyHall.pointId,
    ),
    villageStation: villages.map((v) => halls.stations.get(v.id) as number),
    branchPoint: branches.map((b) => b.pointId),
    branchRegion: branches.map((b) => b.regionId),
    branchTownship: branches.map((b) => b.townshipId),
    countyKioskPoint: countyKiosks.map((k) => k.pointId),
    townshipKioskPoint: townshipKiosks.map((k) => k.pointId),
    townshipKioskTownship: townshipKiosks.map((k) => k.townshipId as number),
    promisedDays: catalogue.items.map((i) => i.promisedDays),
  };
}

export async function seedCases(
  ctx: SeedContext,
  places: Places,
  catalogue: Catalogue,
  halls: Halls,
  grid: Pick<Grid, 'enterprises'>,
): Promise<YearFigures[]> {
  const plan = planCases({
    today: ctx.today,
    scale: ctx.scale,
    catalogue,
    halls,
    enterpriseDays: grid.enterprises.map((e) => e.registeredOn),
  });
  const ids = placeIds(places, halls, catalogue);
  const { session } = ctx;
  await session.exec(`CREATE TEMP TABLE seed_case_segment (
    year int, id_start int, n int, n_off int, variant int, profile int, channel "Channel",
    bundle_id int, day_start timestamptz, age int, u_max int, sec_max int, enterprises int
  ) ON COMMIT DROP`);
  let nextId = 1;
  const rows = plan.segments.map((s) => {
    const kind = plan.kinds[s.kind] as CaseKind;
    const row = [
      yearOf(s.day),
      nextId,
      s.n,
      s.offline,
      s.variant,
      PROFILE_NAMES.indexOf(kind.profile),
      quote(kind.channel),
      s.bundleId,
      startOfDay(s.day),
      s.age,
      s.uMax,
      s.secMax,
      s.enterprises,
    ].map((v) => (typeof v === 'string' ? v : literal(v)));
    nextId += s.n;
    return `(${row.join(', ')})`;
  });
  for (let i = 0; i < rows.length; i += 2000) {
    await session.exec(`INSERT INTO seed_case_segment VALUES ${rows.slice(i, i + 2000).join(',\n')}`);
  }
  await session.exec(templateSql(plan, ids));
  await session.exec('ANALYZE seed_case_segment, seed_case_template');
  // The template join hashes all templates in memory, keeping the cases in id order (a merge
  // join would sort them); index builds sort the whole table.
  await session.exec(`SET LOCAL work_mem = '64MB'`);
  await session.exec('SET LOCAL enable_mergejoin = off');
  await session.exec(`SET LOCAL maintenance_work_mem = '512MB'`);
  let loaded = Date.now();
  await bulkLoad(session, 'ServiceCase', async () => {
    for (const figures of plan.years) {
      const started = Date.now();
      await session.exec(caseInsertSql(figures.year));
      ctx.log(`cases ${figures.year}: ${figures.total.toLocaleString('en')} in ${Date.now() - started} ms`);
    }
    loaded = Date.now();
  });
  ctx.log(`cases: indexes and foreign keys recreated in ${Date.now() - loaded} ms`);
  await session.exec('RESET enable_mergejoin');
  return plan.years;
}
