import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../../src/bundle/format';
import { importBundle } from '../../src/bundle/import';
import { parseBundle } from '../../src/bundle/validate';
import { mergeEntities } from '../../src/curation/merge';
import { updateRecord } from '../../src/curation/records';
import { retractStatement } from '../../src/curation/retract';
import { standingStatement } from '../../src/db/standing';
import { loadCorroboration } from '../../src/provenance/corroboration';
import { seededGraphQL } from '../helpers/seeded';

// The dashboard's figures (claimSummary, Source.scorecard) and each claim's corroboration read one
// definition of origins (src/provenance/origins.ts): both are held to hand-checked answers on a world
// that has every rule in it, and to each other on the seed and on more claims and sources than one page.

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
  const stats = await prisma.attribution.groupBy({
    by: ['sourceId', 'stance'],
    where: standingStatement,
    _count: true,
  });
  const keys = new Map((await prisma.source.findMany({ select: { id: true, key: true } })).map((s) => [s.id, s.key]));
  const cards = new Map<string, Card>();
  for (const [id, key] of keys) {
    const of = stats.filter((s) => s.sourceId === id);
    const claimsOf = await prisma.attribution.findMany({
      where: { sourceId: id, ...standingStatement },
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

// Northland: a spokesman for its ministry of defence until the end of 2022, the ministry part of the
// state, an audit office part of it but asserted independent; a leaflet that two outlets repeat whole;
// a monitor whose statement a wire report quotes; UN records in full and in part.
const graded = (grade: string) => ({ grade, gradedBy: 'test', gradedAt: '2026-01-01T00:00:00Z' });
const nlEntity = (key: string, kind: string, name: string, role?: object) => ({
  key: `entity:nl-${key}`,
  kind,
  name,
  ...(role ? { roles: [{ organisation: 'entity:nl-state', ...role }] } : {}),
});
const nlSource = (key: string, publishedAt: string, grade: string, publisher?: string) => ({
  key: `source:nl-${key}`,
  kind: 'PRESS_BRIEFING',
  title: `Northland ${key}`,
  ...(publisher ? { publisher: `entity:nl-${publisher}` } : {}),
  publishedAt,
  reliability: graded(grade),
});
const said = (agent: string, source: string, stance = 'SUPPORTS', derivedFrom: object[] = []) => ({
  agent: `entity:nl-${agent}`,
  source: `source:nl-${source}`,
  stance,
  derivedFrom,
});
const nlClaim = (key: string, attributions: object[], extra: object = {}) => ({
  key: `claim:nl-${key}`,
  subject: 'entity:nl-state',
  predicate: 'figures_world',
  statement: `Northland claim ${key}.`,
  value: { kind: 'TEXT', text: key },
  modality: 'ASSERTED',
  attributions,
  ...extra,
});
const northland = {
  format: BUNDLE_FORMAT,
  version: BUNDLE_VERSION,
  description: 'figures test: every origin rule',
  entities: [
    nlEntity('state', 'STATE', 'Northland'),
    nlEntity('defence', 'ORGANISATION', 'Northland Ministry of Defence', { title: 'Ministry', relation: 'PART_OF' }),
    nlEntity('spokesman', 'PERSON', 'The Northland spokesman', {
      title: 'Spokesman',
      organisation: 'entity:nl-defence',
      validFrom: '2020-01-01',
      validTo: '2022-12-31',
    }),
    nlEntity('audit', 'ORGANISATION', 'Northland Audit Office', {
      title: 'Audit office',
      relation: 'PART_OF',
      independent: true,
    }),
    nlEntity('wire', 'ORGANISATION', 'Northland Wire'),
    nlEntity('monitor', 'ORGANISATION', 'Northland Monitor'),
  ],
  sources: [
    nlSource('brief-2021', '2021-06-01T00:00:00Z', 'B', 'defence'),
    nlSource('brief-2023', '2023-06-01T00:00:00Z', 'B'),
    nlSource('state-2021', '2021-06-01T00:00:00Z', 'B', 'state'),
    nlSource('audit-2021', '2021-06-01T00:00:00Z', 'C', 'audit'),
    nlSource('leaflet', '2021-05-01T00:00:00Z', 'D'),
    nlSource('wire', '2021-06-02T00:00:00Z', 'D', 'wire'),
    nlSource('monitor', '2021-06-02T00:00:00Z', 'E', 'monitor'),
  ],
  claims: [
    nlClaim('joined', [said('spokesman', 'brief-2021'), said('state', 'state-2021')]),
    nlClaim('lapsed', [said('spokesman', 'brief-2023'), said('state', 'state-2021')]),
    nlClaim('audited', [said('audit', 'audit-2021'), said('state', 'state-2021')]),
    nlClaim(
      'repeated',
      [
        said('wire', 'wire', 'SUPPORTS', [{ source: 'source:nl-leaflet', kind: 'CITES' }]),
        said('monitor', 'monitor', 'SUPPORTS', [{ source: 'source:nl-leaflet', kind: 'CITES' }]),
      ],
      { modality: 'HEDGED' },
    ),
    nlClaim('recorded', [said('state', 'state-2021')], {
      unscRecords: [
        { draft: 'unsc:s-2022-431', support: 'SUPPORTS' },
        { draft: 'unsc:s-2024-255', support: 'PARTLY_SUPPORTS', note: 'A veto of a mandate, not of sanctions.' },
      ],
    }),
    nlClaim('quoted', [
      said('wire', 'wire', 'SUPPORTS', [
        { statement: { agent: 'entity:nl-monitor', source: 'source:nl-monitor' }, kind: 'QUOTES' },
      ]),
      said('monitor', 'monitor'),
    ]),
    nlClaim('refuted', [
      said('spokesman', 'brief-2021'),
      said('state', 'state-2021', 'REFUTES'),
      said('audit', 'audit-2021', 'REFUTES'),
    ]),
    nlClaim('reported', [said('monitor', 'monitor', 'REPORTS')]),
  ],
};

const CORROBORATION = /* GraphQL */ `
  query($key: String!) {
    claim(key: $key) {
      corroboration {
        independentOrigins documents suggestedCredibility
        origins { source { key } unscRecord { symbol } agents { key } attributions { source { key } } }
        groups { joinedBecause origins { source { key } unscRecord { symbol } } }
        contradictingOrigins { source { key } }
        partialSupport { unscRecord { symbol } }
      }
    }
  }`;

test('on a world with every rule: the figures and each claim’s corroboration are the hand-checked ones', async () => {
  const before = (await actual()).summary;
  await importBundle(seeded.db.prisma, parseBundle(northland), { actor: 'test' });
  const { summary, cards } = await actual();
  // Joined, repeated, quoted and refuted rest on one origin; lapsed, audited and recorded on two.
  expect({
    claims: summary.claims - before.claims,
    noOrigin: summary.noOrigin - before.noOrigin,
    oneOrigin: summary.oneOrigin - before.oneOrigin,
    severalOrigins: summary.severalOrigins - before.severalOrigins,
  }).toEqual({ claims: 8, noOrigin: 1, oneOrigin: 4, severalOrigins: 3 });
  const card = (key: string) => cards.get(`source:nl-${key}`);
  const counts = (
    statements: number,
    claims: number,
    supporting: number,
    contradicting: number,
    soleOrigin: number,
  ) => ({ statements, claims, supporting, contradicting, soleOrigin });
  expect(card('brief-2021')).toEqual(counts(2, 2, 2, 0, 1)); // refuted rests on it alone
  expect(card('brief-2023')).toEqual(counts(1, 1, 1, 0, 0));
  expect(card('state-2021')).toEqual(counts(5, 5, 4, 1, 0));
  expect(card('audit-2021')).toEqual(counts(2, 2, 1, 1, 0));
  expect(card('leaflet')).toEqual(counts(0, 0, 0, 0, 1)); // repeated whole: the origin of "repeated"
  expect(card('wire')).toEqual(counts(2, 2, 2, 0, 0));
  expect(card('monitor')).toEqual(counts(3, 3, 2, 0, 1)); // the origin of "quoted"

  const corroboration = async (key: string) => {
    const { data, errors } = await seeded.gql<{ claim: { corroboration: unknown } }>(CORROBORATION, {
      key: `claim:nl-${key}`,
    });
    expect(errors).toBeUndefined();
    return data!.claim.corroboration;
  };
  const source = (key: string) => ({ source: { key: `source:nl-${key}` }, unscRecord: null });
  const record = (symbol: string) => ({ source: null, unscRecord: { symbol } });
  expect(await corroboration('joined')).toMatchObject({
    independentOrigins: 1,
    suggestedCredibility: 2,
    groups: [
      {
        joinedBecause: [
          'The Northland spokesman acts for Northland Ministry of Defence (Spokesman)',
          'Northland Ministry of Defence is part of Northland (Ministry)',
        ],
        origins: [source('brief-2021'), source('state-2021')],
      },
    ],
  });
  // Out of office in 2023: two origins, both usually reliable, so confirmed.
  expect(await corroboration('lapsed')).toMatchObject({
    independentOrigins: 2,
    suggestedCredibility: 1,
    groups: [
      { joinedBecause: [], origins: [source('brief-2023')] },
      { joinedBecause: [], origins: [source('state-2021')] },
    ],
  });
  expect(await corroboration('audited')).toMatchObject({ independentOrigins: 2, suggestedCredibility: 1 });
  // Two outlets repeating one leaflet: one origin, the leaflet, behind which both stand; D, hedged.
  expect(await corroboration('repeated')).toEqual({
    independentOrigins: 1,
    documents: 3,
    suggestedCredibility: 4,
    origins: [
      {
        ...source('leaflet'),
        agents: [{ key: 'entity:nl-wire' }, { key: 'entity:nl-monitor' }],
        attributions: [{ source: { key: 'source:nl-wire' } }, { source: { key: 'source:nl-monitor' } }],
      },
    ],
    groups: [{ joinedBecause: [], origins: [source('leaflet')] }],
    contradictingOrigins: [],
    partialSupport: [],
  });
  expect(await corroboration('recorded')).toMatchObject({
    independentOrigins: 2,
    suggestedCredibility: 1,
    groups: [
      { joinedBecause: [], origins: [source('state-2021')] },
      { joinedBecause: [], origins: [record('S/2022/431')] },
    ],
    partialSupport: [{ unscRecord: { symbol: 'S/2024/255' } }],
  });
  expect(await corroboration('quoted')).toMatchObject({
    independentOrigins: 1,
    documents: 2,
    suggestedCredibility: 5,
    origins: [
      {
        ...source('monitor'),
        agents: [{ key: 'entity:nl-monitor' }],
        attributions: [{ source: { key: 'source:nl-wire' } }, { source: { key: 'source:nl-monitor' } }],
      },
    ],
  });
  // The state and its (independent) audit office contradict it: as many origins against as for.
  expect(await corroboration('refuted')).toMatchObject({
    independentOrigins: 1,
    suggestedCredibility: 4,
    contradictingOrigins: [{ source: { key: 'source:nl-state-2021' } }, { source: { key: 'source:nl-audit-2021' } }],
  });
  expect(await corroboration('reported')).toMatchObject({
    independentOrigins: 0,
    documents: 0,
    suggestedCredibility: 6,
  });
});

test('after curation writes, the figures follow: a statement retracted, a publisher changed, entities merged', async () => {
  const prisma = seeded.db.prisma;
  await retractStatement(prisma, 'test', {
    claim: 'claim:figures-1',
    statement: { agent: 'entity:russia', source: 'source:figures-2' },
    reason: 'figures test',
  });
  const { version } = await prisma.source.findUniqueOrThrow({ where: { key: 'source:figures-9' } });
  await updateRecord(prisma, 'test', 'source', 'source:figures-9', version, {
    sources: [
      {
        key: 'source:figures-9',
        kind: 'NEWS_ARTICLE',
        title: 'Figures report 9',
        publisher: 'entity:pentagon',
        language: 'en',
      },
    ],
  });
  await mergeEntities(prisma, 'test', { survivor: 'entity:pentagon', merged: 'entity:russia' });
  const { got } = await compare();
  // Shape 1's claims had two origins; with Russia merged into the Pentagon they have one.
  expect(got.summary.oneOrigin).toBeGreaterThanOrEqual(120);
});
