import { InputValidationError } from '@pothos/plugin-validation';
import { z } from 'zod';
import type { Source } from '../generated/prisma/client';
import { type ClaimProvenance, loadClaimProvenance } from '../provenance/claim-provenance';
import { type Corroboration, loadCorroboration, type Origin } from '../provenance/corroboration';
import { DEFAULT_DERIVATION_DEPTH, type DerivationEdge, MAX_DERIVATION_DEPTH } from '../provenance/derivation-graph';
import { loadProvRows, provJson } from '../provenance/prov-json';
import { builder } from './builder';
import { AttributionNode, ClaimNode } from './claim';
import { EntityNode } from './entity';
import { DerivationKindEnum, SourceReliabilityEnum } from './enums';
import { analysisErrors } from './errors';
import { loadPlanned, plannedRecords, plannedSources } from './planned-load';
import { SourceNode } from './source';
import { UnscDraftNode } from './unsc';

// Drafts are returned by id: select mode loads the columns a query asks for, for all of them in one
// statement. Entities, attributions and sources have shown columns in their type-level selection,
// which a bare id lacks, so they are loaded by loadPlanned: one statement for all the fields that
// select the same of them, and for sources none when the walk's own rows hold what they select.

type Step = DerivationEdge & { derived: Source; origin: Source };

const DerivationStep = builder.objectRef<Step>('DerivationStep').implement({
  description: 'One wasDerivedFrom step on the way from a source that carries a claim back to its origins.',
  fields: (t) => ({
    derived: t.field({ type: SourceNode, resolve: (s) => s.derived }),
    origin: t.field({ type: SourceNode, resolve: (s) => s.origin }),
    kind: t.expose('kind', { type: DerivationKindEnum }),
    note: t.exposeString('note', { nullable: true }),
    hops: t.int({ description: 'How many steps from the carrying source.', resolve: (s) => s.depth }),
  }),
});

const ClaimProvenanceRef = builder.objectRef<ClaimProvenance>('ClaimProvenance').implement({
  description: 'Who stated a claim, where and in what words, and the chain of sources behind each statement.',
  fields: (t) => ({
    depth: t.exposeInt('depth', { description: 'The most wasDerivedFrom steps walked.' }),
    attributions: t.field({
      type: [AttributionNode],
      resolve: (p, _args, ctx, info) =>
        plannedRecords(
          ctx,
          info,
          'Attribution',
          p.attributions.map((a) => a.id),
        ),
    }),
    derivations: t.field({
      type: [DerivationStep],
      resolve: async (p, _args, ctx, info) => {
        const sources = await loadPlanned(
          ctx,
          info,
          'Source',
          [['derived'], ['origin']],
          [...new Set(p.steps.flatMap((s) => [s.derivedId, s.originId]))],
          p.sources,
        );
        return p.steps.map((s) => ({ ...s, derived: sources.get(s.derivedId)!, origin: sources.get(s.originId)! }));
      },
    }),
    primarySources: t.field({
      type: [SourceNode],
      description: 'The origins: sources reached that derive from no other.',
      resolve: (p, _args, ctx, info) => plannedSources(ctx, info, p.primarySourceIds, p.sources),
    }),
    truncated: t.field({
      type: [SourceNode],
      description: 'Sources at the depth limit whose own origins were not walked; ask again with a larger depth.',
      resolve: (p, _args, ctx, info) => plannedSources(ctx, info, p.truncatedSourceIds, p.sources),
    }),
    provJson: t.loadable({
      type: 'JSON',
      description: 'The same subgraph as W3C PROV-JSON.',
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
    'One independent origin of the information: a primary source, or a UN record, and who and what trace back to it.',
  fields: (t) => ({
    source: t.field({
      type: SourceNode,
      nullable: true,
      resolve: async (o, _args, ctx, info) =>
        o.source && (await plannedSources(ctx, info, [o.source.id], new Map([[o.source.id, o.source]])))[0]!,
    }),
    unscRecord: t.field({
      type: UnscDraftNode,
      nullable: true,
      resolve: (o) => o.unscRecord && { id: o.unscRecord.draftId },
    }),
    reliability: t.expose('reliability', { type: SourceReliabilityEnum, nullable: true }),
    agents: t.field({
      type: [EntityNode],
      resolve: (o, _args, ctx, info) => plannedRecords(ctx, info, 'Entity', o.agentIds),
    }),
    attributions: t.field({
      type: [AttributionNode],
      resolve: (o, _args, ctx, info) =>
        plannedRecords(
          ctx,
          info,
          'Attribution',
          o.attributions.map((a) => a.id),
        ),
    }),
  }),
});

const CorroborationRef = builder.objectRef<Corroboration>('Corroboration').implement({
  description:
    'How well a claim is corroborated, counted by independent origins (roots of the derivation graph), so that documents repeating one briefing count once.',
  fields: (t) => ({
    independentOrigins: t.int({ resolve: (c) => c.supporting.length }),
    documents: t.int({
      description: 'Documents that carry the claim or lie between it and its origins.',
      resolve: (c) => c.documentIds.length,
    }),
    documentSources: t.field({
      type: [SourceNode],
      resolve: (c, _args, ctx, info) => plannedSources(ctx, info, c.documentIds, c.provenance.sources),
    }),
    origins: t.field({ type: [CorroborationOrigin], resolve: (c) => c.supporting }),
    contradictingOrigins: t.field({ type: [CorroborationOrigin], resolve: (c) => c.contradicting }),
    suggestedCredibility: t.int({
      description: 'Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged).',
      resolve: (c) => c.suggestion.grade,
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
    errors: { ...analysisErrors, directResult: true },
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
    sort: (c) => c.provenance.claimId,
    resolve: (claim) => claim.id,
  }),
}));
