import pg from 'pg';
import { rawReader } from '../../src/db/raw-sql';
import { MAX_PREPARED, statementNames } from '../../src/db/statement-names';
import { Prisma } from '../../src/generated/prisma/client';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// The pg-backed reader stands in for Prisma's $queryRaw, so it must give the same rows for the same SQL.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const bothReaders = async (query: Prisma.Sql) => [
  await db.sql.$queryRaw<unknown[]>(query),
  await db.prisma.$queryRaw<unknown[]>(query),
];

test('rows come typed as Prisma types them: int8, numeric, date, timestamptz, JSON, arrays, enums and nulls', async () => {
  const [viaPg, prisma] = await bothReaders(Prisma.sql`
    SELECT 1::int AS i, count(*) OVER () AS n, 12.5::numeric(30, 6) AS d, '2024-03-28'::date AS day, '2024-03-28T12:30:00Z'::timestamptz AS at,
           json_build_object('a', 1, 'b', ARRAY['x']) AS j, ARRAY[1, 2]::int[] AS ids, 'Y'::"UnscVoteCast" AS vote, NULL::text AS nothing,
           0.25::real AS score, true AS yes`);
  expect(viaPg).toEqual(prisma);
  expect(viaPg).toEqual([
    {
      i: 1,
      n: 1n,
      d: new Prisma.Decimal('12.5'),
      day: new Date('2024-03-28T00:00:00Z'),
      at: new Date('2024-03-28T12:30:00Z'),
      j: { a: 1, b: ['x'] },
      ids: [1, 2],
      vote: 'Y',
      nothing: null,
      score: 0.25,
      yes: true,
    },
  ]);
});

test('a Date parameter is its UTC instant, in whatever zone the process runs', async () => {
  expect(new Date('2024-01-01T00:00:00Z').getTimezoneOffset()).not.toBe(0); // the suite's zone (global-setup.ts)
  const midnight = new Date('2024-01-01T00:00:00Z');
  const [viaPg, prisma] = await bothReaders(
    Prisma.sql`SELECT ${midnight}::date AS day, ${[midnight]}::timestamptz[] AS ats`,
  );
  expect(viaPg).toEqual(prisma);
  expect(viaPg).toEqual([{ day: midnight, ats: [midnight] }]);
});

test('each distinct statement is prepared once per connection, up to a limit; past it, statements run unprepared', async () => {
  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  try {
    const reader = rawReader(pool, statementNames());
    const prepared = async () =>
      (
        await pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'kb\\_%'",
        )
      ).rows[0]!.n;
    for (let i = 0; i < 3; i++) await reader.$queryRaw(Prisma.sql`SELECT ${i}::int AS n`);
    expect(await prepared()).toBe(1);
    const answers = [];
    for (let i = 0; i < MAX_PREPARED + 10; i++)
      answers.push(...(await reader.$queryRaw<{ n: number }[]>(Prisma.raw(`SELECT ${i} AS n`))));
    expect(answers.map((row) => row.n)).toEqual(Array.from({ length: MAX_PREPARED + 10 }, (_, i) => i));
    expect(await prepared()).toBe(MAX_PREPARED);
  } finally {
    await pool.end();
  }
});

test('an SQL error reaches the caller as an error, and the reader keeps working', async () => {
  await expect(db.sql.$queryRaw(Prisma.sql`SELECT 1 / ${0}::int`)).rejects.toThrow(/division by zero/);
  expect(await db.sql.$queryRaw(Prisma.sql`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
});
