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
