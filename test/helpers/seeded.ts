import { createApiKey } from '../../src/auth/api-keys';
import { createLogger } from '../../src/logger';
import { loadSeedIfEmpty } from '../../src/server/seed';
import { type GraphQLClient, graphqlClient } from './graphql';
import { createTestDatabase, type TestDatabase } from './test-database';

/** A fresh database with the seed knowledge for this test file, and a GraphQL client on it. */
export function seededGraphQL(): { db: TestDatabase; gql: GraphQLClient } {
  const handle = {} as { db: TestDatabase; gql: GraphQLClient };
  beforeAll(async () => {
    handle.db = await createTestDatabase();
    await loadSeedIfEmpty(handle.db.prisma, createLogger('silent'));
    handle.gql = graphqlClient(handle.db);
  });
  afterAll(() => handle.db.drop());
  return handle;
}

/**
 * An analyst's client on `seeded` (key owner "lee"), and `ok`, which runs an operation that must not
 * fail and returns its data.
 */
export function seededAnalyst(seeded: { db: TestDatabase }) {
  const handle = {} as { analyst: GraphQLClient };
  beforeAll(async () => {
    const { key } = await createApiKey(seeded.db.prisma, { owner: 'lee', role: 'ANALYST', createdBy: 'test' });
    handle.analyst = graphqlClient(seeded.db, { apiKey: key });
  });
  const analyst = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) =>
    handle.analyst<T>(query, variables);
  const ok = async (query: string, variables?: Record<string, unknown>): Promise<any> => {
    const result = await handle.analyst(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  return { analyst, ok };
}
