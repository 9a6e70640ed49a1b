import type { Plugin } from 'graphql-yoga';

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
