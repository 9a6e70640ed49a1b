import { createLogger } from '../../src/logger';
import { loadSeedIfEmpty } from '../../src/server/seed';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// A draft's claims and a claim's UN records come in a set order (claim, then draft), whatever order
// the rows were written in, with the compiler on and off.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeedIfEmpty(db.prisma, createLogger('silent'));
  // Rewrite the links in the reverse of the order asked, so that reading them in the table's order shows.
  await db.sql.$queryRaw`WITH old AS (DELETE FROM claim_unsc_record RETURNING *)
    INSERT INTO claim_unsc_record SELECT * FROM old ORDER BY claim_id DESC, draft_id DESC`;
});
afterAll(() => db.drop());

const query = /* GraphQL */ `{
  unscDraft(key: "unsc:s-2022-431") { ... on UnscDraft { claims { claim { key } } } }
  claim(key: "claim:russia-blocked-unsc-sanctions") { unscRecords { draft { key } } }
}`;

test.each([
  ['compiled', {}],
  ['resolvers', { compiledReads: false }],
])("a draft's claims and a claim's records in a set order (%s)", async (_name, policy) => {
  const gql: GraphQLClient = graphqlClient(db, { policy });
  const { data, errors } = (await gql(query)) as {
    data: { unscDraft: { claims: { claim: { key: string } }[] }; claim: { unscRecords: { draft: { key: string } }[] } };
    errors?: unknown;
  };
  expect(errors).toBeUndefined();
  const ids = await db.sql.$queryRaw<{ claim: string; draft: string }[]>`
    SELECT c.key AS claim, d.key AS draft FROM claim_unsc_record r JOIN claim c ON c.id = r.claim_id JOIN unsc_draft d ON d.id = r.draft_id
     ORDER BY r.claim_id, r.draft_id`;
  const claims = ids.filter((r) => r.draft === 'unsc:s-2022-431').map((r) => r.claim);
  const drafts = ids.filter((r) => r.claim === 'claim:russia-blocked-unsc-sanctions').map((r) => r.draft);
  expect(claims).toHaveLength(2);
  expect(drafts).toHaveLength(2);
  expect(data.unscDraft.claims.map((c) => c.claim.key)).toEqual(claims);
  expect(data.claim.unscRecords.map((r) => r.draft.key)).toEqual(drafts);
});
