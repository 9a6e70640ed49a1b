import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client';

export type Database = {
  prisma: PrismaClient;
  pool: pg.Pool;
  close: () => Promise<void>;
};

export type DatabaseOptions = {
  /** Called with every statement Prisma sends and its parameters; tests count these to catch N+1 queries. */
  onQuery?: (sql: string, params: unknown[]) => void;
  poolSize?: number;
};

export function connectDatabase(databaseUrl: string, options: DatabaseOptions = {}): Database {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    application_name: 'provenance-kb',
  });
  // An idle client dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool),
    log: options.onQuery ? [{ emit: 'event', level: 'query' }] : [],
  });
  if (options.onQuery) {
    const onQuery = options.onQuery;
    (prisma as PrismaClient<'query'>).$on('query', (event) => onQuery(event.query, JSON.parse(event.params) as unknown[]));
  }
  return {
    prisma,
    pool,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
