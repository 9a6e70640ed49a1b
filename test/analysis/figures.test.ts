import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../../src/bundle/format';
import { importBundle } from '../../src/bundle/import';
import { parseBundle } from '../../src/bundle/validate';
import { loadCorroboration } from '../../src/provenance/corroboration';
import { seededGraphQL } from '../helpers/seeded';

// The dashboard's figures come from the database (claimSummary, Source.scorecard); they must be the
// ones the per-claim corroboration gives, on the seed and on more claims and sources than one page.

const seeded = seededGraphQL();

const SUMMARY = /* GraphQL */ `{
  claimSummary { claims noOrigin oneOrigin severalOrigins oneOriginShare byModalityAndRank { modality rank claims noOrigin oneOrigin } }
}`;
const SOURCES = /* GraphQL */ `
  query($after: String) {
    sources(first: 100, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { key scorecard { statements claims supporting contradicting soleOrigin } } }
    }
  }`;

type Summary = {
  claims: number;
  noOrigin: number;
  oneOrigin: number;
  severalOrigins: number;
  oneOriginShare: number | null;
  byModalityAndRank: { modality: string; rank: string; claims: number; noOrigin: number; oneOrigin: number }[];
};
type Card = { statements: number; claims: number; supporting: number; contradicting: number; soleOrigin: number };

/** The figures as the per-claim corroboration (loadCorroboration, in Node) gives them. */
async function expected() {
  const prisma = seeded.db.prisma;
  const claims = await prisma.claim.findMany({
    select: { id: true, modality: true, rank: true },
    orderBy: { id: 'asc' },
  });
  const corroboration = await loadCorroboration(
    prisma,
    claims.map((c) => c.id),
  );
  const origins = (i: number) => corroboration[i]!.independent.length;
  const tallies = new Map<
    string,
    { modality: string; rank: string; claims: number; noOrigin: number; oneOrigin: number }
  >();
  claims.forEach((c, i) => {
    const key = `${c.modality} ${c.rank}`;
    const t = tallies.get(key) ?? { modality: c.modality, rank: c.rank, claims: 0, noOrigin: 0, oneOrigin: 0 };
    t.claims++;
    if (origins(i) === 0) t.noOrigin++;
    if (origins(i) === 1) t.oneOrigin++;
    tallies.set(key, t);
  });
  const sole = new Map<string, number>();
  corroboration.forEach((c) => {
    if (c.independent.length !== 1) return;
    const sources = new Set(c.independent[0]!.origins.map((o) => o.source?.key ?? null));
    const [only] = sources;
    if (sources.size === 1 && only) sole.set(only, (sole.get(only) ?? 0) + 1);
  });
  const stats = await prisma.attribution.groupBy({ by: ['sourceId', 'stance'], _count: true });
  const keys = new Map((await prisma.source.findMany({ select: { id: true, key: true } })).map((s) => [s.id, s.key]));
  const cards = new Map<string, Card>();
  for (const [id, key] of keys) {
    const of = stats.filter((s) => s.sourceId === id);
    const claimsOf = await prisma.attribution.findMany({
      where: { sourceId: id },
      distinct: ['claimId'],
      select: { claimId: true },
    });
    cards.set(key, {
      statements: of.reduce((n, s) => n + s._count, 0),
      claims: claimsOf.length,
      supporting: of.find((s) => s.stance === 'SUPPORTS')?._count ?? 0,
      contradicting: of.find((s) => s.stance === 'REFUTES')?._count ?? 0,
      soleOrigin: sole.get(key) ?? 0,
    });
  }
  const sorted = [...tallies.values()].toSorted((a, b) =>
    `${a.modality} ${a.rank}`.localeCompare(`${b.modality} ${b.rank}`),
  );
  return { tallies: sorted, claims: claims.length, oneOrigin: sorted.reduce((n, t) => n + t.oneOrigin, 0), cards };
}

async function actual() {
  const summary = await seeded.gql<{ claimSummary: Summary }>(SUMMARY);
  expect(summary.errors).toBeUndefined();
  const cards = new Map<string, Card>();
  let pages = 0;
  for (let after: string | null = null, more = true; more; pages++) {
    const result: { data?: any; errors?: unknown } = await seeded.gql(SOURCES, { after });
    expect(result.errors).toBeUndefined();
    for (const { node } of result.data.sources.edges) cards.set(node.key, node.scorecard);
    ({ endCursor: after, hasNextPage: more } = result.data.sources.pageInfo);
  }
  return { summary: summary.data!.claimSummary, cards, pages };
}

const byTally = (a: { modality: string; rank: string }, b: { modality: string; rank: string }) =>
  `${a.modality} ${a.rank}`.localeCompare(`${b.modality} ${b.rank}`);

async function compare() {
  const want = await expected();
  const got = await actual();
  expect(got.summary.byModalityAndRank.toSorted(byTally)).toEqual(want.tallies);
  expect(got.summary.claims).toBe(want.claims);
  expect(got.summary.oneOrigin).toBe(want.oneOrigin);
  expect(got.summary.oneOriginShare).toBeCloseTo(want.oneOrigin / want.claims, 10);
  expect(got.summary.noOrigin + got.summary.oneOrigin + got.summary.severalOrigins).toBe(want.claims);
  expect(Object.fromEntries(got.cards)).toEqual(Object.fromEntries(want.cards));
  return { want, got };
}

test('on the seed: the summary and the scorecards are the per-claim corroboration’s figures', async () => {
  const { want, got } = await compare();
  // README's example.
  expect(got.summary).toMatchObject({ claims: 34, oneOrigin: 31, severalOrigins: 3, noOrigin: 0 });
  // The troops claim rests on the Pentagon's statements alone, whichever documents repeat them.
  expect(want.cards.get('source:pentagon-statements')!.soleOrigin).toBeGreaterThan(0);
  expect(got.summary.oneOrigin).toBeGreaterThan(0);
});

// Claims of four shapes over 130 new sources: one statement (one origin, in its source); two
// statements by unrelated agents (two origins); a statement quoting another's in an earlier source
// (one origin, the earlier source's); a statement that only reports (no origin).
function bigBundle() {
  const SOURCE_COUNT = 130;
  const CLAIM_COUNT = 160;
  const src = (i: number) => `source:figures-${i % SOURCE_COUNT}`;
  const sources = Array.from({ length: SOURCE_COUNT }, (_, i) => ({
    key: `source:figures-${i}`,
    kind: 'NEWS_ARTICLE',
    title: `Figures report ${i}`,
    publisher: i % 2 ? 'entity:associated-press' : 'entity:article-newsroom',
    language: 'en',
  }));
  const claims = Array.from({ length: CLAIM_COUNT }, (_, i) => {
    const shape = i % 4;
    const base = { agent: 'entity:pentagon', source: src(i), stance: 'SUPPORTS' };
    const attributions =
      shape === 0
        ? [base]
        : shape === 1
          ? [base, { agent: 'entity:russia', source: src(i + 1), stance: 'SUPPORTS' }]
          : shape === 2
            ? [
                {
                  ...base,
                  derivedFrom: [{ statement: { agent: 'entity:pentagon', source: src(i + 7) }, kind: 'QUOTES' }],
                },
                { agent: 'entity:pentagon', source: src(i + 7), stance: 'SUPPORTS' },
              ]
            : [{ ...base, stance: 'REPORTS' }];
    return {
      key: `claim:figures-${i}`,
      subject: 'entity:north-korea',
      predicate: 'figures_test',
      statement: `Figures claim ${i}.`,
      value: { kind: 'TEXT', text: `Figures claim ${i}.` },
      modality: i % 3 ? 'ASSERTED' : 'HEDGED',
      ...(i % 5 === 0 ? { rank: 'PREFERRED' } : {}),
      attributions,
    };
  });
  return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, description: 'figures test', entities: [], sources, claims };
}

test('beyond one page (194 claims, 135 sources): the figures are the whole knowledge base’s', async () => {
  await importBundle(seeded.db.prisma, parseBundle(bigBundle()), { actor: 'test' });
  const { got } = await compare();
  expect(got.summary.claims).toBe(34 + 160);
  expect(got.cards.size).toBe(await seeded.db.prisma.source.count());
  expect(got.pages).toBe(2);
  // Shapes 0 and 2 rest on one origin: 80 of the new claims.
  expect(got.summary.oneOrigin).toBeGreaterThanOrEqual(80);
});
