import type { IncomingMessage } from 'node:http';
import {
  createSourceEventStream,
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  Kind,
  print,
} from 'graphql';
import {
  createYoga,
  type LogLevel,
  type Plugin,
  useExecutionCancellation,
  type YogaLogger,
} from 'graphql-yoga';
import {
  type Context,
  type ContextServices,
  createContext,
  type Identity,
  identify,
  type RequestCredentials,
} from './context.ts';
import { analystExamples } from './graphiql-examples.ts';
import { defaultLimits, type Limits, limitPlugins } from './limits.ts';
import { directSinkOf, sharedResultJson } from './live/broadcast.ts';
import { type Commits, withLive } from './live/commits.ts';
import { directFeed } from './live/feeds.ts';
import type { LiveHub } from './live/hub.ts';
import { identityKey, liveSelection } from './live/recipes.ts';
import type { Logger } from './logger.ts';
import { useBodyLimit } from './plugins/use-body-limit.ts';
import { useWellFormedText } from './plugins/use-well-formed-text.ts';
import { schema } from './schema.ts';

/** What the transports hand to Yoga: node:http's request, for HTTP and for the WebSocket upgrade. */
export interface ServerContext {
  req?: IncomingMessage;
  /** graphql-ws's connection_init payload, for operations over WebSocket. */
  connectionParams?: Record<string, unknown>;
  /** The caller, once identified: before validation, so the limits can depend on the role. */
  identity?: Identity;
}

export interface HubYogaOptions {
  /** Overrides of the default limits (limits.ts); `production` hardens introspection. */
  limits?: Partial<Limits>;
  /** Pre-filled `Authorization` of GraphiQL's tabs: a development ANALYST token. */
  graphiqlToken?: string;
  /**
   * The server's live hub and the pubsub its writes announce commits on, attached to every
   * operation's context (live/commits.ts withLive); without them live updates answer UNAVAILABLE.
   */
  live?: { hub: LiveHub; commits: Commits };
}

export type HubYoga = ReturnType<typeof createHubYoga>;

/** The credentials of an HTTP request: the Authorization header or `?token=`, and x-request-id. */
export function credentialsOf(request: Request): RequestCredentials {
  return {
    requestId: request.headers.get('x-request-id'),
    authorization: request.headers.get('authorization'),
    token: new URL(request.url, 'http://hub').searchParams.get('token'),
  };
}

/**
 * Identifies the caller as soon as the GraphQL parameters are read, before parsing and
 * validation; a token the hub cannot accept ends the request with 401 INVALID_TOKEN.
 */
function useIdentity(services: ContextServices): Plugin<ServerContext> {
  return {
    async onParams({ request, context }) {
      const initial = context as ServerContext;
      initial.identity ??= await identify(services, credentialsOf(request));
    },
  };
}

/**
 * `subscription { live { … } }` is answered by the live hub with results computed once for all
 * its subscribers, instead of executing the selection for each of them (both transports).
 */
function useLiveQueries(hub: LiveHub | undefined): Plugin<ServerContext> {
  return {
    onSubscribe({ args, setSubscribeFn }) {
      if (!liveSelection(args.document, args.operationName)) return;
      setSubscribeFn(async (subscribeArgs) => {
        const ctx = subscribeArgs.contextValue as Context;
        if (!ctx.principal) {
          return {
            errors: [
              new GraphQLError('Sign in with a bearer token.', { extensions: { code: 'UNAUTHENTICATED' } }),
            ],
          };
        }
        if (!hub) {
          return {
            errors: [
              new GraphQLError('Live updates are not running.', { extensions: { code: 'UNAVAILABLE' } }),
            ],
          };
        }
        return hub.liveQuery(subscribeArgs);
      });
    },
  };
}

/** Feeds whose messages are the same object for every subscriber with the same filter. */
const sharedFeeds = new Set(['caseTicker', 'alertFeed', 'hubEvents']);

function feedOperation(document: DocumentNode, operationName?: string | null): boolean {
  const operation = document.definitions.find(
    (definition) =>
      definition.kind === Kind.OPERATION_DEFINITION &&
      (!operationName || definition.name?.value === operationName),
  );
  if (operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'subscription') return false;
  const [field, ...rest] = operation.selectionSet.selections;
  return rest.length === 0 && field?.kind === Kind.FIELD && sharedFeeds.has(field.name.value);
}

/**
 * A feed message goes to every screen at once: its GraphQL result is computed once per
 * message, selection, variables and role, and sent to all of them, instead of executing the
 * selection once per subscriber (1,000 screens × 10 messages a second).
 */
function useSharedFeeds(logger: Logger): Plugin<ServerContext> {
  const results = new WeakMap<object, Map<string, ExecutionResult | Promise<ExecutionResult>>>();
  const printed = new WeakMap<DocumentNode, string>();
  return {
    onSubscribe({ args, setSubscribeFn }) {
      if (!feedOperation(args.document, args.operationName)) return;
      setSubscribeFn(async (subscribeArgs) => {
        const source = await createSourceEventStream(subscribeArgs);
        if (!(Symbol.asyncIterator in source)) return source;
        const ctx = subscribeArgs.contextValue as Context;
        let text = printed.get(subscribeArgs.document);
        if (!text) {
          text = print(subscribeArgs.document);
          printed.set(subscribeArgs.document, text);
        }
        const key = JSON.stringify([
          text,
          subscribeArgs.operationName ?? null,
          subscribeArgs.variableValues ?? {},
          identityKey({ principal: ctx.principal, access: ctx.access }),
        ]);
        // Over WebSocket the hub writes the messages itself, serialised once for all subscribers.
        const sink = directSinkOf(subscribeArgs.contextValue);
        const events = source[Symbol.asyncIterator]();
        const resultOf = (event: object): ExecutionResult | Promise<ExecutionResult> => {
          let byKey = results.get(event);
          if (!byKey) {
            byKey = new Map();
            results.set(event, byKey);
          }
          let result = byKey.get(key);
          if (!result) {
            result = execute({ ...subscribeArgs, rootValue: event }) as
              | ExecutionResult
              | Promise<ExecutionResult>;
            byKey.set(key, result);
          }
          return result;
        };
        // Over WebSocket the feed hands its messages over as they come, each sent at once when
        // its result is ready (in order: a result still being computed holds the later ones).
        const attach = sink ? directFeed(source) : undefined;
        if (sink && attach) {
          let tail: Promise<void> | null = null;
          const send = (result: ExecutionResult) => sink.send(sharedResultJson(result, logger));
          attach((event) => {
            const result = resultOf(event as object);
            if (!tail && !(result instanceof Promise)) {
              send(result);
              return;
            }
            const current: Promise<void> = (tail ?? Promise.resolve())
              .then(async () => send(await result))
              .catch((error) => logger.error({ err: error }, 'a feed message could not be sent'))
              .finally(() => {
                if (tail === current) tail = null;
              });
            tail = current;
          });
        }
        // A plain iterator over the hub's feed (a Repeater: return() also ends a pending next()).
        // Racing each next() against one long-lived "stopped" promise would leave a reaction on
        // it per message and subscriber, kept until the subscription ends.
        const iterator: AsyncIterableIterator<ExecutionResult> = {
          [Symbol.asyncIterator]: () => iterator,
          async next() {
            for (;;) {
              const next = await events.next();
              if (next.done) return { done: true, value: undefined };
              const result = await resultOf(next.value as object);
              if (!sink) return { done: false, value: result };
              sink.send(sharedResultJson(result, logger));
            }
          },
          async return() {
            await events.return?.();
            return { done: true, value: undefined };
          },
          async throw(error: unknown) {
            await events.return?.();
            throw error;
          },
        };
        return iterator;
      });
    },
  };
}

export function createHubYoga(services: ContextServices, logger: Logger, options: HubYogaOptions = {}) {
  const limits = { ...defaultLimits, ...options.limits };
  const live = options.live && { commits: options.live.commits, feeds: options.live.hub };
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: {
      title: 'County operations hub (营商办数据中枢)',
      subscriptionsProtocol: 'WS',
      defaultTabs: analystExamples.map(({ query, variables }) => ({
        query,
        variables: JSON.stringify(variables, null, 2),
        headers: JSON.stringify({
          Authorization: `Bearer ${options.graphiqlToken ?? '<token from pnpm hub token>'}`,
        }),
      })),
    },
    landingPage: false,
    // Masking stays on (Yoga's default): unexpected errors become "Unexpected error." and are
    // logged; GraphQLErrors the code raises on purpose keep their message and extensions.code.
    maskedErrors: true,
    logging: yogaLogger(logger),
    plugins: [
      useBodyLimit({ maxBytes: limits.maxBodyBytes }),
      useIdentity(services),
      useExecutionCancellation(),
      ...limitPlugins(limits),
      useWellFormedText(),
      useLiveQueries(options.live?.hub),
      useSharedFeeds(logger),
    ],
    // Over HTTP the fetch Request carries the credentials; over WebSocket only node's upgrade
    // request is there, and the identity was settled when the socket connected.
    context: async ({ request, req, identity }) => {
      const fromSocket = req?.headers['x-request-id'];
      const context = await createContext(services, {
        ...(request
          ? credentialsOf(request)
          : { requestId: Array.isArray(fromSocket) ? fromSocket[0] : fromSocket }),
        identity,
      });
      return live ? withLive(context, live) : context;
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
