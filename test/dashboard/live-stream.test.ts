// useLiveStream over the screen's real client (urql + graphql-ws + ws) against a graphql-ws
// server whose pushes the test decides: snapshot then pushes, a gap in the numbers, silence,
// the hub going away and coming back on the same port, two streams sharing one subscription.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, type ExecutionResult } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createApp, effectScope, shallowRef } from 'vue';
import { WebSocket, WebSocketServer } from 'ws';
import { type LiveStream, useLiveStream } from '../../dashboard/src/composables/useLiveStream.ts';
import { installScreen } from '../../dashboard/src/composables/useScreenRuntime.ts';
import { defaultConfig } from '../../dashboard/src/config.ts';
import { createScreenClient, type ScreenClient } from '../../dashboard/src/graphql/client.ts';

const schema = buildSchema('type Query { count: Int! } type Subscription { live: Query! }');
const staleAfterMs = 5_000;

/** A graphql-ws server whose `live` subscribers get a snapshot, then what the test sends. */
class LiveServer {
  snapshot = 0;
  subscriptions = 0;
  private sinks = new Set<(result: ExecutionResult) => void>();
  private http: Server | undefined;
  private wss: WebSocketServer | undefined;

  async start(port = 0): Promise<number> {
    this.http = createServer();
    this.wss = new WebSocketServer({ server: this.http, path: '/graphql' });
    useServer(
      {
        schema,
        subscribe: () => this.subscribe(),
      },
      this.wss,
    );
    await new Promise<void>((resolve) => this.http?.listen(port, '127.0.0.1', resolve));
    return (this.http.address() as AddressInfo).port;
  }

  private async *subscribe(): AsyncGenerator<ExecutionResult> {
    this.subscriptions += 1;
    const queue: ExecutionResult[] = [message(this.snapshot, 0, true)];
    let wake: (() => void) | undefined;
    const sink = (result: ExecutionResult) => {
      queue.push(result);
      wake?.();
    };
    this.sinks.add(sink);
    try {
      for (;;) {
        const next = queue.shift();
        if (next) yield next;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      this.sinks.delete(sink);
    }
  }

  push(count: number, seq: number): void {
    for (const sink of this.sinks) sink(message(count, seq, false));
  }

  async stop(): Promise<void> {
    for (const socket of this.wss?.clients ?? []) socket.terminate();
    await new Promise<void>((resolve) => this.wss?.close(() => resolve()));
    await new Promise<void>((resolve) => this.http?.close(() => resolve()));
  }
}

function message(count: number, seq: number, snapshot: boolean): ExecutionResult {
  return { data: { live: { count } }, extensions: { live: { seq, snapshot } } };
}

let server = new LiveServer();
let port: number;
let screen: ScreenClient;
let stream: LiveStream<{ count: number }>;
const now = shallowRef(Date.now());
const scope = effectScope();

beforeAll(async () => {
  server.snapshot = 10;
  port = await server.start();
  screen = createScreenClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    token: 'test-token',
    webSocketImpl: WebSocket,
    maxRetryWaitMs: 200,
  });
  const app = createApp({});
  installScreen(app, screen, { config: { ...defaultConfig, staleAfterMs }, now });
  stream = app.runWithContext(() =>
    scope.run(() =>
      useLiveStream<{ live: { count: number } }, Record<string, never>, { count: number }>(
        'subscription Count { live { count } }',
        { select: (data) => data.live },
      ),
    ),
  )!;
});

afterAll(async () => {
  scope.stop();
  await screen.dispose();
  await server.stop();
});

describe('a live stream', () => {
  test('starts from the snapshot, then every push replaces the value', async () => {
    await vi.waitFor(() => expect(stream.value.value?.count).toBe(10));
    expect(screen.connection.value).toBe('connected');
    const firstAt = stream.receivedAt.value;
    expect(firstAt).not.toBeNull();
    server.push(11, 1);
    await vi.waitFor(() => expect(stream.value.value?.count).toBe(11));
    server.push(12, 2);
    await vi.waitFor(() => expect(stream.value.value?.count).toBe(12));
    expect(stream.receivedAt.value).toBeGreaterThanOrEqual(firstAt!);
    expect(server.subscriptions).toBe(1);
    expect(stream.resyncs.value).toBe(0);
  });

  test('a push that changes nothing keeps the value (no re-render) but counts as fresh', async () => {
    const held = stream.value.value;
    const before = stream.receivedAt.value!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    server.push(12, 3);
    await vi.waitFor(() => expect(stream.receivedAt.value).toBeGreaterThan(before));
    expect(stream.value.value).toBe(held);
    expect(held?.count).toBe(12);
    server.snapshot = 50;
    // Numbering goes on from 3, so the next test's 4 is no gap; its 99 must be one.
  });

  test('a gap in the numbers subscribes again and takes the new snapshot, not the push', async () => {
    server.snapshot = 50;
    server.push(99, 5);
    await vi.waitFor(() => expect(stream.value.value?.count).toBe(50));
    expect(stream.resyncs.value).toBe(1);
    expect(server.subscriptions).toBe(2);
    // Numbering starts again from the new snapshot.
    server.push(51, 1);
    await vi.waitFor(() => expect(stream.value.value?.count).toBe(51));
    expect(stream.resyncs.value).toBe(1);
  });

  test('turns stale when nothing arrived for staleAfterMs, fresh again with the next push', async () => {
    now.value = Date.now();
    expect(stream.stale.value).toBe(false);
    now.value = stream.receivedAt.value! + staleAfterMs + 1;
    expect(stream.stale.value).toBe(true);
    server.push(52, 2);
    await vi.waitFor(() => expect(stream.value.value?.count).toBe(52));
    now.value = Date.now();
    expect(stream.stale.value).toBe(false);
  });

  test('turns stale when the hub goes away; reconnects by itself and re-syncs from a snapshot', async () => {
    await server.stop();
    await vi.waitFor(() => expect(screen.connection.value).not.toBe('connected'));
    expect(stream.stale.value).toBe(true);
    // What was last known stays on screen, marked stale.
    expect(stream.value.value?.count).toBe(52);

    server = new LiveServer();
    server.snapshot = 70;
    await server.start(port);
    await vi.waitFor(() => expect(stream.value.value?.count).toBe(70), { timeout: 10_000 });
    expect(screen.connection.value).toBe('connected');
    now.value = Date.now();
    expect(stream.stale.value).toBe(false);
    server.push(71, 1);
    await vi.waitFor(() => expect(stream.value.value?.count).toBe(71));
  });
});

describe('two streams of the same operation (two panels of one domain)', () => {
  test('share one subscription, and a gap takes both to one new snapshot', async () => {
    const shared = new LiveServer();
    shared.snapshot = 1;
    const sharedPort = await shared.start();
    const client = createScreenClient({
      url: `ws://127.0.0.1:${sharedPort}/graphql`,
      token: null,
      webSocketImpl: WebSocket,
    });
    const app = createApp({});
    installScreen(app, client, { config: defaultConfig, now });
    const panels = effectScope();
    const open = () =>
      useLiveStream<{ live: { count: number } }, Record<string, never>, { count: number }>(
        'subscription Count { live { count } }',
        { select: (data) => data.live },
      );
    const [a, b] = app.runWithContext(() => panels.run(() => [open(), open()]))!;
    try {
      await vi.waitFor(() => {
        expect(a?.value.value?.count).toBe(1);
        expect(b?.value.value?.count).toBe(1);
      });
      expect(shared.subscriptions).toBe(1);
      shared.push(2, 1);
      await vi.waitFor(() => expect(b?.value.value?.count).toBe(2));
      expect(a?.value.value?.count).toBe(2);

      shared.snapshot = 30;
      shared.push(99, 7);
      await vi.waitFor(() => {
        expect(a?.value.value?.count).toBe(30);
        expect(b?.value.value?.count).toBe(30);
      });
      expect(shared.subscriptions).toBe(2);
      expect([a?.resyncs.value, b?.resyncs.value]).toEqual([1, 1]);
    } finally {
      panels.stop();
      await client.dispose();
      await shared.stop();
    }
  });
});
