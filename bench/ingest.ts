// Bulk ingest through the API: 10 batches of 5,000 new service cases pushed one after another by
// an INTEGRATION token with `upsertServiceCases`, over HTTP to a hub on PostgreSQL (production
// settings: NODE_ENV=production), then the same batches replayed, then 10 more batches from two
// pushers at once. Prints cases per second, and the CPU time each batch took in the hub's process
// and in its PostgreSQL backends (read from /proc when PostgreSQL runs on this machine): wall time
// moves with whatever else the machine runs, CPU time much less. A throwaway database is created
// and dropped.
//
//   pnpm bench:ingest                  # PostgreSQL at 127.0.0.1:5432 (user postgres)
//   HUB_BENCH_PG_URL=postgresql://… pnpm bench:ingest
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { mintToken } from '../server/src/auth.ts';
import { openDatabase } from '../server/src/db.ts';
import type { PrismaClient } from '../server/src/generated/prisma/client.ts';
import { logger } from '../server/src/logger.ts';
import { migrate } from '../server/src/migrate.ts';
import { createHubServer } from '../server/src/server.ts';

const BATCHES = 10;
const BATCH_SIZE = 5000;
const adminUrl = process.env.HUB_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const secret = 'bench-ingest-secret-0123456789abcdef0123456789';

async function withAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** CPU milliseconds the PostgreSQL backends of a database have used so far; null when unreadable. */
async function backendCpuMs(admin: pg.Client, database: string): Promise<number | null> {
  const { rows } = await admin.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [database],
  );
  let ticks = 0;
  try {
    for (const { pid } of rows) {
      // /proc/<pid>/stat: utime and stime are fields 14 and 15, in clock ticks (1/100 s).
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    }
  } catch {
    return null;
  }
  return ticks * 10;
}

/** A county with 20 townships of 10 villages each, one department and three items. */
async function referenceData(prisma: PrismaClient): Promise<string[]> {
  const region = async (
    code: string,
    level: 'COUNTY' | 'TOWNSHIP' | 'VILLAGE',
    parent?: { id: number; path: string },
  ) => {
    const kind = level === 'COUNTY' ? 'COUNTY' : level === 'TOWNSHIP' ? 'TOWN' : 'VILLAGE';
    const created = await prisma.region.create({
      data: { code, name: `区划${code}`, level, kind, parentId: parent?.id ?? null, path: '' },
    });
    return prisma.region.update({
      where: { id: created.id },
      data: { path: `${parent?.path ?? '/'}${created.id}/` },
    });
  };
  const county = await region('339901000000', 'COUNTY');
  const codes = [county.code];
  for (let t = 0; t < 20; t += 1) {
    const township = await region(`3399011${String(t).padStart(2, '0')}000`, 'TOWNSHIP', county);
    codes.push(township.code);
    for (let v = 0; v < 10; v += 1) {
      codes.push(
        (
          await region(
            `3399011${String(t).padStart(2, '0')}2${String(v).padStart(2, '0')}`,
            'VILLAGE',
            township,
          )
        ).code,
      );
    }
  }
  const department = await prisma.department.create({
    data: { code: 'D-MSR', name: '县市场监督管理局', shortName: '市场监管' },
  });
  await prisma.serviceItem.createMany({
    data: ['I-01', 'I-02', 'I-03'].map((code) => ({
      code,
      name: `事项${code}`,
      departmentId: department.id,
      allowedChannels: ['WEB' as const, 'MOBILE' as const, 'WINDOW' as const],
      allowedLevels: ['COUNTY' as const, 'TOWNSHIP' as const],
      legalDays: 15,
      promisedDays: 3,
    })),
  });
  return codes;
}

function batchOf(batch: number, regions: string[]) {
  const channels = ['WEB', 'MOBILE', 'WINDOW'];
  return Array.from({ length: BATCH_SIZE }, (_, i) => {
    const n = batch * BATCH_SIZE + i;
    const submitted = Date.UTC(2025, 0, 1) + n * 37_000;
    const at = (seconds: number) => new Date(submitted + seconds * 1000).toISOString();
    return {
      externalId: `YW${String(n).padStart(10, '0')}`,
      itemCode: `I-0${(n % 3) + 1}`,
      regionCode: regions[n % regions.length],
      channel: channels[n % 3],
      oneNetwork: n % 50 !== 0,
      applicantKind: 'PERSON',
      applicantName: '张三',
      applicantIdNumber: '330000199001010011',
      applicantPhone: '13800000000',
      status: 'COMPLETED',
      submittedAt: at(0),
      acceptedAt: at(600),
      approvedAt: at(3600),
      completedAt: at(7200),
    };
  });
}

const mutation = `mutation ($input: [ServiceCaseInput!]!) {
  upsertServiceCases(input: $input) { total created updated unchanged }
}`;

async function main(): Promise<void> {
  const name = `hub_bench_${process.pid}_${Date.now().toString(36)}`;
  await withAdmin(`CREATE DATABASE "${name}"`);
  const db = await openDatabase({ url: adminUrl.replace(/\/[^/]*$/, `/${name}`), poolSize: 4 });
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  logger.level = 'warn';
  const hub = createHubServer({ db, secret, logger, dashboardDir: '/nonexistent/dist' });
  try {
    await migrate(db);
    const regions = await referenceData(db.prisma);
    const port = await hub.listen(0, '127.0.0.1');
    const token = await mintToken(secret, {
      subject: 'bench',
      role: 'INTEGRATION',
      sourceSystem: 'one-network',
    });
    const batches = Array.from({ length: BATCHES }, (_, b) =>
      JSON.stringify({ query: mutation, variables: { input: batchOf(b, regions) } }),
    );

    const push = async (body: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      const result = (await response.json()) as {
        data?: { upsertServiceCases: Record<string, number> };
        errors?: unknown;
      };
      if (!result.data) throw new Error(`batch refused: ${JSON.stringify(result.errors).slice(0, 500)}`);
      return result.data.upsertServiceCases;
    };

    const run = async (label: string, expect: 'created' | 'unchanged') => {
      const times: number[] = [];
      const hubCpu: number[] = [];
      const databaseCpu: Array<number | null> = [];
      for (const body of batches) {
        const start = performance.now();
        const cpu = process.cpuUsage();
        const backends = await backendCpuMs(admin, name);
        const summary = await push(body);
        times.push(performance.now() - start);
        const used = process.cpuUsage(cpu);
        hubCpu.push((used.user + used.system) / 1000);
        const after = await backendCpuMs(admin, name);
        databaseCpu.push(backends === null || after === null ? null : after - backends);
        if (summary[expect] !== BATCH_SIZE)
          throw new Error(`${label}: expected ${BATCH_SIZE} ${expect}, got ${JSON.stringify(summary)}`);
      }
      const seconds = times.reduce((sum, t) => sum + t, 0) / 1000;
      const perBatch = times.map((t) => `${Math.round(t)}`).join(' ');
      const median = (values: number[]) =>
        [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
      const known = databaseCpu.filter((ms): ms is number => ms !== null);
      console.log(
        `${label}: ${BATCHES} × ${BATCH_SIZE} cases in ${seconds.toFixed(2)} s = ${Math.round((BATCHES * BATCH_SIZE) / seconds)} cases/s (ms per batch: ${perBatch})`,
      );
      console.log(
        `${' '.repeat(label.length)}  CPU per batch (median): hub ${Math.round(median(hubCpu))} ms, PostgreSQL ${known.length === BATCHES ? `${Math.round(median(known))} ms` : 'n/a'}; best batch ${Math.round(Math.min(...times))} ms = ${Math.round(BATCH_SIZE / (Math.min(...times) / 1000))} cases/s`,
      );
    };

    await run('new cases ', 'created');
    await run('replayed  ', 'unchanged');

    // Two pushers at once, 10 more batches of new cases: the hub's work and the database's overlap.
    const more = Array.from({ length: BATCHES }, (_, b) =>
      JSON.stringify({ query: mutation, variables: { input: batchOf(BATCHES + b, regions) } }),
    );
    const start = performance.now();
    await Promise.all(
      [0, 1].map(async (pusher) => {
        for (let b = pusher; b < more.length; b += 2) await push(more[b] as string);
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `two pushers: ${BATCHES} × ${BATCH_SIZE} new cases in ${seconds.toFixed(2)} s = ${Math.round((BATCHES * BATCH_SIZE) / seconds)} cases/s`,
    );
    const [stored] = await db.sql.query<{ cases: number; audits: number }>(
      'SELECT (SELECT count(*) FROM "ServiceCase")::int AS cases, (SELECT count(*) FROM "AuditLog")::int AS audits',
    );
    console.log(`stored: ${stored?.cases} cases, ${stored?.audits} audit rows`);
  } finally {
    await hub.stop();
    await db.close();
    await admin.end();
    await withAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

await main();
