// One pino logger for the hub. With HUB_LOG_DIR set, the lines also go to files there, one a
// day (hub.<date>.<n>.log, `current.log` pointing at today's); when a new day's file begins,
// all but the newest HUB_LOG_RETENTION_DAYS files (default 183, half a year) are deleted.
// Standard output keeps every line either way, for journald or docker logs.
import { resolve } from 'node:path';
import { pino, type TransportTargetOptions } from 'pino';

const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');

/** Days of log files kept when HUB_LOG_DIR is set. */
export const defaultLogRetentionDays = 183;

/**
 * pino-roll's options for the hub's log files. `frequency` is a day in production; the
 * retention test rolls sooner.
 */
export function logFileOptions(dir: string, retentionDays: number, frequency: 'daily' | number = 'daily') {
  return {
    file: resolve(dir, 'hub'),
    extension: '.log',
    frequency,
    dateFormat: 'yyyy-MM-dd',
    mkdir: true,
    symlink: true,
    // `count` files besides the current one; files of earlier runs count too.
    limit: { count: retentionDays - 1, removeOtherLogFiles: true },
  };
}

function destination(dir: string | undefined) {
  if (!dir) return undefined;
  const targets: TransportTargetOptions[] = [
    { target: 'pino/file', level, options: { destination: 1 } },
    {
      target: 'pino-roll',
      level,
      // config.ts refuses a bad retention at start.
      options: logFileOptions(dir, Number(process.env.HUB_LOG_RETENTION_DAYS) || defaultLogRetentionDays),
    },
  ];
  return pino.transport({ targets });
}

const logDestination = destination(process.env.HUB_LOG_DIR);

export const logger = logDestination
  ? pino({ level, base: { service: 'county-ops-hub' } }, logDestination)
  : pino({ level, base: { service: 'county-ops-hub' } });

export type Logger = typeof logger;
