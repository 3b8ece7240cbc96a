// A request body over the limit is refused with HTTP 413 from its Content-Length, before Yoga
// reads or parses any of it: a 200 MB JSON document would otherwise be buffered and parsed whole.
import type { Plugin } from 'graphql-yoga';

/** The code of the refusal, as `extensions.code`. */
export const bodyTooLargeCode = 'PAYLOAD_TOO_LARGE';

export interface BodyLimitOptions {
  /** The largest body accepted, in bytes. */
  maxBytes: number;
}

export function useBodyLimit({ maxBytes }: BodyLimitOptions): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const declared = Number(request.headers.get('content-length') ?? 0);
      if (!(declared > maxBytes)) return;
      const megabytes = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
      const body = {
        errors: [
          {
            message: `请求体过大：最多 ${megabytes} MB，本次 ${declared} 字节。`,
            extensions: { code: bodyTooLargeCode, maxBytes, bytes: declared },
          },
        ],
      };
      endResponse(
        new fetchAPI.Response(JSON.stringify(body), {
          status: 413,
          headers: { 'content-type': 'application/json; charset=utf-8', connection: 'close' },
        }),
      );
    },
  };
}
