// Deterministic randomness for the seed. Every domain draws from its own named stream, so
// adding rows to one domain never shifts the data of another, and the same inputs always
// give the same database.

/** A seeded pseudo-random generator (sfc32) with the helpers the seed needs. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One of items, chosen with the given relative weights. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** A new array with the items in random order. */
  shuffle<T>(items: readonly T[]): T[];
  /** Approximately normal (sum of uniforms), clamped to [min, max]. */
  normal(mean: number, sd: number, min?: number, max?: number): number;
}

/** The version of the generated data; change it when the data changes on purpose. */
export const SEED_VERSION = '1';

/** 128-bit string hash (cyrb128) used to seed a stream from its name. */
function hashKey(key: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < key.length; i++) {
    const k = key.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** A stream named after what it generates, e.g. `randomStream('credit/blacklist')`. */
export function randomStream(name: string): Random {
  let [a, b, c, d] = hashKey(`county-ops-hub/seed/v${SEED_VERSION}/${name}`);
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Discard the first outputs: sfc32 needs a few rounds to mix a fresh state.
  for (let i = 0; i < 15; i++) next();
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted: (items, weights) => {
      const total = weights.reduce((sum, w) => sum + w, 0);
      let x = next() * total;
      for (let i = 0; i < items.length; i++) {
        x -= weights[i] ?? 0;
        if (x < 0) return items[i] as (typeof items)[number];
      }
      return items[items.length - 1] as (typeof items)[number];
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
      }
      return out;
    },
    normal: (mean, sd, min = -Infinity, max = Infinity) => {
      const z = next() + next() + next() + next() + next() + next() - 3;
      return Math.min(max, Math.max(min, mean + z * sd * Math.SQRT2));
    },
  };
  return random;
}

/**
 * Splits `total` into integer parts proportional to `weights` (largest remainder), so the
 * parts always add up to exactly `total`. Ties go to the earlier index. Optional caps bound
 * each part; what a capped part cannot take goes to the others.
 */
export function allocate(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`cannot allocate ${total}`);
  const parts = weights.map(() => 0);
  let remaining = total;
  let open = weights.map((w, i) => (w > 0 && (caps?.[i] ?? Infinity) > 0 ? i : -1)).filter((i) => i >= 0);
  while (remaining > 0) {
    if (open.length === 0) throw new Error(`cannot allocate ${total}: the caps are too small`);
    const weightSum = open.reduce((sum, i) => sum + (weights[i] ?? 0), 0);
    const quotas = open.map((i) => (remaining * (weights[i] ?? 0)) / weightSum);
    const grant = open.map((i, k) =>
      Math.min(Math.floor(quotas[k] ?? 0), (caps?.[i] ?? Infinity) - (parts[i] ?? 0)),
    );
    let granted = grant.reduce((sum, g) => sum + g, 0);
    // Hand out what flooring left over, largest fractional part first.
    const order = open
      .map((_, k) => ({ k, frac: (quotas[k] ?? 0) - Math.floor(quotas[k] ?? 0) }))
      .sort((x, y) => y.frac - x.frac || x.k - y.k);
    for (const { k } of order) {
      if (granted >= remaining) break;
      const i = open[k] as number;
      if ((parts[i] ?? 0) + (grant[k] ?? 0) < (caps?.[i] ?? Infinity)) {
        grant[k] = (grant[k] ?? 0) + 1;
        granted++;
      }
    }
    open.forEach((i, k) => {
      parts[i] = (parts[i] ?? 0) + (grant[k] ?? 0);
    });
    remaining -= granted;
    open = open.filter((i) => (parts[i] ?? 0) < (caps?.[i] ?? Infinity));
  }
  if (remaining !== 0) throw new Error(`allocation of ${total} overshot by ${-remaining}`);
  return parts;
}

/** Rounds to a number of decimals, for scores and rates stored as Decimal. */
export function round(value: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
