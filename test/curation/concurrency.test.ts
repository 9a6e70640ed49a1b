import { randomUUID } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import { createApiKey } from '../../src/auth/api-keys';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';
import { seededGraphQL } from '../helpers/seeded';

// Many writers at once: exact counts, a complete change log, and no silent overwrite.
const seeded = seededGraphQL();
const writers: { key: string; client: GraphQLClient }[] = [];
beforeAll(async () => {
  for (const owner of ['w1', 'w2', 'w3', 'w4']) {
    const { key } = await createApiKey(seeded.db.prisma, { owner, role: 'ADMIN', createdBy: 'test' });
    writers.push({ key, client: graphqlClient(seeded.db, { policy: { rateLimitPerMinute: 10_000 } }) });
  }
});
const RETRYABLE = new Set(['WRITE_BUSY', 'DATABASE_UNAVAILABLE']);
/**
 * Writer i's client. Its writes go under an Idempotency-Key and are sent again while refused as
 * retryable (sixty queued writes can outwait the write lock or the connection pool on a loaded
 * machine), as a client should; the key makes sure no retry applies a write twice.
 */
const writer =
  (i: number) =>
  async <T>(query: string, variables?: Record<string, unknown>) => {
    const { key, client } = writers[i % writers.length]!;
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${key}`,
      'idempotency-key': randomUUID(),
    };
    for (let attempt = 1; ; attempt++) {
      const response = await client.fetch('/graphql', {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const result = (await response.json()) as ExecutionResult<T>;
      if (!RETRYABLE.has(String(result.errors?.[0]?.extensions?.code)) || attempt === 20) return result;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

test('60 concurrent creates from four writers leave exactly 60 entities, each in the change log under its writer', async () => {
  const before = await seeded.db.prisma.entity.count();
  const results = await Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      writer(i)<{ createEntity: { __typename: string } }>(
        `mutation { createEntity(input: { key: "entity:concurrent-${i}", kind: OTHER, name: "Concurrent ${i}" }) { __typename } }`,
      ),
    ),
  );
  expect(results.map((r) => r.data?.createEntity.__typename)).toEqual(Array(60).fill('Entity'));
  expect(await seeded.db.prisma.entity.count()).toBe(before + 60);
  const logged = await seeded.db.prisma.changeLog.findMany({
    where: { tableName: 'entity', operation: 'INSERT', after: { path: ['name'], string_starts_with: 'Concurrent ' } },
  });
  expect(logged).toHaveLength(60);
  for (const entry of logged) {
    const i = Number((entry.after as { name: string }).name.split(' ')[1]);
    expect(entry.actor).toBe(`w${(i % 4) + 1}`);
  }
});

test('the same source created by twelve writers at once (same text and URL, different keys) is stored once', async () => {
  const text = 'A report that twelve analysts file at the same moment.';
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      writer(i)<{ createSource: { __typename: string } }>(
        `mutation($text: String!) { createSource(input: { key: "source:race-${i}", kind: OTHER, title: "Race", url: "https://example.org/race", text: $text }) { __typename } }`,
        { text },
      ),
    ),
  );
  const outcomes = results.map((r) => r.data?.createSource.__typename);
  expect(outcomes.filter((t) => t === 'Source')).toHaveLength(1);
  expect(outcomes.filter((t) => t === 'InputValidationError')).toHaveLength(11);
  expect(await seeded.db.prisma.source.count({ where: { url: 'https://example.org/race' } })).toBe(1);
});

test('ten concurrent updates from the same version: one wins, nine are refused, nothing is silently overwritten', async () => {
  const { version } = await seeded.db.prisma.entity.findUniqueOrThrow({ where: { key: 'entity:yoon-suk-yeol' } });
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      writer(i)<{ updateEntity: { __typename: string } }>(
        `mutation { updateEntity(input: { key: "entity:yoon-suk-yeol", kind: PERSON, name: "Yoon Suk Yeol", description: "edit ${i}" }, expectedVersion: ${version}) { __typename } }`,
      ),
    ),
  );
  const outcomes = results.map((r) => r.data?.updateEntity.__typename);
  expect(outcomes.filter((t) => t === 'Entity')).toHaveLength(1);
  expect(outcomes.filter((t) => t === 'ConflictError')).toHaveLength(9);
  const stored = await seeded.db.prisma.entity.findUniqueOrThrow({ where: { key: 'entity:yoon-suk-yeol' } });
  expect(stored.version).toBe(version + 1);
  const winner = outcomes.indexOf('Entity');
  expect(stored.description).toBe(`edit ${winner}`);
});

test('the same bundle imported by five admins at once imports once', async () => {
  const bundle = {
    format: 'provenance-kb-bundle',
    version: 1,
    entities: Array.from({ length: 20 }, (_, i) => ({ key: `entity:bulk-${i}`, kind: 'OTHER', name: `Bulk ${i}` })),
  };
  const results = await Promise.all(
    Array.from({ length: 5 }, (_, i) =>
      writer(i)<{ importBundle: { counts: { kind: string; created: number; unchanged: number }[] } }>(
        'mutation($b: JSON!) { importBundle(bundle: $b) { ... on ImportReport { counts { kind created unchanged } } } }',
        { b: bundle },
      ),
    ),
  );
  const created = results.map((r) => r.data!.importBundle.counts.find((c) => c.kind === 'entity')!.created);
  expect(created.toSorted((a, b) => a - b)).toEqual([0, 0, 0, 0, 20]);
  expect(await seeded.db.prisma.entity.count({ where: { key: { startsWith: 'entity:bulk-' } } })).toBe(20);
});
