import type { ResultOf } from '../../graphql';
import { DateText } from '../../ui/format';
import { voteLabel } from '../../ui/labels';
import { DraftLink, EntityLink } from '../../ui/links';
import type { DraftVotesFields } from './operations';

type Draft = ResultOf<typeof DraftVotesFields>;
export type Member = { key: string; name: string; decisions: number };

/** Every member that voted on any of the drafts: those with the most decisions (the permanent five) first. */
export function membersOf(drafts: readonly Draft[]): Member[] {
  const members = new Map<string, Member>();
  for (const draft of drafts) {
    for (const { member } of draft.votes) {
      const known = members.get(member.key) ?? { ...member, decisions: 0 };
      known.decisions++;
      members.set(member.key, known);
    }
  }
  return [...members.values()].toSorted((a, b) => b.decisions - a.decisions || a.name.localeCompare(b.name));
}

/** Members (rows) by drafts (columns), each cell the member's vote, coloured; blank where it was not a member. */
export function VoteMatrix({ drafts, members }: { drafts: readonly Draft[]; members: readonly Member[] }) {
  return (
    <div class="matrix-scroll" tabIndex={0} role="region" aria-label="Vote matrix, scrollable">
      <table class="vote-matrix">
        <caption class="visually-hidden">Votes of each member (rows) on each draft (columns)</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            {drafts.map((draft) => (
              <th scope="col" key={draft.key}>
                <DraftLink draft={draft} />
                {draft.voteDate && (
                  <div class="muted">
                    <DateText value={draft.voteDate} />
                  </div>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.key}>
              <th scope="row">
                <EntityLink entity={member} />
              </th>
              {drafts.map((draft) => {
                const vote = draft.votes.find((v) => v.member.key === member.key)?.vote;
                return vote ? (
                  <td
                    key={draft.key}
                    class={`vote vote-${vote.toLowerCase()}`}
                    title={`${member.name}: ${voteLabel[vote]}`}
                  >
                    {vote}
                    <span class="visually-hidden"> ({voteLabel[vote]})</span>
                  </td>
                ) : (
                  <td key={draft.key} class="vote none" title={`${member.name}: not a member`}>
                    <span class="visually-hidden">not a member</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
