// `pnpm bench:realtime`: live updates under load, on PostgreSQL, against a hub in its own
// process (so its memory is its own). Prints figures; nothing here passes or fails.
//
// 1. Steady: N WebSocket clients (1,000) each subscribe to the screen's overview (a live query)
//    and the case ticker; a writer upserts cases at R per second (10) through the API. For every
//    write and client: the delay from sending the write to the client seeing it — on the ticker,
//    and in the overview's casesToday — and whether anything was lost (ticker gaps, final values).
// 2. Memory: the server's RSS and heap with the clients connected (/metrics).
// 3. Churn: clients subscribe and unsubscribe in waves for M minutes (--churn-minutes, 30 for the
//    issue's run) while writes go on; heap after a forced GC at the start and at the end.
// 4. Restart: the server is killed (SIGKILL), a case is written into the database while it is
//    down, and it is started again; how many clients reconnected within 10 s, and how long after
//    reconnecting each showed the database's current figures (that case included).
//
//   pnpm bench:realtime [--clients 1000] [--rate 10] [--seconds 60] [--churn-minutes 1]
//                       [--url postgresql://…/hub_bench_realtime] [--scale 0.2] [--throttle-ms 250] [--patch-ms 100]
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import WebSocket from 'ws';
import { mintToken } from '../server/src/auth.ts';

const { values } = parseArgs({
  allowNegative: true,
  options: {
    clients: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '60' },
    'churn-minutes': { type: 'string', default: '1' },
    url: {
      type: 'string',
      default:
        process.env.HUB_BENCH_REALTIME_URL ?? 'postgresql://postgres@127.0.0.1:5432/hub_bench_realtime',
    },
    scale: { type: 'string', default: '0.2' },
    restart: { type: 'boolean', default: true },
    'throttle-ms': { type: 'string', default: '250' },
    'patch-ms': { type: 'string', default: '100' },
  },
});
const clientCount = Number(values.clients);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const churnMinutes = Number(values['churn-minutes']);
const secret = randomBytes(48).toString('base64');

const overviewQuery = `subscription { live { overview {
  today casesToday casesThisMonth casesThisYear casesYearOnYearPercent
  oneNetworkRate { value target status } caseVolume { value target progress status }
  townshipCases { value target expectedToDate progress status }
  bankBranchCasesThisYear crossProvinceCasesThisYear slipsOpen slipsOverdue problemsOpen
  blacklistListed blacklistRatio fundsPaidThisYear { yuan wanYuan } fundBeneficiariesThisYear asOf } } }`;
const tickerQuery = `subscription { caseTicker(limit: 5) { seq snapshot cases { id } } }`;
// The ticker's ids are the only "id" fields of its messages (the operation's is "id":"t" itself).

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(label: string, delays: number[]): string {
  const sorted = [...delays].sort((a, b) => a - b);
  return `${label.padEnd(28)} n=${sorted.length}  p50 ${percentile(sorted, 50).toFixed(0)} ms  p99 ${percentile(sorted, 99).toFixed(0)} ms  max ${(sorted.at(-1) ?? Number.NaN).toFixed(0)} ms`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function ensureDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}

interface Server {
  child: ChildProcess;
  base: string;
}

async function startServer(port: number): Promise<Server> {
  const extra = process.env.HUB_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, ['--expose-gc', ...extra, '--import', 'tsx', 'server/src/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: values.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      HUB_JWT_SECRET: secret,
      HUB_SEED_SCALE: values.scale,
      HUB_LIVE_THROTTLE_MS: values['throttle-ms'],
      HUB_LIVE_PATCH_MS: values['patch-ms'],
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let waited = 0; waited < 600_000; waited += 250) {
    try {
      const response = await fetch(`${base}/readyz`);
      if (response.ok) return { child, base };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`the hub exited with ${child.exitCode}`);
    await sleep(250);
  }
  throw new Error('the hub did not become ready');
}

async function metrics(base: string, gc = false): Promise<Record<string, number>> {
  const text = await (await fetch(`${base}/metrics${gc ? '?gc=1' : ''}`)).text();
  return Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((line) => line.split(' '))
      .map(([name, value]) => [name!, Number(value)]),
  );
}

const mb = (bytes: number | undefined) => `${((bytes ?? 0) / 1024 / 1024).toFixed(1)} MB`;

interface Watcher {
  /** casesToday pushes: value and arrival. */
  overview: Array<{ value: number; at: number; snapshot: boolean }>;
  ticker: Map<string, number>;
  seqs: number[];
  connectedAt: number[];
  /** Off during the churn: a 30-minute run would otherwise hold millions of arrivals here. */
  recording: boolean;
  dispose(): Promise<void>;
}

/**
 * A screen as light as it gets, so that 1,000 of them in this process measure the hub rather
 * than the client library: the graphql-transport-ws protocol over a bare WebSocket, the two
 * numbers it needs read from each message's text, reconnecting with jittered backoff and
 * subscribing again (which gives a fresh snapshot) after the server went away.
 */
const SEQ = /"seq":(\d+)/;
const TODAY = /"casesToday":(\d+)/;
const IDS = /"id":"([^"]+)"/g;

function watch(ws: string, token: string, recording = true): Watcher {
  let socket: WebSocket | null = null;
  let closed = false;
  let attempt = 0;
  const watcher: Watcher = {
    overview: [],
    ticker: new Map(),
    seqs: [],
    connectedAt: [],
    recording,
    dispose: async () => {
      closed = true;
      socket?.close();
    },
  };
  const connect = () => {
    const current = new WebSocket(ws, 'graphql-transport-ws', { perMessageDeflate: false });
    socket = current;
    current.on('open', () => {
      current.send(
        JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }),
      );
    });
    current.on('message', (raw) => {
      const text = String(raw);
      const at = Date.now();
      if (text.startsWith('{"type":"connection_ack"')) {
        attempt = 0;
        watcher.connectedAt.push(at);
        current.send(JSON.stringify({ id: 'o', type: 'subscribe', payload: { query: overviewQuery } }));
        current.send(JSON.stringify({ id: 't', type: 'subscribe', payload: { query: tickerQuery } }));
        return;
      }
      if (!watcher.recording) return;
      if (text.includes('"id":"o"')) {
        const value = TODAY.exec(text);
        if (value)
          watcher.overview.push({ value: Number(value[1]), at, snapshot: text.includes('"snapshot":true') });
      } else if (text.includes('"id":"t"')) {
        const seq = SEQ.exec(text);
        if (seq) watcher.seqs.push(Number(seq[1]));
        if (text.includes('"snapshot":true')) return;
        for (const match of text.matchAll(IDS)) {
          const id = match[1]!;
          if (id !== 't' && !watcher.ticker.has(id)) watcher.ticker.set(id, at);
        }
      }
    });
    current.on('error', () => {});
    current.on('close', () => {
      if (closed) return;
      attempt += 1;
      setTimeout(connect, Math.min(250 * 2 ** attempt, 2000) * (0.5 + Math.random() / 2));
    });
  };
  connect();
  return watcher;
}

interface Write {
  sentAt: number;
  /** When the write's answer came back (it has committed by then). */
  answeredAt: number;
  id: string | null;
}

let written = 0;
async function tryWriteCase(base: string, token: string): Promise<Write> {
  written += 1;
  const sentAt = Date.now();
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `mutation ($input: ServiceCaseInput!) { upsertServiceCase(input: $input) { serviceCase { id } } }`,
      variables: {
        input: {
          externalId: `bench-rt-${process.pid}-${Date.now()}-${written}`,
          itemCode: itemCode,
          regionCode: regionCode,
          channel: 'WEB',
          oneNetwork: true,
          applicantKind: 'PERSON',
          applicantName: '测试',
          status: 'SUBMITTED',
          submittedAt: new Date(Date.now() - 1000).toISOString(),
        },
      },
    }),
  });
  const body = (await response.json()) as {
    data?: { upsertServiceCase: { serviceCase: { id: string } } };
    errors?: unknown;
  };
  if (body.errors) console.error('write refused:', JSON.stringify(body.errors));
  return { sentAt, answeredAt: Date.now(), id: body.data?.upsertServiceCase.serviceCase.id ?? null };
}

async function writeCase(base: string, token: string): Promise<Write> {
  try {
    return await tryWriteCase(base, token);
  } catch (error) {
    console.error('write failed:', (error as Error).message);
    return { sentAt: Date.now(), answeredAt: Date.now(), id: null };
  }
}

let itemCode = '';
let regionCode = '';

async function writeAtRate(base: string, token: string, durationMs: number): Promise<Write[]> {
  const writes: Write[] = [];
  const started = Date.now();
  const pending: Array<Promise<void>> = [];
  for (let k = 0; Date.now() - started < durationMs; k++) {
    const due = started + (k * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    pending.push(
      writeCase(base, token).then((write) => {
        writes[k] = write;
      }),
    );
  }
  await Promise.all(pending);
  return writes;
}

async function main() {
  await ensureDatabase(values.url!);
  const port = await freePort();
  console.log(`starting the hub on :${port} (PostgreSQL ${values.url}, seed scale ${values.scale} if empty)`);
  let server = await startServer(port);
  process.on('exit', () => server.child.kill('SIGKILL'));
  const ws = `ws://127.0.0.1:${port}/graphql`;
  const screenToken = await mintToken(secret, { subject: 'bench-screen', role: 'SCREEN' });
  const writerToken = await mintToken(secret, {
    subject: 'bench-writer',
    role: 'INTEGRATION',
    sourceSystem: 'bench',
  });
  const staffToken = await mintToken(secret, { subject: 'bench-staff', role: 'STAFF' });

  // A township village and an item it may be handled at, from the API.
  const reference = (await (
    await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` },
      body: JSON.stringify({
        query: `{ regions(level: TOWNSHIP) { code }
                  serviceItems(first: 50) { edges { node { code allowedChannels allowedLevels } } } }`,
      }),
    })
  ).json()) as {
    data: {
      regions: Array<{ code: string }>;
      serviceItems: {
        edges: Array<{ node: { code: string; allowedChannels: string[]; allowedLevels: string[] } }>;
      };
    };
  };
  if (!reference.data) throw new Error(`reference data: ${JSON.stringify(reference)}`);
  regionCode = reference.data.regions[0]!.code;
  itemCode = reference.data.serviceItems.edges.find(
    (edge) => edge.node.allowedChannels.includes('WEB') && edge.node.allowedLevels.includes('TOWNSHIP'),
  )!.node.code;

  const idle = await metrics(server.base, true);
  console.log(
    `\nserver idle: RSS ${mb(idle.process_resident_memory_bytes)}, heap ${mb(idle.nodejs_heap_used_bytes)}`,
  );

  // ── 1. steady ──
  const connectStarted = Date.now();
  const watchers = Array.from({ length: clientCount }, () => watch(ws, screenToken));
  while (watchers.some((w) => w.overview.length === 0 || w.seqs.length === 0)) {
    if (Date.now() - connectStarted > 120_000) throw new Error('clients did not all get their snapshots');
    await sleep(100);
  }
  console.log(`${clientCount} clients subscribed (overview + ticker) in ${Date.now() - connectStarted} ms`);
  const connected = await metrics(server.base, true);
  console.log(
    `server with ${connected.hub_websocket_clients} clients: RSS ${mb(connected.process_resident_memory_bytes)}, heap ${mb(connected.nodejs_heap_used_bytes)}, live queries ${connected.hub_live_queries}, subscribers ${connected.hub_live_query_subscribers}`,
  );
  const base = watchers[0]!.overview[0]!.value;
  const recomputedBefore = connected.hub_live_recomputations_total ?? 0;
  const recomputeSecondsBefore = connected.hub_live_recompute_seconds_total ?? 0;
  const patchPushesBefore = connected.hub_live_patch_pushes_total ?? 0;
  // The server's memory while the writes go on, read every second.
  const peak = { rss: 0, heap: 0, buffered: 0 };
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const now = await metrics(server.base);
      peak.rss = Math.max(peak.rss, now.process_resident_memory_bytes ?? 0);
      peak.heap = Math.max(peak.heap, now.nodejs_heap_used_bytes ?? 0);
      peak.buffered = Math.max(peak.buffered, now.hub_websocket_buffered_bytes ?? 0);
      await sleep(1000);
    }
  })();
  // This process's own event-loop delay while it writes and its 1,000 screens read: every figure
  // below includes it (the screens' arrival times and the writes' answers wait for it).
  const clientLoop = monitorEventLoopDelay({ resolution: 5 });
  clientLoop.enable();
  const writes = await writeAtRate(server.base, writerToken, seconds * 1000);
  clientLoop.disable();
  sampling = false;
  await sampler;
  await sleep(2000);
  const after = await metrics(server.base);
  const afterGc = await metrics(server.base, true);

  const tickerDelays: number[] = [];
  const overviewDelays: number[] = [];
  /** How much later the overview showed a write than the ticker did, on the same screen. */
  const overviewAfterTicker: number[] = [];
  let lostTicker = 0;
  let gaps = 0;
  let wrongFinal = 0;
  for (const watcher of watchers) {
    writes.forEach((write, k) => {
      if (!write.id) return;
      const arrived = watcher.ticker.get(write.id);
      if (arrived === undefined) lostTicker += 1;
      else tickerDelays.push(arrived - write.sentAt);
      const seen = watcher.overview.find((push) => !push.snapshot && push.value >= base + k + 1);
      if (seen) overviewDelays.push(Math.max(0, seen.at - write.sentAt));
      if (seen && arrived !== undefined) overviewAfterTicker.push(seen.at - arrived);
    });
    for (let i = 1; i < watcher.seqs.length; i++) if (watcher.seqs[i] !== watcher.seqs[i - 1]! + 1) gaps += 1;
    if (watcher.overview.at(-1)?.value !== base + writes.length) wrongFinal += 1;
  }
  console.log(`\n── steady: ${writes.length} writes at ${rate}/s to ${clientCount} clients ──`);
  console.log(
    summary(
      'write: sent → answered',
      writes.filter((write) => write.id).map((write) => write.answeredAt - write.sentAt),
    ),
  );
  console.log(summary('ticker: write → client', tickerDelays));
  console.log(summary('overview: write → client', overviewDelays));
  console.log(summary('overview after the ticker', overviewAfterTicker));
  console.log(
    `lost ticker items ${lostTicker}, ticker sequence gaps ${gaps}, clients with a wrong final overview ${wrongFinal}`,
  );
  console.log(
    `this benchmark's own event-loop delay (its screens and writer): p50 ${(clientLoop.percentile(50) / 1e6).toFixed(0)} ms, p99 ${(clientLoop.percentile(99) / 1e6).toFixed(0)} ms, max ${(clientLoop.max / 1e6).toFixed(0)} ms`,
  );
  console.log(
    `overview recomputations ${(after.hub_live_recomputations_total ?? 0) - recomputedBefore} for ${writes.length} writes (one per ${values['throttle-ms']} ms window at most, shared by all clients)`,
  );
  const recomputed = (after.hub_live_recomputations_total ?? 0) - recomputedBefore;
  console.log(
    `overview pushes from kept case counts (new cases added, no recomputation): ${(after.hub_live_patch_pushes_total ?? 0) - patchPushesBefore}`,
  );
  console.log(
    `recomputation time: mean ${recomputed > 0 ? ((((after.hub_live_recompute_seconds_total ?? 0) - recomputeSecondsBefore) * 1000) / recomputed).toFixed(1) : '–'} ms, max since start ${((after.hub_live_recompute_seconds_max ?? 0) * 1000).toFixed(1)} ms`,
  );
  console.log(
    `server while writing: peak RSS ${mb(peak.rss)}, peak heap ${mb(peak.heap)}, peak unsent WebSocket data ${mb(peak.buffered)}`,
  );
  console.log(
    `server after the writes: RSS ${mb(after.process_resident_memory_bytes)}, heap ${mb(after.nodejs_heap_used_bytes)}; after GC: heap ${mb(afterGc.nodejs_heap_used_bytes)}, external ${mb(afterGc.nodejs_external_bytes)}`,
  );

  // ── 3. churn ──
  if (churnMinutes > 0) {
    const churnEnd = Date.now() + churnMinutes * 60_000;
    const startHeap = await metrics(server.base, true);
    console.log(`\n── churn: ${churnMinutes} min of subscribe/unsubscribe waves while writing ──`);
    console.log(
      `heap at start ${mb(startHeap.nodejs_heap_used_bytes)} (RSS ${mb(startHeap.process_resident_memory_bytes)})`,
    );
    let waves = 0;
    for (const watcher of watchers) watcher.recording = false;
    const writer = writeAtRate(server.base, writerToken, churnMinutes * 60_000);
    while (Date.now() < churnEnd) {
      const wave = Array.from({ length: 200 }, () => watch(ws, screenToken, false));
      await sleep(1500);
      await Promise.all(wave.map((w) => w.dispose()));
      waves += 1;
    }
    await writer;
    await sleep(2000);
    const endHeap = await metrics(server.base, true);
    const growth =
      ((endHeap.nodejs_heap_used_bytes ?? 0) / (startHeap.nodejs_heap_used_bytes ?? 1) - 1) * 100;
    console.log(
      `heap at end ${mb(endHeap.nodejs_heap_used_bytes)} (RSS ${mb(endHeap.process_resident_memory_bytes)}) after ${waves} waves of 200 clients: growth ${growth.toFixed(1)} %`,
    );
  }

  // ── 4. restart ──
  if (!values.restart) {
    await Promise.all(watchers.map((w) => w.dispose()));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    return;
  }
  console.log('\n── restart: SIGKILL, then start again ──');
  for (const watcher of watchers) watcher.recording = true;
  const killedAt = Date.now();
  const before = watchers.map((w) => w.connectedAt.length);
  server.child.kill('SIGKILL');
  await new Promise((resolve) => server.child.once('exit', resolve));
  // A case written straight into the database while the hub is down: the figures every screen
  // must show from its first message after reconnecting (nothing kept from before the kill).
  const direct = new pg.Client({ connectionString: values.url });
  await direct.connect();
  try {
    await direct.query(
      `INSERT INTO "ServiceCase" ("sourceSystem", "externalId", "itemId", "regionId", "townshipId", channel,
                                  "oneNetwork", "applicantKind", status, "submittedAt", "updatedAt")
       SELECT 'bench', $1, i.id, r.id, r.id, 'WEB', true, 'PERSON', 'SUBMITTED', now(), now()
         FROM "ServiceItem" i, "Region" r WHERE i.code = $2 AND r.code = $3`,
      [`bench-rt-down-${process.pid}-${Date.now()}`, itemCode, regionCode],
    );
  } finally {
    await direct.end();
  }
  server = await startServer(port);
  const readyAt = Date.now();
  const current = (await (
    await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${screenToken}` },
      body: JSON.stringify({ query: '{ overview { casesToday } }' }),
    })
  ).json()) as { data: { overview: { casesToday: number } } };
  const target = current.data.overview.casesToday;
  await sleep(12_000);
  let reconnectedIn10 = 0;
  const showing: number[] = [];
  watchers.forEach((watcher, at) => {
    const reconnected = watcher.connectedAt[before[at]!];
    if (reconnected === undefined) return;
    if (reconnected - killedAt <= 10_000) reconnectedIn10 += 1;
    const fresh = watcher.overview.find((push) => push.at >= reconnected && push.value >= target);
    if (fresh) showing.push(fresh.at - reconnected);
  });
  console.log(`server back (ready) ${readyAt - killedAt} ms after the kill`);
  console.log(
    `reconnected within 10 s of the kill: ${reconnectedIn10}/${clientCount} (${((100 * reconnectedIn10) / clientCount).toFixed(1)} %)`,
  );
  console.log(summary('current figures after reconnect', showing));
  console.log(
    `showing the current figures within 1 s of reconnecting: ${showing.filter((ms) => ms <= 1000).length}/${clientCount}`,
  );

  await Promise.all(watchers.map((w) => w.dispose()));
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.once('exit', resolve));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
