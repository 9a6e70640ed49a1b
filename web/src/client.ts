import { Client, cacheExchange, fetchExchange } from '@urql/preact';

/** A GraphQL client for the service's /graphql, sending the API key when one is set. */
export function createClient(apiKey: string): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    // POST with a JSON body, which the service's CSRF rule lets through; the header it asks of a
    // browser's GET is sent as well, so that a change of method cannot turn the dashboard away.
    preferGetMethod: false,
    fetchOptions: {
      headers: {
        'x-graphql-yoga-csrf': 'dashboard',
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      },
    },
  });
}
