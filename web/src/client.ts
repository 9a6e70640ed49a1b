import { Client, cacheExchange, fetchExchange } from '@urql/preact';

/** A GraphQL client for the service's /graphql, sending the API key when one is set. */
export function createClient(apiKey: string): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    // POST with a JSON body, and the header the service's CSRF rule asks browsers for.
    preferGetMethod: false,
    fetchOptions: {
      headers: {
        'x-graphql-yoga-csrf': 'dashboard',
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      },
    },
  });
}
