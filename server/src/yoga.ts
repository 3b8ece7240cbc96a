import type { IncomingMessage } from 'node:http';
import { createYoga, type LogLevel, type YogaLogger } from 'graphql-yoga';
import { type Context, type ContextServices, createContext } from './context.ts';
import type { Logger } from './logger.ts';
import { schema } from './schema.ts';

/** What the transports hand to Yoga: node:http's request, for HTTP and for the WebSocket upgrade. */
export interface ServerContext {
  req: IncomingMessage;
  /** graphql-ws's connection_init payload, for operations over WebSocket. */
  connectionParams?: Record<string, unknown>;
}

export type HubYoga = ReturnType<typeof createHubYoga>;

export function createHubYoga(services: ContextServices, logger: Logger) {
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: { title: 'County operations hub (营商办数据中枢)', subscriptionsProtocol: 'WS' },
    landingPage: false,
    logging: yogaLogger(logger),
    context: ({ req, connectionParams }) => {
      const requestId = req.headers['x-request-id'];
      const fromSocket = connectionParams?.authorization ?? connectionParams?.Authorization;
      return createContext(services, {
        requestId: Array.isArray(requestId) ? requestId[0] : requestId,
        authorization: typeof fromSocket === 'string' ? fromSocket : req.headers.authorization,
        token: new URL(req.url ?? '/', 'http://hub').searchParams.get('token'),
      });
    },
  });
}

function yogaLogger(logger: Logger): YogaLogger {
  const forward =
    (level: LogLevel) =>
    (message: unknown, ...details: unknown[]) => {
      if (message instanceof Error) logger[level]({ err: message }, message.message);
      else logger[level](details.length > 0 ? { details } : {}, String(message));
    };
  return { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };
}
