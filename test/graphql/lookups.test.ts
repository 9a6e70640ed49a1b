import { seededGraphQL } from '../helpers/seeded';

// Looking records up by what an analyst has at hand: a key, a global ID, a member's votes.
const seeded = seededGraphQL();

const globalId = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString('base64');

test('an unknown key answers null for an entity as for a claim and a source, without an error', async () => {
  const result = await seeded.gql(`{
    entity(key: "entity:no-such-key") { name }
    bare: entity(key: "no-such-key") { name aliases { name } }
    claim(key: "claim:no-such-key") { statement }
    source(key: "source:no-such-key") { title }
  }`);
  expect(result).toEqual({ data: { entity: null, bare: null, claim: null, source: null } });
});

test('node and nodes answer null for well-formed IDs that name no record, and the records for those that do', async () => {
  const { data } = await seeded.gql<{ entity: { id: string } }>('{ entity(key: "entity:north-korea") { id } }');
  const known = data!.entity.id;
  const unknown = [globalId('Entity', 999_999), globalId('Claim', 999_999), globalId('UnscDraft', 999_999)];
  const one = await seeded.gql('query($id: ID!) { node(id: $id) { id } }', { id: unknown[0] });
  expect(one).toEqual({ data: { node: null } });
  const many = await seeded.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [...unknown, known] });
  expect(many).toEqual({ data: { nodes: [...unknown.map(() => null), { id: known }] } });
});

test("a member's vote says which draft it was cast on", async () => {
  const { data, errors } = await seeded.gql<{
    entity: { unscVotes: { edges: { node: { vote: string; draft: { symbol: string | null; key: string } } }[] } };
  }>(`{ entity(key: "entity:china") { unscVotes(first: 20) { edges { node { vote draft { key symbol } } } } } }`);
  expect(errors).toBeUndefined();
  const votes = data!.entity.unscVotes.edges.map((e) => [e.node.draft.symbol ?? e.node.draft.key, e.node.vote]);
  expect(votes).toHaveLength(11);
  expect(votes.slice(-2)).toEqual([
    ['S/2022/431', 'N'],
    ['S/2024/255', 'A'],
  ]);
});

test('a draft is found by its symbol, its key, or its resolution number however it is written', async () => {
  const draft = async (ref: string) =>
    (
      await seeded.gql<{ unscDraft: { key: string } | null }>('query($ref: String!) { unscDraft(key: $ref) { key } }', {
        ref,
      })
    ).data!.unscDraft?.key ?? null;
  for (const ref of [
    '1718',
    'S/RES/1718',
    's/res/1718',
    'S/RES/1718 (2006)',
    'resolution 1718',
    'Resolution 1718 (2006)',
  ])
    expect([ref, await draft(ref)]).toEqual([ref, 'unsc:res-1718']);
  expect(await draft('S/2022/431')).toBe('unsc:s-2022-431');
  expect(await draft('unsc:res-2397')).toBe('unsc:res-2397');
  for (const ref of ['9999', 'S/RES/1718/2', 'resolution']) expect([ref, await draft(ref)]).toEqual([ref, null]);
});
