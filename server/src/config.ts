import { resolve } from 'node:path';
import { z } from 'zod';

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
  HUB_SEED_SCALE: z.coerce.number().positive().default(1),
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
  return { ...parsed.data, dataDir: resolve(parsed.data.HUB_DATA_DIR) };
}
