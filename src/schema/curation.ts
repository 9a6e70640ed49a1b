import { ForbiddenError } from '@pothos/plugin-scope-auth';
import { InputValidationError } from '@pothos/plugin-validation';
import { z } from 'zod';
import { type ImportReport, importBundle, RECORD_KINDS } from '../bundle/import';
import { BundleValidationError } from '../bundle/problems';
import { parseBundle } from '../bundle/validate';
import { mergeEntities, unmergeEntities } from '../curation/merge';
import {
  addAttribution,
  addDerivation,
  createRecord,
  setClaimCredibility,
  setClaimRank,
  updateRecord,
} from '../curation/records';
import { retractDerivation, retractStatement, retractStatementDerivation } from '../curation/retract';
import { DerivationCycleError } from '../rules/derivation-cycles';
import { storableText, TEXT_LIMITS } from '../rules/values';
import { actorOf, type Context } from '../server/context';
import { builder } from './builder';
import {
  DerivationKindEnum,
  EntityKindEnum,
  EntityRelationEnum,
  IdentifierSchemeEnum,
  ModalityEnum,
  RankEnum,
  SourceFieldEnum,
  SourceKindEnum,
  SourceReliabilityEnum,
  StanceEnum,
  TimePrecisionEnum,
  UnscOutcomeEnum,
  UnscVoteCastEnum,
  ValueKindEnum,
  WordingEnum,
} from './enums';
import { createErrors, mutationErrors, withDerivationCycles } from './errors';

// Mutation inputs have the shape of bundle records (schema/bundle.schema.json), and are checked by
// the bundle's own validation; only the dates differ, since GraphQL parses them into scalars.

const day = (d: Date | null | undefined) => d?.toISOString().slice(0, 10);
const instant = (d: Date | null | undefined) => d?.toISOString();
/** Drops nulls (GraphQL's "not given"), so that the bundle schema applies its own defaults. */
const given = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]: NonNullable<T[K]>;
  };

const segments = (path: string) => path.split(/[.[\]]+/).filter(Boolean);
/** The path of a one-record bundle's problem inside a mutation's `input`: `entities[0].roles[1]` is input.roles.1. */
const inInput = (path: string) => [
  'input',
  ...segments(path.replace(/^(entities|sources|claims|unsc\.drafts|unsc\.memberships)\[\d+\]\.?/, '')),
];

/** A bundle's verdict as the typed error of a mutation, each problem at its argument path. */
async function asInputErrors<T>(work: () => Promise<T>, pathOf: (path: string) => string[] = inInput): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof BundleValidationError) || error instanceof DerivationCycleError) throw error;
    throw new InputValidationError({
      issues: error.problems.map((p) => ({ message: p.message, path: pathOf(p.path) })),
    });
  }
}

const AliasInput = builder.inputType('AliasInput', {
  fields: (t) => ({ name: t.string({ required: true }), language: t.string() }),
});
const IdentifierInput = builder.inputType('IdentifierInput', {
  fields: (t) => ({
    scheme: t.field({ type: IdentifierSchemeEnum, required: true }),
    value: t.string({ required: true }),
  }),
});
const RoleInput = builder.inputType('RoleInput', {
  fields: (t) => ({
    title: t.string({ required: true }),
    organisation: t.string({ required: true }),
    relation: t.field({ type: EntityRelationEnum, description: 'ACTS_FOR (the default) or PART_OF.' }),
    independent: t.boolean({
      description:
        "An explicit independence assertion: the holder's statements are an origin apart from the organisation's.",
    }),
    validFrom: t.field({ type: 'Date' }),
    validTo: t.field({ type: 'Date' }),
  }),
});
const EntityInput = builder.inputType('EntityInput', {
  fields: (t) => ({
    key: t.string({ required: true, description: 'Stable key, e.g. entity:pat-ryder.' }),
    kind: t.field({ type: EntityKindEnum, required: true }),
    name: t.string({ required: true }),
    description: t.string(),
    aliases: t.field({ type: [AliasInput] }),
    identifiers: t.field({ type: [IdentifierInput] }),
    roles: t.field({ type: [RoleInput] }),
  }),
});
const ReliabilityInput = builder.inputType('ReliabilityInput', {
  fields: (t) => ({ grade: t.field({ type: SourceReliabilityEnum, required: true }) }),
});
const DerivationInput = builder.inputType('DerivationInput', {
  fields: (t) => ({
    source: t.string({ required: true }),
    kind: t.field({ type: DerivationKindEnum, required: true }),
    note: t.string(),
  }),
});
const SourceInput = builder.inputType('SourceInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    kind: t.field({ type: SourceKindEnum, required: true }),
    title: t.string({ required: true }),
    publisher: t.string(),
    author: t.string(),
    url: t.string(),
    publishedAt: t.field({ type: 'DateTime' }),
    retrievedAt: t.field({ type: 'DateTime' }),
    language: t.string(),
    text: t.string(),
    reliability: t.field({ type: ReliabilityInput, description: 'Graded by the caller, now.' }),
    curatorFields: t.field({ type: [SourceFieldEnum], description: 'Fields the curator supplied.' }),
    documentFields: t.field({ type: [SourceFieldEnum], description: 'Fields the document itself gives.' }),
    derivedFrom: t.field({ type: [DerivationInput] }),
  }),
});
const ValueInput = builder.inputType('ClaimValueInput', {
  fields: (t) => ({
    kind: t.field({ type: ValueKindEnum, required: true }),
    entity: t.string(),
    amount: t.field({ type: 'Decimal' }),
    unit: t.string(),
    approximate: t.boolean(),
    lowerBound: t.field({ type: 'Decimal' }),
    upperBound: t.field({ type: 'Decimal' }),
    time: t.field({ type: 'DateTime' }),
    precision: t.field({ type: TimePrecisionEnum }),
    text: t.string(),
  }),
});
const StatementRefInput = builder.inputType('StatementRefInput', {
  description:
    'A statement of the same claim: its agent and source, and its span where the agent has several there. Where retracted statements share that span, it names the one not retracted.',
  fields: (t) => ({
    agent: t.string({ required: true }),
    source: t.string({ required: true }),
    spanStart: t.int(),
    spanEnd: t.int(),
  }),
});
const StatementDerivationInput = builder.inputType('StatementDerivationInput', {
  description:
    'What a statement repeats: an earlier statement of the claim, or an earlier source as a whole (one of the two).',
  fields: (t) => ({
    statement: t.field({ type: StatementRefInput }),
    source: t.string(),
    kind: t.field({ type: DerivationKindEnum, required: true }),
    note: t.string(),
  }),
});
const AttributionInput = builder.inputType('AttributionInput', {
  fields: (t) => ({
    agent: t.string({ required: true }),
    onBehalfOf: t.string(),
    source: t.string({ required: true }),
    quotation: t.string({
      description: "The words at the span; omitted, with the span, where the source's text is not held.",
    }),
    spanStart: t.int(),
    spanEnd: t.int(),
    stance: t.field({ type: StanceEnum, required: true }),
    wording: t.field({ type: WordingEnum, description: 'Told from the text when omitted.' }),
    statedAt: t.field({ type: 'DateTime' }),
    derivedFrom: t.field({ type: [StatementDerivationInput] }),
  }),
});
const ClaimInput = builder.inputType('ClaimInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    subject: t.string({ required: true }),
    predicate: t.string({ required: true }),
    statement: t.string({ required: true }),
    value: t.field({ type: ValueInput, required: true }),
    place: t.string(),
    event: t.string({ description: 'The event the claim is about (an entity of kind EVENT).' }),
    disputedBy: t.stringList({
      description: 'Who denies or withholds confirmation of a DENIED or NOT_CONFIRMED claim.',
    }),
    pointInTime: t.field({ type: 'DateTime' }),
    periodStart: t.field({ type: 'DateTime' }),
    periodEnd: t.field({ type: 'DateTime' }),
    modality: t.field({ type: ModalityEnum, required: true }),
    rank: t.field({ type: RankEnum }),
    deprecationReason: t.string(),
    credibility: t.int(),
    attributions: t.field({ type: [AttributionInput] }),
  }),
});
const VoteInput = builder.inputType('UnscVoteInput', {
  fields: (t) => ({ member: t.string({ required: true }), vote: t.field({ type: UnscVoteCastEnum, required: true }) }),
});
const DecisionInput = builder.inputType('UnscDecisionInput', {
  fields: (t) => ({
    date: t.field({ type: 'Date', required: true }),
    meeting: t.string(),
    outcome: t.field({ type: UnscOutcomeEnum, required: true }),
    resolution: t.int(),
    votes: t.field({ type: [VoteInput], required: true }),
  }),
});
const DraftInput = builder.inputType('UnscDraftInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    symbol: t.string(),
    title: t.string({ required: true }),
    agenda: t.string({
      required: true,
      description: "The agenda's key, name or alias; a name no agenda has yet becomes a new agenda of that name.",
    }),
    submittedAt: t.field({ type: 'Date' }),
    sponsors: t.stringList(),
    concerns: t.stringList(),
    decision: t.field({ type: DecisionInput }),
  }),
});

type Input<T> = T extends { $inferInput: infer I } ? I : never;

const entityRecord = (e: Input<typeof EntityInput>) =>
  given({
    ...e,
    aliases: e.aliases?.map(given),
    identifiers: e.identifiers ?? undefined,
    roles: e.roles?.map((r) => given({ ...r, validFrom: day(r.validFrom), validTo: day(r.validTo) })),
  });
const sourceRecord = (s: Input<typeof SourceInput>, ctx: Context) =>
  given({
    ...s,
    curatorFields: undefined,
    documentFields: undefined,
    fieldOrigins:
      s.curatorFields || s.documentFields
        ? given({ curator: s.curatorFields ?? undefined, document: s.documentFields ?? undefined })
        : undefined,
    publishedAt: instant(s.publishedAt),
    retrievedAt: instant(s.retrievedAt),
    reliability: s.reliability
      ? { grade: s.reliability.grade, gradedBy: actorOf(ctx), gradedAt: new Date().toISOString() }
      : undefined,
    derivedFrom: s.derivedFrom?.map(given),
  });
const span = (start: number | null | undefined, end: number | null | undefined) =>
  (start ?? null) === null && (end ?? null) === null ? undefined : [start, end];
const attributionRecord = (a: Input<typeof AttributionInput>) =>
  given({
    ...a,
    spanStart: undefined,
    spanEnd: undefined,
    span: span(a.spanStart, a.spanEnd),
    statedAt: instant(a.statedAt),
    derivedFrom: a.derivedFrom?.map((d) =>
      given({
        ...d,
        statement: d.statement
          ? given({
              ...d.statement,
              spanStart: undefined,
              spanEnd: undefined,
              span: span(d.statement.spanStart, d.statement.spanEnd),
            })
          : undefined,
      }),
    ),
  });
const claimRecord = (c: Input<typeof ClaimInput>) =>
  given({
    key: c.key,
    subject: c.subject,
    predicate: c.predicate,
    statement: c.statement,
    value: given({ ...c.value, time: instant(c.value.time) }),
    event: c.event,
    qualifiers: given({
      disputedBy: c.disputedBy ?? undefined,
      place: c.place,
      pointInTime: instant(c.pointInTime),
      period:
        c.periodStart || c.periodEnd ? given({ start: instant(c.periodStart), end: instant(c.periodEnd) }) : undefined,
    }),
    modality: c.modality,
    rank: c.rank,
    deprecationReason: c.deprecationReason,
    credibility: c.credibility,
    attributions: c.attributions?.map(attributionRecord),
  });
const draftRecord = (d: Input<typeof DraftInput>) =>
  given({
    ...d,
    submittedAt: day(d.submittedAt),
    decision: d.decision ? given({ ...d.decision, date: day(d.decision.date) }) : undefined,
  });

// ---- Results -----------------------------------------------------------------------------------

const ImportCounts = builder
  .objectRef<{ kind: string; created: number; updated: number; unchanged: number }>('ImportCounts')
  .implement({
    fields: (t) => ({
      kind: t.exposeString('kind'),
      created: t.exposeInt('created'),
      updated: t.exposeInt('updated'),
      unchanged: t.exposeInt('unchanged'),
    }),
  });
const ImportReportRef = builder.objectRef<ImportReport>('ImportReport').implement({
  fields: (t) => ({
    counts: t.field({
      type: [ImportCounts],
      resolve: (r) =>
        RECORD_KINDS.filter((k) => r[k].created + r[k].updated + r[k].unchanged > 0).map((k) => ({ kind: k, ...r[k] })),
    }),
  }),
});

const versionArg = {
  required: true,
  description: 'The version you read; if the record has changed since, the write is refused.',
} as const;

/** Runs a curation write for the caller and returns the written record as the client selected it. */
async function write<T>(ctx: Context, work: (actor: string) => Promise<unknown>, reload: () => Promise<T>): Promise<T> {
  await asInputErrors(() => work(actorOf(ctx)));
  return reload();
}

// A source derivation is named by its two sources and its kind, to record it as to retract it.
const derivationArgs = builder.args((t) => ({
  derived: t.string({ required: true, description: 'The key of the later source.' }),
  origin: t.string({ required: true, description: 'The key of the earlier source it draws on.' }),
  kind: t.field({ type: DerivationKindEnum, required: true, description: 'How it draws on it.' }),
}));
const retractionReason = builder.args((t) => ({
  reason: t.string({ required: true, description: 'Why it is retracted.', validate: storableText(TEXT_LIMITS.prose) }),
})).reason;

builder.mutationFields((t) => ({
  createEntity: t.prismaField({
    type: 'Entity',
    description: 'Records a new entity under a key not yet taken.',
    errors: createErrors,
    args: { input: t.arg({ type: EntityInput, required: true, description: 'The entity, as a bundle record.' }) },
    resolve: (query, _root, { input }, ctx) =>
      write(
        ctx,
        (actor) => createRecord(ctx.prisma, actor, 'entity', input.key, { entities: [entityRecord(input)] }),
        () => ctx.prisma.entity.findUniqueOrThrow({ ...query, where: { key: input.key } }),
      ),
  }),
  updateEntity: t.prismaField({
    type: 'Entity',
    description: "Replaces the entity's fields and adds the aliases, identifiers and roles given (nothing is removed).",
    errors: mutationErrors,
    args: {
      input: t.arg({ type: EntityInput, required: true, description: 'The entity as it should be, named by its key.' }),
      expectedVersion: t.arg.int(versionArg),
    },
    resolve: (query, _root, { input, expectedVersion }, ctx) =>
      write(
        ctx,
        (actor) =>
          updateRecord(ctx.prisma, actor, 'entity', input.key, expectedVersion, { entities: [entityRecord(input)] }),
        () => ctx.prisma.entity.findUniqueOrThrow({ ...query, where: { key: input.key } }),
      ),
  }),
  mergeEntities: t.prismaField({
    type: 'Entity',
    description:
      "Merges one entity into another; nothing attached to either is lost (a statement, alias or role that would repeat one of the survivor's stays with the merged entity, and a statement that repeats one of the survivor's exactly is kept, marked as its duplicate and counted once), the merged key and id resolve to the survivor, and unmergeEntities undoes it (not for a merge made before merges were recorded).",
    errors: mutationErrors,
    args: {
      survivor: t.arg.string({ required: true, description: 'The key of the entity that remains.' }),
      merged: t.arg.string({ required: true, description: 'The key of the entity merged into it.' }),
    },
    resolve: (query, _root, args, ctx) =>
      write(
        ctx,
        (actor) => mergeEntities(ctx.prisma, actor, args),
        () => ctx.prisma.entity.findUniqueOrThrow({ ...query, where: { key: args.survivor } }),
      ),
  }),
  unmergeEntities: t.prismaField({
    type: 'Entity',
    description:
      'Undoes the latest merge of an entity: what the merge moved goes back to it, and it resolves to itself again. The merge stays on record, marked undone.',
    errors: mutationErrors,
    args: { merged: t.arg.string({ required: true, description: 'The key of the entity merged away.' }) },
    resolve: (query, _root, args, ctx) =>
      write(
        ctx,
        (actor) => unmergeEntities(ctx.prisma, actor, args),
        () => ctx.prisma.entity.findUniqueOrThrow({ ...query, where: { key: args.merged } }),
      ),
  }),
  createSource: t.prismaField({
    type: 'Source',
    description: 'Records a new source (a document, an utterance) under a key not yet taken.',
    errors: createErrors,
    args: { input: t.arg({ type: SourceInput, required: true, description: 'The source, as a bundle record.' }) },
    resolve: (query, _root, { input }, ctx) =>
      write(
        ctx,
        (actor) => createRecord(ctx.prisma, actor, 'source', input.key, { sources: [sourceRecord(input, ctx)] }),
        () => ctx.prisma.source.findUniqueOrThrow({ ...query, where: { key: input.key } }),
      ),
  }),
  addDerivation: t.prismaField({
    type: 'SourceDerivation',
    description: 'Records that one source was drawn from another as a document (PROV wasDerivedFrom).',
    errors: withDerivationCycles(mutationErrors),
    args: {
      ...derivationArgs,
      note: t.arg.string({
        description: 'What the derivation rests on.',
        validate: storableText(TEXT_LIMITS.prose).nullish(),
      }),
    },
    resolve: async (query, _root, args, ctx) => {
      const created = await asInputErrors(() => addDerivation(ctx.prisma, actorOf(ctx), args));
      return ctx.prisma.sourceDerivation.findUniqueOrThrow({ ...query, where: { id: created.id } });
    },
  }),
  retractDerivation: t.prismaField({
    type: 'SourceDerivation',
    description:
      'Retracts a document-level derivation, with a reason: it is kept (in the change log and retractedDerivations) and left out of every answer.',
    errors: mutationErrors,
    args: { ...derivationArgs, reason: retractionReason },
    resolve: async (query, _root, args, ctx) => {
      const retracted = await asInputErrors(() => retractDerivation(ctx.prisma, actorOf(ctx), args));
      return ctx.prisma.sourceDerivation.findUniqueOrThrow({ ...query, where: { id: retracted.id } });
    },
  }),
  retractStatement: t.prismaField({
    type: 'Attribution',
    description:
      'Retracts a statement (an attribution), with a reason: it is kept (in the change log, retractedStatements and lookups by id) and left out of every answer, with every derivation to or from it.',
    errors: mutationErrors,
    args: {
      claim: t.arg.string({ required: true, description: "The claim's key." }),
      statement: t.arg({ type: StatementRefInput, required: true, description: 'The statement retracted.' }),
      reason: retractionReason,
    },
    resolve: async (query, _root, args, ctx) => {
      const retracted = await asInputErrors(() => retractStatement(ctx.prisma, actorOf(ctx), args));
      return ctx.prisma.attribution.findUniqueOrThrow({ ...query, where: { id: retracted.id } });
    },
  }),
  retractStatementDerivation: t.prismaField({
    type: 'StatementDerivation',
    description:
      'Retracts what a statement repeats (an earlier statement, `origin`, or a source as a whole, `originSource`), with a reason: kept (in the change log and retractedStatementDerivations) and left out of every answer.',
    errors: mutationErrors,
    args: {
      claim: t.arg.string({ required: true, description: "The claim's key." }),
      statement: t.arg({ type: StatementRefInput, required: true, description: 'The statement that repeats.' }),
      origin: t.arg({ type: StatementRefInput, description: 'The earlier statement it repeats.' }),
      originSource: t.arg.string({ description: 'Or the key of the source it repeats as a whole.' }),
      kind: t.arg({ type: DerivationKindEnum, required: true, description: 'How it repeats it.' }),
      reason: retractionReason,
    },
    resolve: async (query, _root, args, ctx) => {
      const retracted = await asInputErrors(() => retractStatementDerivation(ctx.prisma, actorOf(ctx), args));
      return ctx.prisma.statementDerivation.findUniqueOrThrow({ ...query, where: { id: retracted.id } });
    },
  }),
  createClaim: t.prismaField({
    type: 'Claim',
    description: 'Records a new claim, with its attributions, under a key not yet taken.',
    errors: withDerivationCycles(createErrors),
    args: { input: t.arg({ type: ClaimInput, required: true, description: 'The claim, as a bundle record.' }) },
    resolve: (query, _root, { input }, ctx) =>
      write(
        ctx,
        (actor) => createRecord(ctx.prisma, actor, 'claim', input.key, { claims: [claimRecord(input)] }),
        () => ctx.prisma.claim.findUniqueOrThrow({ ...query, where: { key: input.key } }),
      ),
  }),
  addAttribution: t.prismaField({
    type: 'Attribution',
    description: 'Adds a statement of a claim: who stated it, in which source, in what words.',
    errors: withDerivationCycles(mutationErrors),
    args: {
      claim: t.arg.string({ required: true, description: "The claim's key." }),
      input: t.arg({ type: AttributionInput, required: true, description: 'The statement, as a bundle record.' }),
    },
    resolve: async (query, _root, { claim, input }, ctx) => {
      const created = await asInputErrors(
        () => addAttribution(ctx.prisma, actorOf(ctx), { claim, attribution: attributionRecord(input) }),
        (path) => ['input', ...segments(path.replace(/^claims\[0\]\.attributions\[0\]\.?/, ''))],
      );
      return ctx.prisma.attribution.findUniqueOrThrow({ ...query, where: { id: created.id } });
    },
  }),
  setClaimRank: t.prismaField({
    type: 'Claim',
    description: 'Prefers or deprecates a claim (with a reason); claims are never deleted.',
    errors: mutationErrors,
    args: {
      key: t.arg.string({ required: true, description: "The claim's key." }),
      rank: t.arg({ type: RankEnum, required: true, description: 'PREFERRED, NORMAL or DEPRECATED.' }),
      reason: t.arg.string({
        description: 'Why; for DEPRECATED, the reason for deprecation readers see.',
        validate: storableText(TEXT_LIMITS.prose).nullish(),
      }),
      expectedVersion: t.arg.int(versionArg),
    },
    resolve: (query, _root, args, ctx) =>
      write(
        ctx,
        (actor) => setClaimRank(ctx.prisma, actor, args),
        () => ctx.prisma.claim.findUniqueOrThrow({ ...query, where: { key: args.key } }),
      ),
  }),
  setClaimCredibility: t.prismaField({
    type: 'Claim',
    description: "Sets or clears a claim's curated Admiralty information-credibility grade.",
    errors: mutationErrors,
    args: {
      key: t.arg.string({ required: true, description: "The claim's key." }),
      credibility: t.arg.int({
        description: 'Admiralty 1-6; null clears the grade.',
        validate: z.number().int().min(1).max(6).nullish(),
      }),
      expectedVersion: t.arg.int(versionArg),
    },
    resolve: (query, _root, args, ctx) =>
      write(
        ctx,
        (actor) => setClaimCredibility(ctx.prisma, actor, { ...args, credibility: args.credibility ?? null }),
        () => ctx.prisma.claim.findUniqueOrThrow({ ...query, where: { key: args.key } }),
      ),
  }),
  recordUnscDraft: t.prismaField({
    type: 'UnscDraft',
    description:
      "Records a draft and, when voted, its outcome and every member's vote; they must keep the Charter rule.",
    errors: createErrors,
    args: { input: t.arg({ type: DraftInput, required: true, description: 'The draft, as a bundle record.' }) },
    resolve: (query, _root, { input }, ctx) =>
      write(
        ctx,
        (actor) => createRecord(ctx.prisma, actor, 'unsc draft', input.key, { unsc: { drafts: [draftRecord(input)] } }),
        () => ctx.prisma.unscDraft.findUniqueOrThrow({ ...query, where: { key: input.key } }),
      ),
  }),
  importBundle: t.field({
    type: ImportReportRef,
    description: 'Imports a knowledge bundle (schema/bundle.schema.json) in one transaction: all or nothing.',
    authScopes: { admin: true },
    errors: withDerivationCycles({ types: [ForbiddenError, InputValidationError] }),
    args: {
      bundle: t.arg({
        type: 'JSON',
        required: true,
        description: 'The bundle document (format provenance-kb-bundle).',
      }),
    },
    resolve: (_root, args, ctx) =>
      asInputErrors(
        () => importBundle(ctx.prisma, parseBundle(args.bundle), { actor: actorOf(ctx), curation: true }),
        (path) => ['bundle', ...segments(path)],
      ),
  }),
}));
