import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/vue';
import { createClient as createWsClient } from 'graphql-ws';
import { screenToken } from './token.ts';

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;

const authorization = screenToken ? `Bearer ${screenToken}` : undefined;

export const wsClient = createWsClient({
  url: wsUrl,
  lazy: false,
  retryAttempts: Number.POSITIVE_INFINITY,
  connectionParams: authorization ? { authorization } : {},
});

/** The screen's one urql client: queries over HTTP, subscriptions over graphql-ws. */
export const client = new Client({
  url: '/graphql',
  preferGetMethod: false,
  fetchOptions: () => (authorization ? { headers: { authorization } } : {}),
  exchanges: [
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({
          unsubscribe: wsClient.subscribe({ ...request, query: request.query ?? '' }, sink),
        }),
      }),
    }),
  ],
});
