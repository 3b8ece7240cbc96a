// Two replicas started at the same moment on an empty PostgreSQL: one migrates and seeds, the
// other waits its turn on the advisory locks (it used to crash: its own seed check hit the
// statement timeout, or its seed was refused, behind the first one's). Both answer /healthz
// throughout, report not-ready with the reason meanwhile, and end ready on one seeded database.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, expect, test } from 'vitest';
import { createPostgresDatabase } from '../fixtures/database.ts';

interface Replica {
  process: ChildProcess;
  port: Promise<number>;
  lines: string[];
  exited: Promise<number | null>;
}

const replicas: Replica[] = [];

function startReplica(databaseUrl: string): Replica {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      HUB_SEED_SCALE: '0.02',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let listening: (port: number) => void = () => {};
  const port = new Promise<number>((resolve) => {
    listening = resolve;
  });
  let rest = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      const url = /"url":"http:\/\/[^:]+:(\d+)\/graphql"/.exec(line);
      if (url) listening(Number(url[1]));
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => lines.push(chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const replica = { process: child, port, lines, exited };
  replicas.push(replica);
  return replica;
}

afterAll(async () => {
  for (const replica of replicas) {
    if (replica.process.exitCode === null) {
      replica.process.kill('SIGTERM');
      await replica.exited;
    }
  }
});

interface Observation {
  health: number;
  ready: number;
  reason?: string;
}

async function observe(port: number): Promise<Observation> {
  const health = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(15_000) });
  const ready = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(15_000) });
  const body = (await ready.json()) as { reason?: string };
  return { health: health.status, ready: ready.status, ...(body.reason ? { reason: body.reason } : {}) };
}

test('two replicas started together: one seeds, the other waits, both end ready', async () => {
  const url = await createPostgresDatabase();
  const pair = [startReplica(url), startReplica(url)];
  const ports = await Promise.all(pair.map((replica) => replica.port));

  const seen: Observation[][] = [[], []];
  const deadline = Date.now() + 240_000;
  for (;;) {
    for (const exited of pair.map((replica) => replica.process.exitCode)) {
      if (exited !== null)
        throw new Error(`a replica exited with ${exited}:\n${pair.flatMap((r) => r.lines).join('\n')}`);
    }
    const now = await Promise.all(ports.map(observe));
    for (const [index, observation] of now.entries()) seen[index]?.push(observation);
    if (now.every((observation) => observation.ready === 200)) break;
    if (Date.now() > deadline) throw new Error(`not ready: ${JSON.stringify(now)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  // /healthz answered every probe on both, the seed included.
  for (const observations of seen) expect(observations.every((o) => o.health === 200)).toBe(true);
  // While not ready, /readyz said why; the seed's own step was among the reasons.
  const reasons = seen.flat().flatMap((o) => (o.ready === 503 ? [o.reason ?? ''] : []));
  expect(reasons.every((reason) => reason.length > 0)).toBe(true);
  expect(reasons.some((reason) => /^seeding the empty database/.test(reason))).toBe(true);
  // Exactly one of them seeded.
  const seeders = pair.filter((replica) =>
    replica.lines.some((line) => line.includes('"msg":"seed completed"')),
  );
  expect(seeders).toHaveLength(1);
});
