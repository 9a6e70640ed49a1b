import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createApiKey } from '../../src/auth/api-keys';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../../src/bundle/format';
import { createLogger } from '../../src/logger';
import { loadSeedIfEmpty } from '../../src/server/seed';
import { freePort } from '../helpers/free-port';
import { graphqlClient } from '../helpers/graphql';
import { type ServiceProcess, spawnService } from '../helpers/service-process';
import { type Subscription, subscribe } from '../helpers/subscription';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const root = path.resolve(__dirname, '../..');

// Two instances of the service, as separate processes, on one database.
let db: TestDatabase;
let services: ServiceProcess[];
let urls: string[];
let adminKey: string;
const open: Subscription<unknown>[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeedIfEmpty(db.prisma, createLogger('silent'));
  adminKey = (await createApiKey(db.prisma, { owner: 'subscriptions', role: 'ADMIN', createdBy: 'test' })).key;
  services = await Promise.all(
    [0, 1].map(async () =>
      spawnService({ DATABASE_URL: db.url, PORT: String(await freePort()), HOST: '127.0.0.1', KB_LOAD_SEED: 'false' }),
    ),
  );
  urls = await Promise.all(services.map((s) => s.ready));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  for (const service of services ?? []) {
    service.child.kill('SIGTERM');
    await service.exited;
  }
  await db.drop();
});

type Edge = { cursor: string; node: { actor: string; table: string; operation: string; after: { key?: string } } };
type Changes = { changes: Edge };

const CHANGES = /* GraphQL */ `
  subscription Changes($after: String, $types: [ChangeTable!]) {
    changes(after: $after, types: $types) { cursor node { actor table operation after } }
  }
`;

/** A subscription that has begun (the server has answered), so that writes made next reach it. */
async function follow(url: string, variables: Record<string, unknown> = {}, apiKey?: string) {
  const subscription = subscribe<Changes>(url, CHANGES, variables, apiKey);
  open.push(subscription);
  await Promise.race([subscription.connected, subscription.ended]);
  return subscription;
}
const keys = (s: Subscription<Changes>) => s.events.map((e) => e.data?.changes.node.after?.key);
const has = (key: string) => (s: Subscription<Changes>) => () => keys(s).includes(key);

/** Waits until `s` has received `key`; a subscription starts reading once it knows where "now" is. */
const hears = (s: Subscription<Changes>, key: string) => s.until(has(key)(s));

/** An operation sent to one instance with the admin key. */
async function asAdmin(url: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
    body: JSON.stringify({ query, variables }),
  });
  return response.json() as Promise<{ data: Record<string, unknown> }>;
}

async function createEntity(url: string, key: string) {
  const mutation =
    'mutation($key: String!) { createEntity(input: { key: $key, kind: PERSON, name: $key }) { ... on Entity { key } } }';
  expect(await asAdmin(url, mutation, { key })).toEqual({ data: { createEntity: { key } } });
}

/** The cursor after the last change so far (as the query feed gives it). */
async function lastCursor(): Promise<string> {
  const gql = graphqlClient(db);
  let after: string | null = null;
  for (;;) {
    type PageInfo = { endCursor: string | null; hasNextPage: boolean };
    const result: { data?: { changes: { pageInfo: PageInfo } } | null } = await gql(
      'query($after: String) { changes(after: $after, first: 100) { ... on ChangeConnection { pageInfo { endCursor hasNextPage } } } }',
      { after },
    );
    const { pageInfo }: { pageInfo: PageInfo } = result.data!.changes;
    after = pageInfo.endCursor ?? after;
    if (!pageInfo.hasNextPage) return after!;
  }
}

test('a subscriber hears an import made by the command-line importer', async () => {
  const subscription = await follow(urls[0]!, { after: await lastCursor() });
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'kb-')), 'bundle.json');
  const key = 'entity:imported-by-the-cli';
  await fs.writeFile(
    file,
    JSON.stringify({
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      entities: [{ key, kind: 'PERSON', name: 'CLI' }],
    }),
  );
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/kb.ts', 'import', file], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: db.url },
  });
  const [event] = (await hears(subscription, key)).filter((e) => e.data?.changes.node.after?.key === key);
  expect(event!.data!.changes.node).toMatchObject({
    table: 'ENTITY',
    operation: 'INSERT',
    actor: expect.stringMatching(/^cli:/),
  });
});

test('two instances each deliver a write made through either', async () => {
  const after = await lastCursor();
  const subscribers = await Promise.all(urls.map((url) => follow(url, { after })));
  await createEntity(urls[0]!, 'entity:written-through-a');
  await createEntity(urls[1]!, 'entity:written-through-b');
  for (const subscriber of subscribers) {
    await hears(subscriber, 'entity:written-through-b');
    expect(keys(subscriber)).toEqual(['entity:written-through-a', 'entity:written-through-b']);
  }
});

test('without `after` a subscription starts from now', async () => {
  const subscription = await follow(urls[1]!);
  // Nothing of the past arrives: the first event is a write made after subscribing.
  await createEntity(urls[0]!, 'entity:after-subscribing');
  await hears(subscription, 'entity:after-subscribing');
  expect(keys(subscription)[0]).toBe('entity:after-subscribing');
});

test('a subscriber that disconnects and comes back with its last cursor gets every change exactly once', async () => {
  const start = await lastCursor();
  const written = Array.from({ length: 12 }, (_, i) => `entity:resume-${i}`);
  const first = await follow(urls[0]!, { after: start, types: ['ENTITY'] });
  for (const key of written.slice(0, 4)) await createEntity(urls[1]!, key);
  await hears(first, written[3]!);
  await first.close();
  const last = first.events.at(-1)!.data!.changes.cursor;
  // While it is away, writes through both instances, some of them at once.
  await Promise.all(written.slice(4).map((key, i) => createEntity(urls[i % 2]!, key)));
  const second = await follow(urls[1]!, { after: last, types: ['ENTITY'] });
  await second.until(() => written.every((key) => [...keys(first), ...keys(second)].includes(key)));
  const received = [...first.events, ...second.events].map((e) => e.data!.changes);
  // Each once: as many as were written, and every one of them.
  expect(received).toHaveLength(written.length);
  expect(received.map((c) => c.node.after.key)).toEqual(expect.arrayContaining(written));
  // In the same order as the query feed reads them.
  const gql = graphqlClient(db);
  const feed = await gql<{ changes: { edges: Edge[] } }>(
    'query($after: String) { changes(after: $after, types: [ENTITY], first: 100) { ... on ChangeConnection { edges { cursor } } } }',
    { after: start },
  );
  expect(received.map((c) => c.cursor)).toEqual(feed.data!.changes.edges.map((e) => e.cursor));
});

test('an anonymous subscriber gets the knowledge changes and never an API key', async () => {
  const after = await lastCursor();
  const anonymous = await follow(urls[0]!, { after });
  const admin = await follow(urls[0]!, { after }, adminKey);
  const created = await asAdmin(
    urls[1]!,
    'mutation { createApiKey(owner: "someone", role: READER) { ... on NewApiKey { key } } }',
  );
  expect(JSON.stringify(created)).toMatch(/"key":"kb_/);
  await createEntity(urls[1]!, 'entity:after-the-key');
  for (const subscriber of [anonymous, admin]) {
    await hears(subscriber, 'entity:after-the-key');
    expect(keys(subscriber)).toEqual(['entity:after-the-key']);
  }
  const logged = await db.sql.$queryRaw<{ owner: string }[]>`
    SELECT after ->> 'owner' AS owner FROM change_log WHERE table_name = 'api_key' ORDER BY id DESC LIMIT 1`;
  expect(logged).toEqual([{ owner: 'someone' }]);
});

test('without anonymous reads a subscription needs a key, and a bad cursor is refused', async () => {
  const closed = graphqlClient(db, { policy: { anonymousRead: false } });
  const refused = await closed.fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: CHANGES }),
  });
  const text = await refused.text();
  expect(text).toMatch(/"code":"UNAUTHENTICATED"/);
  expect(text).not.toMatch(/"node"/);
  const bad = await follow(urls[0]!, { after: 'not-a-cursor' });
  await bad.until((events) => events.length > 0);
  expect(JSON.stringify(bad.events[0]!.errors)).toMatch(/not a cursor of the change feed/);
});

test('claimChanged delivers the changes to one claim with the claim as it is', async () => {
  const key = 'claim:north-korea-sent-10000-troops-to-russia';
  const subscription = subscribe<{ claimChanged: { change: { table: string }; claim: { key: string; rank: string } } }>(
    urls[0]!,
    'subscription($key: String!) { claimChanged(key: $key) { cursor change { table operation } claim { key rank } } }',
    { key },
  );
  open.push(subscription);
  await subscription.connected;
  const prefer = async (claim: string) => {
    const read = await asAdmin(urls[1]!, 'query($claim: String!) { claim(key: $claim) { version } }', { claim });
    const { version } = read.data.claim as { version: number };
    return asAdmin(
      urls[1]!,
      'mutation($claim: String!, $version: Int!) { setClaimRank(key: $claim, rank: PREFERRED, expectedVersion: $version) { ... on Claim { rank } ... on Error { message } } }',
      { claim, version },
    );
  };
  await prefer('claim:deployment-relatively-small');
  expect(await prefer(key)).toEqual({ data: { setClaimRank: { rank: 'PREFERRED' } } });
  await subscription.until((events) => events.length > 0);
  expect(subscription.events.map((e) => e.data?.claimChanged)).toEqual([
    { cursor: expect.any(String), change: { table: 'CLAIM', operation: 'UPDATE' }, claim: { key, rank: 'PREFERRED' } },
  ]);
});
