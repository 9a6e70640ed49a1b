import type { PrismaClient } from '../generated/prisma/client';
import { tally } from '../rules/unsc-charter';

// The column layout of the UN Digital Library "Security Council Voting Data" set: one row per
// member per decision. That set lists adopted resolutions only; ours also lists failed drafts,
// with an empty `resolution`.
export const UNSC_CSV_COLUMNS = [
  'resolution',
  'draft',
  'meeting',
  'date',
  'description',
  'agenda',
  'ms_name',
  'ms_code',
  'permanent_member',
  'ms_vote',
  'total_yes',
  'total_no',
  'total_abstentions',
  'total_non_voting',
] as const;

const field = (value: string | number | null | undefined) => {
  const text = value == null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export async function unscVotesCsv(prisma: PrismaClient): Promise<string> {
  const drafts = await prisma.unscDraft.findMany({
    where: { outcome: { not: null } },
    orderBy: [{ voteDate: 'asc' }, { key: 'asc' }],
    include: {
      agenda: { select: { name: true } },
      meeting: true,
      votes: {
        include: {
          member: { include: { identifiers: { where: { scheme: 'ISO_3166_1_ALPHA_3' } }, unscMemberships: true } },
        },
      },
    },
  });
  const lines = [UNSC_CSV_COLUMNS.join(',')];
  for (const d of drafts) {
    const year = d.voteDate!.getUTCFullYear();
    const totals = tally(d.votes);
    const votes = d.votes.toSorted((a, b) => a.member.name.localeCompare(b.member.name));
    for (const v of votes) {
      const seat = v.member.unscMemberships.find((m) => m.year === year)?.seat;
      lines.push(
        [
          d.resolutionNumber ? `S/RES/${d.resolutionNumber} (${year})` : '',
          d.symbol,
          d.meeting?.recordSymbol,
          d.voteDate!.toISOString().slice(0, 10),
          d.title,
          d.agenda.name,
          v.member.name.toUpperCase(),
          v.member.identifiers[0]?.value,
          seat === 'PERMANENT' ? 'TRUE' : 'FALSE',
          v.vote,
          totals.yes,
          totals.no,
          totals.abstentions,
          totals.nonVoting,
        ]
          .map(field)
          .join(','),
      );
    }
  }
  return lines.join('\n') + '\n';
}
