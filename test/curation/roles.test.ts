import { createApiKey } from '../../src/auth/api-keys';
import type { ApiRole } from '../../src/generated/prisma/enums';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';
import { seededGraphQL } from '../helpers/seeded';

// Every role against every mutation: who may write what.
const seeded = seededGraphQL();
const clients = {} as Record<'anonymous' | 'reader' | 'analyst' | 'admin' | 'anonymousLocked', GraphQLClient>;
beforeAll(async () => {
  const key = async (role: ApiRole) =>
    (await createApiKey(seeded.db.prisma, { owner: `${role.toLowerCase()}-user`, role, createdBy: 'test' })).key;
  clients.anonymous = graphqlClient(seeded.db);
  clients.anonymousLocked = graphqlClient(seeded.db, { policy: { anonymousRead: false } });
  clients.reader = graphqlClient(seeded.db, { apiKey: await key('READER') });
  clients.analyst = graphqlClient(seeded.db, { apiKey: await key('ANALYST') });
  clients.admin = graphqlClient(seeded.db, { apiKey: await key('ADMIN') });
});

let n = 0;
const mutations: Record<string, { minimum: 'analyst' | 'admin'; op: () => string }> = {
  createEntity: {
    minimum: 'analyst',
    op: () => `createEntity(input: { key: "entity:role-test-${++n}", kind: OTHER, name: "Role test" }) { __typename }`,
  },
  updateEntity: {
    minimum: 'analyst',
    op: () =>
      'updateEntity(input: { key: "entity:nowhere", kind: OTHER, name: "x" }, expectedVersion: 1) { __typename }',
  },
  mergeEntities: {
    minimum: 'analyst',
    op: () => 'mergeEntities(survivor: "entity:nowhere", merged: "entity:nowhere-else") { __typename }',
  },
  unmergeEntities: {
    minimum: 'analyst',
    op: () => 'unmergeEntities(merged: "entity:nowhere") { __typename }',
  },
  retractDerivation: {
    minimum: 'analyst',
    op: () =>
      'retractDerivation(derived: "source:nowhere", origin: "source:seed-article", kind: CITES, reason: "r") { __typename }',
  },
  retractStatement: {
    minimum: 'analyst',
    op: () =>
      'retractStatement(claim: "claim:nowhere", statement: { agent: "entity:x", source: "source:y" }, reason: "r") { __typename }',
  },
  retractStatementDerivation: {
    minimum: 'analyst',
    op: () =>
      'retractStatementDerivation(claim: "claim:nowhere", statement: { agent: "entity:x", source: "source:y" }, originSource: "source:z", kind: CITES, reason: "r") { __typename }',
  },
  createSource: {
    minimum: 'analyst',
    op: () => `createSource(input: { key: "source:role-test-${++n}", kind: OTHER, title: "t" }) { __typename }`,
  },
  addDerivation: {
    minimum: 'analyst',
    op: () => 'addDerivation(derived: "source:nowhere", origin: "source:seed-article", kind: CITES) { __typename }',
  },
  createClaim: {
    minimum: 'analyst',
    op: () =>
      'createClaim(input: { key: "claim:nowhere", subject: "entity:nowhere", predicate: "p", statement: "s", value: { kind: SOME_VALUE }, modality: ASSERTED }) { __typename }',
  },
  addAttribution: {
    minimum: 'analyst',
    op: () =>
      'addAttribution(claim: "claim:nowhere", input: { agent: "entity:pentagon", source: "source:seed-article", quotation: "x", spanStart: 0, spanEnd: 1, stance: SUPPORTS }) { __typename }',
  },
  setClaimRank: {
    minimum: 'analyst',
    op: () => 'setClaimRank(key: "claim:nowhere", rank: PREFERRED, expectedVersion: 1) { __typename }',
  },
  setClaimCredibility: {
    minimum: 'analyst',
    op: () => 'setClaimCredibility(key: "claim:nowhere", credibility: 2, expectedVersion: 1) { __typename }',
  },
  recordUnscDraft: {
    minimum: 'analyst',
    op: () => `recordUnscDraft(input: { key: "unsc:role-test-${++n}", title: "t", agenda: "a" }) { __typename }`,
  },
  importBundle: {
    minimum: 'admin',
    op: () => 'importBundle(bundle: { format: "provenance-kb-bundle", version: 1 }) { __typename }',
  },
  createApiKey: { minimum: 'admin', op: () => 'createApiKey(owner: "someone", role: READER) { __typename }' },
  revokeApiKey: { minimum: 'admin', op: () => 'revokeApiKey(key: "kb_no-such-key") { __typename }' },
};

const allowed = {
  anonymous: [],
  anonymousLocked: [],
  reader: [],
  analyst: ['analyst'],
  admin: ['analyst', 'admin'],
} as const;

const cases = (['anonymous', 'anonymousLocked', 'reader', 'analyst', 'admin'] as const).flatMap((who) =>
  Object.entries(mutations).map(([name, { minimum, op }]) => ({
    who,
    name,
    op,
    permitted: (allowed[who] as readonly string[]).includes(minimum),
  })),
);

const attempt = async (who: keyof typeof clients, name: string, op: () => string) => {
  const before = await seeded.db.prisma.changeLog.count();
  const result = await clients[who](`mutation { ${op()} }`);
  return {
    typename: (result.data as Record<string, { __typename: string }> | undefined)?.[name]?.__typename,
    errors: result.errors,
    code: result.errors?.[0]?.extensions?.code,
    logged: (await seeded.db.prisma.changeLog.count()) - before,
  };
};

test.each(cases.filter((c) => c.permitted))('$who may call $name', async ({ who, name, op }) => {
  const { typename, errors } = await attempt(who, name, op);
  expect(typename).not.toBe('ForbiddenError');
  expect(errors).toBeUndefined();
});

test.each(cases.filter((c) => !c.permitted))(
  '$who may not call $name, and nothing is written',
  async ({ who, name, op }) => {
    const { typename, code, logged } = await attempt(who, name, op);
    // Where anonymous requests may not even read, they are refused whole (401) before anything runs.
    const locked = who === 'anonymousLocked';
    expect(locked ? code : typename).toBe(locked ? 'UNAUTHENTICATED' : 'ForbiddenError');
    expect(logged).toBe(0);
  },
);

test('reads: anonymous reads are configuration; a reader key reads when they are off; a bad key is a 401', async () => {
  const q = '{ claims { totalCount } }';
  expect((await clients.anonymous(q)).data).toEqual({ claims: { totalCount: expect.any(Number) } });
  const locked = await clients.anonymousLocked.fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: q }),
  });
  expect(locked.status).toBe(401);
  expect(locked.headers.get('www-authenticate')).toBe('Bearer');
  expect(((await locked.json()) as { errors: { extensions: { code: string } }[] }).errors).toEqual([
    expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } }),
  ]);
  const readerLocked = graphqlClient(seeded.db, {
    apiKey: (await createApiKey(seeded.db.prisma, { owner: 'r2', role: 'READER', createdBy: 'test' })).key,
    policy: { anonymousRead: false },
  });
  expect((await readerLocked(q)).errors).toBeUndefined();
  const bad = graphqlClient(seeded.db, { apiKey: 'kb_not-a-real-key' });
  const response = await bad.fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer kb_not-a-real-key' },
    body: JSON.stringify({ query: q }),
  });
  expect(response.status).toBe(401);
  expect(((await response.json()) as { errors: { message: string }[] }).errors[0]).toMatchObject({
    message: 'unknown or revoked API key',
    extensions: { code: 'UNAUTHENTICATED' },
  });
});

test('an admin creates, lists and revokes keys; a revoked key stops working; writes name the key owner', async () => {
  const created = await clients.admin<{
    createApiKey: { key: string; apiKey: { id: string; owner: string; role: string } };
  }>('mutation { createApiKey(owner: "kim", role: ANALYST) { ... on NewApiKey { key apiKey { id owner role } } } }');
  const { key, apiKey } = created.data!.createApiKey;
  expect(key).toMatch(/^kb_/);
  expect(await seeded.db.prisma.apiKey.count({ where: { keyHash: key } })).toBe(0);
  const kim = graphqlClient(seeded.db, { apiKey: key });
  await kim(
    'mutation { createEntity(input: { key: "entity:kims-entity", kind: OTHER, name: "Kim\'s" }) { __typename } }',
  );
  const change = await seeded.db.prisma.changeLog.findFirst({
    where: { tableName: 'entity', after: { path: ['key'], equals: 'entity:kims-entity' } },
  });
  expect(change?.actor).toBe('kim');
  const listed = await clients.admin<{ apiKeys: { nodes: { owner: string; revokedAt: string | null }[] } }>(
    '{ apiKeys { ... on ApiKeyConnection { nodes { owner revokedAt } } } }',
  );
  expect(listed.data!.apiKeys.nodes).toContainEqual({ owner: 'kim', revokedAt: null });
  const revoked = await clients.admin<{ revokeApiKey: { id: string; revokedAt: string | null } }>(
    'mutation($id: ID!) { revokeApiKey(id: $id) { ... on ApiKey { id revokedAt } } }',
    { id: apiKey.id },
  );
  expect(revoked.data!.revokeApiKey).toEqual({ id: apiKey.id, revokedAt: expect.any(String) });
  // By the key itself too (a leaked key's holder has no ID to hand); a revoked key stays as it was.
  const again = await clients.admin<{ revokeApiKey: { id: string; revokedAt: string | null } }>(
    'mutation($key: String!) { revokeApiKey(key: $key) { ... on ApiKey { id revokedAt } } }',
    { key },
  );
  expect(again.data!.revokeApiKey).toEqual(revoked.data!.revokeApiKey);
  const response = await kim.fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ claims { totalCount } }' }),
  });
  expect(response.status).toBe(401);
});
