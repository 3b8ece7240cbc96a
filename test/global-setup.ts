// Runs once per Vitest run, outside the workers: makes sure the services the suites need
// answer (under CI=true a missing one fails the run) and drops test databases left behind.
import pg from 'pg';

const adminUrl = process.env.HUB_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function dropTestDatabases(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'hub\\_test\\_%'`,
    );
    // Names carry the creating process's pid (test/fixtures/database.ts): drop only those of
    // processes that are gone, so runs going on side by side keep their databases.
    for (const { datname } of rows) {
      const pid = Number(/^hub_test_(\d+)_/.exec(datname)?.[1]);
      if (pid && isAlive(pid)) continue;
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

export async function setup(): Promise<void> {
  if (process.env.HUB_TEST_DB === 'postgres') {
    try {
      await dropTestDatabases();
    } catch (error) {
      throw new Error(`PostgreSQL at ${adminUrl} does not answer: ${(error as Error).message}`);
    }
  }
}

export async function teardown(): Promise<void> {
  // The workers have exited by now, so their databases count as left behind.
  if (process.env.HUB_TEST_DB === 'postgres') await dropTestDatabases();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
