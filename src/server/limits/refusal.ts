import { GraphQLError } from 'graphql';

/**
 * A request refused by a limit: one error whose `extensions.code` an app can branch on, with the HTTP
 * status (and headers) yoga answers it with.
 */
export const refusal = (code: string, message: string, status = 400, headers?: Record<string, string>) =>
  new GraphQLError(message, { extensions: { code, http: { status, ...(headers && { headers }) } } });
