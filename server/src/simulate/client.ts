// The simulator talks to the hub only as any other system would: GraphQL over HTTP at the
// public endpoint, a bearer token per request, and the server's clock from the `serverTime`
// subscription (server-sent events), so what it writes is "now" by the server, never after it.

/** A refusal or failure of one request, with the hub's stable code (or NETWORK, HTTP_<status>). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Response<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export interface GraphQLClient {
  readonly url: string;
  /** The data of an operation; ApiError with the first error's code when there is any. */
  request<T>(token: string, query: string, variables?: Record<string, unknown>): Promise<T>;
}

export function graphqlClient(url: string): GraphQLClient {
  return {
    url,
    async request<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
      let response: globalThis.Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json',
            authorization: `Bearer ${token}`,
          },
          body: JSON.stringify({ query, variables }),
        });
      } catch (error) {
        const cause = (error as { cause?: { message?: string } }).cause?.message;
        throw new ApiError('NETWORK', `${url}: ${cause ?? (error as Error).message}`);
      }
      const text = await response.text();
      let body: Response<T>;
      try {
        body = JSON.parse(text) as Response<T>;
      } catch {
        throw new ApiError(
          `HTTP_${response.status}`,
          `${url} answered ${response.status}: ${text.slice(0, 200)}`,
        );
      }
      const [first] = body.errors ?? [];
      if (first) throw new ApiError(first.extensions?.code ?? `HTTP_${response.status}`, first.message);
      if (!body.data) throw new ApiError(`HTTP_${response.status}`, `${url} answered without data`);
      return body.data;
    },
  };
}

/**
 * The server's clock as this process sees it: the offset is taken from one `serverTime` event
 * when it arrives, so it errs early by the event's transit time and an instant from `now()` is
 * never ahead of the server.
 */
export interface ServerClock {
  now(): Date;
  /** Reads the server's time again. */
  sync(): Promise<void>;
}

export async function serverClock(url: string): Promise<ServerClock> {
  let offset = 0;
  const clock: ServerClock = {
    now: () => new Date(Date.now() + offset),
    async sync() {
      const server = await serverTime(url);
      offset = server.getTime() - Date.now();
    },
  };
  await clock.sync();
  return clock;
}

/** The first `serverTime` event of a subscription over server-sent events; needs no token. */
async function serverTime(url: string): Promise<Date> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { serverTime }' }),
      signal: controller.signal,
    });
    if (!response.ok || !response.body) {
      throw new ApiError(`HTTP_${response.status}`, `${url} refused the serverTime subscription`);
    }
    const decoder = new TextDecoder();
    let buffered = '';
    const reader = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      buffered += decoder.decode(read.value, { stream: true });
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('data:')) continue;
        const event = JSON.parse(line.slice(5)) as Response<{ serverTime: string }>;
        if (event.data?.serverTime) return new Date(event.data.serverTime);
      }
    }
    throw new ApiError('NETWORK', `${url} closed the serverTime subscription without an event`);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new ApiError('NETWORK', `${url}: ${cause ?? (error as Error).message}`);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
