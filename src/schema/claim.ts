import type { Decimal } from '@prisma/client/runtime/client';
import { z } from 'zod';
import { claimWhere, type RankFilter } from '../analysis/claim-filter';
import { idOf } from '../curation/records';
import { standingStatement, standingStatementDerivation } from '../db/standing';
import type { Entity, Prisma } from '../generated/prisma/client';
import type { Modality, TimePrecision, ValueKind } from '../generated/prisma/enums';
import { entityId } from '../read/lookup';
import { CONNECTION_NODES, findByKey, plannedQuery } from '../read/planned-load';
import { SHOWN_COLUMNS } from '../read/shown-columns';
import type { Context } from '../server/context';
import { builder } from './builder';
import { EntityNode } from './entity';
import {
  DerivationKindEnum,
  ModalityEnum,
  RankEnum,
  RecordSupportEnum,
  StanceEnum,
  TimePrecisionEnum,
  ValueKindEnum,
  WordingEnum,
} from './enums';
import { analysisErrors, timeWindow } from './errors';
import { pageLimits, prismaPage } from './paging';
import { retractionField } from './retraction';

type ClaimValue =
  | { __typename: 'EntityValue'; entity: Entity }
  | {
      __typename: 'QuantityValue';
      amount: Decimal;
      unit: string | null;
      approximate: boolean;
      lowerBound: Decimal | null;
      upperBound: Decimal | null;
    }
  | { __typename: 'TimeValue'; time: Date; precision: TimePrecision }
  | { __typename: 'TextValue'; text: string }
  | { __typename: 'UnknownValue'; kind: ValueKind };

type Variant<N extends ClaimValue['__typename']> = Extract<ClaimValue, { __typename: N }>;

const EntityValue = builder.objectRef<Variant<'EntityValue'>>('EntityValue').implement({
  fields: (t) => ({ entity: t.field({ type: EntityNode, resolve: (v) => v.entity }) }),
});
const QuantityValue = builder.objectRef<Variant<'QuantityValue'>>('QuantityValue').implement({
  description: 'A quantity such as "approximately 10,000 troops": amount, unit, and how exact it is.',
  fields: (t) => ({
    amount: t.expose('amount', { type: 'Decimal' }),
    unit: t.exposeString('unit', { nullable: true }),
    approximate: t.exposeBoolean('approximate'),
    lowerBound: t.expose('lowerBound', { type: 'Decimal', nullable: true }),
    upperBound: t.expose('upperBound', { type: 'Decimal', nullable: true }),
  }),
});
const TimeValue = builder.objectRef<Variant<'TimeValue'>>('TimeValue').implement({
  fields: (t) => ({
    time: t.expose('time', { type: 'DateTime' }),
    precision: t.expose('precision', { type: TimePrecisionEnum }),
  }),
});
const TextValue = builder.objectRef<Variant<'TextValue'>>('TextValue').implement({
  fields: (t) => ({ text: t.exposeString('text') }),
});
const UnknownValue = builder.objectRef<Variant<'UnknownValue'>>('UnknownValue').implement({
  description:
    'SOME_VALUE: a value exists but is not known; NO_VALUE: there is none (Wikidata "some value" / "no value").',
  fields: (t) => ({ kind: t.expose('kind', { type: ValueKindEnum }) }),
});

const ClaimValueUnion = builder.unionType('ClaimValue', {
  types: [EntityValue, QuantityValue, TimeValue, TextValue, UnknownValue],
  resolveType: (value) => value.__typename,
});

const allClaimsWhere = (ctx: Context, args: { predicate?: string | null; modality?: Modality | null }) =>
  claimWhere(ctx.sql, { predicate: args.predicate ?? undefined, modality: args.modality ?? undefined, rank: 'ALL' });

type ClaimsAboutArgs = {
  entity: string;
  predicate?: string | null;
  modality?: Modality | null;
  rank?: RankFilter | null;
  credibilityAtLeast?: number | null;
  since?: Date | null;
  until?: Date | null;
  source?: string | null;
};

/** The filter of claimsAbout; the keys it names are looked up first, so an unknown one is a NotFoundError. */
async function claimsAboutWhere(ctx: Context, args: ClaimsAboutArgs): Promise<Prisma.ClaimWhereInput> {
  const sourceId = args.source ? await idOf(ctx.sql, 'source', args.source) : undefined;
  return claimWhere(ctx.sql, {
    subjectId: await entityId(ctx, args.entity),
    predicate: args.predicate ?? undefined,
    modality: args.modality ?? undefined,
    rank: args.rank ?? 'BEST',
    credibilityAtLeast: args.credibilityAtLeast ?? undefined,
    since: args.since ?? undefined,
    until: args.until ?? undefined,
    sourceId,
  });
}

const valueColumns = {
  valueKind: true,
  valueAmount: true,
  valueUnit: true,
  valueApproximate: true,
  valueLowerBound: true,
  valueUpperBound: true,
  valueTime: true,
  valueTimePrecision: true,
  valueText: true,
} as const;

type ClaimWithValue = Prisma.ClaimGetPayload<{ select: typeof valueColumns & { valueEntity: true } }>;

function claimValue(claim: ClaimWithValue): ClaimValue {
  switch (claim.valueKind) {
    case 'ENTITY':
      return { __typename: 'EntityValue', entity: claim.valueEntity! };
    case 'QUANTITY':
      return {
        __typename: 'QuantityValue',
        amount: claim.valueAmount!,
        unit: claim.valueUnit,
        approximate: claim.valueApproximate ?? false,
        lowerBound: claim.valueLowerBound,
        upperBound: claim.valueUpperBound,
      };
    case 'TIME':
      return { __typename: 'TimeValue', time: claim.valueTime!, precision: claim.valueTimePrecision! };
    case 'TEXT':
      return { __typename: 'TextValue', text: claim.valueText! };
    default:
      return { __typename: 'UnknownValue', kind: claim.valueKind };
  }
}

const Period = builder.objectRef<{ start: Date | null; end: Date | null }>('Period').implement({
  fields: (t) => ({
    start: t.expose('start', { type: 'DateTime', nullable: true }),
    end: t.expose('end', { type: 'DateTime', nullable: true }),
  }),
});

builder.prismaObject('ClaimUnscRecord', {
  description: 'A UN Security Council record that bears on a claim, and how far it bears it out.',
  fields: (t) => ({
    support: t.expose('support', {
      type: RecordSupportEnum,
      description: 'Only SUPPORTS confirms the claim; PARTLY_SUPPORTS is shown as partial.',
    }),
    note: t.exposeString('note', { nullable: true, description: 'What the record shows, and what it does not.' }),
    draft: t.relation('draft'),
    claim: t.relation('claim'),
  }),
});

export const ClaimNode = builder.prismaNode('Claim', {
  id: { field: 'id' },
  nullable: true,
  select: SHOWN_COLUMNS.Claim,
  description: 'A statement about an entity: subject, predicate, value, qualifiers, with the evidence it rests on.',
  fields: (t) => ({
    key: t.string({ resolve: (c) => c.key }),
    subject: t.relation('subject'),
    predicate: t.exposeString('predicate'),
    statement: t.string({ description: 'The claim in one plain sentence.', resolve: (c) => c.statement }),
    value: t.field({
      type: ClaimValueUnion,
      select: (_args, _ctx, nestedSelection) => {
        const entity = nestedSelection(true, [{ name: 'entity', type: 'EntityValue' }]);
        // A query that asks for no entity field plans an empty select, which Prisma refuses.
        const { select } = entity as unknown as { select?: object };
        const empty = select !== undefined && Object.keys(select).length === 0;
        return { ...valueColumns, valueEntity: empty ? true : entity };
      },
      resolve: (claim) => claimValue(claim),
    }),
    place: t.relation('place', { nullable: true, description: 'Qualifier: where.' }),
    event: t.relation('event', {
      nullable: true,
      description: 'The event the claim is about: tensions are found over everything said about it.',
    }),
    disputedBy: t.field({
      type: [EntityNode],
      description:
        'Who denies, or withholds confirmation of, a DENIED or NOT_CONFIRMED claim, where not who states it (a reporter writing about them).',
      select: (_args, _ctx, nestedSelection) => ({
        disputedBy: { orderBy: { entityId: 'asc' }, select: { entity: nestedSelection(true) } },
      }),
      resolve: (claim) => claim.disputedBy.map((d) => d.entity),
    }),
    pointInTime: t.expose('pointInTime', { type: 'DateTime', nullable: true, description: 'Qualifier: when.' }),
    period: t.field({
      type: Period,
      nullable: true,
      description: 'Qualifier: during which period.',
      select: { periodStart: true, periodEnd: true },
      resolve: (c) => (c.periodStart || c.periodEnd ? { start: c.periodStart, end: c.periodEnd } : null),
    }),
    modality: t.expose('modality', { type: ModalityEnum }),
    rank: t.expose('rank', { type: RankEnum }),
    deprecationReason: t.exposeString('deprecationReason', { nullable: true }),
    credibility: t.exposeInt('credibility', {
      nullable: true,
      description:
        "The curator's Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged); `corroboration` suggests one from the evidence.",
    }),
    unscRecords: t.relation('unscRecords', {
      description: 'UN Security Council records that bear on this claim, in the order they were recorded.',
      query: { orderBy: { draftId: 'asc' } },
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    version: t.exposeInt('version'),
  }),
});

/** Every list of claims, at the root or below a record, is this one type (one fragment serves them all). */
export const ClaimConnection = builder.connectionObject({ type: ClaimNode, name: 'ClaimConnection' });

export const TextSpan = builder.objectRef<{ start: number; end: number }>('TextSpan').implement({
  description: 'A half-open range [start, end) of Unicode code points in a source text.',
  fields: (t) => ({ start: t.exposeInt('start'), end: t.exposeInt('end') }),
});

export const AttributionNode = builder.prismaNode('Attribution', {
  id: { field: 'id' },
  nullable: true,
  select: SHOWN_COLUMNS.Attribution,
  description:
    'Evidence, a statement (a PROV entity): the agent stated the claim in the source, in the words of the quotation (PROV wasAttributedTo).',
  fields: (t) => ({
    claim: t.relation('claim'),
    agent: t.relation('agent'),
    onBehalfOf: t.relation('onBehalfOf', {
      nullable: true,
      description: 'PROV actedOnBehalfOf: e.g. a spokesman for a ministry.',
    }),
    source: t.relation('source'),
    quotation: t.string({
      nullable: true,
      description: "The words at `span` of the source text; null where the source's text is not held.",
      resolve: (a) => a.quotation,
    }),
    span: t.field({
      type: TextSpan,
      nullable: true,
      select: { spanStart: true, spanEnd: true },
      resolve: (a) => (a.spanStart === null || a.spanEnd === null ? null : { start: a.spanStart, end: a.spanEnd }),
    }),
    textHeld: t.boolean({
      description:
        "Whether the source's text is held, so that the quotation is checked at its span; false for a statement known only from a later source that repeats it.",
      resolve: (a) => a.quotation !== null,
    }),
    wording: t.expose('wording', { type: WordingEnum }),
    stance: t.expose('stance', { type: StanceEnum }),
    statedAt: t.expose('statedAt', { type: 'DateTime', nullable: true }),
    derivedFrom: t.relation('derivedFrom', {
      description: 'What this statement repeats: an earlier statement of the claim, or an earlier source as a whole.',
      query: { orderBy: { id: 'asc' }, where: standingStatementDerivation },
    }),
    derivations: t.relation('derivations', {
      description: 'The later statements that repeat this one.',
      query: { orderBy: { id: 'asc' }, where: standingStatementDerivation },
    }),
    retraction: t.field(retractionField),
    duplicateOf: t.relation('duplicateOf', {
      nullable: true,
      description:
        'Set on a statement a merge made an exact repeat of another of the claim (same source, span, stance, words, time): kept, and counted once, as that one.',
    }),
    duplicates: t.relation('duplicates', {
      description: 'The statements marked as exact repeats of this one (see duplicateOf).',
      query: { orderBy: { id: 'asc' } },
    }),
  }),
});

export const AttributionConnection = builder.connectionObject({ type: AttributionNode, name: 'AttributionConnection' });

builder.prismaObject('StatementDerivation', {
  description:
    'A statement repeats an earlier one (PROV wasQuotedFrom for QUOTES, wasDerivedFrom otherwise): the statement of the same claim in an upstream source, or that source as a whole where no statement in it is on record.',
  fields: (t) => ({
    kind: t.expose('kind', { type: DerivationKindEnum }),
    note: t.exposeString('note', { nullable: true }),
    statement: t.relation('attribution', { description: 'The later statement, which repeats.' }),
    originStatement: t.relation('originAttribution', {
      nullable: true,
      description: 'The earlier statement it repeats; null when only its source is on record.',
    }),
    originSource: t.relation('originSource', {
      nullable: true,
      description: 'The earlier source it repeats as a whole; null when the earlier statement is on record.',
    }),
    retraction: t.field(retractionField),
  }),
});

const PREDICATE = 'Only claims with this predicate, e.g. troops_deployed (`predicates` lists those in use).';
const MODALITY = 'Only claims put this way: ASSERTED, HEDGED, DENIED or NOT_CONFIRMED.';
/** Time-window argument descriptions, shared by every field with since/until. */
export const SINCE = 'Only what holds or was stated at or after this instant.';
export const UNTIL = 'Only what holds or was stated at or before this instant.';

const RankFilterEnum = builder.enumType('RankFilter', {
  values: {
    BEST: {
      description:
        "For each subject and predicate, the preferred claims if any, else the normal ones (Wikidata's best rank).",
    },
    ALL: { description: 'Every claim, deprecated ones included.' },
    PREFERRED: {},
    NORMAL: {},
    DEPRECATED: { description: 'Only claims deprecated as wrong or superseded.' },
  } satisfies Record<RankFilter, unknown>,
});

builder.queryFields((t) => ({
  claims: t.prismaConnection(
    {
      type: 'Claim',
      cursor: 'id',
      ...pageLimits,
      description:
        'Every claim, deprecated ones included, in the order they were recorded. For the claims about an entity, use claimsAbout.',
      args: {
        predicate: t.arg.string({ required: false, description: PREDICATE }),
        modality: t.arg({ type: ModalityEnum, required: false, description: MODALITY }),
      },
      totalCount: async (_connection, args, ctx) => ctx.prisma.claim.count({ where: await allClaimsWhere(ctx, args) }),
      resolve: async (query, _root, args, ctx) =>
        ctx.prisma.claim.findMany({ ...query, where: await allClaimsWhere(ctx, args), orderBy: { id: 'asc' } }),
    },
    ClaimConnection,
  ),
  claimsAbout: t.connection(
    {
      type: ClaimNode,
      description:
        'The claims about an entity, best rank first by default (deprecated ones only on request), with filters.',
      errors: analysisErrors,
      validate: timeWindow,
      args: {
        entity: t.arg.string({ required: true, description: "The subject entity's key, e.g. entity:north-korea." }),
        predicate: t.arg.string({ required: false, description: PREDICATE }),
        modality: t.arg({ type: ModalityEnum, required: false, description: MODALITY }),
        rank: t.arg({ type: RankFilterEnum, defaultValue: 'BEST', description: 'Which ranks to show.' }),
        credibilityAtLeast: t.arg.int({
          required: false,
          description: 'Keep claims graded this credible or better: 2 keeps grades 1 and 2.',
          validate: z
            .number()
            .int()
            .min(1, 'credibility grades run from 1 to 6')
            .max(6, 'credibility grades run from 1 to 6'),
        }),
        since: t.arg({ type: 'DateTime', required: false, description: SINCE }),
        until: t.arg({ type: 'DateTime', required: false, description: UNTIL }),
        source: t.arg.string({
          required: false,
          description: "Only claims stated in this source: the source's key, e.g. source:seed-article.",
        }),
      },
      resolve: async (_root, args, ctx, info) => {
        const where = await claimsAboutWhere(ctx, args);
        return prismaPage(
          args,
          (window) =>
            ctx.prisma.claim.findMany({
              ...plannedQuery(ctx, info, 'Claim', CONNECTION_NODES),
              ...window,
              where,
              orderBy: { id: 'asc' },
            }),
          () => ctx.prisma.claim.count({ where }),
        );
      },
    },
    ClaimConnection,
  ),
  predicates: t.stringList({
    description: 'The predicates claims use, A to Z: the values the `predicate` filters take.',
    resolve: async (_root, _args, ctx) =>
      (
        await ctx.prisma.claim.findMany({
          distinct: ['predicate'],
          select: { predicate: true },
          orderBy: { predicate: 'asc' },
        })
      ).map((c) => c.predicate),
  }),
  claim: t.prismaField({
    type: 'Claim',
    nullable: true,
    description: 'A claim by its stable key; null when no claim has it.',
    args: { key: t.arg.string({ required: true, description: 'e.g. claim:north-korea-sent-10000-troops-to-russia.' }) },
    resolve: (query, _root, args, ctx) => findByKey(ctx, 'Claim', query, args.key),
  }),
  attributions: t.prismaConnection(
    {
      type: 'Attribution',
      description:
        'Every standing statement (attribution), in the order they were recorded: retracted ones are in retractedStatements, duplicates under the statement they repeat.',
      cursor: 'id',
      ...pageLimits,
      totalCount: (_connection, _args, ctx) => ctx.prisma.attribution.count({ where: standingStatement }),
      resolve: (query, _root, _args, ctx) =>
        ctx.prisma.attribution.findMany({ ...query, where: standingStatement, orderBy: { id: 'asc' } }),
    },
    AttributionConnection,
  ),
}));
