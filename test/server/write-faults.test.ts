import type { PoolClient } from 'pg';
import { createApiKey } from '../../src/auth/api-keys';
import { importBundle, lockWrites } from '../../src/bundle/import';
import { parseBundle } from '../../src/bundle/validate';
import { writeAs } from '../../src/db/write';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';
import { seededGraphQL } from '../helpers/seeded';

// Writes at a database fault and behind an import: a broken connection is DATABASE_UNAVAILABLE, a
// retry under the same Idempotency-Key applies nothing twice, and a write behind an import fails
// fast with WRITE_BUSY instead of waiting for it.
const seeded = seededGraphQL();
let writer: GraphQLClient;
let writerKey: string;
beforeAll(async () => {
  writerKey = (await createApiKey(seeded.db.prisma, { owner: 'retrier', role: 'ADMIN', createdBy: 'test' })).key;
  writer = graphqlClient(seeded.db, { apiKey: writerKey, policy: { rateLimitPerMinute: 100_000 } });
});

const create = (key: string, name = 'Retried') =>
  `mutation { createEntity(input: { key: "${key}", kind: OTHER, name: "${name}" }) { __typename ... on Entity { key version } ... on Error { message } } }`;

type Answer = { status: number; code?: string; data?: { createEntity: { __typename: string; message?: string } } };
async function send(query: string, idempotencyKey?: string, variables?: unknown): Promise<Answer> {
  const response = await writer.fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${writerKey}`,
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Answer['data']; errors?: { extensions: { code: string } }[] };
  return { status: response.status, code: body.errors?.[0]?.extensions.code, data: body.data ?? undefined };
}

const inserts = (key: string) =>
  seeded.db.prisma.changeLog.count({
    where: { tableName: 'entity', operation: 'INSERT', after: { path: ['key'], equals: key } },
  });

/** Runs `during` while another transaction holds the write lock, so that writes sent meanwhile wait for it. */
async function holdingWriteLock<T>(during: () => Promise<T>): Promise<T> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held!: () => void;
  const holding = new Promise<void>((resolve) => {
    held = resolve;
  });
  const holder = writeAs(seeded.db.prisma, 'test', async (tx) => {
    await lockWrites(tx);
    held();
    await released;
  });
  await holding;
  try {
    return await during();
  } finally {
    release();
    await holder;
  }
}

/** Ends the PostgreSQL backend of a write in the state `where`: its connection breaks mid-transaction. */
async function breakConnection(where: string) {
  for (let attempt = 0; attempt < 2_000; attempt++) {
    const killed = await seeded.db.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND ${where}`,
    );
    if (killed.rowCount) return;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`no write was in the state ${where}`);
}
/** Closes, from this side, the socket of the pool's connection whose transaction is idle between statements. */
async function breakSocket() {
  const clients = new Map<number, PoolClient>();
  const remember = (client: PoolClient) => clients.set((client as unknown as { processID: number }).processID, client);
  seeded.db.pool.on('acquire', remember);
  try {
    for (let attempt = 0; attempt < 2_000; attempt++) {
      const idle = await seeded.db.pool.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`,
      );
      const client = idle.rows.map((r) => clients.get(r.pid)).find(Boolean);
      if (client) {
        // pg has no public way to break a connection; its socket is `connection.stream`.
        (client as unknown as { connection: { stream: { destroy: () => void } } }).connection.stream.destroy();
        return;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    throw new Error('no transaction was idle between statements');
  } finally {
    seeded.db.pool.off('acquire', remember);
  }
}
const waitingForTheLock = "wait_event_type = 'Lock' AND wait_event = 'advisory'";

test('a write whose connection breaks between two of its statements is DATABASE_UNAVAILABLE (503), and nothing of it is written', async () => {
  // A bundle large enough that its import spends a while in JavaScript between statements, its
  // transaction idle: the socket closed then (as a network failure closes it) is found broken by the
  // next statement (pg: "Client has encountered a connection error and is not queryable").
  const entities = Array.from({ length: 4_000 }, (_, i) => ({
    key: `entity:broken-${i}`,
    kind: 'OTHER',
    name: `Broken ${i}`,
  }));
  const answer = send(`mutation($b: JSON!) { importBundle(bundle: $b) { __typename } }`, undefined, {
    b: { format: 'provenance-kb-bundle', version: 1, entities },
  });
  await breakSocket();
  expect(await answer).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
  expect(await inserts('entity:broken-0')).toBe(0);
  // The pool replaced the broken connection: the next write goes through.
  expect((await send(create('entity:broken-0'))).data?.createEntity.__typename).toBe('Entity');
});

test('a retry under the same Idempotency-Key returns the first result and applies nothing twice', async () => {
  const key = 'entity:idempotent';
  // The first attempt breaks mid-way (rolled back); the retries apply the write exactly once.
  const broken = await holdingWriteLock(async () => {
    const sent = send(create(key), 'retry-1');
    await breakConnection(waitingForTheLock);
    return sent;
  });
  expect(broken.code).toBe('DATABASE_UNAVAILABLE');
  const first = await send(create(key), 'retry-1');
  const again = await send(create(key), 'retry-1');
  expect(first.data?.createEntity).toEqual({ __typename: 'Entity', key, version: 1 });
  expect(again).toEqual(first);
  // Without the key, the same request is a second write, refused as a conflict.
  expect((await send(create(key))).data?.createEntity.__typename).toBe('ConflictError');
  expect(await inserts(key)).toBe(1);
  // The same key for another request is a typed conflict.
  const reused = await send(create('entity:other', 'Other'), 'retry-1');
  expect(reused.data?.createEntity).toMatchObject({
    __typename: 'ConflictError',
    message: expect.stringMatching(/Idempotency-Key retry-1/),
  });
  expect(await inserts('entity:other')).toBe(0);
});

test('two copies of one write sent at once under one Idempotency-Key apply it once', async () => {
  const key = 'entity:sent-twice';
  const [a, b] = await holdingWriteLock(async () => [send(create(key), 'twice'), send(create(key), 'twice')]);
  expect((await a).data?.createEntity).toEqual({ __typename: 'Entity', key, version: 1 });
  expect(await b).toEqual(await a);
  expect(await inserts(key)).toBe(1);
});

test('a write sent while an import runs fails fast with WRITE_BUSY and Retry-After, and nothing is written', async () => {
  const entities = Array.from({ length: 3_000 }, (_, i) => ({
    key: `entity:imported-${i}`,
    kind: 'OTHER',
    name: `Imported ${i}`,
  }));
  let importing = true;
  let during: Promise<{ answer: Answer; importing: boolean; retryAfter: string | null }> | undefined;
  await importBundle(seeded.db.prisma, parseBundle({ format: 'provenance-kb-bundle', version: 1, entities }), {
    actor: 'import',
    // The import waits, holding its lock, until the write sent in its course is answered.
    onProgress: async () => {
      during ??= writer
        .fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${writerKey}` },
          body: JSON.stringify({ query: create('entity:behind-import') }),
        })
        .then(async (response) => {
          const body = (await response.json()) as { errors?: { extensions: { code: string } }[] };
          return {
            answer: { status: response.status, code: body.errors?.[0]?.extensions.code },
            importing,
            retryAfter: response.headers.get('retry-after'),
          };
        });
      await during;
    },
  });
  importing = false;
  const result = await during!;
  expect(result.answer).toEqual({ status: 503, code: 'WRITE_BUSY' });
  expect(Number(result.retryAfter)).toBeGreaterThan(0);
  // It was answered while the import still ran, not after it.
  expect(result.importing).toBe(true);
  expect(await inserts('entity:behind-import')).toBe(0);
  expect((await send(create('entity:behind-import'))).data?.createEntity.__typename).toBe('Entity');
});
