import type { Knowledge } from './knowledge';
import type { StatementProposal } from './proposals';

/** The words of a quotation as compared: lower case, letters and digits, apostrophes and digit groupings dropped ("Russia’s" is "russias", "10,000" is "10000"). */
export const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/['’‘]|(?<=\d)[,.](?=\d)/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);

/** Shorter than this, a proposed statement inside a recorded one is too common a phrase to name it. */
const MIN_INSIDE_WORDS = 4;

/**
 * How closely a recorded statement's words match a proposed one's (the shorter's share of the longer),
 * or null when they do not link. They link when one is a run of the other's words and either the
 * proposed statement lies inside the recorded one (at least four words: a clause the curator kept within
 * a longer quotation) or the shorter is at least half the longer (so a short recorded quotation does not
 * take over a longer sentence that merely repeats it).
 */
export function wordMatch(proposed: readonly string[], recorded: readonly string[]): number | null {
  if (!proposed.length || !recorded.length) return null;
  const inside = proposed.length <= recorded.length;
  const [short, long] = inside ? [proposed, recorded] : [recorded, proposed];
  if (!` ${long.join(' ')} `.includes(` ${short.join(' ')} `)) return null;
  const share = short.length / long.length;
  return share >= 0.5 || (inside && short.length >= MIN_INSIDE_WORDS) ? share : null;
}

/**
 * Links each proposed statement to the existing claim that already holds a statement in the same words
 * (wordMatch; the closest match, then the earliest claim), so that committing adds it to that claim
 * as a new attribution instead of proposing the claim again. The words are what is compared: the
 * proposer's subject and predicate are guesses (a verb's lemma), a quotation is exact.
 */
export async function linkExistingClaims(statements: StatementProposal[], knowledge: Knowledge): Promise<void> {
  const recorded = await knowledge.statementsLike(statements.map((s) => s.quotation));
  const words = recorded.map((r) => ({ ...r, words: wordsOf(r.quotation) }));
  for (const statement of statements) {
    const proposed = wordsOf(statement.quotation);
    let best: { claim: string; share: number; order: number } | null = null;
    for (const r of words) {
      const share = wordMatch(proposed, r.words);
      if (share !== null && (!best || share > best.share || (share === best.share && r.order < best.order)))
        best = { claim: r.claim, share, order: r.order };
    }
    statement.linkedClaim = best?.claim ?? null;
  }
}
