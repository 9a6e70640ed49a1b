import { InputValidationError } from '@pothos/plugin-validation';
import { BundleValidationError } from '../bundle/problems';
import { sha256Hex } from '../bundle/validate';
import { DraftStatus, ProposalKind, ProposalStatus } from '../generated/prisma/enums';
import { commitDraft, type ProposalEdit, proposeDraft, rejectDraft, reviewProposal } from '../ingest/drafts';
import { type DraftProblem, DraftValidationError, TextRejectedError } from '../ingest/errors';
import type { Cue, Proposal } from '../ingest/proposals';
import { actorOf } from '../server/context';
import { builder } from './builder';
import { ClaimNode, TextSpan } from './claim';
import { DerivationKindEnum, EntityKindEnum, ModalityEnum, SourceKindEnum } from './enums';
import { ErrorInterface, mutationErrors } from './errors';
import { pageLimits } from './paging';

// Assisted ingestion: a report becomes a draft of proposals that an analyst reviews and commits.
// Drafts are analysts' work in progress: reading them needs the analyst role, like writing them.

const DraftStatusEnum = builder.enumType(DraftStatus, {
  name: 'DraftStatus',
  description: 'OPEN while under review; COMMITTED once its accepted proposals are in the knowledge base.',
});
const ProposalKindEnum = builder.enumType(ProposalKind, {
  name: 'ProposalKind',
  description: 'An entity mentioned, an attributed statement, a quantity, or a derivation from an earlier source.',
});
const ProposalStatusEnum = builder.enumType(ProposalStatus, {
  name: 'ProposalStatus',
  description: 'PROPOSED until reviewed; only ACCEPTED proposals are committed.',
});
const ProposalDecisionEnum = builder.enumType('ProposalDecision', {
  description: "An analyst's verdict on a proposal.",
  values: { ACCEPT: { value: 'ACCEPTED' }, REJECT: { value: 'REJECTED' } } as const,
});
const TextProblemEnum = builder.enumType('TextProblem', {
  description: 'Why a text was refused.',
  values: ['EMPTY', 'BINARY', 'TOO_LARGE'] as const,
});

builder.objectType(TextRejectedError, {
  name: 'TextRejectedError',
  description: 'The text is empty, binary or too large; nothing was proposed or written.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    reason: t.expose('reason', { type: TextProblemEnum, description: 'What is wrong with the text.' }),
  }),
});
const DraftProblemRef = builder.objectRef<DraftProblem>('DraftProblem').implement({
  description: 'One reason a draft cannot be committed.',
  fields: (t) => ({
    proposal: t.exposeString('proposal', {
      nullable: true,
      description: "The ref of the proposal it comes from (e3, s12); null for the draft's source.",
    }),
    path: t.exposeString('path', {
      description: 'Where in the committed bundle, e.g. claims[2].attributions[0].agent.',
    }),
    message: t.exposeString('message', { description: 'What is wrong.' }),
  }),
});
builder.objectType(DraftValidationError, {
  name: 'DraftValidationError',
  description: "The accepted proposals fail the bundle's validation; nothing was written and the draft is as it was.",
  interfaces: [ErrorInterface],
  fields: (t) => ({
    problems: t.field({ type: [DraftProblemRef], description: 'Every problem found.', resolve: (e) => e.problems }),
  }),
});

const CueRef = builder.objectRef<Cue>('ProposalCue').implement({
  description: 'What produced a proposal: the rule and the words of the text it fired on.',
  fields: (t) => ({
    rule: t.exposeString('rule', { description: 'The rule, e.g. "reported speech: said", "according to", "hedge".' }),
    text: t.exposeString('text', { description: 'The words of the text the rule fired on.' }),
    span: t.field({
      type: TextSpan,
      description: 'Where those words are, in code points of the text.',
      resolve: (c) => ({ start: c.span[0], end: c.span[1] }),
    }),
  }),
});

type Of<K extends Proposal['kind']> = Extract<Proposal, { kind: K }>;
const range = (s: [number, number]) => ({ start: s[0], end: s[1] });

const EntityDetail = builder.objectRef<Of<'ENTITY'>>('EntityProposalDetail').implement({
  description: 'An entity the report mentions: linked to an existing one, or proposed as new.',
  fields: (t) => ({
    entity: t.exposeString('entity', { description: "The existing entity's key, or the key proposed for a new one." }),
    existing: t.exposeBoolean('existing', { description: 'False when the entity is proposed as new.' }),
    name: t.exposeString('name', { description: 'Its name (for a new entity, as written in the report).' }),
    entityKind: t.expose('entityKind', {
      type: EntityKindEnum,
      description: 'Person, organisation, state, place, group or other.',
    }),
    alternatives: t.exposeStringList('alternatives', { description: 'Other existing entities the same words name.' }),
    mentions: t.field({
      type: [TextSpan],
      description: 'Where the report names it.',
      resolve: (e) => e.mentions.map((m) => range(m.span)),
    }),
  }),
});
const StatementDetail = builder.objectRef<Of<'STATEMENT'>>('StatementProposalDetail').implement({
  description: 'A statement and who makes it: committed as a claim with this attribution.',
  fields: (t) => ({
    span: t.field({
      type: TextSpan,
      description: 'The words stated, in code points of the text.',
      resolve: (s) => range(s.span),
    }),
    quotation: t.exposeString('quotation', { description: 'The text at the span, exactly.' }),
    agent: t.exposeString('agent', {
      description: 'Entity key of who states it (existing, or a proposed new entity).',
    }),
    onBehalfOf: t.exposeString('onBehalfOf', {
      nullable: true,
      description: 'Entity key of the body the agent speaks for.',
    }),
    ownWords: t.exposeBoolean('ownWords', {
      description: "True for the agent's own words (in quotation marks), false for the reporter's.",
    }),
    modality: t.expose('modality', { type: ModalityEnum, description: 'Asserted, hedged, denied or not confirmed.' }),
    modalityCue: t.field({
      type: CueRef,
      nullable: true,
      description: 'The hedge or negation behind the modality.',
      resolve: (s) => s.modalityCue,
    }),
    claim: t.exposeString('claim', {
      description: 'Claim key of the new claim it makes; statements with the same key become one claim.',
    }),
    linkedClaim: t.field({
      type: ClaimNode,
      nullable: true,
      description:
        'The existing claim that already holds a statement in the same words: committing adds this statement to it as a new attribution. Null: the statement makes the new claim `claim` (editProposal with linkedClaim null unlinks it).',
      resolve: (s, _args, ctx) =>
        s.linkedClaim ? ctx.prisma.claim.findUnique({ where: { key: s.linkedClaim } }) : null,
    }),
    subject: t.exposeString('subject', { description: "Entity key of the claim's subject." }),
    predicate: t.exposeString('predicate', { description: "The claim's predicate (lower snake case)." }),
    statement: t.exposeString('statement', { description: 'The claim in one sentence.' }),
  }),
});
const QuantityDetail = builder.objectRef<Of<'QUANTITY'>>('QuantityProposalDetail').implement({
  description: 'A number with its unit and approximation; committed as the value of its statement.',
  fields: (t) => ({
    span: t.field({ type: TextSpan, description: 'The words of the quantity.', resolve: (q) => range(q.span) }),
    text: t.exposeString('text', { description: 'The words, e.g. "approximately 10,000 troops".' }),
    amount: t.exposeString('amount', { description: 'The amount as a decimal string.' }),
    unit: t.exposeString('unit', { nullable: true, description: 'The unit, e.g. troops, percent, USD.' }),
    approximate: t.exposeBoolean('approximate', { description: 'Whether the report gives it as approximate.' }),
    lowerBound: t.exposeString('lowerBound', { nullable: true, description: 'Set for "more than", "at least".' }),
    upperBound: t.exposeString('upperBound', { nullable: true, description: 'Set for "up to", "fewer than".' }),
    statement: t.exposeString('statement', { nullable: true, description: 'Ref of the statement whose value it is.' }),
  }),
});
const DerivationDetail = builder.objectRef<Of<'DERIVATION'>>('DerivationProposalDetail').implement({
  description: 'An earlier source the report draws on: linked to an existing source, or proposed as new.',
  fields: (t) => ({
    origin: t.exposeString('origin', { description: "The existing source's key, or the key proposed for a new one." }),
    existing: t.exposeBoolean('existing', { description: 'False when the source is proposed as new.' }),
    alternatives: t.exposeStringList('alternatives', { description: 'Other existing sources of the same publisher.' }),
    how: t.expose('how', { type: DerivationKindEnum, description: 'Quotes or cites.' }),
    sourceKind: t.expose('sourceKind', { type: SourceKindEnum, description: 'The kind of the earlier source.' }),
    title: t.exposeString('title', { description: 'Its title (proposed, for a new source).' }),
    publisher: t.exposeString('publisher', { nullable: true, description: 'Entity key of its publisher.' }),
    statements: t.exposeStringList('statements', { description: 'Refs of the statements that repeat it.' }),
  }),
});
const DETAILS = {
  ENTITY: EntityDetail,
  STATEMENT: StatementDetail,
  QUANTITY: QuantityDetail,
  DERIVATION: DerivationDetail,
};
const ProposalDetail = builder.unionType('ProposalDetail', {
  description: 'What a proposal says, by kind.',
  types: [EntityDetail, StatementDetail, QuantityDetail, DerivationDetail],
  resolveType: (p: Proposal) => DETAILS[p.kind],
});

const DraftProposalNode = builder.prismaNode('DraftProposal', {
  id: { field: 'id' },
  description: 'One proposal of a draft, as proposed and as reviewed, with its cue and confidence.',
  fields: (t) => ({
    ref: t.exposeString('ref', { description: 'Unique within the draft; proposals refer to each other by it.' }),
    kind: t.expose('kind', { type: ProposalKindEnum, description: 'Entity, statement, quantity or derivation.' }),
    status: t.expose('status', { type: ProposalStatusEnum, description: 'Proposed, accepted or rejected.' }),
    confidence: t.exposeFloat('confidence', { description: "The proposer's confidence, 0 to 1." }),
    span: t.field({
      type: TextSpan,
      nullable: true,
      description: 'Where in the text (a statement, a quantity, the first mention of an entity, a citation cue).',
      resolve: (p) => (p.spanStart === null || p.spanEnd === null ? null : { start: p.spanStart, end: p.spanEnd }),
    }),
    cue: t.field({
      type: CueRef,
      description: 'The rule and words that produced it.',
      resolve: (p) => (p.proposed as unknown as Proposal).cue,
    }),
    detail: t.field({
      type: ProposalDetail,
      description: 'What it says now, with the edits made in review.',
      resolve: (p) => p.current as unknown as Proposal,
    }),
    proposed: t.field({
      type: ProposalDetail,
      description: 'What the proposer said, before review.',
      resolve: (p) => p.proposed as unknown as Proposal,
    }),
    reviewedBy: t.exposeString('reviewedBy', { nullable: true, description: 'Who accepted, edited or rejected it.' }),
    reviewedAt: t.expose('reviewedAt', { type: 'DateTime', nullable: true, description: 'When.' }),
    draft: t.relation('draft', { description: 'The draft it belongs to.' }),
  }),
});

const DraftProposalConnection = builder.connectionObject({ type: DraftProposalNode, name: 'DraftProposalConnection' });

const DraftNode = builder.prismaNode('Draft', {
  id: { field: 'id' },
  description:
    'A report under review: its source record and the proposals made for it, apart from the knowledge base until committed.',
  fields: (t) => ({
    status: t.expose('status', { type: DraftStatusEnum, description: 'Open or committed.' }),
    sourceKey: t.exposeString('sourceKey', { description: 'The key its source gets when committed.' }),
    heldSource: t.prismaField({
      type: 'Source',
      nullable: true,
      description:
        'The source that already holds this very text, if one does: the draft is of that document, and committing adds to it.',
      resolve: (query, d, _args, ctx) =>
        ctx.prisma.source.findFirst({ ...query, where: { key: d.sourceKey, textSha256: sha256Hex(d.text) } }),
    }),
    sourceKind: t.expose('sourceKind', { type: SourceKindEnum, description: 'The kind of source.' }),
    title: t.exposeString('title', { description: 'The title, as the curator gave it.' }),
    publisher: t.relation('publisher', { description: "The publisher, agent of the report's own statements." }),
    url: t.exposeString('url', { nullable: true, description: 'Where the report was found.' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true, description: 'When it was published.' }),
    language: t.exposeString('language', { description: 'BCP 47 language tag.' }),
    text: t.exposeString('text', { description: 'The text, verbatim; spans count its code points.' }),
    createdBy: t.exposeString('createdBy', { description: 'Who proposed it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When.' }),
    committedBy: t.exposeString('committedBy', { nullable: true, description: 'Who committed it.' }),
    committedAt: t.expose('committedAt', { type: 'DateTime', nullable: true, description: 'When.' }),
    version: t.exposeInt('version', {
      description: 'Moves on with every review; commitDraft can require the one you read.',
    }),
    proposals: t.relatedConnection(
      'proposals',
      {
        ...pageLimits,
        cursor: 'id',
        description: 'Its proposals in the order they were proposed, filtered by kind and status.',
        args: {
          kind: t.arg({ type: ProposalKindEnum, description: 'Only proposals of this kind.' }),
          status: t.arg({ type: ProposalStatusEnum, description: 'Only proposals with this status.' }),
        },
        totalCount: true,
        query: (args) => ({
          where: { ...(args.kind ? { kind: args.kind } : {}), ...(args.status ? { status: args.status } : {}) },
          orderBy: { id: 'asc' },
        }),
      },
      DraftProposalConnection,
    ),
  }),
});

const DraftConnection = builder.connectionObject({ type: DraftNode, name: 'DraftConnection' });

builder.queryFields((t) => ({
  drafts: t.prismaConnection(
    {
      type: 'Draft',
      cursor: 'id',
      ...pageLimits,
      authScopes: { analyst: true },
      description: 'Drafts under review or committed, newest first (analyst role).',
      args: { status: t.arg({ type: DraftStatusEnum, description: 'Only drafts with this status.' }) },
      totalCount: (_parent, args, ctx) => ctx.prisma.draft.count({ where: args.status ? { status: args.status } : {} }),
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.draft.findMany({
          ...query,
          where: args.status ? { status: args.status } : {},
          orderBy: { id: 'desc' },
        }),
    },
    DraftConnection,
  ),
  draft: t.prismaField({
    type: 'Draft',
    nullable: true,
    authScopes: { analyst: true },
    description: 'A draft by its ID (analyst role).',
    args: { id: t.arg.globalID(draftId) },
    resolve: (query, _root, args, ctx) => ctx.prisma.draft.findUnique({ ...query, where: { id: Number(args.id.id) } }),
  }),
}));

const DraftSourceInput = builder.inputType('DraftSourceInput', {
  description: 'The source record of a report to propose from.',
  fields: (t) => ({
    title: t.string({ required: true, description: 'Its title.' }),
    publisher: t.string({
      required: true,
      description: "Entity key of its publisher, the agent of the report's own statements.",
    }),
    kind: t.field({ type: SourceKindEnum, description: 'The kind of source; NEWS_ARTICLE when not given.' }),
    url: t.string({ description: 'Where it was found.' }),
    publishedAt: t.field({ type: 'DateTime', description: 'When it was published.' }),
    language: t.string({ description: 'BCP 47 language tag; en when not given.' }),
    key: t.string({ description: 'The source key to commit it under; made from the title when not given.' }),
  }),
});

const ProposalEditInput = builder.inputType('ProposalEditInput', {
  description:
    'Changes to one proposal; give only what changes, and only fields of its kind. An edited proposal is accepted.',
  fields: (t) => ({
    span: t.field({
      type: TextSpanInput(),
      description: 'Statement: the words stated (the quotation follows the text).',
    }),
    agent: t.string({ description: 'Statement: entity key of who states it.' }),
    onBehalfOf: t.string({ description: 'Statement: entity key of the body spoken for; null clears it.' }),
    ownWords: t.boolean({ description: "Statement: the agent's own words or the reporter's." }),
    modality: t.field({ type: ModalityEnum, description: 'Statement: its modality.' }),
    claim: t.string({ description: 'Statement: the claim key (the same key joins statements into one claim).' }),
    linkedClaim: t.string({
      description: 'Statement: the key of an existing claim to add it to; null unlinks it, making its claim new.',
    }),
    subject: t.string({ description: "Statement: entity key of the claim's subject." }),
    predicate: t.string({ description: "Statement: the claim's predicate." }),
    statement: t.string({ description: 'Statement: the claim in one sentence.' }),
    entity: t.string({ description: 'Entity: the key to link (existing) or create (new).' }),
    existing: t.boolean({ description: 'Entity or derivation: whether it links an existing record.' }),
    name: t.string({ description: 'Entity: the name of a new entity.' }),
    entityKind: t.field({ type: EntityKindEnum, description: 'Entity: the kind of a new entity.' }),
    amount: t.string({ description: 'Quantity: the amount, a decimal string.' }),
    unit: t.string({ description: 'Quantity: the unit; null clears it.' }),
    approximate: t.boolean({ description: 'Quantity: whether it is approximate.' }),
    lowerBound: t.string({ description: 'Quantity: lower bound; null clears it.' }),
    upperBound: t.string({ description: 'Quantity: upper bound; null clears it.' }),
    origin: t.string({ description: 'Derivation: the earlier source key.' }),
    how: t.field({ type: DerivationKindEnum, description: 'Derivation: quotes or cites.' }),
    sourceKind: t.field({ type: SourceKindEnum, description: 'Derivation: the kind of a new source.' }),
    title: t.string({ description: 'Derivation: the title of a new source.' }),
    publisher: t.string({ description: 'Derivation: entity key of the publisher of a new source; null clears it.' }),
  }),
});
function TextSpanInput() {
  return builder.inputRef<{ start: number; end: number }>('TextSpanInput').implement({
    description: 'A half-open range [start, end) of code points.',
    fields: (t) => ({
      start: t.int({ required: true, description: 'First code point.' }),
      end: t.int({ required: true, description: 'One past the last code point.' }),
    }),
  });
}

const DraftCommit = builder
  .objectRef<{ draftId: number; sourceKey: string; created: number }>('DraftCommit')
  .implement({
    description: 'A committed draft.',
    fields: (t) => ({
      draft: t.prismaField({
        type: 'Draft',
        description: 'The draft, now committed.',
        resolve: (query, c, _args, ctx) => ctx.prisma.draft.findUniqueOrThrow({ ...query, where: { id: c.draftId } }),
      }),
      source: t.prismaField({
        type: 'Source',
        description: 'The source it created in the knowledge base.',
        resolve: (query, c, _args, ctx) =>
          ctx.prisma.source.findUniqueOrThrow({ ...query, where: { key: c.sourceKey } }),
      }),
      created: t.exposeInt('created', { description: 'How many records the commit created.' }),
    }),
  });
const RejectedDraft = builder.objectRef<{ id: string }>('RejectedDraft').implement({
  description: 'A draft that was rejected and deleted.',
  fields: (t) => ({ id: t.exposeID('id', { description: 'The global ID it had.' }) }),
});

/** A bad edit is an InputValidationError at its path inside `edit`. */
async function editErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof BundleValidationError)) throw error;
    throw new InputValidationError({
      issues: error.problems.map((p) => ({
        message: p.message,
        path: ['edit', ...p.path.split(/[.[\]]+/).filter(Boolean)],
      })),
    });
  }
}
const given = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const proposalId = { required: true, for: DraftProposalNode, description: 'The proposal’s global ID.' } as const;
const draftId = { required: true, for: DraftNode, description: 'The draft’s global ID.' } as const;

builder.mutationFields((t) => ({
  proposeFromText: t.prismaField({
    type: 'Draft',
    description:
      'Proposes entities, attributed statements, quantities and derivations for a report, as a draft to review.',
    errors: { types: [...mutationErrors.types, TextRejectedError] },
    args: {
      text: t.arg.string({ required: true, description: 'The report’s text, stored verbatim.' }),
      source: t.arg({ type: DraftSourceInput, required: true, description: 'Its source record.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = await proposeDraft(ctx.prisma, actorOf(ctx), { text: args.text, source: args.source });
      return ctx.prisma.draft.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  reviewProposal: t.prismaField({
    type: 'DraftProposal',
    description: 'Accepts or rejects one proposal of an open draft.',
    errors: mutationErrors,
    args: {
      id: t.arg.globalID(proposalId),
      decision: t.arg({ type: ProposalDecisionEnum, required: true, description: 'Accept or reject.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = Number(args.id.id);
      await reviewProposal(ctx.prisma, actorOf(ctx), id, { decision: args.decision });
      return ctx.prisma.draftProposal.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  editProposal: t.prismaField({
    type: 'DraftProposal',
    description: 'Changes one proposal of an open draft and accepts it.',
    errors: mutationErrors,
    args: {
      id: t.arg.globalID(proposalId),
      edit: t.arg({ type: ProposalEditInput, required: true, description: 'What changes.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = Number(args.id.id);
      const { span, ...rest } = args.edit;
      const edit: ProposalEdit = given({ ...rest, ...(span ? { span: [span.start, span.end] } : {}) });
      await editErrors(() => reviewProposal(ctx.prisma, actorOf(ctx), id, { edit }));
      return ctx.prisma.draftProposal.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  commitDraft: t.field({
    type: DraftCommit,
    description: "Imports a draft's accepted proposals through the bundle validation, in one transaction.",
    errors: { types: [...mutationErrors.types, DraftValidationError] },
    args: {
      id: t.arg.globalID(draftId),
      expectedVersion: t.arg.int({ description: 'The version you reviewed; refused if the draft changed since.' }),
    },
    resolve: async (_root, args, ctx) => {
      const id = Number(args.id.id);
      const report = await commitDraft(ctx.prisma, actorOf(ctx), id, args.expectedVersion);
      const draft = await ctx.prisma.draft.findUniqueOrThrow({ where: { id }, select: { sourceKey: true } });
      const created = Object.values(report).reduce((sum, c) => sum + c.created, 0);
      return { draftId: id, sourceKey: draft.sourceKey, created };
    },
  }),
  rejectDraft: t.field({
    type: RejectedDraft,
    description: 'Deletes an open draft and its proposals; nothing of it is left.',
    errors: mutationErrors,
    args: { id: t.arg.globalID(draftId) },
    resolve: async (_root, args, ctx) => {
      await rejectDraft(ctx.prisma, Number(args.id.id));
      return { id: args.id.id };
    },
  }),
}));
