import { createApiKey } from '../../src/auth/api-keys';
import { claimRecords } from '../../src/bundle/export';
import { readBundleFile } from '../../src/bundle/read';
import { wordMatch, wordsOf } from '../../src/ingest/claim-links';
import { bundleKnowledge } from '../../src/ingest/knowledge';
import { proposeFor } from '../../src/ingest/propose';
import { seedBundlePath } from '../../src/server/seed';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';
import { seedBundleJson } from '../helpers/seed';
import { seededGraphQL } from '../helpers/seeded';

// A proposed statement whose words the knowledge base already holds is linked to that claim: the
// commit adds it as an attribution of the claim instead of proposing the claim again.

const seeded = seededGraphQL();
let analyst: GraphQLClient;
beforeAll(async () => {
  const { key } = await createApiKey(seeded.db.prisma, { owner: 'kim', role: 'ANALYST', createdBy: 'test' });
  analyst = graphqlClient(seeded.db, { apiKey: key });
});

const PROPOSE = /* GraphQL */ `
  mutation Propose($text: String!, $publisher: String!, $title: String!) {
    proposeFromText(text: $text, source: { title: $title, publisher: $publisher }) {
      __typename
      ... on Draft {
        id sourceKey heldSource { key }
        proposals(first: 100) {
          edges { node { id ref kind detail { ... on StatementProposalDetail { quotation claim linkedClaim { key } } } } }
        }
      }
      ... on Error { message }
    }
  }`;
const ACCEPT_ALL = /* GraphQL */ `
  mutation Accept($id: ID!) { reviewProposal(id: $id, decision: ACCEPT) { __typename ... on Error { message } } }`;
const UNLINK = /* GraphQL */ `
  mutation Unlink($id: ID!) {
    editProposal(id: $id, edit: { linkedClaim: null }) {
      __typename ... on DraftProposal { status detail { ... on StatementProposalDetail { claim linkedClaim { key } } } }
    }
  }`;
const COMMIT = /* GraphQL */ `
  mutation Commit($id: ID!) {
    commitDraft(id: $id) {
      __typename
      ... on DraftCommit { created source { key } }
      ... on DraftValidationError { problems { proposal path message } }
      ... on Error { message }
    }
  }`;

type Statement = { quotation: string; claim: string; linkedClaim: { key: string } | null };
type Proposal = { id: string; ref: string; kind: string; detail: Partial<Statement> };
type Draft = {
  id: string;
  sourceKey: string;
  heldSource: { key: string } | null;
  proposals: { edges: { node: Proposal }[] };
};

async function ok<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const result = await analyst<T>(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

async function propose(text: string, publisher: string, title: string) {
  const { proposeFromText } = await ok<{ proposeFromText: Draft }>(PROPOSE, { text, publisher, title });
  const proposals = proposeFromText.proposals.edges.map((e) => e.node);
  for (const p of proposals) await ok(ACCEPT_ALL, { id: p.id });
  return {
    draft: proposeFromText,
    statements: proposals.filter((p) => p.kind === 'STATEMENT') as (Proposal & { detail: Statement })[],
  };
}

const commit = async (id: string) =>
  (await ok<{ commitDraft: { __typename: string; created?: number; problems?: unknown } }>(COMMIT, { id })).commitDraft;

const counts = async () => ({
  claims: await seeded.db.prisma.claim.count(),
  attributions: await seeded.db.prisma.attribution.count(),
  sources: await seeded.db.prisma.source.count(),
});

/** A claim's record without its statements: what linking must leave as it was. */
const claimsWithoutStatements = async () =>
  (await claimRecords(seeded.db.prisma)).map(({ attributions: _a, ...claim }) => claim);

test('the words are compared, not the wording: a clause inside a recorded quotation links, a short quotation does not take a sentence', () => {
  const recorded = wordsOf('reports from the Pentagon that North Korea has dispatched approximately 10,000 troops');
  expect(wordMatch(wordsOf('North Korea has dispatched approximately 10,000 troops'), recorded)).toBeCloseTo(7 / 12);
  expect(wordMatch(wordsOf('North Korea’s troops'), wordsOf('North Korea’s troops'))).toBe(1);
  // Inside, but too short to name a statement.
  expect(wordMatch(wordsOf('North Korea has'), recorded)).toBeNull();
  // A recorded "relatively small" does not capture a longer sentence that repeats it.
  expect(wordMatch(wordsOf('the damage was relatively small'), wordsOf('relatively small'))).toBeNull();
  expect(wordMatch(wordsOf('It was “relatively small.”'), wordsOf('relatively small'))).toBe(0.5);
  expect(wordMatch(wordsOf('North Korea has sent troops'), recorded)).toBeNull();
});

test('proposing the seed article’s own text again links to the seed claims and commits, duplicating none', async () => {
  const seed = seedBundleJson();
  const article = seed.sources.find((s) => s.key === 'source:seed-article')!;
  const before = await counts();
  const claimsBefore = await claimsWithoutStatements();
  const { draft, statements } = await propose(article.text!, 'entity:article-newsroom', 'The seed article, again');
  // The same text is the same document.
  expect(draft.heldSource).toEqual({ key: 'source:seed-article' });
  expect(draft.sourceKey).toBe('source:seed-article');
  const seedClaims = new Set(seed.claims.map((c) => c.key));
  expect(statements.length).toBeGreaterThan(20);
  // Every statement but one is linked to the seed claim that holds its words. The one left holds a
  // recorded quotation (the possible alliance) in a sentence three times as long about something else:
  // a claim of its own, which the seed's curator did not record.
  const unlinked = statements.filter((s) => !s.detail.linkedClaim);
  expect(unlinked.map((s) => s.detail.quotation)).toEqual([
    expect.stringMatching(/^its potential shift toward arms support reflects growing unease/),
  ]);
  for (const linked of statements.filter((s) => s.detail.linkedClaim))
    expect(seedClaims).toContain(linked.detail.linkedClaim?.key);
  const troops = statements.find((s) =>
    s.detail.quotation.startsWith('North Korea has dispatched approximately 10,000'),
  );
  expect(troops?.detail.linkedClaim).toEqual({ key: 'claim:north-korea-sent-10000-troops-to-russia' });
  // The links npm run eval:ingest scores, made against the seed bundle without a database, are these.
  const evaluated = await proposeFor(
    article.text!,
    bundleKnowledge(await readBundleFile(seedBundlePath), { withoutSources: [article.key] }),
    {
      publisher: 'entity:article-newsroom',
      title: 'The seed article, again',
    },
  );
  const links = (pairs: [string, string | null][]) => pairs.toSorted(([a], [b]) => a.localeCompare(b));
  expect(links(statements.map((s) => [s.detail.quotation, s.detail.linkedClaim?.key ?? null]))).toEqual(
    links(evaluated.flatMap((p) => (p.kind === 'STATEMENT' ? [[p.quotation, p.linkedClaim ?? null]] : []))),
  );

  const committed = await commit(draft.id);
  expect(committed.__typename).toBe('DraftCommit');
  const after = await counts();
  expect(after.claims).toBe(before.claims + 1);
  expect(await seeded.db.prisma.claim.count({ where: { key: unlinked[0]!.detail.claim } })).toBe(1);
  expect(after.sources).toBe(before.sources);
  // Statements the seed records already (same agent and span) are not added twice; the others are new attributions.
  expect(after.attributions).toBeGreaterThan(before.attributions);
  expect(after.attributions - before.attributions).toBeLessThanOrEqual(statements.length);
  // Every claim is as it was, but for the statements added to it.
  expect((await claimsWithoutStatements()).filter((c) => c.key !== unlinked[0]!.detail.claim)).toEqual(claimsBefore);
  const duplicates = await seeded.db.prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (SELECT claim_id, agent_id, source_id, span_start, span_end FROM attribution
      GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1) d`;
  expect(Number(duplicates[0]!.n)).toBe(0);
  const troopsStatements = await seeded.db.prisma.attribution.count({
    where: { claim: { key: 'claim:north-korea-sent-10000-troops-to-russia' }, source: { key: 'source:seed-article' } },
  });
  expect(troopsStatements).toBe(2);
});

test('a statement retracted leaves its slot: the same statement proposed again is committed anew beside it', async () => {
  const troops = 'claim:north-korea-sent-10000-troops-to-russia';
  const inArticle = () =>
    seeded.db.prisma.attribution.findMany({
      where: { claim: { key: troops }, source: { key: 'source:seed-article' } },
      orderBy: { id: 'asc' },
      include: { agent: true },
    });
  // The seed's statement, and the one the commit above added at the proposal's span.
  const [seedStatement, committed] = await inArticle();
  const { retractStatement } = await ok<{ retractStatement: { __typename: string } }>(
    /* GraphQL */ `mutation($claim: String!, $statement: StatementRefInput!) {
      retractStatement(claim: $claim, statement: $statement, reason: "Committed by mistake.") { __typename } }`,
    {
      claim: troops,
      statement: {
        agent: committed!.agent.key,
        source: 'source:seed-article',
        spanStart: committed!.spanStart,
        spanEnd: committed!.spanEnd,
      },
    },
  );
  expect(retractStatement.__typename).toBe('Attribution');
  const article = seedBundleJson().sources.find((s) => s.key === 'source:seed-article')!;
  const { draft, statements } = await propose(article.text!, 'entity:article-newsroom', 'The seed article, once more');
  // Still linked, by the seed's statement's words.
  expect(statements.find((s) => s.detail.quotation === committed!.quotation)?.detail.linkedClaim).toEqual({
    key: troops,
  });
  expect(await commit(draft.id)).toMatchObject({ __typename: 'DraftCommit' });
  expect((await inArticle()).map((a) => [a.id, a.quotation, a.retractedAt !== null])).toEqual([
    [seedStatement!.id, seedStatement!.quotation, false],
    [committed!.id, committed!.quotation, true],
    [expect.any(Number), committed!.quotation, false],
  ]);
});

test('a report in other words that repeats one recorded sentence: that statement is linked, the reviewer may unlink it', async () => {
  const text =
    'South Korea has thus far refrained from supplying arms to Ukraine, officials in Seoul said on Friday. ' +
    'Seoul has joined U.S.-led sanctions against Russia, a second official said.';
  const before = await counts();
  const { draft, statements } = await propose(text, 'entity:associated-press', 'Seoul weighs arms for Ukraine');
  expect(draft.heldSource).toBeNull();
  const refrained = statements.find((s) => s.detail.quotation.includes('refrained from supplying arms'))!;
  expect(refrained.detail.linkedClaim).toEqual({ key: 'claim:south-korea-has-not-armed-ukraine' });
  const sanctions = statements.find((s) => s.detail.quotation.includes('joined U.S.-led sanctions'))!;
  expect(sanctions.detail.linkedClaim).toEqual({ key: 'claim:south-korea-joined-sanctions' });
  const unlinked = await ok<{ editProposal: { detail: Statement } }>(UNLINK, { id: sanctions.id });
  expect(unlinked.editProposal.detail).toMatchObject({ linkedClaim: null, claim: sanctions.detail.claim });

  expect(await commit(draft.id)).toMatchObject({ __typename: 'DraftCommit', source: { key: draft.sourceKey } });
  const newClaims = statements.filter((s) => !s.detail.linkedClaim || s.id === sanctions.id).map((s) => s.detail.claim);
  expect((await counts()).claims).toBe(before.claims + new Set(newClaims).size);
  const armed = await seeded.db.prisma.attribution.findMany({
    where: { claim: { key: 'claim:south-korea-has-not-armed-ukraine' }, source: { key: draft.sourceKey } },
  });
  expect(armed.map((a) => a.quotation)).toEqual([refrained.detail.quotation]);
  expect(await seeded.db.prisma.claim.count({ where: { key: sanctions.detail.claim } })).toBe(1);
});

test('a link to a claim that does not exist is a problem named by its statement; nothing is written', async () => {
  const { draft, statements } = await propose(
    'Officials said South Korea has thus far refrained from supplying arms to Ukraine.',
    'entity:associated-press',
    'Seoul holds back',
  );
  const linked = statements.find((s) => s.detail.linkedClaim)!;
  await ok(
    /* GraphQL */ `mutation($id: ID!) { editProposal(id: $id, edit: { linkedClaim: "claim:no-such-claim" }) { __typename } }`,
    { id: linked.id },
  );
  const before = await counts();
  expect(await commit(draft.id)).toMatchObject({
    __typename: 'DraftValidationError',
    problems: [
      {
        proposal: linked.ref,
        path: 'linkedClaim',
        message: 'claim:no-such-claim does not exist: unlink the statement to make its claim new',
      },
    ],
  });
  expect(await counts()).toEqual(before);
});

test('a retracted statement’s words link nothing: the proposal is a new claim', async () => {
  const text = 'Officials said South Korea has thus far refrained from supplying arms to Ukraine.';
  const linkOf = async () =>
    (await propose(text, 'entity:associated-press', 'Seoul holds back')).statements.find((s) =>
      s.detail.quotation.includes('refrained from supplying arms'),
    )!.detail.linkedClaim;
  expect(await linkOf()).toEqual({ key: 'claim:south-korea-has-not-armed-ukraine' });
  await seeded.db.sql.$queryRaw`UPDATE attribution SET retracted_at = now(), retracted_by = 'kim',
    retraction_reason = 'misquoted' WHERE quotation LIKE '%refrained from supplying arms%'`;
  expect(await linkOf()).toBeNull();
});
