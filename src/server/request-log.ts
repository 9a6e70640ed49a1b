import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger';

// One structured line per request. Yoga's own logger reports its internals, not a request summary,
// and envelop has no maintained request-log plugin for yoga's server hooks.
export function useRequestLog(logger: Logger): Plugin {
  const started = new WeakMap<Request, { at: number; operation?: string | undefined }>();
  return {
    onRequest({ request }) {
      started.set(request, { at: performance.now() });
    },
    onParams({ params, request }) {
      const entry = started.get(request);
      if (entry) entry.operation = params.operationName ?? undefined;
    },
    onResponse({ request, response }) {
      // The line's fields cost more than the rest of a small request's hooks: built only when written.
      if (!logger.isLevelEnabled('info')) return;
      const entry = started.get(request);
      logger.info(
        {
          method: request.method,
          path: new URL(request.url).pathname,
          status: response.status,
          operation: entry?.operation,
          ms: entry ? Math.round((performance.now() - entry.at) * 10) / 10 : undefined,
        },
        'request',
      );
    },
  };
}
