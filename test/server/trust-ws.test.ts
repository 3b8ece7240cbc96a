// An open WebSocket keeps to its token: a JWT that expires or an API key that is revoked while
// the socket is open closes it with 4403 Forbidden, at the JWT's `exp`, before the next new
// operation, and within seconds on a replica that never saw the revocation. graphql-ws clients
// over real sockets, two hubs (replicas) on one database.
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { createApiKey, revokeApiKey } from '../../server/src/api-keys.ts';
import { developmentSecret, mintToken } from '../../server/src/auth.ts';
import type { Database } from '../../server/src/db.ts';
import { createHubServer, type HubServer } from '../../server/src/server.ts';
import { migratedDatabase } from '../fixtures/database.ts';

const now = new Date('2026-11-28T02:00:00.000Z');
let db: Database;
/** Re-checks API keys only on new operations during a test (its sweep waits ten minutes). */
let patient: HubServer;
let patientUrl: string;
/** A second replica that re-checks API keys every 100 ms. */
let watchful: HubServer;
let watchfulUrl: string;

beforeAll(async () => {
  db = await migratedDatabase();
  const start = async (identityRecheckMs: number) => {
    const hub = createHubServer({
      db,
      clock: () => now,
      dashboardDir: '/nonexistent/dist',
      identityRecheckMs,
    });
    return { hub, url: `ws://127.0.0.1:${await hub.listen(0, '127.0.0.1')}/graphql` };
  };
  ({ hub: patient, url: patientUrl } = await start(600_000));
  ({ hub: watchful, url: watchfulUrl } = await start(100));
});

afterAll(async () => {
  await patient?.stop();
  await watchful?.stop();
  await db?.close();
});

interface Closed {
  code: number;
  reason: string;
  at: number;
}

/** A graphql-ws client signed in with the token; `closed` settles when the server closes it. */
function connect(url: string, token: string): { client: Client; closed: Promise<Closed> } {
  let settle: (closed: Closed) => void = () => {};
  const closed = new Promise<Closed>((resolve) => {
    settle = resolve;
  });
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        settle({ code, reason: String(reason), at: Date.now() });
      },
    },
  });
  return { client, closed };
}

/** serverTime pushes once a second; `ended` settles with the error that ended the subscription. */
function ticks(client: Client): { count: () => number; first: Promise<void>; ended: Promise<unknown> } {
  let count = 0;
  let firstSeen: () => void = () => {};
  const first = new Promise<void>((resolve) => {
    firstSeen = resolve;
  });
  const ended = new Promise<unknown>((resolve) => {
    client.subscribe(
      { query: 'subscription { serverTime }' },
      {
        next: (result) => {
          expect(result).toEqual({ data: { serverTime: now.toISOString() } });
          count += 1;
          firstSeen();
        },
        error: resolve,
        complete: () => resolve('completed'),
      },
    );
  });
  return { count: () => count, first, ended };
}

async function query(client: Client, text: string): Promise<unknown> {
  for await (const result of client.iterate({ query: text })) return result;
  throw new Error('no result');
}

describe('a JWT that expires while its socket is open', () => {
  test('closes the socket with 4403 at its exp; its subscription ends there', async () => {
    const token = await mintToken(
      developmentSecret,
      { subject: 'short-screen', role: 'SCREEN' },
      { expiresIn: '2s' },
    );
    const expiresAt = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).exp * 1000;
    const { client, closed } = connect(patientUrl, token);
    try {
      // The subscription holds the lazy client's socket open for the operations that follow.
      const feed = ticks(client);
      await feed.first;
      expect(await query(client, '{ me { role } }')).toEqual({ data: { me: { role: 'SCREEN' } } });
      const { code, reason, at } = await closed;
      expect(code).toBe(4403);
      expect(reason).toBe('Forbidden: the token expired');
      // The timer fires at exp, not on the next tick or operation.
      expect(at).toBeGreaterThanOrEqual(expiresAt);
      expect(await feed.ended).toMatchObject({ code: 4403 });
      const pushed = feed.count();
      expect(pushed).toBeGreaterThanOrEqual(1);
      // Nothing more arrives after the close.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(feed.count()).toBe(pushed);
    } finally {
      await client.dispose();
    }
  });

  test('a JWT that expired before connection_init never opens a socket', async () => {
    const token = await mintToken(
      developmentSecret,
      { subject: 'old-screen', role: 'SCREEN' },
      { expiresIn: '1h', issuedAt: new Date(Date.now() - 2 * 60 * 60 * 1000) },
    );
    const { client, closed } = connect(patientUrl, token);
    try {
      await expect(query(client, '{ me { role } }')).rejects.toMatchObject({ code: 4403 });
      expect(await closed).toMatchObject({ code: 4403, reason: 'Forbidden' });
    } finally {
      await client.dispose();
    }
  });
});

describe('an API key revoked while its socket is open', () => {
  test('the next new operation closes the socket with 4403 and ends its subscriptions', async () => {
    const { token, prefix } = await createApiKey(db.prisma, { name: '大屏一号', role: 'SCREEN' });
    const { client, closed } = connect(patientUrl, token);
    try {
      // The subscription holds the lazy client's socket open for the operations that follow.
      const feed = ticks(client);
      await feed.first;
      expect(await query(client, '{ me { role } }')).toEqual({ data: { me: { role: 'SCREEN' } } });
      expect(await revokeApiKey(db.prisma, prefix)).toBe(true);
      // This hub's sweep is ten minutes away: the operation itself finds the key revoked.
      await expect(query(client, '{ me { role } }')).rejects.toMatchObject({ code: 4403 });
      expect(await closed).toMatchObject({ code: 4403, reason: 'Forbidden: the API key was revoked' });
      expect(await feed.ended).toMatchObject({ code: 4403 });
    } finally {
      await client.dispose();
    }
  });

  test('another replica closes its sockets of that key by itself; other sockets keep running', async () => {
    const revoked = await createApiKey(db.prisma, { name: '大屏二号', role: 'SCREEN' });
    const kept = await createApiKey(db.prisma, { name: '大屏三号', role: 'SCREEN' });
    const jwt = await mintToken(developmentSecret, { subject: 'wall', role: 'SCREEN' });
    const doomed = connect(watchfulUrl, revoked.token);
    const others = [connect(watchfulUrl, kept.token), connect(watchfulUrl, jwt)];
    try {
      const doomedFeed = ticks(doomed.client);
      const otherFeeds = others.map(({ client }) => ticks(client));
      await Promise.all([doomedFeed.first, ...otherFeeds.map((feed) => feed.first)]);
      // Revoked as `pnpm hub api-key revoke` does it: in the database, not through this hub.
      expect(await revokeApiKey(db.prisma, revoked.prefix)).toBe(true);
      expect(await doomed.closed).toMatchObject({ code: 4403, reason: 'Forbidden: the API key was revoked' });
      expect(await doomedFeed.ended).toMatchObject({ code: 4403 });
      // The other sockets still push and still start operations.
      const counts = otherFeeds.map((feed) => feed.count());
      await Promise.all(
        otherFeeds.map(
          (feed, index) =>
            new Promise<void>((resolve) => {
              const poll = setInterval(() => {
                if (feed.count() > (counts[index] ?? 0)) {
                  clearInterval(poll);
                  resolve();
                }
              }, 50);
            }),
        ),
      );
      for (const { client } of others) {
        expect(await query(client, '{ me { role } }')).toEqual({ data: { me: { role: 'SCREEN' } } });
      }
    } finally {
      await Promise.all([doomed, ...others].map(({ client }) => client.dispose()));
    }
  });
});
