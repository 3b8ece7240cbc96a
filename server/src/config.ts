import { resolve } from 'node:path';
import { z } from 'zod';
import { insecureSecretReason, minimumSecretLength } from './auth.ts';
import { defaultLogRetentionDays } from './logger.ts';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgresql://')
    .optional(),
  HUB_DATA_DIR: z.string().default('./data'),
  REDIS_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `auto` seeds an empty database at start; `off` never does. */
  HUB_SEED: z.enum(['auto', 'off']).default('auto'),
  /** Unset: seedScaleFor() picks by database. */
  HUB_SEED_SCALE: z.coerce.number().positive().optional(),
  /** Signs bearer tokens (HS256); required in production, a fixed development secret otherwise. */
  HUB_JWT_SECRET: z.string().optional(),
  /** A query still running after this long is answered with REQUEST_TIMEOUT. */
  HUB_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /**
   * At most one recomputation of a live query (a screen's KPIs) per this many milliseconds: a
   * write waits for the next slot, so pushes arrive within this plus the recomputation's time.
   */
  HUB_LIVE_THROTTLE_MS: z.coerce.number().int().min(0).max(60_000).default(250),
  /**
   * New cases reach the overview without a recomputation (schema/services/case-facts.ts): at most one such
   * push per live query per this many milliseconds, the first of a burst at once.
   */
  HUB_LIVE_PATCH_MS: z.coerce.number().int().min(0).max(60_000).default(100),
  /**
   * How far V8 lets the heap grow past what survived the last full collection before the next
   * one (percent; 0 leaves V8's own choice). Serving a wall of screens allocates fast, and V8
   * then waits until the heap is 3–4 times its live size: bench:realtime measured a peak RSS of
   * 711 MB at 1,000 screens, 416 MB with 40 %, at the same delays.
   */
  HUB_HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(300).default(40),
  /** Audit rows older than this many days are deleted, once a day (audit.ts); half a year. */
  HUB_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(183),
  /** Also write the logs to daily files in this folder (logger.ts). */
  HUB_LOG_DIR: z.string().optional(),
  /** Log files older than this many days are deleted as new ones begin (with HUB_LOG_DIR). */
  HUB_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).default(defaultLogRetentionDays),
});

export type Config = z.infer<typeof schema> & { dataDir: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `invalid ${issue?.path.join('.') ?? 'configuration'}: ${issue?.message ?? 'unknown'}`,
    );
  }
  const insecure =
    parsed.data.NODE_ENV === 'production' ? insecureSecretReason(parsed.data.HUB_JWT_SECRET) : null;
  if (insecure) {
    throw new ConfigError(
      `${insecure}; production needs a random secret of at least ${minimumSecretLength} characters (e.g. openssl rand -base64 48)`,
    );
  }
  return { ...parsed.data, dataDir: resolve(parsed.data.HUB_DATA_DIR) };
}

/**
 * Case volume of the years after 2022 when HUB_SEED_SCALE is unset (2022 is always exact).
 * PostgreSQL gets the realistic ≈ 400,000 cases a year. The embedded database gets half of
 * that, so the first start stays within a minute: the full volume (≈ 2 million cases) took
 * 79–108 s on PGlite on a 2-core machine, half of it (≈ 1.2 million) 47 s.
 */
export function seedScaleFor(config: Pick<Config, 'HUB_SEED_SCALE'>, kind: 'pglite' | 'postgres'): number {
  return config.HUB_SEED_SCALE ?? (kind === 'pglite' ? 0.5 : 1);
}
