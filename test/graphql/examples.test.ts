import { Kind, parse, print } from 'graphql';
import { graphiqlExamples } from '../../src/server/graphiql-examples';
import { seededGraphQL } from '../helpers/seeded';

// The operations GraphiQL opens with answer the analyst's questions about the seed, correctly.
const seeded = seededGraphQL();

/** An example as GraphiQL's run menu sends it: the chosen operation alone, with every fragment of the editor. */
function asGraphiQLSends(operationName: string): string {
  const { definitions } = parse(graphiqlExamples);
  return print({
    kind: Kind.DOCUMENT,
    definitions: definitions.filter(
      (d) =>
        d.kind === Kind.FRAGMENT_DEFINITION ||
        (d.kind === Kind.OPERATION_DEFINITION && d.name?.value === operationName),
    ),
  });
}

async function run(operationName: string): Promise<any> {
  const { data, errors } = await seeded.gql(asGraphiQLSends(operationName), undefined, operationName);
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
    const p = claim.provenance;
    // The Pentagon's statement in the article (the reporter's words), in the AP report and in its own briefing (texts not held).
    expect(p.attributions.map((a: any) => [a.agent.name, a.source.title.split(' ')[0], a.wording, a.textHeld])).toEqual(
      [
        ['United States Department of Defense', 'North', 'REPORTED', true],
        ['United States Department of Defense', 'AP', 'UNKNOWN', false],
        ['United States Department of Defense', 'Pentagon', 'OWN_WORDS', false],
      ],
    );
    expect(p.derivations).toEqual([
      {
        hops: 1,
        kind: 'PARAPHRASES',
        derived: { title: expect.stringContaining('North Korea') },
        origin: { title: expect.stringContaining('AP News'), publisher: { name: 'Associated Press' } },
      },
      {
        hops: 2,
        kind: 'QUOTES',
        derived: { title: expect.stringContaining('AP News') },
        origin: {
          title: expect.stringContaining('Pentagon statements'),
          publisher: { name: 'United States Department of Defense' },
        },
      },
    ]);
    expect(p.primarySources).toEqual([
      { key: 'source:pentagon-statements', title: expect.any(String), reliability: { grade: 'B' } },
    ]);
    // The article's own source list stays, apart, as context.
    expect(p.documentDerivations).toContainEqual({
      kind: 'CITES',
      derived: { title: expect.stringContaining('North Korea') },
      origin: { title: expect.stringContaining('South Korean intelligence briefing') },
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
      curatedCredibility: 2,
    });
  },
  ChoeVisitOrigins: ({ claim }) => {
    expect(claim.corroboration).toMatchObject({
      independentOrigins: 1,
      groups: [
        {
          reliability: 'B',
          joinedBecause: ['National Intelligence Service is part of Republic of Korea (National intelligence agency)'],
          origins: [
            {
              source: { title: expect.stringContaining('South Korean intelligence briefing') },
              agents: [{ name: 'National Intelligence Service' }],
            },
            {
              source: { title: expect.stringContaining('South Korean government statements') },
              agents: [{ name: 'Republic of Korea' }],
            },
          ],
        },
      ],
      suggestedCredibility: 3,
    });
    expect(claim.corroboration.reasoning.join(' ')).not.toMatch(/confirmed by independent sources/);
  },
  WhatNorthKoreaAndRussiaSay: ({ northKorea, russia }) => {
    // Only their own words: that they have not acknowledged the deployment is the newsroom's statement about them.
    for (const party of [northKorea, russia]) {
      const said = party.statements.edges.map((e: any) => [e.node.claim.modality, e.node.wording, e.node.quotation]);
      expect(said).toEqual([['ASSERTED', 'OWN_WORDS', 'conforms with international law.']]);
    }
  },
  SouthKoreaOnItsBehalf: ({ entity }) => {
    const said = entity.statements.edges.map((e: any) => e.node);
    expect(entity.statements.totalCount).toBe(said.length);
    expect(new Set(said.map((s: any) => s.agent.name))).toEqual(
      new Set(['Republic of Korea', 'Yoon Suk Yeol', 'National Intelligence Service']),
    );
    expect(said.map((s: any) => s.quotation)).toEqual(
      expect.arrayContaining([
        'major security threat',
        'Choe’s Moscow visit may involve talks on sending even more North Korean troops',
        'citing a longstanding policy against arming nations involved in active conflicts',
      ]),
    );
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
    // Everything the Pentagon said about the deployment stands against its non-acknowledgement.
    const notConfirmed = {
      kind: 'ASSERTED_VS_NOT_CONFIRMED',
      explanation: expect.stringContaining('which is not a denial'),
      disputedBy: [{ name: "Democratic People's Republic of Korea" }, { name: 'Russian Federation' }],
    };
    expect(tensions.edges.map((e: any) => e.node)).toEqual([
      { ...notConfirmed, assertedBy: [{ name: 'United States Department of Defense' }] },
      { ...notConfirmed, assertedBy: [{ name: 'United States Department of Defense' }] },
      { ...notConfirmed, assertedBy: [{ name: 'Pat Ryder' }] },
    ]);
  },
  DprkVetoes: ({ unscVetoes }) => {
    expect(unscVetoes.edges.map((e: any) => [e.node.date, e.node.member.name, e.node.draft.symbol])).toEqual([
      ['2022-05-26', 'China', 'S/2022/431'],
      ['2022-05-26', 'Russian Federation', 'S/2022/431'],
      ['2024-03-28', 'Russian Federation', 'S/2024/255'],
    ]);
    expect(unscVetoes.totalCount).toBe(3);
  },
  RussiaChinaAlignment: ({ unscAlignment }) => {
    expect(unscAlignment).toMatchObject({ decisions: 11, identical: 10, agreement: 10 / 11 });
    const differ = unscAlignment.records.edges
      .filter((e: any) => !e.node.same)
      .map((e: any) => [e.node.draft.symbol, e.node.voteA, e.node.voteB]);
    expect(differ).toEqual([['S/2024/255', 'N', 'A']]);
  },
  BlockedSanctionsRecords: ({ claim }) => {
    expect(claim.unscRecords.map((r: any) => [r.draft.symbol, r.support, r.draft.outcome])).toEqual([
      ['S/2022/431', 'SUPPORTS', 'NOT_ADOPTED'],
      ['S/2024/255', 'PARTLY_SUPPORTS', 'NOT_ADOPTED'],
    ]);
    expect(claim.corroboration).toMatchObject({
      independentOrigins: 2,
      partialSupport: [{ unscRecord: { symbol: 'S/2024/255' }, note: expect.stringContaining('Panel of Experts') }],
      suggestedCredibility: 2,
      curatedCredibility: 1,
    });
  },
  CredibilityReview: ({ credibilityReview }) => {
    expect(credibilityReview.edges.map((e: any) => [e.node.key, e.curatedCredibility, e.suggestedCredibility])).toEqual(
      [
        ['claim:russia-blocked-unsc-sanctions', 1, 2],
        ['claim:china-blocked-unsc-sanctions', 1, 2],
      ],
    );
    expect(credibilityReview).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: false } });
  },
  ArticleFields: ({ source }) => {
    expect(source).toEqual({
      title:
        "North Korea's foreign minister visits Moscow after Pentagon says 10,000 North Korean troops sent to Russia",
      kind: 'NEWS_ARTICLE',
      publisher: { name: "The seed article's newsroom" },
      curatorFields: ['KIND', 'LANGUAGE', 'PUBLISHER', 'TITLE'],
      documentFields: [],
    });
  },
  NorthKoreaTimeline: ({ timeline }) => {
    const events = timeline.edges.map((e: any) => e.node);
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
    const hits = search.edges;
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
  SearchClaimsAboutNamedStates: ({ search }) => {
    const claims = search.edges.map((e: any) => e.node);
    expect(claims.map((c: any) => c.statement)).toContain(
      'North Korea has dispatched approximately 10,000 troops to Russia to support its campaign in Ukraine.',
    );
    expect(claims[0]).toEqual({
      statement:
        'North Korea and Russia have not formally acknowledged the deployment of North Korean troops to Russia.',
      subject: { name: "Democratic People's Republic of Korea" },
    });
    expect(search.totalCount).toBe(3);
  },
  Resolution1718: ({ search, unscDraft }) => {
    const [first] = search.edges;
    expect(first.node).toEqual({ resolutionNumber: 1718, title: 'Resolution 1718 (2006)' });
    expect(first.headline).toContain('<b>1718</b>');
    expect(unscDraft).toEqual({
      resolutionNumber: 1718,
      voteDate: '2006-10-14',
      outcome: 'ADOPTED',
      agenda: {
        name: "Non-proliferation/Democratic People's Republic of Korea",
        aliases: ['DPRK', 'North Korea', 'Non-proliferation/DPRK'],
      },
      tally: { yes: 15, no: 0, abstentions: 0 },
    });
  },
};

// The assertions are in `answers`, one function per operation.
// oxlint-disable-next-line jest/expect-expect
test.each(Object.keys(answers))('%s answers correctly', async (name) => {
  answers[name]!(await run(name));
});
