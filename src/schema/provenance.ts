import { formatPrismaCursor } from '@pothos/plugin-prisma';
import { resolveCursorConnection } from '@pothos/plugin-relay';
import { InputValidationError } from '@pothos/plugin-validation';
import { z } from 'zod';
import type { Source } from '../generated/prisma/client';
import { type ClaimProvenance, loadClaimProvenance, type StatementStep } from '../provenance/claim-provenance';
import {
  type Corroboration,
  type IndependentOrigin,
  loadCorroboration,
  type Origin,
} from '../provenance/corroboration';
import { gradedClaimCount, type Review, reviewWindow } from '../provenance/credibility-review';
import { DEFAULT_DERIVATION_DEPTH, type DerivationEdge, MAX_DERIVATION_DEPTH } from '../provenance/derivation-graph';
import { loadProvRows, provJson } from '../provenance/prov-json';
import {
  CONNECTION_NODES,
  loadByQuery,
  loadPlanned,
  plannedQuery,
  plannedRecords,
  plannedSources,
  type RowOf,
} from '../read/planned-load';
import { builder } from './builder';
import { AttributionNode, ClaimNode } from './claim';
import { EntityNode } from './entity';
import { DerivationKindEnum, RecordSupportEnum, SourceReliabilityEnum } from './enums';
import { analysisErrors } from './errors';
import { cursorId, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageLimits } from './paging';
import { SourceNode } from './source';
import { UnscDraftNode } from './unsc';

// Drafts are returned by id: select mode loads the columns a query asks for, for all of them in one
// statement. Entities, attributions and sources have shown columns in their type-level selection,
// which a bare id lacks, so they are loaded by loadPlanned: one statement for all the fields that
// select the same of them, and for sources none when the walk's own rows hold what they select.

type Step = DerivationEdge & { derived: Source; origin: Source };

const DerivationStep = builder.objectRef<Step>('DerivationStep').implement({
  description:
    'One document-level wasDerivedFrom step from a source that carries a statement of the claim: context, not evidence of where the claim came from.',
  fields: (t) => ({
    derived: t.field({ type: SourceNode, resolve: (s) => s.derived }),
    origin: t.field({ type: SourceNode, resolve: (s) => s.origin }),
    kind: t.expose('kind', { type: DerivationKindEnum }),
    note: t.exposeString('note', { nullable: true }),
    hops: t.int({ description: 'How many steps from the carrying source.', resolve: (s) => s.depth }),
  }),
});

type Repeat = StatementStep & { derived: Source; origin: Source };

const StatementStepRef = builder.objectRef<Repeat>('StatementStep').implement({
  description:
    "One step of a claim's chain: a statement repeats an earlier statement (PROV wasQuotedFrom for QUOTES, wasDerivedFrom otherwise), or an earlier source as a whole where no statement in it is on record.",
  fields: (t) => ({
    statement: t.field({
      type: AttributionNode,
      description: 'The later statement, which repeats.',
      resolve: async (s, _args, ctx, info) => (await plannedRecords(ctx, info, 'Attribution', [s.derivedId]))[0]!,
    }),
    originStatement: t.field({
      type: AttributionNode,
      nullable: true,
      description: 'The earlier statement it repeats; null when only its source is on record.',
      resolve: async (s, _args, ctx, info) =>
        s.originId === null ? null : (await plannedRecords(ctx, info, 'Attribution', [s.originId]))[0]!,
    }),
    derived: t.field({ type: SourceNode, description: 'Where the later statement is.', resolve: (s) => s.derived }),
    origin: t.field({
      type: SourceNode,
      description: 'Where the earlier statement is, or the source repeated as a whole.',
      resolve: (s) => s.origin,
    }),
    kind: t.expose('kind', { type: DerivationKindEnum }),
    note: t.exposeString('note', { nullable: true }),
    hops: t.int({ description: "How many steps from the claim's latest statement.", resolve: (s) => s.depth }),
  }),
});

const ClaimProvenanceRef = builder.objectRef<ClaimProvenance>('ClaimProvenance').implement({
  description:
    'Who stated a claim, where and in what words, and, statement by statement, the earlier statements and sources each repeats back to the origins.',
  fields: (t) => ({
    depth: t.exposeInt('depth', { description: 'The most derivation steps walked.' }),
    attributions: t.field({
      type: [AttributionNode],
      description: "The claim's statements: those in the documents that carry it, and the earlier ones they repeat.",
      resolve: (p, _args, ctx, info) =>
        plannedRecords(
          ctx,
          info,
          'Attribution',
          p.attributions.map((a) => a.id),
        ),
    }),
    derivations: t.field({
      type: [StatementStepRef],
      description: "The claim's chain: what each of its statements repeats, nearest first.",
      resolve: async (p, _args, ctx, info) => {
        const sourceOf = new Map(p.attributions.map((a) => [a.id, a.sourceId]));
        const ends = p.steps.map((s) => ({
          derived: sourceOf.get(s.derivedId)!,
          origin: s.originId === null ? s.originSourceId! : sourceOf.get(s.originId)!,
        }));
        const sources = await loadPlanned(
          ctx,
          info,
          'Source',
          [['derived'], ['origin']],
          [...new Set(ends.flatMap((e) => [e.derived, e.origin]))],
          p.sources,
        );
        return p.steps.map((s, i) => ({
          ...s,
          derived: sources.get(ends[i]!.derived)!,
          origin: sources.get(ends[i]!.origin)!,
        }));
      },
    }),
    documentDerivations: t.field({
      type: [DerivationStep],
      description:
        'Context, apart from the chain: the document-level derivations of the sources that carry the statements (an article citing a wire report), which say nothing of where this claim came from.',
      resolve: async (p, _args, ctx, info) => {
        const sources = await loadPlanned(
          ctx,
          info,
          'Source',
          [['derived'], ['origin']],
          [...new Set(p.documentSteps.flatMap((s) => [s.derivedId, s.originId]))],
          p.sources,
        );
        return p.documentSteps.map((s) => ({
          ...s,
          derived: sources.get(s.derivedId)!,
          origin: sources.get(s.originId)!,
        }));
      },
    }),
    primarySources: t.field({
      type: [SourceNode],
      description:
        "The origins' sources: where a statement that repeats no other was made, and the sources repeated as a whole.",
      resolve: (p, _args, ctx, info) => plannedSources(ctx, info, p.primarySourceIds, p.sources),
    }),
    truncated: t.field({
      type: [SourceNode],
      description:
        'Sources of the statements at the depth limit whose own origins were not walked; ask again with a larger depth.',
      resolve: (p, _args, ctx, info) => plannedSources(ctx, info, p.truncatedSourceIds, p.sources),
    }),
    provJson: t.loadable({
      type: 'JSON',
      description:
        'The same subgraph as W3C PROV-JSON: statements are entities linked by wasQuotedFrom / wasDerivedFrom.',
      load: async (provenances: ClaimProvenance[], ctx) => {
        const rows = await loadProvRows(ctx.prisma, provenances);
        return provenances.map((p) => provJson(p, rows));
      },
      resolve: (p) => p,
    }),
  }),
});

const CorroborationOrigin = builder.objectRef<Origin>('CorroborationOrigin').implement({
  description:
    'One origin of the information: a statement that repeats no other, a source repeated as a whole, or a UN record; and who and what trace back to it.',
  fields: (t) => ({
    source: t.field({
      type: SourceNode,
      nullable: true,
      description: "The origin's source: where its statement was made, or the source repeated whole.",
      resolve: async (o, _args, ctx, info) =>
        o.source && (await plannedSources(ctx, info, [o.source.id], new Map([[o.source.id, o.source]])))[0]!,
    }),
    statement: t.field({
      type: AttributionNode,
      nullable: true,
      description: 'The statement that repeats no other, where the origin is one.',
      resolve: async (o, _args, ctx, info) =>
        o.statementId === null ? null : (await plannedRecords(ctx, info, 'Attribution', [o.statementId]))[0]!,
    }),
    unscRecord: t.field({
      type: UnscDraftNode,
      nullable: true,
      resolve: (o) => o.unscRecord && { id: o.unscRecord.draftId },
    }),
    support: t.field({
      type: RecordSupportEnum,
      nullable: true,
      description: 'How far a UN record bears the claim out.',
      resolve: (o) => o.unscRecord?.support ?? null,
    }),
    note: t.string({
      nullable: true,
      description: "The curator's note on what a UN record shows.",
      resolve: (o) => o.unscRecord?.note ?? null,
    }),
    reliability: t.expose('reliability', { type: SourceReliabilityEnum, nullable: true }),
    agents: t.field({
      type: [EntityNode],
      description: 'Who stands behind it.',
      resolve: (o, _args, ctx, info) => plannedRecords(ctx, info, 'Entity', o.agentIds),
    }),
    attributions: t.field({
      type: [AttributionNode],
      description: "The claim's statements that trace back to it.",
      resolve: (o, _args, ctx, info) => plannedRecords(ctx, info, 'Attribution', o.attributionIds),
    }),
  }),
});

const IndependentOriginRef = builder.objectRef<IndependentOrigin>('IndependentOrigin').implement({
  description:
    'Origins that are not independent of each other (their agents are one body, or act for or are part of one, at the time), counted once.',
  fields: (t) => ({
    origins: t.field({ type: [CorroborationOrigin], resolve: (g) => g.origins }),
    reliability: t.expose('reliability', {
      type: SourceReliabilityEnum,
      nullable: true,
      description: 'The best reliability among them.',
    }),
    joinedBecause: t.exposeStringList('reasons', {
      description: 'Why these origins count as one: the agent behind them all, or the relations that tie them.',
    }),
  }),
});

const CorroborationRef = builder.objectRef<Corroboration>('Corroboration').implement({
  description:
    'How well a claim is corroborated, counted by independent origins: statements repeating one statement count once, and origins whose agents are one body count once.',
  fields: (t) => ({
    independentOrigins: t.int({ resolve: (c) => c.independent.length }),
    groups: t.field({
      type: [IndependentOriginRef],
      description: 'The independent origins, each with the origins it joins and why.',
      resolve: (c) => c.independent,
    }),
    documents: t.int({
      description: 'Documents that carry a supporting statement or lie between it and its origins.',
      resolve: (c) => c.documentIds.length,
    }),
    documentSources: t.field({
      type: [SourceNode],
      resolve: (c, _args, ctx, info) => plannedSources(ctx, info, c.documentIds, c.sources),
    }),
    origins: t.field({
      type: [CorroborationOrigin],
      description: 'Every origin of the supporting statements, and the UN records that fully support the claim.',
      resolve: (c) => c.supporting,
    }),
    partialSupport: t.field({
      type: [CorroborationOrigin],
      description: 'UN records that bear the claim out only in part: shown, never counted as confirmation.',
      resolve: (c) => c.partial,
    }),
    contradictingOrigins: t.field({ type: [CorroborationOrigin], resolve: (c) => c.contradicting }),
    suggestedCredibility: t.int({
      description:
        'Admiralty information credibility suggested by the evidence, 1 (confirmed) to 6 (cannot be judged).',
      resolve: (c) => c.suggestion.grade,
    }),
    curatedCredibility: t.int({
      nullable: true,
      description: "The curator's grade (the claim's `credibility`), shown beside the suggestion.",
      resolve: (c) => c.credibility,
    }),
    agreesWithCurated: t.boolean({
      nullable: true,
      description: 'Whether the curated grade is the suggested one; null when the claim has no curated grade.',
      resolve: (c) => (c.credibility === null ? null : c.credibility === c.suggestion.grade),
    }),
    reasoning: t.stringList({ resolve: (c) => c.suggestion.reasoning }),
  }),
});

const depthArgument = z
  .number()
  .int()
  .min(1, 'depth is at least 1')
  .max(MAX_DERIVATION_DEPTH, `depth is at most ${MAX_DERIVATION_DEPTH}`);

builder.objectFields(ClaimNode, (t) => ({
  provenance: t.loadable({
    type: ClaimProvenanceRef,
    byPath: true,
    errors: analysisErrors,
    args: {
      depth: t.arg.int({ defaultValue: DEFAULT_DERIVATION_DEPTH, description: `1 to ${MAX_DERIVATION_DEPTH}.` }),
    },
    // Checked here, not with `validate`: the complexity plugin reads nested arguments before
    // execution, where a validation failure would escape this field's error union.
    load: (ids: number[], ctx, args) => {
      const depth = depthArgument.safeParse(args.depth ?? DEFAULT_DERIVATION_DEPTH);
      if (!depth.success)
        throw new InputValidationError({
          issues: depth.error.issues.map((i) => ({ message: i.message, path: ['depth'] })),
        });
      return loadClaimProvenance(ctx.sql, ids, depth.data);
    },
    sort: (p) => p.claimId,
    resolve: (claim) => claim.id,
  }),
  corroboration: t.loadable({
    type: CorroborationRef,
    load: (ids: number[], ctx) => loadCorroboration(ctx.sql, ids),
    sort: (c) => c.claimId,
    resolve: (claim) => claim.id,
  }),
}));

builder.queryField('credibilityReview', (t) =>
  t.connection(
    {
      type: ClaimNode,
      description:
        'The claims with a curated credibility grade, in the order they were recorded, each beside the grade its evidence suggests. With disagreeingOnly (the default) a page shows only those whose grades differ: it weighs `first` graded claims, so it may show fewer, even none, while pageInfo.hasNextPage says more remain; its cursors are those of the first and last claims weighed. totalCount counts the graded claims.',
      args: {
        disagreeingOnly: t.arg.boolean({
          defaultValue: true,
          description: 'Only the claims whose curated grade is not the suggested one.',
        }),
      },
      resolve: async (_root, args, ctx, info) => {
        pageLimits.maxSize(args);
        const reviews = new Map<number, Review>();
        const connection = await resolveCursorConnection<Promise<RowOf<'Claim'>[]>>(
          {
            args,
            defaultSize: DEFAULT_PAGE_SIZE,
            maxSize: MAX_PAGE_SIZE,
            toCursor: (claim: { id: number }) => formatPrismaCursor(claim, 'id'),
          },
          async ({ before, after, limit, inverted }) => {
            const window = await reviewWindow(ctx.sql, {
              after: cursorId(after),
              before: cursorId(before),
              limit,
              inverted,
            });
            for (const r of window) reviews.set(r.claimId, r);
            const ids = window.map((r) => r.claimId);
            const claims = await loadByQuery(ctx, 'Claim', plannedQuery(ctx, info, 'Claim', CONNECTION_NODES), ids);
            return ids.map((id) => claims.get(id)!);
          },
        );
        const edges = connection.edges
          .map((edge) => ({ ...edge, review: reviews.get(edge.node.id)! }))
          .filter((edge) => !args.disagreeingOnly || edge.review.curated !== edge.review.suggested);
        return {
          ...connection,
          edges,
          totalCount: () => gradedClaimCount(ctx.sql),
        };
      },
    },
    { name: 'CredibilityReviewConnection' },
    {
      name: 'CredibilityReviewEdge',
      fields: (f) => ({
        curatedCredibility: f.int({
          description: "The curator's grade.",
          resolve: (edge) => (edge as unknown as { review: Review }).review.curated,
        }),
        suggestedCredibility: t.int({
          description: "The grade the evidence suggests (see the claim's corroboration for its reasoning).",
          resolve: (edge) => (edge as unknown as { review: Review }).review.suggested,
        }),
      }),
    },
  ),
);
