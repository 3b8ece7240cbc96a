import { ConfigError } from '../config.ts';
import { DatabaseUnavailableError } from '../db.ts';
import { MigrationError } from '../migrate.ts';

/** Errors an operator fixes from one line: no stack trace for them. */
export function isOperatorError(error: unknown): error is Error {
  return (
    error instanceof ConfigError ||
    error instanceof DatabaseUnavailableError ||
    error instanceof MigrationError ||
    (error instanceof Error && error.name === 'SeedRefusedError')
  );
}

/** Runs a command: one clear stderr line and exit code 1 on failure. */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    console.error(
      `hub: ${isOperatorError(error) ? error.message : ((error as Error).stack ?? String(error))}`,
    );
    process.exit(1);
  }
}
