import { FEED_TABLES, headCursor } from '../../src/changes/feed';
import { followChanges } from '../../src/changes/follow';
import { type ChangeFeed, listenForChanges } from '../../src/db/change-feed';
import { writeAs } from '../../src/db/write';
import { createLogger } from '../../src/logger';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let db: TestDatabase;
let feed: ChangeFeed;

beforeAll(async () => {
  db = await createTestDatabase();
  feed = await listenForChanges(db.url, createLogger('silent'));
});
afterAll(async () => {
  await feed.close();
  await db.drop();
});

const reads = () => db.queries.filter((q) => q.sql.includes('FROM change_commit c')).length;
const entities = (from: number, count: number) =>
  writeAs(db.prisma, 'follow-test', (tx) =>
    tx.entity.createMany({
      data: Array.from({ length: count }, (_, i) => ({ key: `entity:f-${from + i}`, kind: 'PERSON', name: 'F' })),
    }),
  );

test('a subscriber that does not read holds one page: the next is read only when it has taken the last', async () => {
  const start = await headCursor(db.sql);
  await entities(0, 250);
  db.queries.length = 0;
  const changes = followChanges(db.sql, feed, start, { tables: FEED_TABLES });
  await changes.next();
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(reads()).toBe(1);
  for (let i = 1; i < 150; i++) await changes.next();
  expect(reads()).toBe(2);
  await changes.return();
});

test('a subscriber waiting for a commit wakes for it, and stops at once when its client goes', async () => {
  const start = await headCursor(db.sql);
  const changes = followChanges(db.sql, feed, start, { tables: ['entity'] });
  const next = changes.next();
  await new Promise((resolve) => setTimeout(resolve, 100));
  await entities(1000, 1);
  expect((await next).value).toMatchObject({ tableName: 'entity', actor: 'follow-test' });
  const waiting = changes.next();
  const returned = await changes.return();
  expect(returned.done).toBe(true);
  expect((await waiting).done).toBe(true);
});
