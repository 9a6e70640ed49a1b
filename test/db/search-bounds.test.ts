import { PARTIAL_CANDIDATES, SEARCH_TYPES, type SearchType, search } from '../../src/analysis/search';
import { generate, load, scaleFor } from '../../src/bench/synthetic';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// Search's fallback is bounded: when no record holds every word, a common word among them must not
// have every record that holds it ranked.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await load(db.url, generate(scaleFor(2_000)).tables);
}, 120_000);
afterAll(() => db.drop());

const shown = Object.fromEntries(SEARCH_TYPES.map((t) => [t, ['id']])) as unknown as Record<
  SearchType,
  readonly string[]
>;

test('a partial match ranks at most PARTIAL_CANDIDATES records of each kind, however common its words', async () => {
  const full = await search(db.sql, 'troops', ['Claim'], { limit: 1, offset: 0 }, shown);
  expect(full.total).toBeGreaterThan(PARTIAL_CANDIDATES);
  const partial = await search(db.sql, 'troops zyzzogeton', ['Claim'], { limit: 20, offset: 0 }, shown);
  expect(partial.total).toBe(PARTIAL_CANDIDATES);
  expect(partial.rows).toHaveLength(20);
});
