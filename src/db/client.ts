import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client';
import { type RawReader, rawReader } from './raw-sql';
import { statementNames } from './statement-names';

export type Database = {
  prisma: PrismaClient;
  /** Hand-written reads outside a transaction (see raw-sql.ts). */
  sql: RawReader;
  pool: pg.Pool;
  close: () => Promise<void>;
};

export type DatabaseOptions = {
  /** Called with every statement sent and its parameters; tests count these to catch N+1 queries. */
  onQuery?: (sql: string, params: unknown[]) => void;
  poolSize?: number;
  /**
   * The longest a statement may run before PostgreSQL cancels it (0 or unset: no limit). The service
   * sets it so that no request can hold connections indefinitely; the CLI's imports and exports do not.
   */
  statementTimeoutMs?: number;
};

export function connectDatabase(databaseUrl: string, options: DatabaseOptions = {}): Database {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    application_name: 'provenance-kb',
    // Prisma's pg adapter writes timestamps without a zone and reads them as UTC, so a server whose
    // TimeZone is anything else (initdb takes the host's) would shift every instant.
    options: '-c TimeZone=UTC',
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  // An idle client dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const nameOf = statementNames();
  const prisma = new PrismaClient({
    // Unnamed ('') past the limit.
    adapter: new PrismaPg(pool, { statementNameGenerator: (query) => nameOf(query.sql) ?? '' }),
    log: options.onQuery ? [{ emit: 'event', level: 'query' }] : [],
  });
  if (options.onQuery) {
    const onQuery = options.onQuery;
    (prisma as PrismaClient<'query'>).$on('query', (event) =>
      onQuery(event.query, JSON.parse(event.params) as unknown[]),
    );
  }
  return {
    prisma,
    sql: rawReader(pool, nameOf, options.onQuery),
    pool,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
