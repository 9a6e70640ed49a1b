import type { GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import { SEARCH_TYPES, type SearchRow, type SearchType, search } from '../analysis/search';
import { findTensions, type TensionKind, type TensionRow } from '../analysis/tensions';
import { timeline } from '../analysis/timeline';
import type { Claim, Entity, UnscDraft } from '../generated/prisma/client';
import { entityId, optionalEntityId } from '../read/lookup';
import { CONNECTION_NODES, loadPlanned, nodePaths } from '../read/planned-load';
import { SHOWN_COLUMN_NAMES } from '../read/shown-columns';
import type { Context } from '../server/context';
import { builder } from './builder';
import { AttributionNode, ClaimNode, SINCE, UNTIL } from './claim';
import { EntityNode } from './entity';
import { analysisErrors, timeWindow } from './errors';
import { offsetConnection } from './paging';
import { SourceNode } from './source';
import { UnscDraftNode } from './unsc';

// ---- Contradictions and tensions --------------------------------------------------------------

const TensionKindEnum = builder.enumType('TensionKind', {
  values: {
    ASSERTED_VS_DENIED: { description: 'One party asserts what another denies.' },
    ASSERTED_VS_NOT_CONFIRMED: { description: 'One party asserts what another leaves unconfirmed (not a denial).' },
    CONFLICTING_VALUES: {
      description: 'Two assertions give different values for the same subject, predicate and qualifiers.',
    },
    DISPUTED: { description: 'Some attributions support the claim and others refute it.' },
  } satisfies Record<TensionKind, unknown>,
});

type Tension = { kind: TensionKind; claim: Claim; other: Claim; assertedBy: Entity[]; disputedBy: Entity[] };

const TensionRef = builder.objectRef<Tension>('ClaimTension').implement({
  description: "Two claims (or one claim's evidence) in tension, and the parties on each side.",
  fields: (t) => ({
    kind: t.expose('kind', { type: TensionKindEnum }),
    claim: t.field({ type: ClaimNode, description: 'The asserted claim.', resolve: (x) => x.claim }),
    other: t.field({
      type: ClaimNode,
      description: 'The claim that denies, leaves unconfirmed or contradicts it (the same claim for DISPUTED).',
      resolve: (x) => x.other,
    }),
    assertedBy: t.field({ type: [EntityNode], resolve: (x) => x.assertedBy }),
    disputedBy: t.field({
      type: [EntityNode],
      description: 'Who denies, does not confirm, contradicts or refutes it.',
      resolve: (x) => x.disputedBy,
    }),
    explanation: t.string({
      resolve: (x) => {
        const names = (es: Entity[]) => (es.length ? es.map((e) => e.name).join(', ') : 'no named party');
        const other = {
          ASSERTED_VS_DENIED: `Denied by ${names(x.disputedBy)}.`,
          ASSERTED_VS_NOT_CONFIRMED: `Not confirmed by ${names(x.disputedBy)}, which is not a denial.`,
          CONFLICTING_VALUES: `${names(x.disputedBy)} state instead: "${x.other.statement}"`,
          DISPUTED: `Refuted by ${names(x.disputedBy)}.`,
        }[x.kind];
        return `Stated by ${names(x.assertedBy)}: "${x.claim.statement}" ${other}`;
      },
    }),
  }),
});

const tensionPath = (field: string) => nodePaths(field);

async function toTensions(ctx: Context, rows: TensionRow[], info?: GraphQLResolveInfo): Promise<Tension[]> {
  const claimIds = [...new Set(rows.flatMap((r) => [r.claim_id, r.other_id]))];
  const entityIds = [...new Set(rows.flatMap((r) => [...r.asserted_by, ...r.disputed_by]))];
  const [claim, entity] = await Promise.all([
    loadPlanned(ctx, info, 'Claim', [...tensionPath('claim'), ...tensionPath('other')], claimIds),
    loadPlanned(ctx, info, 'Entity', [...tensionPath('assertedBy'), ...tensionPath('disputedBy')], entityIds),
  ]);
  return rows.map((r) => ({
    kind: r.kind,
    claim: claim.get(r.claim_id)!,
    other: claim.get(r.other_id)!,
    assertedBy: r.asserted_by.map((id) => entity.get(id)!),
    disputedBy: r.disputed_by.map((id) => entity.get(id)!),
  }));
}

builder.queryField('tensions', (t) =>
  t.connection(
    {
      type: TensionRef,
      description:
        'Contradictions and tensions between claims, optionally about one subject or one event (everything said about it is weighed together).',
      errors: analysisErrors,
      args: {
        subject: t.arg.string({
          required: false,
          description: 'Key of an entity: the tensions among the claims about it.',
        }),
        event: t.arg.string({
          required: false,
          description: 'Key of an event: the tensions among the claims about it.',
        }),
        kind: t.arg({ type: TensionKindEnum, required: false, description: 'Only tensions of this kind.' }),
      },
      resolve: async (_root, args, ctx, info) => {
        const subjectId = await optionalEntityId(ctx, args.subject);
        const eventId = await optionalEntityId(ctx, args.event);
        return offsetConnection(
          args,
          (page) => findTensions(ctx.sql, { subjectId, eventId, kind: args.kind ?? undefined }, page),
          (rows) => toTensions(ctx, rows, info),
        );
      },
    },
    { name: 'TensionConnection' },
    { name: 'TensionEdge' },
  ),
);

builder.objectField(ClaimNode, 'tensions', (t) =>
  t.loadableList({
    type: TensionRef,
    description: 'Other claims in tension with this one.',
    load: async (ids: number[], ctx) => {
      const { rows } = await findTensions(ctx.sql, { claimIds: ids }, { limit: 10_000, offset: 0 });
      const tensions = await toTensions(ctx, rows);
      return ids.map((id) => tensions.filter((x) => x.claim.id === id || x.other.id === id));
    },
    resolve: (claim) => claim.id,
  }),
);

// ---- Search ------------------------------------------------------------------------------------

const SearchTypeEnum = builder.enumType('SearchType', {
  values: {
    CLAIM: {
      value: 'Claim',
      description: 'A claim, by its statement and the names of the entities it is about that the query names.',
    },
    ATTRIBUTION: { value: 'Attribution', description: 'An attribution, by its quotation.' },
    UNSC_DRAFT: {
      value: 'UnscDraft',
      description:
        'A UN Security Council record (draft or resolution), by its symbol, resolution number, year, title, agenda and meeting record.',
    },
    ENTITY: { value: 'Entity', description: 'An entity, by its name and aliases.' },
    SOURCE: { value: 'Source', description: 'A source, by its title and text.' },
  } satisfies Record<string, { value: SearchType; description: string }>,
});
type Typed = { __type: SearchType };
const SearchResult = builder.unionType('SearchResult', {
  description: 'A record search found.',
  types: [ClaimNode, AttributionNode, UnscDraftNode, EntityNode, SourceNode],
  resolveType: (node) => (node as unknown as Typed).__type,
});
type Hit = { score: number; headline: string; node: Typed };

const MARK = /(<b>|<\/b>)/;
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/** PostgreSQL's headline marks matches with <b>…</b> and leaves the text as it is: everything else is escaped. */
const safeHeadline = (headline: string) =>
  headline
    .split(MARK)
    .map((part) => (MARK.test(part) ? part : part.replace(/[&<>]/g, (c) => HTML_ESCAPES[c]!)))
    .join('');

async function toHits(ctx: Context, info: GraphQLResolveInfo, rows: SearchRow[]): Promise<Hit[]> {
  const nodes = new Map<string, Typed>();
  await Promise.all(
    SEARCH_TYPES.map(async (type) => {
      const known = new Map(rows.filter((r) => r.type === type).map((r) => [r.id, r.shown]));
      for (const row of (await loadPlanned(ctx, info, type, CONNECTION_NODES, [...known.keys()], known)).values())
        nodes.set(`${type}:${row.id}`, Object.assign(row, { __type: type }));
    }),
  );
  return rows.map((r) => ({
    score: r.score,
    headline: safeHeadline(r.headline),
    node: nodes.get(`${r.type}:${r.id}`)!,
  }));
}

/** A search edge: the record, and how and where it matched. */
const hitOf = (edge: object) => edge as { score: number; headline: string };

builder.queryField('search', (t) =>
  t.connection(
    {
      type: SearchResult,
      description:
        'Full-text search over claims, quotations, UN records, entity names and aliases, and source texts, best match first. Words match their English forms and the names they are part of (Korean: Korea); a claim also matches the names of the entities it is about that the query names (DPRK: the claims about North Korea). When no record holds every word, the records that hold some of them come instead, ranked by how many.',
      errors: analysisErrors,
      args: {
        query: t.arg.string({
          required: true,
          description: 'Words to find (web-search syntax: "a phrase", or, -not); 2 to 500 characters.',
          validate: z.string().trim().min(2, 'query needs at least 2 characters').max(500),
        }),
        types: t.arg({
          type: [SearchTypeEnum],
          required: false,
          description: 'Only these kinds of record (default: all).',
        }),
      },
      resolve: async (_root, args, ctx, info) => {
        const connection = await offsetConnection(
          args,
          (page) =>
            search(ctx.sql, args.query, args.types?.length ? args.types : SEARCH_TYPES, page, SHOWN_COLUMN_NAMES),
          (rows) => toHits(ctx, info, rows),
        );
        return {
          ...connection,
          edges: connection.edges.map(({ cursor, node: hit }) => ({ ...hit, cursor, node: hit.node as never })),
        };
      },
    },
    { name: 'SearchConnection' },
    {
      name: 'SearchEdge',
      fields: (edge) => ({
        score: edge.float({
          description:
            'How well the record matches, from 0 to 1, higher first: PostgreSQL ts_rank_cd over its weighted parts (a statement or quotation above a source text), shorter records first among like matches. A partial match (when no record holds every word) ranks by how many of the words it holds.',
          resolve: (e) => hitOf(e).score,
        }),
        headline: edge.string({
          description:
            'The matching passage as HTML: the matches marked <b>…</b>, everything else escaped, so it can be inserted as it is.',
          resolve: (e) => hitOf(e).headline,
        }),
      }),
    },
  ),
);

// ---- Timeline ----------------------------------------------------------------------------------

const TimelineEventKind = builder.enumType('TimelineEventKind', { values: ['CLAIM', 'UNSC_DECISION'] as const });
type Event = { kind: 'CLAIM' | 'UNSC_DECISION'; at: Date; claim: Claim | null; draft: UnscDraft | null };

const TimelineEvent = builder.objectRef<Event>('TimelineEvent').implement({
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    kind: t.expose('kind', { type: TimelineEventKind }),
    claim: t.field({ type: ClaimNode, nullable: true, resolve: (e) => e.claim }),
    unscDecision: t.field({ type: UnscDraftNode, nullable: true, resolve: (e) => e.draft }),
  }),
});

builder.queryField('timeline', (t) =>
  t.connection(
    {
      type: TimelineEvent,
      description:
        'The dated claims about an entity and the Security Council decisions that concern it, in date order.',
      errors: analysisErrors,
      args: {
        entity: t.arg.string({ required: true, description: "The entity's key, e.g. entity:north-korea." }),
        since: t.arg({ type: 'DateTime', required: false, description: SINCE }),
        until: t.arg({ type: 'DateTime', required: false, description: UNTIL }),
      },
      validate: timeWindow,
      resolve: async (_root, args, ctx, info) => {
        const id = await entityId(ctx, args.entity);
        return offsetConnection(
          args,
          (page) => timeline(ctx.sql, id, { since: args.since ?? undefined, until: args.until ?? undefined }, page),
          async (rows) => {
            const ids = (kind: Event['kind']) => rows.filter((r) => r.kind === kind).map((r) => r.id);
            const [claimOf, draftOf] = await Promise.all([
              loadPlanned(ctx, info, 'Claim', nodePaths('claim'), ids('CLAIM')),
              loadPlanned(ctx, info, 'UnscDraft', nodePaths('unscDecision'), ids('UNSC_DECISION')),
            ]);
            return rows.map((r) => ({
              kind: r.kind,
              at: r.at,
              claim: r.kind === 'CLAIM' ? claimOf.get(r.id)! : null,
              draft: r.kind === 'UNSC_DECISION' ? draftOf.get(r.id)! : null,
            }));
          },
        );
      },
    },
    { name: 'TimelineConnection' },
    { name: 'TimelineEdge' },
  ),
);
