import { GraphQLError } from 'graphql';
import { maskError } from 'graphql-yoga';

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
const UNAVAILABLE_MESSAGES =
  /ECONNREFUSED|ECONNRESET|Connection terminated|connection timeout|timeout exceeded when trying to connect|Can't reach database server|terminating connection|the database system is (starting up|shutting down)/i;

function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown } | undefined,
      depth = 0;
    e && depth < 8;
    depth++
  ) {
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return false;
}

/**
 * Yoga's masking, except that losing the database is said plainly with HTTP 503, so clients retry
 * instead of reporting a bug. Nothing of the SQL or the stack reaches the client either way.
 */
export const maskErrors = (error: unknown, message: string, isDev?: boolean): Error =>
  isDatabaseUnavailable(error)
    ? new GraphQLError('the database is unavailable; retry shortly', {
        extensions: { code: 'DATABASE_UNAVAILABLE', http: { status: 503, headers: { 'retry-after': '5' } } },
      })
    : maskError(error, message, isDev);
