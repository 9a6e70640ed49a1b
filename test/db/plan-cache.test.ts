import pg from 'pg';
import { SEARCH_TYPES, search } from '../../src/analysis/search';
import { generate, load, scaleFor } from '../../src/bench/synthetic';
import { type RawReader, rawReader } from '../../src/db/raw-sql';
import { statementNames } from '../../src/db/statement-names';
import { provenanceFacts } from '../../src/provenance/derivation-graph';
import { SHOWN_COLUMN_NAMES } from '../../src/read/shown-columns';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// The costliest hand-written statements are written so that PostgreSQL settles on one generic plan
// for them instead of planning them again on every call (planning cost more than running them). The
// choice rests on the planner's estimates, so this runs on a synthetic corpus with real statistics.
let db: TestDatabase;
let pool: pg.Pool;
let data: ReturnType<typeof generate>;
const terms = 'missile sanctions';
beforeAll(async () => {
  db = await createTestDatabase();
  data = generate(scaleFor(10_000));
  await load(db.url, data.tables);
  pool = new pg.Pool({ connectionString: db.url, max: 1 }); // one session, so its prepared statements are the ones read back
}, 60_000);
afterAll(async () => {
  await pool.end();
  await db.drop();
});

const planCounts = async (name: string) =>
  (
    await pool.query<{ generic: number; custom: number }>(
      'SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE name = $1',
      [name],
    )
  ).rows[0];

/** Runs `read` eleven times on one session; returns its answer, its statement and the statement's plan counts. */
async function repeated<T>(read: (reader: RawReader) => Promise<T>) {
  let sent: { text: string; params: unknown[] } | undefined;
  const names = statementNames();
  const reader = rawReader(pool, names, (text, params) => (sent = { text, params }));
  const first = await read(reader);
  for (let call = 0; call < 10; call++) expect(await read(reader)).toEqual(first);
  const name = names(sent!.text)!;
  return { first, name, params: sent!.params, plans: await planCounts(name) };
}

/** The rows PostgreSQL's generic plan for a prepared statement expects. */
async function genericPlanRows(name: string, params: unknown[]) {
  const literal = (value: unknown): string =>
    typeof value === 'number'
      ? String(value)
      : Array.isArray(value)
        ? `ARRAY[${value.map(literal).join(', ')}]::text[]`
        : pg.escapeLiteral(String(value));
  const literals = params.map(literal).join(', ');
  await pool.query('SET plan_cache_mode = force_generic_plan');
  try {
    const [
      {
        'QUERY PLAN': [explained],
      },
    ] = (await pool.query(`EXPLAIN (FORMAT JSON) EXECUTE ${name}(${literals})`)).rows;
    return explained.Plan['Plan Rows'] as number;
  } finally {
    await pool.query('RESET plan_cache_mode');
  }
}

// PostgreSQL plans a prepared statement for its values five times, then keeps a generic plan if it
// costs no more than they did.
test('the provenance of one claim runs on a generic plan after the first calls', async () => {
  const { rows } = await pool.query<{ id: number }>('SELECT id FROM claim WHERE key = $1', [data.chainHead]);
  const { first, plans } = await repeated((reader) => provenanceFacts(reader, [rows[0]!.id]));
  expect(first.edges.length).toBeGreaterThan(5);
  expect(plans).toEqual({ generic: 6, custom: 5 });
});

test('a page of search hits runs on a generic plan costed for the page, not for a tenth of the hits', async () => {
  const { first, plans, name, params } = await repeated((reader) =>
    search(reader, terms, SEARCH_TYPES, { limit: 11, offset: 0 }, SHOWN_COLUMN_NAMES),
  );
  expect(first.total).toBeGreaterThan(11);
  expect(plans).toEqual({ generic: 6, custom: 5 });
  // With the limit a parameter, PostgreSQL guessed a tenth of the hits: 123 rows at 100k claims, where
  // the generic plan then cost twice the custom ones and the statement was planned on every call.
  expect(await genericPlanRows(name, params)).toBeLessThanOrEqual(11);
});
