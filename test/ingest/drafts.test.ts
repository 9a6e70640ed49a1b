import { createApiKey } from '../../src/auth/api-keys';
import type { ApiRole } from '../../src/generated/prisma/enums';
import { MAX_TEXT_POINTS } from '../../src/ingest/drafts';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';
import { seededGraphQL } from '../helpers/seeded';

// The ingestion workflow over GraphQL: a draft is kept apart from the knowledge base, reviewed and
// committed through the bundle importer; bad input is a typed error that writes nothing.

const seeded = seededGraphQL();
let analyst: GraphQLClient;
let reader: GraphQLClient;
beforeAll(async () => {
  const key = async (role: ApiRole, owner: string) =>
    (await createApiKey(seeded.db.prisma, { owner, role, createdBy: 'test' })).key;
  analyst = graphqlClient(seeded.db, { apiKey: await key('ANALYST', 'kim') });
  reader = graphqlClient(seeded.db, { apiKey: await key('READER', 'rea') });
});

const REPORT =
  'The Pentagon said that North Korea has sent about 3,000 more troops to Russia’s Kursk region. ' +
  '“We are watching this closely,” said Maj. Gen. Pat Ryder. ' +
  'Western diplomats fear that Moscow may send missile technology to Pyongyang.';

const PROPOSE = /* GraphQL */ `
  mutation Propose($text: String!, $publisher: String!, $title: String!) {
    proposeFromText(text: $text, source: { title: $title, publisher: $publisher, publishedAt: "2026-11-30T08:00:00Z" }) {
      __typename
      ... on Draft {
        id status version sourceKey
        proposals(first: 100) {
          totalCount
          edges { node { id ref kind status confidence cue { rule text }
            detail { __typename
              ... on StatementProposalDetail { quotation agent onBehalfOf ownWords modality claim span { start end } }
              ... on EntityProposalDetail { entity existing entityKind }
              ... on QuantityProposalDetail { amount approximate statement }
            } } }
        }
      }
      ... on TextRejectedError { reason message }
      ... on NotFoundError { kind key }
      ... on Error { message }
    }
  }`;
const REVIEW = /* GraphQL */ `
  mutation Review($id: ID!, $decision: ProposalDecision!) {
    reviewProposal(id: $id, decision: $decision) { __typename ... on DraftProposal { status reviewedBy } ... on Error { message } }
  }`;
const EDIT = /* GraphQL */ `
  mutation Edit($id: ID!, $edit: ProposalEditInput!) {
    editProposal(id: $id, edit: $edit) {
      __typename
      ... on DraftProposal { status detail { ... on StatementProposalDetail { quotation claim agent } } }
      ... on InputValidationError { issues { path message } }
    }
  }`;
const COMMIT = /* GraphQL */ `
  mutation Commit($id: ID!) {
    commitDraft(id: $id) {
      __typename
      ... on DraftCommit { created source { key text attributions(first: 20) { totalCount } } draft { status committedBy } }
      ... on DraftValidationError { problems { proposal path message } }
      ... on Error { message }
    }
  }`;
const REJECT = /* GraphQL */ `
  mutation Reject($id: ID!) { rejectDraft(id: $id) { __typename ... on RejectedDraft { id } ... on Error { message } } }`;

type Node = {
  id: string;
  ref: string;
  kind: string;
  status: string;
  detail: Record<string, unknown>;
};
type Draft = {
  id: string;
  status: string;
  version: number;
  sourceKey: string;
  proposals: { totalCount: number; edges: { node: Node }[] };
};

async function propose(text = REPORT, publisher = 'entity:associated-press', title = 'Pentagon: 3,000 more troops') {
  const result = await analyst<{ proposeFromText: Draft & { __typename: string; reason?: string; kind?: string } }>(
    PROPOSE,
    {
      text,
      publisher,
      title,
    },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.proposeFromText;
}

/** Row counts of the knowledge base and of the drafts, to show what a step wrote. */
async function counts() {
  const rows = await seeded.db.prisma.$queryRaw<Record<string, bigint>[]>`
    SELECT (SELECT count(*) FROM claim) AS claims, (SELECT count(*) FROM attribution) AS attributions,
           (SELECT count(*) FROM source) AS sources, (SELECT count(*) FROM entity) AS entities,
           (SELECT count(*) FROM change_log) AS changes, (SELECT count(*) FROM draft) AS drafts,
           (SELECT count(*) FROM draft_proposal) AS proposals`;
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)])) as Record<
    'claims' | 'attributions' | 'sources' | 'entities' | 'changes' | 'drafts' | 'proposals',
    number
  >;
}

const statementAt = (draft: Draft, words: string) =>
  draft.proposals.edges
    .map((e) => e.node)
    .find((n) => n.kind === 'STATEMENT' && (n.detail.quotation as string) === words)!;

test('a proposal is a draft apart from the knowledge base: nothing in it is searchable or counted', async () => {
  const before = await counts();
  const draft = await propose();
  expect(draft).toMatchObject({ __typename: 'Draft', status: 'OPEN', sourceKey: 'source:pentagon-3-000-more-troops' });
  const after = await counts();
  expect({ ...after, drafts: 0, proposals: 0 }).toEqual({ ...before, drafts: 0, proposals: 0 });
  expect(after.drafts).toBe(before.drafts + 1);
  const troops = statementAt(draft, 'North Korea has sent about 3,000 more troops to Russia’s Kursk region');
  expect(troops.detail).toMatchObject({ agent: 'entity:pentagon', modality: 'ASSERTED', ownWords: false });
  expect(statementAt(draft, 'We are watching this closely').detail).toMatchObject({
    agent: 'entity:pat-ryder',
    onBehalfOf: 'entity:pentagon',
    ownWords: true,
  });
  expect(statementAt(draft, 'Moscow may send missile technology to Pyongyang').detail).toMatchObject({
    agent: 'entity:western-diplomats',
    modality: 'HEDGED',
  });
  const search = await analyst<{ search: { totalCount: number } }>(
    '{ search(query: "watching closely") { ... on SearchConnection { totalCount } } }',
  );
  expect(search.data?.search.totalCount).toBe(0);
  const denied = await reader('{ drafts(first: 5) { totalCount } }');
  expect(denied.errors?.[0]?.message).toMatch(/not authorized/i);
});

test('review and commit: accepted statements become claims through the importer; the change log names the reviewer', async () => {
  const draft = await propose();
  const nodes = draft.proposals.edges.map((e) => e.node);
  const troops = statementAt(draft, 'North Korea has sent about 3,000 more troops to Russia’s Kursk region');
  const quote = statementAt(draft, 'We are watching this closely');
  const quantity = nodes.find((n) => n.kind === 'QUANTITY')!;
  expect(quantity.detail).toMatchObject({ amount: '3000', approximate: true, statement: troops.ref });
  for (const id of [troops.id, quantity.id])
    expect((await analyst(REVIEW, { id, decision: 'ACCEPT' })).data).toMatchObject({
      reviewProposal: { status: 'ACCEPTED', reviewedBy: 'kim' },
    });
  const edited = await analyst(EDIT, { id: quote.id, edit: { claim: 'claim:pentagon-watching-closely' } });
  expect(edited.data).toMatchObject({
    editProposal: { status: 'ACCEPTED', detail: { claim: 'claim:pentagon-watching-closely' } },
  });
  const badEdit = await analyst(EDIT, { id: quote.id, edit: { amount: '3' } });
  expect(badEdit.data).toMatchObject({ editProposal: { __typename: 'InputValidationError' } });
  const other = nodes.find((n) => n.kind === 'STATEMENT' && n.id !== troops.id && n.id !== quote.id)!;
  await analyst(REVIEW, { id: other.id, decision: 'REJECT' });

  const before = await counts();
  const committed = await analyst<{ commitDraft: Record<string, unknown> }>(COMMIT, { id: draft.id });
  expect(committed.data?.commitDraft).toMatchObject({
    __typename: 'DraftCommit',
    source: { key: draft.sourceKey, text: REPORT, attributions: { totalCount: 2 } },
    draft: { status: 'COMMITTED', committedBy: 'kim' },
  });
  const claim = await seeded.db.prisma.claim.findFirstOrThrow({
    where: { attributions: { some: { source: { key: draft.sourceKey }, agent: { key: 'entity:pentagon' } } } },
  });
  expect({ amount: claim.valueAmount?.toString(), approximate: claim.valueApproximate, unit: claim.valueUnit }).toEqual(
    {
      amount: '3000',
      approximate: true,
      unit: 'troops',
    },
  );
  const after = await counts();
  expect(after.claims).toBe(before.claims + 2);
  const log = await seeded.db.prisma.changeLog.findMany({
    where: { id: { gt: 0 }, tableName: { in: ['claim', 'draft'] } },
    orderBy: { id: 'desc' },
    take: 3,
  });
  expect(log.every((row) => row.actor === 'kim')).toBe(true);
  const draftRow = log.find((row) => row.tableName === 'draft')!;
  expect(draftRow.after).toMatchObject({
    status: 'COMMITTED',
    committedBy: 'kim',
    reviews: expect.arrayContaining([expect.objectContaining({ reviewedBy: 'kim', status: 'REJECTED' })]),
  });

  const again = await counts();
  const twice = await analyst<{ commitDraft: { __typename: string } }>(COMMIT, { id: draft.id });
  expect(twice.data?.commitDraft.__typename).toBe('ConflictError');
  const review = await analyst<{ reviewProposal: { __typename: string } }>(REVIEW, {
    id: troops.id,
    decision: 'REJECT',
  });
  expect(review.data?.reviewProposal.__typename).toBe('ConflictError');
  expect(await counts()).toEqual(again);
});

test('a statement that cites an earlier source is committed with its own derivation, which its chain walks', async () => {
  const text =
    'The Pentagon said that North Korean units have reached the front line in Ukraine, citing South Korean intelligence.';
  const draft = await propose(text, 'entity:associated-press', 'Pentagon cites Seoul on troops');
  const nodes = draft.proposals.edges.map((e) => e.node);
  const troops = statementAt(draft, 'North Korean units have reached the front line in Ukraine');
  const citing = nodes.find((n) => n.kind === 'DERIVATION')!;
  for (const id of [troops.id, citing.id]) await analyst(REVIEW, { id, decision: 'ACCEPT' });
  expect((await analyst(COMMIT, { id: draft.id })).data).toMatchObject({ commitDraft: { __typename: 'DraftCommit' } });

  const claimKey = troops.detail.claim as string;
  const read = await analyst<{ claim: Record<string, unknown> }>(
    `query($key: String!) { claim(key: $key) {
      attributions(first: 5) { edges { node { agent { key } wording derivedFrom { kind originSource { key } } } } }
      provenance { ... on ClaimProvenance { primarySources { key } } }
    } }`,
    { key: claimKey },
  );
  expect(read.data?.claim).toEqual({
    attributions: {
      edges: [
        {
          node: {
            agent: { key: 'entity:pentagon' },
            wording: 'REPORTED',
            derivedFrom: [{ kind: 'CITES', originSource: { key: 'source:south-korean-intelligence-briefing' } }],
          },
        },
      ],
    },
    provenance: { primarySources: [{ key: 'source:south-korean-intelligence-briefing' }] },
  });
});

test('a draft whose accepted proposals fail validation: each problem named by path and proposal, nothing written, the draft as it was', async () => {
  const draft = await propose(REPORT, 'entity:associated-press', 'Diplomats fear missile transfers');
  const hedged = statementAt(draft, 'Moscow may send missile technology to Pyongyang');
  // Its agent is a proposed new entity, which is left unaccepted.
  await analyst(REVIEW, { id: hedged.id, decision: 'ACCEPT' });
  const before = await counts();
  const stored = await seeded.db.prisma.draft.findFirstOrThrow({
    where: { sourceKey: draft.sourceKey },
    include: { proposals: true },
  });
  const result = await analyst<{
    commitDraft: { __typename: string; problems: { proposal: string; path: string; message: string }[] };
  }>(COMMIT, { id: draft.id });
  expect(result.data?.commitDraft.__typename).toBe('DraftValidationError');
  expect(result.data?.commitDraft.problems).toContainEqual({
    proposal: hedged.ref,
    path: 'claims[0].attributions[0].agent',
    message: 'unknown entity entity:western-diplomats',
  });
  expect(await counts()).toEqual(before);
  const unchanged = await seeded.db.prisma.draft.findFirstOrThrow({
    where: { sourceKey: draft.sourceKey },
    include: { proposals: true },
  });
  expect(unchanged).toEqual(stored);
});

test('a rejected draft leaves nothing behind', async () => {
  const before = await counts();
  const draft = await propose(REPORT, 'entity:associated-press', 'A draft to reject');
  const rejected = await analyst<{ rejectDraft: { __typename: string } }>(REJECT, { id: draft.id });
  expect(rejected.data?.rejectDraft.__typename).toBe('RejectedDraft');
  expect(await counts()).toEqual(before);
});

test.each([
  ['empty', '  \n ', 'TextRejectedError', { reason: 'EMPTY' }],
  ['binary', 'PK\u0003\u0004binary', 'TextRejectedError', { reason: 'BINARY' }],
  // A NUL is refused for every argument by the rules on stored values (src/rules/values.ts).
  ['NUL-holding', 'PK\u0003\u0004\u0000\u0000binary', 'InputValidationError', {}],
  ['undecodable', 'caf\ufffd au lait', 'TextRejectedError', { reason: 'BINARY' }],
  ['too large', 'a'.repeat(MAX_TEXT_POINTS + 1), 'TextRejectedError', { reason: 'TOO_LARGE' }],
])('bad input (%s text) is a typed error that writes nothing', async (_name, text, typename, fields) => {
  const before = await counts();
  expect(await propose(text)).toMatchObject({ __typename: typename, ...fields });
  expect(await counts()).toEqual(before);
});

test('an unknown publisher key is a NotFoundError that writes nothing; a reader may not propose', async () => {
  const before = await counts();
  expect(await propose(REPORT, 'entity:no-such-outlet')).toMatchObject({
    __typename: 'NotFoundError',
    kind: 'ENTITY',
    key: 'entity:no-such-outlet',
  });
  const refused = await reader<{ proposeFromText: { __typename: string } }>(PROPOSE, {
    text: REPORT,
    publisher: 'entity:associated-press',
    title: 'x',
  });
  expect(refused.data?.proposeFromText.__typename).toBe('ForbiddenError');
  expect(await counts()).toEqual(before);
});
