import type { UnscOutcome, UnscSeat, UnscVoteCast } from '../generated/prisma/enums';

export type Tally = { yes: number; no: number; abstentions: number; nonVoting: number };

export type Decision = {
  year: number;
  /** The Council's members that year, by key. */
  members: ReadonlyMap<string, UnscSeat>;
  votes: readonly { member: string; vote: UnscVoteCast }[];
  outcome: UnscOutcome;
  resolution?: number | null | undefined;
  tally?: Tally | undefined;
};

const COUNCIL_SIZE = 15;
export const VOTES_TO_ADOPT = 9;

export function tally(votes: readonly { vote: UnscVoteCast }[]): Tally {
  const count = (cast: UnscVoteCast) => votes.filter((v) => v.vote === cast).length;
  return { yes: count('Y'), no: count('N'), abstentions: count('A'), nonVoting: count('X') };
}

/** Members whose "no" defeated a draft that otherwise had the votes: a veto. An abstention is not one. */
function vetoes(
  votes: readonly { member: string; vote: UnscVoteCast }[],
  members: ReadonlyMap<string, UnscSeat>,
): string[] {
  if (tally(votes).yes < VOTES_TO_ADOPT) return [];
  return votes.filter((v) => v.vote === 'N' && members.get(v.member) === 'PERMANENT').map((v) => v.member);
}

/** Charter Art. 27(3): adopted exactly when at least 9 vote yes and no permanent member votes no. */
export function charterOutcome(
  votes: readonly { member: string; vote: UnscVoteCast }[],
  members: ReadonlyMap<string, UnscSeat>,
): UnscOutcome {
  const permanentNo = votes.some((v) => v.vote === 'N' && members.get(v.member) === 'PERMANENT');
  return tally(votes).yes >= VOTES_TO_ADOPT && !permanentNo ? 'ADOPTED' : 'NOT_ADOPTED';
}

/** Every way a recorded decision breaks the Council's rules; empty when it is consistent. */
export function decisionProblems(d: Decision): string[] {
  const problems: string[] = [];
  if (d.members.size !== COUNCIL_SIZE) {
    problems.push(`the Council of ${d.year} has ${d.members.size} members on record, not ${COUNCIL_SIZE}`);
  }
  const seen = new Set<string>();
  for (const v of d.votes) {
    if (seen.has(v.member)) problems.push(`${v.member} votes more than once`);
    seen.add(v.member);
    if (!d.members.has(v.member)) problems.push(`${v.member} votes but was not a member of the Council in ${d.year}`);
  }
  const missing = [...d.members.keys()].filter((m) => !seen.has(m));
  if (missing.length)
    problems.push(
      `no vote recorded for ${missing.join(', ')} (one vote from each of the ${COUNCIL_SIZE} members of ${d.year})`,
    );
  const counted = tally(d.votes);
  if (d.tally && (Object.keys(counted) as (keyof Tally)[]).some((k) => counted[k] !== d.tally![k])) {
    const show = (t: Tally) =>
      `${t.yes}-${t.no}-${t.abstentions}` + (t.nonVoting ? ` (${t.nonVoting} not voting)` : '');
    problems.push(`tally ${show(d.tally)} does not match the votes, which count ${show(counted)}`);
  }
  const expected = charterOutcome(d.votes, d.members);
  if (expected !== d.outcome) {
    const why =
      expected === 'ADOPTED'
        ? `${counted.yes} yes and no permanent member against`
        : `${counted.yes} yes` +
          (vetoes(d.votes, d.members).length ? ` and a veto by ${vetoes(d.votes, d.members).join(', ')}` : '');
    problems.push(
      `outcome ${d.outcome} contradicts the votes: ${why} means ${expected} under Art. 27(3) of the Charter`,
    );
  }
  if ((d.outcome === 'ADOPTED') !== (d.resolution != null)) {
    problems.push(
      d.outcome === 'ADOPTED'
        ? 'an adopted draft needs its resolution number'
        : 'a draft that was not adopted has no resolution number',
    );
  }
  return problems;
}
