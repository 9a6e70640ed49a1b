import type { ExecutionResult } from 'graphql-sse';
import { createClient } from 'graphql-sse';

export type Subscription<T> = {
  /** Every event received so far. */
  events: ExecutionResult<T, unknown>[];
  /** Waits (up to `ms`) until `check` holds for the events received. */
  until: (
    check: (events: ExecutionResult<T, unknown>[]) => boolean,
    ms?: number,
  ) => Promise<ExecutionResult<T, unknown>[]>;
  /** Disconnects, as a client that goes away does. */
  close: () => Promise<void>;
  /** Settles when the server ends the stream; rejects with its error. */
  ended: Promise<void>;
  /** Resolves once the server has answered: the subscription has begun, and knows where it starts. */
  connected: Promise<void>;
};

/** A GraphQL subscription over server-sent events (graphql-sse, as a client app would use it). */
export function subscribe<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  apiKey?: string,
): Subscription<T> {
  let onConnected = () => undefined as void;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const client = createClient({
    url,
    retryAttempts: 0,
    on: { connected: () => onConnected() },
    headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
  });
  const events: ExecutionResult<T, unknown>[] = [];
  const iterator = client.iterate<T>({ query, variables });
  let finished = false;
  const ended = (async () => {
    for await (const event of iterator) events.push(event);
    finished = true;
  })();
  ended.catch(() => undefined);
  return {
    events,
    until: async (check, ms = 15_000) => {
      const deadline = Date.now() + ms;
      while (!check(events)) {
        if (finished || Date.now() > deadline)
          throw new Error(`${finished ? 'ended' : `not within ${ms} ms`}; received ${JSON.stringify(events)}`);
        await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 10))]);
      }
      return events;
    },
    close: async () => {
      await iterator.return?.();
      client.dispose();
      await ended.catch(() => undefined);
    },
    ended,
    connected,
  };
}
