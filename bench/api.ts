// `pnpm bench:api`: the big screen's read path under load, on PostgreSQL with over a million
// cases. Reuses the seeded benchmark database (hub_bench by default) when it holds enough
// cases, else seeds it (`--scale 3` gives about 5.3 million); applies the migrations (the KPI
// rollups are backfilled by theirs); starts the hub (createHubServer + listen(0)); then runs
// 10 concurrent clients of
//   bare yoga  { hello } on a plain graphql-yoga server in the same process: the floor any
//              Yoga server has on this machine (no auth, no limits, no database)
//   baseline   { __typename } on the hub: its HTTP + GraphQL stack with auth and limits
//   overview   the screen's headline figures
//   ranking    the townships ranked by one-network rate this year, with rank changes
// and prints p50/p95/p99 latency, throughput, and each figure's throughput against both
// baselines. With --writes N an integration pushes N bulk writes a second (--batch cases each,
// through upsertServiceCases) while the hub's figures are measured, so kept answers are
// recomputed as on a working day. Figures only: nothing here passes or fails on time.
//   pnpm bench:api [--url postgresql://…/hub_bench] [--scale 3] [--seconds 10] [--clients 10]
//                  [--writes 10] [--batch 5]
import { createServer } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createSchema, createYoga } from 'graphql-yoga';
import pg from 'pg';
import { seedDatabase } from '../prisma/seed/index.ts';
import { mintToken } from '../server/src/auth.ts';
import { openDatabase } from '../server/src/db.ts';
import { migrate } from '../server/src/migrate.ts';
import { createHubServer } from '../server/src/server.ts';

const { values } = parseArgs({
  options: {
    url: {
      type: 'string',
      default: process.env.HUB_BENCH_URL ?? 'postgresql://postgres@127.0.0.1:5432/hub_bench',
    },
    scale: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    clients: { type: 'string', default: '10' },
    writes: { type: 'string', default: '0' },
    batch: { type: 'string', default: '5' },
  },
});
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const minimumCases = 1_000_000;
const seedToday = new Date('2026-11-28T12:00:00+08:00');

const queries = {
  baseline: '{ __typename }',
  overview: `{ overview {
    today casesToday casesThisMonth casesThisYear casesYearOnYearPercent
    oneNetworkRate { value target status } caseVolume { value target progress status }
    townshipCases { value target expectedToDate progress status }
    bankBranchCasesThisYear crossProvinceCasesThisYear slipsOpen slipsOverdue problemsOpen
    blacklistListed blacklistRatio fundsPaidThisYear { yuan wanYuan } fundBeneficiariesThisYear
    evaluation { year score rank rankOf } monitoring { month rank rankOf } asOf } }`,
  ranking: `{ caseStatistics(groupBy: CHILD_REGION, rankBy: ONE_NETWORK_RATE) {
    period { label } rows { key label current { cases oneNetworkRate } rank previousRank rankChange } asOf } }`,
};

async function ensureDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) {
      console.log(`creating database ${name}`);
      await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    }
  } finally {
    await admin.end();
  }
}

async function prepare(url: string) {
  await ensureDatabase(url);
  const db = await openDatabase({ url, poolSize: 10 });
  const report = await migrate(db);
  if (report.applied.length > 0) console.log(`migrations applied: ${report.applied.join(', ')}`);
  const [seeded] = await db.sql.query<{ cases: string; done: boolean; today: string | null }>(
    `SELECT (SELECT count(*) FROM "ServiceCase")::text AS cases,
            EXISTS (SELECT 1 FROM "HubMeta" WHERE key = 'seed.completedAt') AS done,
            (SELECT value FROM "HubMeta" WHERE key = 'seed.today') AS today`,
  );
  let today = seeded?.today ? new Date(seeded.today) : seedToday;
  if (!seeded?.done || Number(seeded.cases) < minimumCases) {
    if (Number(seeded?.cases ?? 0) > 0 || seeded?.done) {
      console.log('the benchmark database is incomplete or too small: emptying it');
      await db.sql.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      await migrate(db);
    }
    console.log(`seeding at scale ${values.scale} (a few minutes) …`);
    const seed = await seedDatabase(db, {
      scale: Number(values.scale),
      today: seedToday,
      log: (line) => console.log(line),
    });
    today = new Date(seed.today);
  }
  const [sizes] = await db.sql.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM "ServiceCase")::text AS cases, (SELECT count(*) FROM "KpiAreaDay")::text AS "areaDays",
            (SELECT count(*) FROM "KpiAreaMonth")::text AS "areaMonths", (SELECT count(*) FROM "KpiCaseDay")::text AS "channelDays",
            (SELECT count(*) FROM "KpiCaseItemMonth")::text AS "itemMonths"`,
  );
  console.log(
    `database ${db.location}: ${Number(sizes?.cases).toLocaleString('en')} cases; rollup rows: area×day ${sizes?.areaDays}, area×month ${sizes?.areaMonths}, channel×day ${sizes?.channelDays}, item×month ${sizes?.itemMonths}`,
  );
  return { db, today };
}

/**
 * The clients: `connections` keep-alive connections in a worker thread, each sending its next
 * request when the last answer arrived. Two threads share the clients, so the clients neither
 * run on the server's event loop nor crowd a small machine with one thread each.
 */
const clientSource = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, token, query, until, warmupUntil, connections } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const body = JSON.stringify({ query });
const latencies = [];
let errors = 0;
let firstError = null;
function once() {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent, headers: {
      'content-type': 'application/json', accept: 'application/graphql-response+json',
      authorization: 'Bearer ' + token, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        if (res.statusCode !== 200 || text.includes('"errors"')) { errors++; firstError = firstError || text.slice(0, 500); }
        resolve(Number(process.hrtime.bigint() - started) / 1e6);
      });
    });
    req.on('error', () => { errors++; resolve(null); });
    req.end(body);
  });
}
async function client() {
  while (Date.now() < warmupUntil) await once();
  while (Date.now() < until) {
    const ms = await once();
    if (ms !== null) latencies.push(ms);
  }
}
Promise.all(Array.from({ length: connections }, client)).then(() => {
  agent.destroy();
  parentPort.postMessage({ latencies, errors, firstError });
});
`;

const CLIENT_THREADS = 2;

interface Result {
  name: string;
  requests: number;
  errors: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function load(name: string, query: string, port: number, token: string): Promise<Result> {
  const warmupUntil = Date.now() + Number(values.warmup) * 1000;
  const until = warmupUntil + seconds * 1000;
  const threads = Math.min(CLIENT_THREADS, clients);
  const outcomes = await Promise.all(
    Array.from({ length: threads }, (_, i) => {
      const connections = Math.floor(clients / threads) + (i < clients % threads ? 1 : 0);
      return new Promise<{ latencies: number[]; errors: number; firstError: string | null }>(
        (resolve, reject) => {
          const worker = new Worker(clientSource, {
            eval: true,
            workerData: { port, token, query, until, warmupUntil, connections },
          });
          worker.once('message', resolve);
          worker.once('error', reject);
        },
      );
    }),
  );
  const latencies = outcomes.flatMap((outcome) => outcome.latencies).sort((a, b) => a - b);
  const firstError = outcomes.find((outcome) => outcome.firstError)?.firstError;
  if (firstError) console.log(`${name}: first error answer: ${firstError}`);
  return {
    name,
    requests: latencies.length,
    errors: outcomes.reduce((sum, outcome) => sum + outcome.errors, 0),
    throughput: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

/** A plain graphql-yoga server answering `{ hello }`: what Yoga itself costs on this machine. */
async function bareYoga(): Promise<{ port: number; close: () => Promise<void> }> {
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: 'type Query { hello: String! }',
      resolvers: { Query: { hello: () => 'world' } },
    }),
    logging: false,
  });
  const server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('bare yoga did not listen');
  return {
    port: address.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface WriteLoad {
  stop(): Promise<{ sent: number; failed: number; p50: number; p99: number; firstError: string | null }>;
}

/**
 * `rate` bulk writes a second of `batch` new cases each, as the one-network platform pushes them,
 * each sent on its tick whether or not the one before has been answered.
 */
async function startWrites(
  port: number,
  token: string,
  rate: number,
  batch: number,
  now: Date,
): Promise<WriteLoad> {
  const base = `http://127.0.0.1:${port}/graphql`;
  const post = async (query: string, variables?: unknown) =>
    (await (
      await fetch(base, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      })
    ).json()) as { data?: Record<string, unknown>; errors?: unknown };
  const reference = await post(`{ regions(level: TOWNSHIP) { code }
    serviceItems(first: 50) { edges { node { code allowedChannels allowedLevels } } } }`);
  const data = reference.data as
    | {
        regions: Array<{ code: string }>;
        serviceItems: {
          edges: Array<{ node: { code: string; allowedChannels: string[]; allowedLevels: string[] } }>;
        };
      }
    | undefined;
  if (!data) throw new Error(`reference data: ${JSON.stringify(reference)}`);
  const items = data.serviceItems.edges
    .map((edge) => edge.node)
    .filter((item) => item.allowedChannels.includes('WEB') && item.allowedLevels.includes('TOWNSHIP'));
  const mutation = `mutation ($input: [ServiceCaseInput!]!) { upsertServiceCases(input: $input) { total created } }`;
  const latencies: number[] = [];
  const pending = new Set<Promise<void>>();
  let sent = 0;
  let failed = 0;
  let firstError: string | null = null;
  const send = () => {
    sent += 1;
    const input = Array.from({ length: batch }, (_, i) => ({
      externalId: `bench-api-${process.pid}-${sent}-${i}`,
      itemCode: items[(sent + i) % items.length]!.code,
      regionCode: data.regions[(sent * 7 + i) % data.regions.length]!.code,
      channel: 'WEB',
      oneNetwork: (sent + i) % 50 !== 0,
      applicantKind: 'PERSON',
      status: 'SUBMITTED',
      submittedAt: new Date(now.getTime() - 60_000).toISOString(),
    }));
    const started = performance.now();
    const write = post(mutation, { input })
      .then((body) => {
        if (body.errors) {
          failed += 1;
          firstError ??= JSON.stringify(body.errors).slice(0, 500);
        } else latencies.push(performance.now() - started);
      })
      .catch((error: unknown) => {
        failed += 1;
        firstError ??= String(error);
      })
      .finally(() => pending.delete(write));
    pending.add(write);
  };
  const timer = setInterval(send, 1000 / rate);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
      latencies.sort((a, b) => a - b);
      return { sent, failed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), firstError };
    },
  };
}

const { db, today } = await prepare(values.url);
const secret = 'bench-api-secret-0123456789abcdef0123456789';
const silent = {
  fatal() {},
  error: console.error,
  warn() {},
  info() {},
  debug() {},
  trace() {},
  child: () => silent,
};
const hub = createHubServer({
  db,
  secret,
  clock: () => today,
  dashboardDir: '/nonexistent',
  logger: silent as unknown as Parameters<typeof createHubServer>[0]['logger'],
});
const port = await hub.listen(0, '127.0.0.1');
const token = await mintToken(secret, { subject: 'bench-screen', role: 'SCREEN' });
const writeRate = Number(values.writes);
console.log(
  `hub on port ${port}, today ${today.toISOString()}, ${clients} concurrent clients on ${Math.min(CLIENT_THREADS, clients)} threads, ${seconds} s each after ${values.warmup} s warm-up, ${availableParallelism()} CPUs, load average before ${loadavg()
    .map((n) => n.toFixed(2))
    .join(
      ' ',
    )}${writeRate > 0 ? `, ${writeRate} bulk writes/s of ${values.batch} cases during overview and ranking` : ''}`,
);
const bare = await bareYoga();
try {
  const results: Result[] = [await load('bare yoga', '{ hello }', bare.port, token)];
  await bare.close();
  let writes: WriteLoad | null = null;
  for (const [name, query] of Object.entries(queries)) {
    if (name !== 'baseline' && writeRate > 0 && !writes) {
      const writer = await mintToken(secret, {
        subject: 'bench-writer',
        role: 'INTEGRATION',
        sourceSystem: 'bench',
      });
      writes = await startWrites(port, writer, writeRate, Number(values.batch), today);
    }
    results.push(await load(name, query, port, token));
  }
  const written = await writes?.stop();
  const [yogaFloor, baseline] = results as [Result, Result];
  console.log('\nquery      requests  errors  req/s    p50 ms  p95 ms  p99 ms  ×baseline  ×bare yoga');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(10)} ${String(r.requests).padStart(8)}  ${String(r.errors).padStart(6)}  ${r.throughput.toFixed(0).padStart(6)}  ${r.p50.toFixed(1).padStart(6)}  ${r.p95.toFixed(1).padStart(6)}  ${r.p99.toFixed(1).padStart(6)}  ${(r.throughput / baseline.throughput).toFixed(2).padStart(9)}  ${(r.throughput / yogaFloor.throughput).toFixed(2).padStart(10)}`,
    );
  }
  if (written) {
    console.log(
      `\nwrites during overview and ranking: ${written.sent} sent, ${written.failed} failed, answered p50 ${written.p50.toFixed(1)} ms, p99 ${written.p99.toFixed(1)} ms`,
    );
    if (written.firstError) console.log(`first refused write: ${written.firstError}`);
  }
  console.log(
    `\ntargets: overview and ranking p99 ≤ 50 ms, throughput ≥ 0.3 × baseline (reported, not enforced); load average after ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  // Every write makes the next answer a fresh computation from the rollups: what one costs.
  console.log('\nafter a write (computed afresh from the rollups), one client, 20 requests each:');
  for (const name of ['overview', 'ranking'] as const) {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      await db.sql.query(`UPDATE "Region" SET population = population WHERE level = 'COUNTY' AND "isHome"`);
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: queries[name] }),
      });
      await response.text();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${name.padEnd(10)} p50 ${percentile(times, 50).toFixed(1)} ms, max ${percentile(times, 100).toFixed(1)} ms`,
    );
  }
} finally {
  await hub.stop();
  await db.close();
}
