import { persistedExchange } from '@urql/exchange-persisted';
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/preact';
import { createClient as createSseClient } from 'graphql-sse';

/**
 * A GraphQL client for the service's /graphql, sending the API key when one is set. Every operation is
 * sent as the SHA-256 of its text, which the service knows from web/trusted-documents.json (so the
 * dashboard runs where only trusted documents may); subscriptions arrive as server-sent events.
 */
export function createClient(apiKey: string): Client {
  const headers: Record<string, string> = {
    // POST with a JSON body, which the service's CSRF rule lets through; the header it asks of a
    // browser's GET is sent as well, so that a change of method cannot turn the dashboard away.
    'x-graphql-yoga-csrf': 'dashboard',
    ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
  };
  const sse = createSseClient({ url: '/graphql', headers });
  return new Client({
    url: '/graphql',
    exchanges: [
      cacheExchange,
      persistedExchange({ preferGetForPersistedQueries: false, enableForMutation: true, enableForSubscriptions: true }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: sse.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
    preferGetMethod: false,
    fetchOptions: { headers },
  });
}
