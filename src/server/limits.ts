import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from './context';

/**
 * Refuses request bodies larger than `maxBytes` (413), bodies of unannounced length (411) and a
 * malformed Content-Length (400), from the headers alone: Node's HTTP parser holds a body to its
 * Content-Length, so nothing longer can follow. This is why the app turns off yoga's own limit, which
 * re-counts every body through a stream and cost a tenth of a small request's CPU.
 */
export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest(event) {
      const { request } = event;
      const length = request.headers.get('content-length');
      if (length !== null && !/^\d+$/.test(length)) {
        event.endResponse(new Response('a malformed Content-Length', { status: 400 }));
      } else if (length !== null && Number(length) > maxBytes) {
        event.endResponse(new Response(`request body over ${maxBytes} bytes`, { status: 413 }));
      } else if (length === null && request.headers.get('transfer-encoding')?.includes('chunked')) {
        event.endResponse(new Response('a request body needs a Content-Length', { status: 411 }));
      }
    },
  };
}

/**
 * A token bucket per API key (anonymous requests share one per client address): `perMinute`
 * operations, refilled continuously. Written here because envelop's rate limiter counts field calls
 * declared by directives, not a client's requests; one process holds the buckets, so run one
 * replica per limit or put the limit in front.
 */
export function useRateLimit(perMinute: number, clientOf: (serverContext: unknown) => string): Plugin<Context> {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = perMinute / 60_000;
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue;
      const client = ctx.viewer ? `key:${ctx.viewer.keyId}` : `anonymous:${clientOf(ctx)}`;
      const now = Date.now();
      const bucket = buckets.get(client) ?? { tokens: perMinute, at: now };
      bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * refillPerMs);
      bucket.at = now;
      buckets.set(client, bucket);
      if (bucket.tokens < 1) {
        const retryAfter = Math.ceil((1 - bucket.tokens) / refillPerMs / 1000);
        setResultAndStopExecution({
          errors: [
            new GraphQLError(`rate limit of ${perMinute} operations a minute exceeded; retry in ${retryAfter} s`, {
              extensions: {
                code: 'RATE_LIMITED',
                http: { status: 429, headers: { 'retry-after': String(retryAfter) } },
              },
            }),
          ],
        });
        return;
      }
      bucket.tokens -= 1;
    },
  };
}
