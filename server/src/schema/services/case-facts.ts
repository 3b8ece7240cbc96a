// New cases the live hub heard of, added to the overview's kept case counts without reading the
// rollups again: a case received reaches the big screen's headline figures as soon as its write
// has committed, while the recomputation from the rollups stays at most one per live query per
// throttle window (live/hub.ts). Which cases a kept count already holds is told exactly by the
// writing transaction's id against the snapshot the count was computed in, so a case is never
// counted twice, and the next recomputation replaces the sum with the database's own.
import type { Day } from '../../kpi/period.ts';

/**
 * What the live hub hands to the live queries it computes, as their root value (live/leader.ts):
 * the cases it heard of, to add to kept case counts. With `keptOnly`, figures that would need a
 * statement over the tables throw NotKept instead (the hub then waits for its throttled
 * recomputation). A query from anyone else has no such root and computes as usual.
 */
export interface LiveCases {
  facts: CaseFacts;
  keptOnly: boolean;
}

export interface LiveRoot {
  liveCases: LiveCases;
}

/** The live hub's cases, when the root value is the hub's (a Query field's parent). */
export function liveCasesOf(root: unknown): LiveCases | null {
  return typeof root === 'object' && root !== null && 'liveCases' in root
    ? (root as LiveRoot).liveCases
    : null;
}

/**
 * Cases a committed write created, as the rollups count them (see the kpi_case_rollup trigger):
 * one fact per kind of case the write created, with how many.
 */
export interface CaseFact {
  /** The writing transaction (pg_current_xact_id()), to tell whether a snapshot holds it. */
  xid: string;
  /** The Asia/Shanghai day the case was submitted. */
  day: Day;
  /** The path of the case's township, or of its own region for a case without one. */
  areaPath: string;
  townshipCase: boolean;
  channel: string;
  oneNetwork: boolean;
  cases: number;
}

/** The overview's case counts, as its statement sums them from the rollups. */
export interface CaseCounters {
  today: number;
  month: number;
  year: number;
  oneNetwork: number;
  township: number;
  bank: number;
  cross: number;
  yearAgo: number;
}

/** The periods the counters cover (first and last day, both included). */
export interface CounterPeriods {
  day: { from: Day; to: Day };
  month: { from: Day; to: Day };
  year: { from: Day; to: Day };
  yearAgo: { from: Day; to: Day };
}

/** Counts computed for one region from the rollups, in one snapshot. */
export interface KeptCounters {
  counters: CaseCounters;
  /** pg_current_snapshot() of the statement that summed them. */
  snapshot: string;
  /** The region's path; null when the caller may not see it (nothing is added then). */
  regionPath: string | null;
  /** When they were computed (wall time): the fast path uses only recent ones. */
  at: number;
  /** The figures last handed out from them and since when they have been the same. */
  shown: { text: string; asOf: Date } | null;
}

/** Whether a committed transaction's writes are visible in a snapshot (pg_visible_in_snapshot). */
export function inSnapshot(snapshot: string, xid: string): boolean {
  const [xmin = '0', xmax = '0', running = ''] = snapshot.split(':');
  const id = BigInt(xid);
  if (id < BigInt(xmin)) return true;
  if (id >= BigInt(xmax)) return false;
  return !running.split(',').includes(xid);
}

const within = (day: Day, range: { from: Day; to: Day }) => day >= range.from && day <= range.to;

/** The counters with the cases added that fall in the region and the periods. */
export function addCases(
  kept: Pick<KeptCounters, 'counters' | 'regionPath'>,
  facts: readonly CaseFact[],
  periods: CounterPeriods,
): CaseCounters {
  const counters = { ...kept.counters };
  const regionPath = kept.regionPath;
  if (regionPath === null) return counters;
  for (const fact of facts) {
    if (!fact.areaPath.startsWith(regionPath)) continue;
    const n = fact.cases;
    if (within(fact.day, periods.day)) counters.today += n;
    if (within(fact.day, periods.month)) counters.month += n;
    if (within(fact.day, periods.yearAgo)) counters.yearAgo += n;
    if (!within(fact.day, periods.year)) continue;
    counters.year += n;
    if (fact.oneNetwork) counters.oneNetwork += n;
    if (fact.townshipCase) counters.township += n;
    if (fact.channel === 'BANK_BRANCH') counters.bank += n;
    if (fact.channel === 'CROSS_PROVINCE') counters.cross += n;
  }
  return counters;
}

/**
 * The cases heard of lately (kept for `keepMs`) and the overview counts computed lately, by
 * statement. One per live hub; the hub hands it to the computations it runs (LiveCases).
 */
export class CaseFacts {
  private facts: Array<{ fact: CaseFact; at: number }> = [];
  private readonly kept = new Map<string, KeptCounters>();

  constructor(readonly keepMs = 60_000) {}

  add(facts: readonly CaseFact[]): void {
    const now = Date.now();
    for (const fact of facts) this.facts.push({ fact, at: now });
    const oldest = this.facts.findIndex(({ at }) => now - at <= this.keepMs);
    if (oldest > 0) this.facts = this.facts.slice(oldest);
    else if (oldest < 0) this.facts = [];
  }

  /** The cases heard of that a count computed in `snapshot` lacks. */
  missingFrom(snapshot: string): CaseFact[] {
    return this.facts.filter(({ fact }) => !inSnapshot(snapshot, fact.xid)).map(({ fact }) => fact);
  }

  keep(key: string, counters: Omit<KeptCounters, 'shown' | 'at'>): KeptCounters {
    const shown = this.kept.get(key)?.shown ?? null;
    const entry = { ...counters, at: Date.now(), shown };
    this.kept.set(key, entry);
    if (this.kept.size > 256) {
      const oldest = this.kept.keys().next().value;
      if (oldest !== undefined) this.kept.delete(oldest);
    }
    return entry;
  }

  /** Counts computed within the time cases are kept: every case they lack is still known. */
  recent(key: string): KeptCounters | null {
    const entry = this.kept.get(key);
    return entry && Date.now() - entry.at < this.keepMs / 2 ? entry : null;
  }

  /** A write to cases nobody described (an import, an update, SQL by hand): recompute first. */
  forget(): void {
    this.kept.clear();
  }
}
