import { createHash } from 'node:crypto';
import { importBundle } from '../../src/bundle/import';
import { parseBundle } from '../../src/bundle/validate';
import { createLogger } from '../../src/logger';
import { charterOutcome } from '../../src/rules/unsc-charter';
import { loadSeedIfEmpty } from '../../src/server/seed';
import { seedBundleJson } from '../helpers/seed';
import { seededGraphQL } from '../helpers/seeded';
import { createTestDatabase } from '../helpers/test-database';

// The seed article (../shared/seed/article.txt), pinned by its hash so that the seed cannot drift from it.
const ARTICLE_SHA256 = '9972529239866025b33ebd34f81349b5e8c71c095268769cc51555fc3dc03c77';

const seeded = seededGraphQL();

type Page<T> = { totalCount: number; edges: { node: T }[] };

test('the article is held whole, and every quotation is the article text at its span', async () => {
  const { data, errors } = await seeded.gql<{
    source: {
      text: string;
      textSha256: string;
      attributions: Page<{ quotation: string; span: { start: number; end: number } }>;
    };
  }>(`{
    source(key: "source:seed-article") {
      text textSha256
      attributions(first: 100) { totalCount edges { node { quotation span { start end } } } }
    }
  }`);
  expect(errors).toBeUndefined();
  const source = data!.source;
  expect(createHash('sha256').update(source.text).digest('hex')).toBe(ARTICLE_SHA256);
  expect(source.textSha256).toBe(ARTICLE_SHA256);
  const points = Array.from(source.text);
  const seed = seedBundleJson();
  const inArticle = seed.claims.flatMap((c) => c.attributions ?? []).filter((a) => a.source === 'source:seed-article');
  expect(source.attributions.totalCount).toBe(inArticle.length);
  for (const { node } of source.attributions.edges) {
    expect(points.slice(node.span.start, node.span.end).join('')).toBe(node.quotation);
  }
});

test('the entity set and the claim count are those of the bundle', async () => {
  const seed = seedBundleJson();
  const { data } = await seeded.gql<{ entities: Page<{ key: string }>; claims: { totalCount: number } }>(`{
    entities(first: 100) { totalCount edges { node { key } } }
    claims { totalCount }
  }`);
  expect(data!.entities.edges.map((e) => e.node.key).toSorted()).toEqual(seed.entities.map((e) => e.key).toSorted());
  expect(data!.entities.totalCount).toBe(seed.entities.length);
  expect(data!.claims.totalCount).toBe(seed.claims.length);
});

test('every UNSC record satisfies the Charter rule and matches its tally', async () => {
  type Draft = {
    key: string;
    voteDate: string;
    outcome: 'ADOPTED' | 'NOT_ADOPTED';
    resolutionNumber: number | null;
    tally: { yes: number; no: number; abstentions: number; nonVoting: number };
    votes: { vote: 'Y' | 'N' | 'A' | 'X'; member: { key: string } }[];
  };
  const { data } = await seeded.gql<{ unscDrafts: Page<Draft> }>(`{
    unscDrafts(first: 50) { ... on UnscDraftConnection { totalCount edges { node { key voteDate outcome resolutionNumber tally { yes no abstentions nonVoting } votes { vote member { key } } } } } }
  }`);
  const drafts = data!.unscDrafts.edges.map((e) => e.node);
  expect(drafts).toHaveLength(11);
  for (const d of drafts) {
    const members = await seeded.gql<{ unscMembers: { seat: 'PERMANENT' | 'ELECTED'; member: { key: string } }[] }>(
      'query($year: Int!) { unscMembers(year: $year) { seat member { key } } }',
      { year: Number(d.voteDate.slice(0, 4)) },
    );
    const seats = new Map(members.data!.unscMembers.map((m) => [m.member.key, m.seat]));
    expect(seats.size).toBe(15);
    expect(d.votes.map((v) => v.member.key).toSorted()).toEqual([...seats.keys()].toSorted());
    const votes = d.votes.map((v) => ({ member: v.member.key, vote: v.vote }));
    expect(d.outcome).toBe(charterOutcome(votes, seats));
    expect(d.tally.yes + d.tally.no + d.tally.abstentions + d.tally.nonVoting).toBe(15);
    expect(d.tally.yes).toBe(votes.filter((v) => v.vote === 'Y').length);
    expect(d.resolutionNumber !== null).toBe(d.outcome === 'ADOPTED');
  }
  const vetoed = drafts.filter((d) => d.outcome === 'NOT_ADOPTED').map((d) => [d.key, d.tally]);
  expect(vetoed).toEqual([
    ['unsc:s-2022-431', { yes: 13, no: 2, abstentions: 0, nonVoting: 0 }],
    ['unsc:s-2024-255', { yes: 13, no: 1, abstentions: 1, nonVoting: 0 }],
  ]);
});

test('the seed is loaded only into an empty knowledge base', async () => {
  const other = await createTestDatabase();
  try {
    await importBundle(
      other.prisma,
      parseBundle({
        format: 'provenance-kb-bundle',
        version: 2,
        entities: [{ key: 'entity:x', kind: 'OTHER', name: 'X' }],
      }),
      { actor: 'test' },
    );
    await loadSeedIfEmpty(other.prisma, createLogger('silent'));
    expect(await other.prisma.entity.count()).toBe(1);
  } finally {
    await other.drop();
  }
});
