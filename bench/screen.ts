// `pnpm bench:screen`: the big screen's budgets (issue 5 §8), measured in Debian's Chromium
// against a hub in this process on a freshly seeded embedded database. Prints figures and marks
// each against its budget; exits 1 when one is missed.
//
// 1. Bundle: the screen built to a temporary folder; each JavaScript chunk's size and gzip size,
//    the initial JavaScript (the entry and what index.html preloads) in gzip. Budgets: initial
//    ≤ 350 KB gzip, no chunk over 500 KB.
// 2. First paint with data: from navigation to every panel showing live data, at 1920×1080.
//    Budget ≤ 2 s on localhost for a screen opened on a running hub, with the browser's cache
//    empty and full. Also printed: the very first screen a freshly started hub ever serves (its
//    database, JIT and queries all cold; a hub that served screens before computes their live
//    queries when it starts instead, see LiveHub.warm).
// 3. Pushes: the simulator (pnpm simulate) writes at --rate events a second (20) for --minutes
//    (1; the issue's run is 30), after a short warm-up, while the screen shows them. Main-thread
//    tasks over 50 ms from a PerformanceObserver (budget: none), messages the screen received,
//    and its JS heap after a forced GC at the start and at the end (budget: growth < 10 %).
//
//   pnpm bench:screen [--minutes 1] [--rate 20] [--scale 0.02] [--no-pin]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '1' },
    rate: { type: 'string', default: '20' },
    scale: { type: 'string', default: '0.02' },
    pin: { type: 'boolean', default: true },
  },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const scale = Number(values.scale);
if (!(minutes > 0) || !(rate > 0) || !(scale > 0)) {
  throw new Error('usage: pnpm bench:screen [--minutes 1] [--rate 20] [--scale 0.02] (positive numbers)');
}
process.env.LOG_LEVEL ??= 'warn';

const root = fileURLToPath(new URL('..', import.meta.url));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const results: Array<{ figure: string; value: string; budget: string; ok: boolean | null }> = [];
function report(figure: string, value: string, budget = '', ok: boolean | null = null): void {
  results.push({ figure, value, budget, ok });
  console.log(
    `${ok === null ? ' ' : ok ? '✓' : '✗'} ${figure}: ${value}${budget ? `  (budget ${budget})` : ''}`,
  );
}

// ── 1. Bundle ──────────────────────────────────────────────────────────────────────────────────
const dist = mkdtempSync(join(tmpdir(), 'hub-bench-screen-'));
console.log('building the screen …');
const build = spawnSync(
  process.execPath,
  [
    join(root, 'dashboard/node_modules/vite/bin/vite.js'),
    'build',
    '--outDir',
    dist,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ],
  { cwd: join(root, 'dashboard'), encoding: 'utf8' },
);
if (build.status !== 0) throw new Error(`the screen does not build:\n${build.stdout}\n${build.stderr}`);

const assets = join(dist, 'assets');
const chunks = readdirSync(assets)
  .filter((file) => file.endsWith('.js'))
  .map((file) => {
    const bytes = readFileSync(join(assets, file));
    return { file, size: statSync(join(assets, file)).size, gzip: gzipSync(bytes).length };
  })
  .sort((a, b) => b.size - a.size);
const indexHtml = readFileSync(join(dist, 'index.html'), 'utf8');
const initialFiles = new Set(
  [...indexHtml.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((match) => match[1] as string),
);
console.log('\nJavaScript chunks (raw / gzip):');
for (const chunk of chunks) {
  console.log(
    `  ${initialFiles.has(chunk.file) ? '*' : ' '} ${chunk.file.padEnd(32)} ${kb(chunk.size).padStart(10)} ${kb(chunk.gzip).padStart(10)}`,
  );
}
console.log('  (* loaded at start)\n');
const initialGzip = chunks.filter((c) => initialFiles.has(c.file)).reduce((sum, c) => sum + c.gzip, 0);
const largest = chunks[0];
report('initial JavaScript, gzip', kb(initialGzip), '≤ 350 KB', initialGzip <= 350 * 1024);
report(
  'largest chunk',
  largest ? `${kb(largest.size)} (${largest.file})` : 'none',
  '≤ 500 KB',
  (largest?.size ?? 0) <= 500 * 1024,
);
const css = readdirSync(assets).filter((file) => file.endsWith('.css'));
const fonts = readdirSync(assets).filter((file) => file.endsWith('.woff2'));
report(
  'CSS and bundled fonts',
  `${css.length} CSS file(s), ${kb(css.reduce((s, f) => s + gzipSync(readFileSync(join(assets, f))).length, 0))} gzip; ${fonts.length} font subsets loaded on demand`,
);

// ── The hub ────────────────────────────────────────────────────────────────────────────────────
const { openDatabase } = await import('../server/src/db.ts');
const { migrate } = await import('../server/src/migrate.ts');
const { seedDatabase } = await import('../prisma/seed/index.ts');
const { createHubServer } = await import('../server/src/server.ts');
const { mintToken } = await import('../server/src/auth.ts');
const { simulate } = await import('../server/src/simulate/simulate.ts');

console.log(`\nseeding an embedded database at scale ${scale} …`);
const db = await openDatabase({ dataDir: 'memory://' });
await migrate(db);
await seedDatabase(db, { scale, today: new Date() });
const secret = 'bench-screen-secret-0123456789abcdef0123456789';
const hub = createHubServer({ db, secret, dashboardDir: dist, shutdownGraceMs: 1_000 });
const port = await hub.listen(0, '127.0.0.1');
const url = `http://127.0.0.1:${port}`;
const screenToken = await mintToken(secret, { subject: 'bench-screen', role: 'SCREEN' }, { expiresIn: '2h' });

// On a wall the browser runs on its own PC, not beside the hub. Here both share this machine, so
// the browser is started on CPUs 1… (it keeps the affinity it starts with) and then the hub with
// the simulator (this process) moves to CPU 0: sharing, the browser's frames waited for the hub's
// writes (150 s at 20 events/s on 2 cores: 5–7 tasks over 50 ms; apart, none). --no-pin measures
// them sharing every CPU.
const cpus = availableParallelism();
const pinned = values.pin && cpus >= 2 && spawnSync('taskset', ['--version']).status === 0;
const pinSelf = (list: string) => spawnSync('taskset', ['-a', '-p', '-c', list, String(process.pid)]);
if (pinned) pinSelf(`1-${cpus - 1}`);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
if (pinned) pinSelf('0');
console.log(
  pinned
    ? `hub and simulator on CPU 0, the browser on CPU 1–${cpus - 1} (as on a wall: the browser on its own PC)`
    : 'hub, simulator and browser share every CPU',
);

const allPanelsReady = () => {
  const panels = [...document.querySelectorAll<HTMLElement>('[data-panel]')];
  return panels.length > 0 && panels.every((panel) => panel.dataset.state === 'ready');
};

/** Milliseconds from navigation start to every panel showing live data. */
async function firstPaintWithData(page: Page): Promise<number> {
  await page.goto(`${url}/?token=${screenToken}&reloadAt=off`);
  await page.waitForFunction(allPanelsReady, null, { timeout: 60_000, polling: 'raf' });
  return page.evaluate(() => performance.now());
}

try {
  // ── 2. First paint with data ─────────────────────────────────────────────────────────────────
  const watchLongTasks = () => {
    const tasks: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  };
  const first = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const firstPage = await first.newPage();
  const brandNew = await firstPaintWithData(firstPage);
  await first.close();
  // Another browser, its cache empty, on the hub that is running now; then the same one again.
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.addInitScript(watchLongTasks);
  const cold = await firstPaintWithData(page);
  const warm = await firstPaintWithData(page);
  console.log('');
  report('first paint with data, the first screen a new hub serves', `${brandNew.toFixed(0)} ms`);
  report(
    'first paint with data, running hub, empty browser cache',
    `${cold.toFixed(0)} ms`,
    '≤ 2000 ms',
    cold <= 2000,
  );
  report(
    'first paint with data, running hub, browser cache full',
    `${warm.toFixed(0)} ms`,
    '≤ 2000 ms',
    warm <= 2000,
  );

  // ── 3. Pushes at the simulator's rate ────────────────────────────────────────────────────────
  let messages = 0;
  page.on('websocket', (socket) =>
    socket.on('framereceived', (frame) => {
      if (String(frame.payload).includes('"type":"next"')) messages += 1;
    }),
  );
  await page.reload();
  await page.waitForFunction(allPanelsReady, null, { timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  // The first seconds of pushes fill what the screen holds (ticker lines, alerts, JIT, caches);
  // the heap is read after them, so the growth shows what keeps growing.
  const warmupSeconds = Math.min(60, Math.max(10, minutes * 6));
  console.log(
    `\nsimulating ${rate} events a second: ${warmupSeconds} s to warm up, then ${minutes} minute(s) measured …`,
  );
  const simulation = simulate({
    url: `${url}/graphql`,
    secret,
    rate,
    duration: warmupSeconds + minutes * 60,
    summaryEvery: 60,
    log: (line) => console.log(`  ${line}`),
  });
  await page.waitForTimeout(warmupSeconds * 1000);
  const heapStart = await heap();
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks.length = 0;
  });
  messages = 0;
  const measuredFrom = Date.now();
  const done = await simulation;
  const measuredSeconds = (Date.now() - measuredFrom) / 1000;
  await page.waitForTimeout(2_000);
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const heapEnd = await heap();
  const stillLive = await page.evaluate(allPanelsReady);
  const sent = Object.values(done.succeeded).reduce((sum, n) => sum + n, 0);
  const growth = ((heapEnd - heapStart) / heapStart) * 100;

  console.log('');
  report(
    'events written by the simulator',
    `${sent} in ${done.elapsedSeconds.toFixed(0)} s (${done.rate.toFixed(1)}/s of ${rate}/s asked)`,
  );
  report(
    'messages the screen received (measured part)',
    `${messages} (${(messages / measuredSeconds).toFixed(1)}/s)`,
  );
  report(
    'main-thread tasks over 50 ms while pushes arrive',
    longTasks.length === 0 ? 'none' : `${longTasks.length}, longest ${Math.max(...longTasks).toFixed(0)} ms`,
    'none',
    longTasks.length === 0,
  );
  report(
    `JS heap after GC, start → end of ${minutes} min`,
    `${kb(heapStart)} → ${kb(heapEnd)} (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %)`,
    '< 10 %',
    growth < 10,
  );
  report('every panel live at the end', stillLive ? 'yes' : 'no', 'yes', stillLive);
} finally {
  await browser.close();
  await hub.stop();
  await db.close();
  rmSync(dist, { recursive: true, force: true });
}

const missed = results.filter((r) => r.ok === false);
console.log(
  `\n${missed.length === 0 ? 'every budget met' : `budgets missed: ${missed.map((r) => r.figure).join('; ')}`}`,
);
process.exitCode = missed.length === 0 ? 0 : 1;
