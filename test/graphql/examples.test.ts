import { Kind, parse } from 'graphql';
import { graphiqlExamples } from '../../src/server/graphiql-examples';
import { seededGraphQL } from '../helpers/seeded';

// The operations GraphiQL opens with answer the analyst's questions about the seed, correctly.
const seeded = seededGraphQL();

async function run(operationName: string): Promise<any> {
  const { data, errors } = await seeded.gql(graphiqlExamples, undefined, operationName);
  expect(errors).toBeUndefined();
  return data;
}

test('every example operation is covered by a test below', () => {
  const names = parse(graphiqlExamples).definitions.flatMap((d) =>
    d.kind === Kind.OPERATION_DEFINITION ? [d.name!.value] : [],
  );
  expect(names.toSorted()).toEqual(Object.keys(answers).toSorted());
});

const answers: Record<string, (data: any) => void> = {
  TroopsProvenance: ({ claim }) => {
    expect(claim.value).toEqual({ amount: '10000', unit: 'troops', approximate: true });
    expect(claim.provenance.attributions.map((a: any) => a.agent.name)).toEqual([
      'United States Department of Defense',
    ]);
    expect(claim.provenance.derivations).toContainEqual({
      hops: 2,
      kind: 'QUOTES',
      derived: { title: expect.stringContaining('AP News') },
      origin: {
        title: expect.stringContaining('Pentagon statements'),
        publisher: { name: 'United States Department of Defense' },
      },
    });
    expect(claim.provenance.primarySources).toContainEqual({
      key: 'source:pentagon-statements',
      title: expect.any(String),
      reliability: { grade: 'B' },
    });
  },
  TroopsCorroboration: ({ claim }) => {
    expect(claim.corroboration).toMatchObject({
      independentOrigins: 1,
      documents: 3,
      origins: [
        {
          source: { title: expect.stringContaining('Pentagon') },
          reliability: 'B',
          agents: [{ name: 'United States Department of Defense' }],
        },
      ],
      suggestedCredibility: 2,
    });
  },
  WhatNorthKoreaAndRussiaSay: ({ northKorea, russia }) => {
    for (const party of [northKorea, russia]) {
      const said = party.statements.edges.map((e: any) => [e.node.claim.modality, e.node.quotation]);
      expect(said).toEqual([
        [
          'NOT_CONFIRMED',
          'North Korea and Russia, however, have refrained from formally acknowledging the troop deployment',
        ],
        ['ASSERTED', 'conforms with international law.'],
      ]);
    }
  },
  HedgedClaims: ({ claims }) => {
    const statements = claims.edges.map((e: any) => e.node.statement);
    expect(claims.totalCount).toBe(statements.length);
    expect(statements).toEqual(
      expect.arrayContaining([
        "Choe's Moscow visit may involve talks on sending even more North Korean troops.",
        "South Korea may provide arms to Ukraine if North Korea's military involvement with Russia deepens.",
        'Russia may offer North Korea advanced technology that strengthens its nuclear and missile programs.',
      ]),
    );
    expect(statements).not.toContain(
      'North Korea has dispatched approximately 10,000 troops to Russia to support its campaign in Ukraine.',
    );
  },
  Tensions: ({ tensions }) => {
    expect(tensions.data.edges.map((e: any) => e.node)).toEqual([
      {
        kind: 'ASSERTED_VS_NOT_CONFIRMED',
        explanation: expect.stringContaining('which is not a denial'),
        assertedBy: [{ name: 'United States Department of Defense' }],
        disputedBy: expect.arrayContaining([
          { name: "Democratic People's Republic of Korea" },
          { name: 'Russian Federation' },
        ]),
      },
    ]);
  },
  DprkVetoes: ({ unscVetoes }) => {
    expect(unscVetoes.data.edges.map((e: any) => [e.node.date, e.node.member.name, e.node.draft.symbol])).toEqual([
      ['2022-05-26', 'China', 'S/2022/431'],
      ['2022-05-26', 'Russian Federation', 'S/2022/431'],
      ['2024-03-28', 'Russian Federation', 'S/2024/255'],
    ]);
    expect(unscVetoes.data.totalCount).toBe(3);
  },
  RussiaChinaAlignment: ({ unscAlignment }) => {
    expect(unscAlignment).toMatchObject({ decisions: 11, identical: 10, agreement: 10 / 11 });
    const differ = unscAlignment.records.edges
      .filter((e: any) => !e.node.same)
      .map((e: any) => [e.node.draft.symbol, e.node.voteA, e.node.voteB]);
    expect(differ).toEqual([['S/2024/255', 'N', 'A']]);
  },
  BlockedSanctionsRecords: ({ claim }) => {
    expect(claim.unscRecords.map((r: any) => [r.draft.symbol, r.stance, r.draft.outcome])).toEqual([
      ['S/2022/431', 'SUPPORTS', 'NOT_ADOPTED'],
      ['S/2024/255', 'SUPPORTS', 'NOT_ADOPTED'],
    ]);
    expect(claim.corroboration).toMatchObject({ independentOrigins: 3, suggestedCredibility: 1 });
  },
  NorthKoreaTimeline: ({ timeline }) => {
    const events = timeline.data.edges.map((e: any) => e.node);
    const times: string[] = events.map((e: any) => e.at);
    expect(times).toEqual(times.toSorted());
    expect(events.map((e: any) => e.unscDecision?.resolutionNumber ?? e.unscDecision?.symbol)).toEqual([
      1718,
      1874,
      2087,
      2094,
      2270,
      2321,
      2371,
      2375,
      2397,
      'S/2022/431',
      'S/2024/255',
    ]);
  },
  Search: ({ search }) => {
    const hits = search.data.edges.map((e: any) => e.node);
    expect(hits.map((h: any) => h.node.__typename).toSorted()).toEqual(['Attribution', 'Source', 'Source']);
    expect(hits.filter((h: any) => h.node.__typename === 'Source').map((h: any) => h.node.title)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Pentagon statements'),
        expect.stringContaining("North Korea's foreign minister visits Moscow"),
      ]),
    );
    expect(hits.find((h: any) => h.node.__typename === 'Attribution').node.agent.name).toBe(
      'United States Department of Defense',
    );
    expect(hits.every((h: any) => /<b>Pentagon<\/b>/.test(h.headline) && /<b>troops<\/b>/.test(h.headline))).toBe(true);
    const scores: number[] = hits.map((h: any) => h.score);
    expect(scores).toEqual(scores.toSorted((a, b) => b - a));
  },
};

// The assertions are in `answers`, one function per operation.
// oxlint-disable-next-line jest/expect-expect
test.each(Object.keys(answers))('%s answers correctly', async (name) => {
  answers[name]!(await run(name));
});
