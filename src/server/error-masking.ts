import { PothosValidationError } from '@pothos/core';
import { ForbiddenError } from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import { maskError } from 'graphql-yoga';
import { NotFoundError, notFoundKindName } from '../curation/errors';
import { WriteBusyError } from '../db/write';

// Prisma's codes for an unreachable server, a closed connection and an exhausted pool; PostgreSQL's
// connection-exception and shutdown SQLSTATEs; Node's socket errors.
const UNAVAILABLE_CODES = new Set([
  'P1001',
  'P1002',
  'P1017',
  'P2024',
  '08000',
  '08001',
  '08003',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);
// pg's "not queryable" is a client whose connection broke earlier in the same transaction.
const UNAVAILABLE_MESSAGES =
  /ECONNREFUSED|ECONNRESET|Connection terminated|connection timeout|timeout exceeded when trying to connect|Can't reach database server|terminating connection|the database system is (starting up|shutting down)|connection error and is not queryable|Client was closed and is not queryable/i;
// PostgreSQL's lock_not_available: a write waited for others longer than its lock timeout (src/bundle/import.ts).
const BUSY_CODES = new Set(['55P03']);
const BUSY_MESSAGES = /canceling statement due to lock timeout/i;
// PostgreSQL's query_canceled when KB_STATEMENT_TIMEOUT_MS stopped the statement (its code alone
// would also cover an administrator's cancel).
const TIMEOUT_MESSAGES = /canceling statement due to statement timeout/i;

type Chained = { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown };

/** `error`, or the first error it wraps, that passes `test`. */
function inChain(error: unknown, test: (e: Chained) => boolean): Chained | undefined {
  for (let e = error as Chained | undefined, depth = 0; e && depth < 8; depth++) {
    if (test(e)) return e;
    e = (e.originalError ?? e.cause) as Chained | undefined;
  }
  return undefined;
}
const causes = (error: unknown, codes: Set<string>, messages: RegExp) =>
  inChain(
    error,
    (e) =>
      (typeof e.code === 'string' && codes.has(e.code)) || (typeof e.message === 'string' && messages.test(e.message)),
  ) !== undefined;

const retryable = (code: string, message: string) =>
  new GraphQLError(message, { extensions: { code, http: { status: 503, headers: { 'retry-after': '5' } } } });

/** The code of a refusal Pothos makes without one: a bad argument, a bad cursor, a missing scope. */
function refusalCode(error: GraphQLError): string | undefined {
  // Yoga's own refusals carry no code: a request without the CSRF header, a variable that does not fit.
  if (error.extensions.code === undefined && !error.originalError) {
    if (error.message.startsWith('Required CSRF header')) return 'CSRF_HEADER_REQUIRED';
    if (error.message.startsWith('Variable "$')) return 'BAD_USER_INPUT';
  }
  const original = error.originalError ?? error;
  if (typeof error.extensions.code === 'string' || !(original instanceof PothosValidationError)) return undefined;
  if (original instanceof ForbiddenError) return 'FORBIDDEN';
  return original.message.startsWith('Invalid cursor') ? 'INVALID_CURSOR' : 'BAD_USER_INPUT';
}

/**
 * Yoga's masking, except that losing the database, or a write waiting too long for the write lock, is
 * said plainly with HTTP 503 and Retry-After, so that clients retry instead of reporting a bug, that a
 * statement the statement timeout stopped is QUERY_TIMEOUT (503 without Retry-After: the same query
 * would run as long again), that a key naming nothing, where the field has no typed errors (a nested list's argument), is said as the
 * NotFoundError it is, and that Pothos' refusals get a code. Nothing of the SQL or the stack reaches
 * the client either way.
 */
export const maskErrors = (error: unknown, message: string, isDev?: boolean): Error => {
  if (causes(error, UNAVAILABLE_CODES, UNAVAILABLE_MESSAGES))
    return retryable('DATABASE_UNAVAILABLE', 'the database is unavailable; retry shortly');
  if (inChain(error, (e) => e instanceof WriteBusyError))
    return retryable('WRITE_BUSY', 'an import is running; nothing was written, retry shortly');
  if (causes(error, BUSY_CODES, BUSY_MESSAGES))
    return retryable('WRITE_BUSY', 'other writes held the write lock too long; nothing was written, retry shortly');
  if (inChain(error, (e) => typeof e.message === 'string' && TIMEOUT_MESSAGES.test(e.message)))
    return new GraphQLError(
      'the query ran longer than the service allows and was stopped; nothing was written. Ask for less: a smaller page, fewer levels or a narrower filter',
      {
        ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
        extensions: { code: 'QUERY_TIMEOUT', http: { status: 503 } },
      },
    );
  const missing = inChain(error, (e) => e instanceof NotFoundError) as NotFoundError | undefined;
  if (missing && error instanceof GraphQLError)
    return new GraphQLError(missing.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: 'NOT_FOUND', kind: notFoundKindName(missing.kind), key: missing.key },
    });
  const code = error instanceof GraphQLError ? refusalCode(error) : undefined;
  if (error instanceof GraphQLError && code)
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      path: error.path,
      originalError: error.originalError,
      extensions: { ...error.extensions, code },
    });
  return maskError(error, message, isDev);
};
