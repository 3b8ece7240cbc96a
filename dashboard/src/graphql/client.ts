import { Client, subscriptionExchange } from '@urql/vue';
import { createClient as createWsClient } from 'graphql-ws';
import { type Ref, shallowRef } from 'vue';

/** The state of the screen's one WebSocket (连接状态). */
export type ConnectionStatus = 'connecting' | 'connected' | 'closed';

export interface ScreenClientOptions {
  /** The GraphQL WebSocket endpoint, e.g. ws://hub:4000/graphql. */
  url: string;
  /** The SCREEN token; sent once per connection in connection_init. */
  token: string | null;
  /**
   * A ping every this often; no pong within half of it closes the socket, which reconnects.
   * @default 10_000
   */
  keepAliveMs?: number;
  /**
   * The longest wait between two reconnection attempts.
   * @default 30_000
   */
  maxRetryWaitMs?: number;
  /** A WebSocket implementation outside the browser (tests). @default globalThis.WebSocket */
  webSocketImpl?: unknown;
}

export interface ScreenClient {
  /** urql over graphql-ws: every operation of the screen is a subscription on one socket. */
  client: Client;
  connection: Readonly<Ref<ConnectionStatus>>;
  dispose(): Promise<void>;
}

/**
 * Randomised exponential backoff, capped: 1 s, 2 s, 4 s … up to `maxMs`, each ± 25 %, so a wall
 * of screens does not reconnect in step after the hub restarts.
 */
export function retryDelay(retries: number, maxMs: number, random: () => number = Math.random): number {
  const base = Math.min(maxMs, 1000 * 2 ** retries);
  return Math.round(base * (0.75 + random() * 0.5));
}

export function createScreenClient(options: ScreenClientOptions): ScreenClient {
  const { keepAliveMs = 10_000, maxRetryWaitMs = 30_000 } = options;
  const connection = shallowRef<ConnectionStatus>('connecting');
  let socket: WebSocket | null = null;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;

  const wsClient = createWsClient({
    url: options.url,
    lazy: false,
    retryAttempts: Number.POSITIVE_INFINITY,
    // Every failure to connect is worth another try: the hub may be restarting or the network
    // down for hours; the screen must come back by itself.
    shouldRetry: () => true,
    retryWait: (retries) =>
      new Promise((resolve) => setTimeout(resolve, retryDelay(retries, maxRetryWaitMs))),
    onNonLazyError: () => {},
    keepAlive: keepAliveMs,
    connectionParams: options.token ? { authorization: `Bearer ${options.token}` } : {},
    ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
    on: {
      connecting: () => {
        connection.value = 'connecting';
      },
      connected: (connected) => {
        socket = connected as WebSocket;
        connection.value = 'connected';
      },
      closed: () => {
        socket = null;
        clearTimeout(pongTimer);
        connection.value = 'closed';
      },
      // A half-open socket (cable pulled, NAT expired) never reports closed; a missing pong does.
      ping: (received) => {
        if (received) return;
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => {
          if (socket?.readyState === 1) socket.close(4408, 'Pong timeout');
        }, keepAliveMs / 2);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
    },
  });

  const client = new Client({
    url: options.url,
    exchanges: [
      subscriptionExchange({
        enableAllOperations: true,
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({
            unsubscribe: wsClient.subscribe({ ...request, query: request.query ?? '' }, sink),
          }),
        }),
      }),
    ],
  });

  return {
    client,
    connection,
    dispose: async () => {
      clearTimeout(pongTimer);
      await wsClient.dispose();
    },
  };
}

/** The hub's WebSocket endpoint beside the page that shows the screen. */
export function graphqlWsUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}
