import { importBundle } from '../../src/bundle/import';
import { parseBundle } from '../../src/bundle/validate';
import { seededGraphQL } from '../helpers/seeded';

// Issue 16: provenance per statement, independent origins and UN support, one test per finding,
// on the seed and, where the seed cannot show a rule (relations in and out of force, an independence
// assertion), on a small world of its own: a state, its ministry with a spokesman in office until the
// end of 2022, and an audit office that is part of the state but asserted independent.
const seeded = seededGraphQL();

const SAID = 'the bridge was closed';
const graded = { grade: 'B', gradedBy: 'test', gradedAt: '2026-01-01T00:00:00Z' } as const;
const briefing = (key: string, publisher: string | undefined, publishedAt: string, text: string) => ({
  key,
  kind: 'PRESS_BRIEFING',
  title: key,
  ...(publisher ? { publisher } : {}),
  publishedAt,
  text,
  reliability: graded,
});
const statement = (agent: string, from: string, text: string) => ({
  agent,
  source: from,
  quotation: SAID,
  span: [text.indexOf(SAID), text.indexOf(SAID) + SAID.length],
  stance: 'SUPPORTS',
});
const bridgeClaim = (key: string, attributions: object[]) => ({
  key,
  subject: 'entity:stateland',
  predicate: 'bridge_status',
  statement: 'The bridge was closed.',
  value: { kind: 'TEXT', text: 'closed' },
  modality: 'ASSERTED',
  attributions,
});
const TEXTS = {
  'source:brief-2021': 'The spokesman said the bridge was closed.',
  'source:brief-2023': 'The former spokesman said the bridge was closed.',
  'source:state-2021': 'Stateland says the bridge was closed.',
  'source:audit-2021': 'The audit office found the bridge was closed.',
};

// Imported once, by the tests that need it, so that the seed's tests stand on their own.
let world: Promise<unknown> | undefined;
const stateland = () => {
  world ??= importBundle(
    seeded.db.prisma,
    parseBundle({
      format: 'provenance-kb-bundle',
      version: 2,
      entities: [
        { key: 'entity:stateland', kind: 'STATE', name: 'Stateland' },
        {
          key: 'entity:stateland-defence',
          kind: 'ORGANISATION',
          name: 'Stateland Ministry of Defence',
          roles: [{ title: 'Ministry', organisation: 'entity:stateland', relation: 'PART_OF' }],
        },
        {
          key: 'entity:stateland-spokesman',
          kind: 'PERSON',
          name: 'The spokesman',
          roles: [
            {
              title: 'Spokesman',
              organisation: 'entity:stateland-defence',
              validFrom: '2020-01-01',
              validTo: '2022-12-31',
            },
          ],
        },
        {
          key: 'entity:stateland-audit',
          kind: 'ORGANISATION',
          name: 'Stateland Audit Office',
          roles: [{ title: 'Audit office', organisation: 'entity:stateland', relation: 'PART_OF', independent: true }],
        },
      ],
      sources: [
        briefing('source:brief-2021', 'entity:stateland-defence', '2021-06-01T00:00:00Z', TEXTS['source:brief-2021']),
        briefing('source:brief-2023', undefined, '2023-06-01T00:00:00Z', TEXTS['source:brief-2023']),
        briefing('source:state-2021', 'entity:stateland', '2021-06-01T00:00:00Z', TEXTS['source:state-2021']),
        briefing('source:audit-2021', 'entity:stateland-audit', '2021-06-01T00:00:00Z', TEXTS['source:audit-2021']),
      ],
      claims: [
        bridgeClaim('claim:bridge-2021', [
          statement('entity:stateland-spokesman', 'source:brief-2021', TEXTS['source:brief-2021']),
          statement('entity:stateland', 'source:state-2021', TEXTS['source:state-2021']),
        ]),
        bridgeClaim('claim:bridge-2023', [
          statement('entity:stateland-spokesman', 'source:brief-2023', TEXTS['source:brief-2023']),
          statement('entity:stateland', 'source:state-2021', TEXTS['source:state-2021']),
        ]),
        bridgeClaim('claim:bridge-audit', [
          statement('entity:stateland-audit', 'source:audit-2021', TEXTS['source:audit-2021']),
          statement('entity:stateland', 'source:state-2021', TEXTS['source:state-2021']),
        ]),
      ],
    }),
    { actor: 'test' },
  );
  return world;
};

async function ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const { data, errors } = await seeded.gql<T>(query, variables);
  expect(errors).toBeUndefined();
  return data!;
}

const keys = (list: { key: string }[]) => list.map((s) => s.key);

describe('1. a claim’s chain is its own statements’ chain, not its document’s', () => {
  test('a claim the article reports first-hand has the article as its origin; the article’s own source list is context', async () => {
    const { claim } =
      await ok(`{ claim(key: "claim:choe-to-meet-officials-in-moscow") { provenance { ... on ClaimProvenance {
      derivations { hops } primarySources { key } documentDerivations { kind origin { key } }
    } } corroboration { independentOrigins origins { source { key } agents { key } } } } }`);
    expect(claim.provenance.derivations).toEqual([]);
    expect(keys(claim.provenance.primarySources)).toEqual(['source:seed-article']);
    expect(claim.provenance.documentDerivations.map((d: any) => d.origin.key)).toEqual(
      expect.arrayContaining(['source:pentagon-statements', 'source:south-korean-intelligence-briefing']),
    );
    expect(claim.corroboration).toEqual({
      independentOrigins: 1,
      origins: [{ source: { key: 'source:seed-article' }, agents: [{ key: 'entity:article-newsroom' }] }],
    });
  });

  test('the 10,000-troops statement repeats the wire report’s, which quotes the Pentagon briefing’s', async () => {
    const { claim } =
      await ok(`{ claim(key: "claim:north-korea-sent-10000-troops-to-russia") { provenance { ... on ClaimProvenance {
      derivations { hops kind statement { source { key } } originStatement { source { key } agent { key } textHeld } }
      primarySources { key }
      provJson
    } } } }`);
    const p = claim.provenance;
    expect(p.derivations).toEqual([
      {
        hops: 1,
        kind: 'PARAPHRASES',
        statement: { source: { key: 'source:seed-article' } },
        originStatement: {
          source: { key: 'source:ap-news-report' },
          agent: { key: 'entity:pentagon' },
          textHeld: false,
        },
      },
      {
        hops: 2,
        kind: 'QUOTES',
        statement: { source: { key: 'source:ap-news-report' } },
        originStatement: {
          source: { key: 'source:pentagon-statements' },
          agent: { key: 'entity:pentagon' },
          textHeld: false,
        },
      },
    ]);
    expect(keys(p.primarySources)).toEqual(['source:pentagon-statements']);
    const quoted = Object.values(p.provJson.wasDerivedFrom).filter(
      (d: any) => d['prov:type'] === 'prov:Quotation' && !d['kb:documentLevel'],
    );
    expect(quoted).toHaveLength(1);
    const [from, to] = [(quoted[0] as any)['prov:generatedEntity'], (quoted[0] as any)['prov:usedEntity']];
    expect([p.provJson.entity[from]['kb:source'], p.provJson.entity[to]['kb:source']]).toEqual([
      'source:ap-news-report',
      'source:pentagon-statements',
    ]);
  });
});

describe('2. circular reporting through one organisation is one origin', () => {
  beforeAll(stateland);
  test('the South Korean intelligence briefing and government statements count once, and the reasoning says why', async () => {
    const { claim } = await ok(`{ claim(key: "claim:choe-visit-may-discuss-more-troops") { corroboration {
      independentOrigins origins { source { key } } groups { joinedBecause origins { source { key } } } reasoning
    } } }`);
    const c = claim.corroboration;
    expect(keys(c.origins.map((o: any) => o.source))).toEqual([
      'source:south-korean-intelligence-briefing',
      'source:south-korean-government-statements',
    ]);
    expect(c.independentOrigins).toBe(1);
    expect(c.groups[0].joinedBecause).toEqual([
      'National Intelligence Service is part of Republic of Korea (National intelligence agency)',
    ]);
    expect(c.reasoning.join(' ')).not.toMatch(/confirmed by independent sources/);
  });

  test('a spokesman counts with his state while in office, apart after it, and an independent office apart always', async () => {
    const corroboration = async (key: string) =>
      (
        await ok(
          `query($key: String!) { claim(key: $key) { corroboration { independentOrigins suggestedCredibility groups { joinedBecause } } } }`,
          { key },
        )
      ).claim.corroboration;
    expect(await corroboration('claim:bridge-2021')).toEqual({
      independentOrigins: 1,
      suggestedCredibility: 2,
      groups: [
        {
          joinedBecause: [
            'The spokesman acts for Stateland Ministry of Defence (Spokesman)',
            'Stateland Ministry of Defence is part of Stateland (Ministry)',
          ],
        },
      ],
    });
    expect(await corroboration('claim:bridge-2023')).toMatchObject({ independentOrigins: 2, suggestedCredibility: 1 });
    expect(await corroboration('claim:bridge-audit')).toMatchObject({ independentOrigins: 2, suggestedCredibility: 1 });
  });
});

describe('3. a UN record that bears a claim out in part is shown as partial, never counted', () => {
  test('S/2024/255 only partly supports "Russia blocked U.S.-backed proposals to tighten sanctions"', async () => {
    const { claim } = await ok(`{ claim(key: "claim:russia-blocked-unsc-sanctions") {
      unscRecords { support note draft { symbol } }
      corroboration { independentOrigins origins { unscRecord { symbol } } partialSupport { unscRecord { symbol } support } suggestedCredibility reasoning }
    } }`);
    expect(claim.unscRecords.map((r: any) => [r.draft.symbol, r.support])).toEqual([
      ['S/2022/431', 'SUPPORTS'],
      ['S/2024/255', 'PARTLY_SUPPORTS'],
    ]);
    expect(claim.corroboration).toMatchObject({
      independentOrigins: 2,
      partialSupport: [{ unscRecord: { symbol: 'S/2024/255' }, support: 'PARTLY_SUPPORTS' }],
      suggestedCredibility: 2,
    });
    expect(claim.corroboration.origins.map((o: any) => o.unscRecord?.symbol ?? null)).toEqual([null, 'S/2022/431']);
    expect(claim.corroboration.reasoning.join(' ')).toMatch(/S\/2024\/255 only partly supports the claim/);
  });
});

describe('4. a curated grade the evidence does not bear out is shown, and listed', () => {
  test('the China claim shows its curated 1 beside the suggested 2, and the review lists it', async () => {
    const { claim, credibilityReview } = await ok(`{
      claim(key: "claim:china-blocked-unsc-sanctions") { credibility corroboration { curatedCredibility suggestedCredibility agreesWithCurated } }
      credibilityReview { totalCount edges { curatedCredibility suggestedCredibility node { key } } }
    }`);
    expect(claim).toEqual({
      credibility: 1,
      corroboration: { curatedCredibility: 1, suggestedCredibility: 2, agreesWithCurated: false },
    });
    expect(credibilityReview.edges.map((e: any) => e.node.key)).toEqual([
      'claim:russia-blocked-unsc-sanctions',
      'claim:china-blocked-unsc-sanctions',
    ]);
  });

  test('the review pages through every graded claim: a page may hold fewer than it weighed', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const { credibilityReview }: any = await ok(
        'query($after: String) { credibilityReview(first: 2, after: $after) { edges { node { key } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      seen.push(...credibilityReview.edges.map((e: any) => e.node.key));
      if (!credibilityReview.pageInfo.hasNextPage) break;
      after = credibilityReview.pageInfo.endCursor;
    }
    expect(seen).toEqual(['claim:russia-blocked-unsc-sanctions', 'claim:china-blocked-unsc-sanctions']);
    const all = await ok('{ credibilityReview(disagreeingOnly: false, first: 50) { edges { node { key } } } }');
    expect(all.credibilityReview.edges.map((e: any) => e.node.key)).toContain(
      'claim:north-korea-sent-10000-troops-to-russia',
    );
  });
});

describe('5. the agent’s own words and the reporter’s are told apart', () => {
  test('North Korea’s own words are its legal claim; that it has not acknowledged the deployment is the newsroom’s statement', async () => {
    const { northKorea, notAcknowledged } = await ok(`{
      northKorea: entity(key: "entity:north-korea") { own: statements(wording: OWN_WORDS) { edges { node { quotation } } } all: statements { totalCount } }
      notAcknowledged: claim(key: "claim:deployment-not-acknowledged") { attributions { edges { node { agent { key } wording } } } disputedBy { key } }
    }`);
    expect(northKorea.own.edges.map((e: any) => e.node.quotation)).toEqual(['conforms with international law.']);
    expect(northKorea.all.totalCount).toBe(1);
    expect(notAcknowledged.attributions.edges.map((e: any) => e.node)).toEqual([
      // The newsroom's words in its own article are its own: it is who says it.
      { agent: { key: 'entity:article-newsroom' }, wording: 'OWN_WORDS' },
      { agent: { key: 'entity:western-and-south-korean-officials' }, wording: 'REPORTED' },
    ]);
    expect(keys(notAcknowledged.disputedBy)).toEqual(['entity:north-korea', 'entity:russia']);
  });

  test('Ryder’s "relatively small", in quotation marks, is his own; the rest of the sentence is the reporter’s', async () => {
    const { ryder } = await ok(`{ ryder: entity(key: "entity:pat-ryder") {
      own: statements(wording: OWN_WORDS, first: 20) { edges { node { quotation source { key } } } }
      reported: statements(wording: REPORTED, first: 20) { edges { node { quotation } } }
    } }`);
    expect(ryder.own.edges.map((e: any) => [e.node.source.key, e.node.quotation])).toEqual([
      ['source:seed-article', 'relatively small'],
      ['source:pentagon-statements', null],
      ['source:pentagon-statements', null],
      ['source:pentagon-statements', null],
    ]);
    expect(ryder.reported.edges.map((e: any) => e.node.quotation)).toEqual([
      'indicated the extent of North Korean involvement and its strategic goals remain uncertain',
      'indicated the extent of North Korean involvement and its strategic goals remain uncertain',
    ]);
  });
});

describe('6. what the curator supplied is marked', () => {
  test('the seed article’s title, kind, language and publisher are the curator’s; the text is the document', async () => {
    const { source } = await ok('{ source(key: "source:seed-article") { title text curatorFields documentFields } }');
    expect(source.curatorFields).toEqual(['KIND', 'LANGUAGE', 'PUBLISHER', 'TITLE']);
    expect(source.documentFields).toEqual([]);
    expect(source.text).not.toContain(source.title);
  });
});

describe('7. tensions are found over everything said about an event', () => {
  test('the Pentagon’s arrival in Kursk and "relatively small" stand with the 10,000 troops against the non-acknowledgement', async () => {
    const { bySubject, byEvent, kursk, event } = await ok(`{
      bySubject: tensions(subject: "entity:north-korea") { ... on TensionConnection { edges { node { kind claim { key } other { key } } } } }
      byEvent: tensions(event: "entity:north-korean-troop-deployment-to-russia") { ... on TensionConnection { totalCount } }
      kursk: claim(key: "claim:north-korean-forces-arriving-in-kursk") { event { key } tensions { other { key } disputedBy { key } } }
      event: entity(key: "entity:north-korean-troop-deployment-to-russia") { kind eventClaims(first: 20) { totalCount } }
    }`);
    expect(bySubject.edges.map((e: any) => [e.node.kind, e.node.claim.key, e.node.other.key])).toEqual([
      [
        'ASSERTED_VS_NOT_CONFIRMED',
        'claim:north-korea-sent-10000-troops-to-russia',
        'claim:deployment-not-acknowledged',
      ],
      ['ASSERTED_VS_NOT_CONFIRMED', 'claim:north-korean-forces-arriving-in-kursk', 'claim:deployment-not-acknowledged'],
      ['ASSERTED_VS_NOT_CONFIRMED', 'claim:deployment-relatively-small', 'claim:deployment-not-acknowledged'],
    ]);
    expect(byEvent.totalCount).toBe(3);
    expect(kursk).toEqual({
      event: { key: 'entity:north-korean-troop-deployment-to-russia' },
      tensions: [
        {
          other: { key: 'claim:deployment-not-acknowledged' },
          disputedBy: [{ key: 'entity:north-korea' }, { key: 'entity:russia' }],
        },
      ],
    });
    expect(event).toEqual({ kind: 'EVENT', eventClaims: { totalCount: 6 } });
  });
});

describe('8. what an entity’s agencies and officials said for it rolls up to it', () => {
  beforeAll(stateland);
  test('the Republic of Korea’s statements include its president’s and its intelligence agency’s, on request', async () => {
    const { korea } = await ok(`{ korea: entity(key: "entity:south-korea") {
      own: statements(first: 50) { totalCount }
      forIt: statements(first: 50, onItsBehalf: true) { totalCount edges { node { agent { key } source { key } } } }
    } }`);
    // Its own: its policy, cited in the article, and its government statements the article repeats.
    expect(korea.own.totalCount).toBe(4);
    const agents = new Set(korea.forIt.edges.map((e: any) => e.node.agent.key));
    expect(agents).toEqual(
      new Set(['entity:south-korea', 'entity:yoon-suk-yeol', 'entity:national-intelligence-service']),
    );
    expect(korea.forIt.totalCount).toBe(korea.forIt.edges.length);
  });

  test('a spokesman’s statement rolls up to the state while he is in office, and an independent office’s never', async () => {
    const { state } = await ok(`{ state: entity(key: "entity:stateland") {
      forIt: statements(first: 50, onItsBehalf: true) { totalCount edges { node { agent { key } source { key } } } }
    } }`);
    expect(state.forIt.edges.map((e: any) => [e.node.agent.key, e.node.source.key])).toEqual([
      ['entity:stateland-spokesman', 'source:brief-2021'],
      ['entity:stateland', 'source:state-2021'],
      ['entity:stateland', 'source:state-2021'],
      ['entity:stateland', 'source:state-2021'],
    ]);
    expect(state.forIt.totalCount).toBe(4);
  });
});
