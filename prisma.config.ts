import { defineConfig } from 'prisma/config';

// The service applies migrations itself (src/db/migrate.ts); this file serves `prisma generate`
// and, where Prisma's schema engine is available, `prisma migrate deploy`.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/kb' },
});
