import { type ClaimTally, claimTallies } from '../analysis/claim-summary';
import { type SourceScorecard, sourceScorecards } from '../analysis/source-scorecard';
import { builder } from './builder';
import { ModalityEnum, RankEnum } from './enums';
import { SourceNode } from './source';

// Figures over the whole knowledge base, computed in SQL (src/analysis): a dashboard reads them rather
// than counting a page of rows, which is wrong beyond the page.

const ClaimTallyRef = builder.objectRef<ClaimTally>('ClaimTally').implement({
  description: 'The claims of one modality and rank, by how many independent origins support them.',
  fields: (t) => ({
    modality: t.expose('modality', { type: ModalityEnum }),
    rank: t.expose('rank', { type: RankEnum }),
    claims: t.exposeInt('claims', { description: 'How many claims.' }),
    noOrigin: t.exposeInt('noOrigin', { description: 'Of them, those with no traceable supporting origin.' }),
    oneOrigin: t.exposeInt('oneOrigin', { description: 'Of them, those resting on one independent origin.' }),
  }),
});

const ClaimSummaryRef = builder.objectRef<ClaimTally[]>('ClaimSummary').implement({
  description:
    'Every claim, of every rank, counted: by modality and rank, and by independent supporting origins, counted as `Claim.corroboration.independentOrigins` counts them.',
  fields: (t) => {
    const sum = (tallies: ClaimTally[], of: (x: ClaimTally) => number) => tallies.reduce((n, x) => n + of(x), 0);
    return {
      claims: t.int({ description: 'How many claims.', resolve: (s) => sum(s, (x) => x.claims) }),
      byModalityAndRank: t.field({
        type: [ClaimTallyRef],
        description: 'One row per modality and rank that has claims.',
        resolve: (s) => s,
      }),
      noOrigin: t.int({
        description: 'Claims with no traceable supporting origin.',
        resolve: (s) => sum(s, (x) => x.noOrigin),
      }),
      oneOrigin: t.int({
        description: 'Claims resting on one independent origin, however many documents repeat them.',
        resolve: (s) => sum(s, (x) => x.oneOrigin),
      }),
      severalOrigins: t.int({
        description: 'Claims with two or more independent origins.',
        resolve: (s) => sum(s, (x) => x.claims - x.noOrigin - x.oneOrigin),
      }),
      oneOriginShare: t.float({
        nullable: true,
        description: 'oneOrigin / claims, 0 to 1; null when there are no claims.',
        resolve: (s) => {
          const claims = sum(s, (x) => x.claims);
          return claims ? sum(s, (x) => x.oneOrigin) / claims : null;
        },
      }),
    };
  },
});

builder.queryField('claimSummary', (t) =>
  t.field({
    type: ClaimSummaryRef,
    description:
      'Counts over every claim, computed by the database in one statement: by modality and rank, and by how many independent origins support each.',
    resolve: (_root, _args, ctx) => claimTallies(ctx.sql),
  }),
);

const SourceScorecardRef = builder.objectRef<SourceScorecard>('SourceScorecard').implement({
  description: 'What a source carries, counted by the database.',
  fields: (t) => ({
    statements: t.exposeInt('statements', { description: 'Statements (attributions) it carries.' }),
    claims: t.exposeInt('claims', { description: 'Distinct claims those statements are about.' }),
    supporting: t.exposeInt('supporting', { description: 'Its statements that support their claim.' }),
    contradicting: t.exposeInt('contradicting', { description: 'Its statements that refute their claim.' }),
    soleOrigin: t.exposeInt('soleOrigin', {
      description: 'Claims whose one independent supporting origin lies in this source: they rest on it alone.',
    }),
  }),
});

builder.objectField(SourceNode, 'scorecard', (t) =>
  t.loadable({
    type: SourceScorecardRef,
    description: "The source's figures; a page of sources costs one statement for all of them.",
    load: (ids: number[], ctx) => sourceScorecards(ctx.sql, ids),
    resolve: (source) => source.id,
  }),
);
