import { z } from 'zod';
import {
  type AlignmentFilter,
  type AlignmentSummary,
  agendaIdOf,
  alignmentRecords,
  alignmentSummary,
  resolutionNumberIn,
  vetoes,
} from '../analysis/unsc';
import { NotFoundError } from '../curation/errors';
import type { Entity, Prisma, UnscDraft } from '../generated/prisma/client';
import type { UnscOutcome, UnscVoteCast } from '../generated/prisma/enums';
import { optionalAgendaId, optionalEntityId } from '../read/lookup';
import { CONNECTION_NODES, nodePaths, plannedQuery, plannedRecords } from '../read/planned-load';
import { type Tally, tally } from '../rules/unsc-charter';
import type { Context } from '../server/context';
import { builder } from './builder';
import { EntityNode } from './entity';
import { UnscOutcomeEnum, UnscSeatEnum, UnscVoteCastEnum } from './enums';
import { agendaArg, analysisErrors, timeWindow } from './errors';
import { offsetConnection, pageLimits, prismaPage } from './paging';

builder.prismaObject('UnscMembership', {
  fields: (t) => ({
    year: t.exposeInt('year'),
    seat: t.expose('seat', { type: UnscSeatEnum }),
    member: t.relation('member'),
  }),
});

builder.prismaObject('UnscMeeting', {
  description: 'A Security Council meeting and its verbatim record (e.g. S/PV.9048).',
  fields: (t) => ({
    recordSymbol: t.exposeString('recordSymbol'),
    date: t.expose('date', { type: 'Date' }),
  }),
});

builder.prismaObject('UnscVote', {
  description: "A member's vote on a draft.",
  fields: (t) => ({
    draft: t.relation('draft', { description: 'The draft the vote was cast on.' }),
    member: t.relation('member'),
    vote: t.expose('vote', { type: UnscVoteCastEnum }),
  }),
});

const TallyRef = builder.objectRef<Tally>('UnscTally').implement({
  description: 'Counted from the recorded votes, never stored.',
  fields: (t) => ({
    yes: t.exposeInt('yes'),
    no: t.exposeInt('no'),
    abstentions: t.exposeInt('abstentions'),
    nonVoting: t.exposeInt('nonVoting'),
  }),
});

builder.prismaNode('UnscAgenda', {
  id: { field: 'id' },
  nullable: true,
  select: { id: true },
  description:
    "A Security Council agenda item (e.g. Non-proliferation/Democratic People's Republic of Korea) and the other names it goes by (DPRK).",
  fields: (t) => ({
    key: t.exposeString('key', {
      description: 'Stable key, e.g. agenda:non-proliferation-democratic-people-s-republic-of-korea.',
    }),
    name: t.exposeString('name'),
    aliases: t.stringList({
      select: { aliases: { select: { name: true }, orderBy: { id: 'asc' } } },
      resolve: (agenda) => agenda.aliases.map((alias) => alias.name),
    }),
  }),
});

export const UnscDraftNode = builder.prismaNode('UnscDraft', {
  id: { field: 'id' },
  nullable: true,
  select: { id: true },
  description: "A Security Council draft resolution and, once voted, its outcome and every member's vote.",
  fields: (t) => ({
    key: t.exposeString('key'),
    symbol: t.exposeString('symbol', { nullable: true, description: 'Document symbol, e.g. S/2022/431.' }),
    title: t.exposeString('title'),
    agenda: t.relation('agenda'),
    submittedAt: t.expose('submittedAt', { type: 'Date', nullable: true }),
    voteDate: t.expose('voteDate', { type: 'Date', nullable: true }),
    meeting: t.relation('meeting', { nullable: true }),
    outcome: t.expose('outcome', { type: UnscOutcomeEnum, nullable: true }),
    resolutionNumber: t.exposeInt('resolutionNumber', { nullable: true }),
    sponsors: t.field({
      type: [EntityNode],
      select: (_args, _ctx, nestedSelection) => ({
        sponsors: { orderBy: { sponsorId: 'asc' }, select: { sponsor: nestedSelection(true) } },
      }),
      resolve: (draft) => draft.sponsors.map((s) => s.sponsor),
    }),
    votes: t.relation('votes', { query: { orderBy: { memberId: 'asc' } } }),
    tally: t.field({
      type: TallyRef,
      nullable: true,
      select: { votes: { select: { vote: true } } },
      resolve: (draft) => (draft.votes.length ? tally(draft.votes) : null),
    }),
    claims: t.relation('claimLinks', {
      description: 'Claims this record bears on, in the order they were recorded.',
      query: { orderBy: { claimId: 'asc' } },
    }),
  }),
});

const UnscDraftConnection = builder.connectionObject({ type: UnscDraftNode, name: 'UnscDraftConnection' });

type DraftArgs = {
  agenda?: string | null;
  outcome?: UnscOutcome | null;
  year?: number | null;
  concerning?: string | null;
};

/** The filter of unscDrafts; the agenda and entity it names are looked up first, so an unknown one is a NotFoundError. */
async function draftFilter(ctx: Context, args: DraftArgs): Promise<Prisma.UnscDraftWhereInput> {
  const [agendaId, concernedId] = await Promise.all([
    optionalAgendaId(ctx, args.agenda),
    optionalEntityId(ctx, args.concerning),
  ]);
  return {
    ...(agendaId === undefined ? {} : { agendaId }),
    ...(args.outcome ? { outcome: args.outcome } : {}),
    ...(args.year
      ? { voteDate: { gte: new Date(Date.UTC(args.year, 0, 1)), lt: new Date(Date.UTC(args.year + 1, 0, 1)) } }
      : {}),
    ...(concernedId === undefined ? {} : { concerns: { some: { entityId: concernedId } } }),
  };
}

builder.queryFields((t) => ({
  unscDrafts: t.connection(
    {
      type: UnscDraftNode,
      description:
        'Security Council drafts in vote order, by agenda, year of the vote, outcome, or the entity they concern.',
      errors: analysisErrors,
      args: {
        agenda: t.arg.string(agendaArg),
        outcome: t.arg({ type: UnscOutcomeEnum, required: false, description: 'Only drafts with this outcome.' }),
        year: t.arg.int({
          required: false,
          description: 'Only drafts voted in this year.',
          validate: z.number().int().min(1946).max(2200),
        }),
        concerning: t.arg.string({
          required: false,
          description: 'Key of an entity the drafts are about, e.g. entity:north-korea.',
        }),
      },
      resolve: async (_root, args, ctx, info) => {
        const where = await draftFilter(ctx, args);
        return prismaPage(
          args,
          (window) =>
            ctx.prisma.unscDraft.findMany({
              ...plannedQuery(ctx, info, 'UnscDraft', CONNECTION_NODES),
              ...window,
              where,
              orderBy: [{ voteDate: 'asc' }, { id: 'asc' }],
            }),
          () => ctx.prisma.unscDraft.count({ where }),
        );
      },
    },
    UnscDraftConnection,
  ),
  unscDraft: t.prismaField({
    type: 'UnscDraft',
    nullable: true,
    description: 'A draft by its stable key, document symbol or resolution number; null when none has it.',
    args: {
      key: t.arg.string({
        required: true,
        description:
          'Its stable key (unsc:s-2022-431) or, as UN records name drafts, its symbol (S/2022/431) or resolution number (1718, S/RES/1718, resolution 1718).',
      }),
    },
    resolve: (query, _root, args, ctx) => {
      const resolution = resolutionNumberIn(args.key);
      return ctx.prisma.unscDraft.findFirst({
        ...query,
        where: {
          OR: [
            { symbol: args.key },
            { key: args.key },
            ...(resolution === undefined ? [] : [{ resolutionNumber: resolution }]),
          ],
        },
      });
    },
  }),
  unscAgendas: t.prismaConnection(
    {
      type: 'UnscAgenda',
      cursor: 'id',
      ...pageLimits,
      description: 'The agenda items drafts are recorded under.',
      totalCount: (_connection, _args, ctx) => ctx.prisma.unscAgenda.count(),
      resolve: (query, _root, _args, ctx) => ctx.prisma.unscAgenda.findMany({ ...query, orderBy: { id: 'asc' } }),
    },
    { name: 'UnscAgendaConnection' },
    { name: 'UnscAgendaEdge' },
  ),
  unscAgenda: t.prismaField({
    type: 'UnscAgenda',
    nullable: true,
    description: 'An agenda by its key, name or alias (e.g. DPRK), regardless of case.',
    args: { key: t.arg.string({ required: true, description: 'Its key, name or alias, in any case.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await agendaIdOf(ctx.sql, args.key).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      });
      return ctx.prisma.unscAgenda.findFirst({ ...query, where: { id: { in: id === null ? [] : [id] } } });
    },
  }),
  unscMembers: t.prismaField({
    type: ['UnscMembership'],
    description: 'The fifteen members of the Council in a year.',
    args: { year: t.arg.int({ required: true, description: 'e.g. 2022.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.unscMembership.findMany({
        ...query,
        where: { year: args.year },
        orderBy: [{ seat: 'desc' }, { memberId: 'asc' }],
      }),
  }),
}));

type Veto = { member: Entity; draft: UnscDraft; date: Date };

const VetoRef = builder.objectRef<Veto>('UnscVeto').implement({
  description: "A permanent member's vote against a draft that otherwise had the nine votes to pass.",
  fields: (t) => ({
    member: t.field({ type: EntityNode, resolve: (v) => v.member }),
    draft: t.field({ type: UnscDraftNode, resolve: (v) => v.draft }),
    date: t.expose('date', { type: 'Date' }),
  }),
});

builder.queryField('unscVetoes', (t) =>
  t.connection(
    {
      type: VetoRef,
      description: 'Vetoes in date order, optionally by one member or on one agenda.',
      errors: analysisErrors,
      args: {
        member: t.arg.string({
          required: false,
          description: "Only this member's vetoes: its key, e.g. entity:russia.",
        }),
        agenda: t.arg.string(agendaArg),
      },
      resolve: async (_root, args, ctx, info) => {
        const [memberId, agendaId] = await Promise.all([
          optionalEntityId(ctx, args.member),
          optionalAgendaId(ctx, args.agenda),
        ]);
        return offsetConnection(
          args,
          (page) => vetoes(ctx.sql, { memberId, agendaId }, page),
          async (rows) => {
            const [memberOf, draftOf] = await Promise.all([
              plannedRecords(
                ctx,
                info,
                'Entity',
                rows.map((r) => r.member_id),
                nodePaths('member'),
              ),
              plannedRecords(
                ctx,
                info,
                'UnscDraft',
                rows.map((r) => r.draft_id),
                nodePaths('draft'),
              ),
            ]);
            return rows.map((r, i) => ({ member: memberOf[i]!, draft: draftOf[i]!, date: r.vote_date }));
          },
        );
      },
    },
    { name: 'UnscVetoConnection' },
    { name: 'UnscVetoEdge' },
  ),
);

type AlignmentRecord = { draft: UnscDraft; voteA: UnscVoteCast; voteB: UnscVoteCast };
type MemberPair = AlignmentSummary & { aId: number; bId: number; filter: AlignmentFilter };

const AlignmentRecordRef = builder.objectRef<AlignmentRecord>('UnscAlignmentRecord').implement({
  fields: (t) => ({
    draft: t.field({ type: UnscDraftNode, resolve: (r) => r.draft }),
    voteA: t.expose('voteA', { type: UnscVoteCastEnum }),
    voteB: t.expose('voteB', { type: UnscVoteCastEnum }),
    same: t.boolean({ resolve: (r) => r.voteA === r.voteB }),
  }),
});

// The counts come from one aggregate; the members and the records are loaded only when asked for.
const AlignmentRef = builder.objectRef<MemberPair>('UnscAlignment').implement({
  description: 'How two members voted on the same decisions.',
  fields: (t) => ({
    a: t.prismaField({
      type: 'Entity',
      resolve: (query, x, _args, ctx) => ctx.prisma.entity.findFirstOrThrow({ ...query, where: { id: x.aId } }),
    }),
    b: t.prismaField({
      type: 'Entity',
      resolve: (query, x, _args, ctx) => ctx.prisma.entity.findFirstOrThrow({ ...query, where: { id: x.bId } }),
    }),
    decisions: t.exposeInt('decisions', { description: 'Decisions both voted on.' }),
    identical: t.exposeInt('identical', { description: 'Decisions on which they cast the same vote.' }),
    agreement: t.float({
      nullable: true,
      description: 'identical / decisions; null when they shared no decision.',
      resolve: (x) => (x.decisions ? x.identical / x.decisions : null),
    }),
    records: t.connection(
      {
        type: AlignmentRecordRef,
        description: 'The decisions both voted on, in date order, with their two votes.',
        resolve: (x, args, ctx, info) =>
          offsetConnection(
            args,
            (page) => alignmentRecords(ctx.sql, x.aId, x.bId, x.filter, page),
            async (rows) => {
              const draftOf = await plannedRecords(
                ctx,
                info,
                'UnscDraft',
                rows.map((r) => r.draft_id),
                nodePaths('draft'),
              );
              return rows.map((r, i) => ({ draft: draftOf[i]!, voteA: r.vote_a, voteB: r.vote_b }));
            },
          ),
      },
      { name: 'UnscAlignmentRecordConnection' },
      { name: 'UnscAlignmentRecordEdge' },
    ),
  }),
});

builder.queryField('unscAlignment', (t) =>
  t.field({
    type: AlignmentRef,
    description:
      'Pairwise voting alignment between two members over the decisions that match the filter (e.g. Russia and China on the DPRK).',
    errors: analysisErrors,
    validate: timeWindow,
    args: {
      a: t.arg.string({ required: true, description: "One member's key, e.g. entity:russia." }),
      b: t.arg.string({ required: true, description: "The other member's key, e.g. entity:china." }),
      agenda: t.arg.string(agendaArg),
      since: t.arg({ type: 'Date', required: false, description: 'Only decisions voted on or after this day.' }),
      until: t.arg({ type: 'Date', required: false, description: 'Only decisions voted on or before this day.' }),
    },
    resolve: async (_root, args, ctx) => {
      const filter = {
        agendaId: await optionalAgendaId(ctx, args.agenda),
        since: args.since ?? undefined,
        until: args.until ?? undefined,
      };
      const summary = await alignmentSummary(ctx.sql, args.a, args.b, filter);
      if (summary.aId === null) throw new NotFoundError('entity', args.a);
      if (summary.bId === null) throw new NotFoundError('entity', args.b);
      return { ...summary, aId: summary.aId, bId: summary.bId, filter };
    },
  }),
);
