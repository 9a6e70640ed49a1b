import type { Modality, SourceReliability } from '../generated/prisma/enums';

export type GradedOrigin = { label: string; reliability: SourceReliability | null };

export type CredibilitySuggestion = { grade: 1 | 2 | 3 | 4 | 5 | 6; reasoning: string[] };

const BY_RELIABILITY: Record<SourceReliability, 2 | 3 | 4 | 5 | 6> = { A: 2, B: 2, C: 3, D: 4, E: 5, F: 6 };
const MEANING = {
  1: 'confirmed by other sources',
  2: 'probably true',
  3: 'possibly true',
  4: 'doubtful',
  5: 'improbable',
  6: 'truth cannot be judged',
} as const;

/**
 * An Admiralty information-credibility grade (1-6) suggested from the independent origins behind a
 * claim and their source-reliability grades (A-F), with the reasoning, so an analyst can weigh it.
 * Origins are counted after circular reporting is removed: documents repeating one origin count once,
 * and origins whose agents are one body (`joined`, with why) count once. A record that only partly
 * supports the claim is named and not counted.
 */
export function suggestCredibility(input: {
  modality: Modality;
  supporting: GradedOrigin[];
  contradicting: GradedOrigin[];
  joined: { labels: string[]; reasons: string[] }[];
  partial: { label: string; note: string | null }[];
}): CredibilitySuggestion {
  const { modality, supporting, contradicting } = input;
  const reasoning: string[] = [];
  const describe = (o: GradedOrigin) =>
    `${o.label} (${o.reliability ? `reliability ${o.reliability}` : 'reliability not graded'})`;
  reasoning.push(
    supporting.length === 0
      ? 'No attribution or record supports the claim.'
      : `${supporting.length} independent origin${supporting.length === 1 ? ' supports' : 's support'} the claim: ${supporting.map(describe).join('; ')}.`,
  );
  for (const j of input.joined)
    reasoning.push(`${j.labels.join(' and ')} count as one origin: ${j.reasons.join('; ')}.`);
  for (const p of input.partial)
    reasoning.push(
      `${p.label} only partly supports the claim${p.note ? ` (${p.note.replace(/\.$/, '')})` : ''}: partial support confirms nothing.`,
    );
  if (supporting.length === 0) return { grade: 6, reasoning: [...reasoning, `Suggested 6: ${MEANING[6]}.`] };
  const fairOrBetter = supporting.filter(
    (o) => o.reliability === 'A' || o.reliability === 'B' || o.reliability === 'C',
  );
  let grade: CredibilitySuggestion['grade'];
  if (fairOrBetter.length >= 2) {
    grade = 1;
    reasoning.push(
      `${fairOrBetter.length} of them are at least fairly reliable (A-C), so the information is confirmed by independent sources.`,
    );
  } else {
    const best = Math.min(...supporting.map((o) => (o.reliability ? BY_RELIABILITY[o.reliability] : 6))) as
      | 2
      | 3
      | 4
      | 5
      | 6;
    grade = best;
    reasoning.push(
      supporting.length === 1
        ? 'A single origin cannot confirm the claim; its reliability sets the grade.'
        : 'Fewer than two origins are of known, fair reliability; the most reliable one sets the grade.',
    );
    if (supporting.length >= 2 && grade > 3) {
      grade = 3;
      reasoning.push(
        'Several independent origins agree, which makes the claim possibly true even though their reliability is unknown.',
      );
    }
  }
  if (modality === 'HEDGED' && grade < 3) {
    grade = 3;
    reasoning.push('The claim is hedged ("may", "could", "fear"): not an assertion, so possibly true at best.');
  }
  if (contradicting.length > 0) {
    reasoning.push(
      `${contradicting.length} independent origin${contradicting.length === 1 ? '' : 's'} contradict it: ${contradicting.map(describe).join('; ')}.`,
    );
    if (contradicting.length >= supporting.length && grade < 4) {
      grade = 4;
      reasoning.push('At least as many independent origins contradict the claim as support it, so it is doubtful.');
    }
  }
  reasoning.push(`Suggested ${grade}: ${MEANING[grade]}.`);
  return { grade, reasoning };
}
