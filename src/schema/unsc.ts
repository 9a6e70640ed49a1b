import type { Prisma } from '../generated/prisma/client';
import type { UnscOutcome } from '../generated/prisma/enums';
import { tally, type Tally } from '../rules/unsc-charter';
import { builder } from './builder';
import { pageLimits } from './paging';
import { EntityNode } from './entity';
import { UnscOutcomeEnum, UnscSeatEnum, UnscVoteCastEnum } from './enums';

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
  fields: (t) => ({
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

export const UnscDraftNode = builder.prismaNode('UnscDraft', {
  id: { field: 'id' },
  description: 'A Security Council draft resolution and, once voted, its outcome and every member\'s vote.',
  fields: (t) => ({
    key: t.exposeString('key'),
    symbol: t.exposeString('symbol', { nullable: true, description: 'Document symbol, e.g. S/2022/431.' }),
    title: t.exposeString('title'),
    agenda: t.exposeString('agenda'),
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
    claims: t.relation('claimLinks', { description: 'Claims this record bears on.' }),
  }),
});

const draftFilter = (args: { agenda?: string | null; outcome?: UnscOutcome | null }): Prisma.UnscDraftWhereInput => ({
  ...(args.agenda ? { agenda: args.agenda } : {}),
  ...(args.outcome ? { outcome: args.outcome } : {}),
});

builder.queryFields((t) => ({
  unscDrafts: t.prismaConnection({
    type: 'UnscDraft',
    cursor: 'id',
      ...pageLimits,
    args: {
      agenda: t.arg.string({ required: false }),
      outcome: t.arg({ type: UnscOutcomeEnum, required: false }),
    },
    totalCount: (_connection, args, ctx) => ctx.prisma.unscDraft.count({ where: draftFilter(args) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.unscDraft.findMany({ ...query, where: draftFilter(args), orderBy: [{ voteDate: 'asc' }, { id: 'asc' }] }),
  }),
  unscDraft: t.prismaField({
    type: 'UnscDraft',
    nullable: true,
    description: 'A draft by its document symbol (S/2022/431) or stable key.',
    args: { symbolOrKey: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.unscDraft.findFirst({ ...query, where: { OR: [{ symbol: args.symbolOrKey }, { key: args.symbolOrKey }] } }),
  }),
  unscMembers: t.prismaField({
    type: ['UnscMembership'],
    description: 'The fifteen members of the Council in a year.',
    args: { year: t.arg.int({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.unscMembership.findMany({ ...query, where: { year: args.year }, orderBy: [{ seat: 'desc' }, { memberId: 'asc' }] }),
  }),
}));
