import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Database } from '../../src/db/client';
import { createLogger } from '../../src/logger';
import { type AppPolicy, createApp, defaultPolicy } from '../../src/server/app';
import type { TrustedDocuments } from '../../src/server/trusted-documents';

export type GraphQLClient = {
  <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    operationName?: string,
  ): Promise<ExecutionResult<T>>;
  /** The raw HTTP response, for status codes and headers. */
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
};

/** Runs operations through the real yoga app over its fetch interface (the same HTTP handling as the server). */
export function graphqlClient(
  db: Pick<Database, 'prisma' | 'sql'>,
  options: {
    apiKey?: string;
    policy?: Partial<AppPolicy>;
    responseCache?: Plugin;
    trustedDocuments?: TrustedDocuments;
  } = {},
): GraphQLClient {
  const app = createApp({
    db,
    logger: createLogger('silent'),
    policy: { ...defaultPolicy, ...options.policy },
    responseCache: options.responseCache,
    trustedDocuments: options.trustedDocuments,
  });
  const fetch = (path: string, init: RequestInit = {}) =>
    Promise.resolve(app.fetch(new URL(path, 'http://kb.test'), init));
  const run = async <T>(query: string, variables?: Record<string, unknown>, operationName?: string) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      },
      body: JSON.stringify({ query, variables, operationName }),
    });
    return (await response.json()) as ExecutionResult<T>;
  };
  return Object.assign(run, { fetch });
}
