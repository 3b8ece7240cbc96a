// Sending one result to a thousand screens: the hub serialises each shared result once and
// writes the graphql-ws `next` message to every subscribed socket itself, instead of each
// subscription carrying the same object through its own iterators, hooks and JSON.stringify
// (bench:realtime measured ≈ 100 µs of CPU per message and subscriber that way).
import type { ExecutionResult, GraphQLError } from 'graphql';
import type { WebSocket } from 'ws';
import type { Logger } from '../logger.ts';

/** Where a WebSocket subscription's messages go when the hub sends them directly. */
export interface DirectSink {
  /** Sends an ExecutionResult already serialised as JSON, as this subscription's next message. */
  send(resultJson: string): void;
}

/** A socket whose unsent messages pass this is not reading them (a frozen screen): closed. */
const MAX_UNSENT_BYTES = 8 * 1024 * 1024;

/**
 * graphql-ws's `next` message for subscription `id` over `socket`. A socket that stopped reading
 * is terminated: it reconnects and starts again from a snapshot, instead of the hub holding
 * ever more messages for it.
 */
export function socketSink(
  socket: WebSocket,
  id: string,
  logger: Logger,
  maxUnsentBytes = MAX_UNSENT_BYTES,
): DirectSink {
  const prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  return {
    send(resultJson) {
      if (socket.readyState !== socket.OPEN) return;
      if (socket.bufferedAmount > maxUnsentBytes) {
        logger.warn({ buffered: socket.bufferedAmount }, 'a WebSocket stopped reading its messages; closed');
        socket.terminate();
        return;
      }
      socket.send(`${prefix}${resultJson}}`);
    },
  };
}

/** The sinks of WebSocket subscriptions, by their GraphQL context (set in server.ts). */
const sinks = new WeakMap<object, DirectSink>();

export function setDirectSink(contextValue: object, sink: DirectSink): void {
  sinks.set(contextValue, sink);
}

/** The subscription's direct sink; none over SSE, where Yoga sends the results. */
export function directSinkOf(contextValue: unknown): DirectSink | undefined {
  return typeof contextValue === 'object' && contextValue !== null ? sinks.get(contextValue) : undefined;
}

export interface ErrorJson {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

/**
 * Errors as clients receive them, masked as Yoga masks them: an error raised on purpose has a
 * `code` and keeps its message; anything else is logged and becomes "Unexpected error.".
 */
export function errorsJson(
  errors: readonly GraphQLError[] | undefined,
  logger: Logger,
): ErrorJson[] | undefined {
  if (!errors || errors.length === 0) return undefined;
  return errors.map((error) => {
    const code = error.extensions?.code;
    if (typeof code !== 'string') {
      logger.error({ err: error.originalError ?? error, path: error.path }, 'live result failed');
      return { message: 'Unexpected error.', ...(error.path ? { path: error.path } : {}) };
    }
    return {
      message: error.message,
      ...(error.path ? { path: error.path } : {}),
      extensions: error.extensions as Record<string, unknown>,
    };
  });
}

const serialised = new WeakMap<object, string>();

/** The JSON of a result shared by many subscribers, worked out once (errors masked). */
export function sharedResultJson(result: ExecutionResult, logger: Logger): string {
  let json = serialised.get(result);
  if (json === undefined) {
    const errors = errorsJson(result.errors, logger);
    json = JSON.stringify({
      ...(errors ? { errors } : {}),
      ...('data' in result ? { data: result.data } : {}),
      ...(result.extensions ? { extensions: result.extensions } : {}),
    });
    serialised.set(result, json);
  }
  return json;
}

/** The JSON of a value shared by many messages (a live query's data), worked out once. */
export function sharedJson(value: object): string {
  let json = serialised.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    serialised.set(value, json);
  }
  return json;
}
