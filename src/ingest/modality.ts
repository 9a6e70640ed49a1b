import type { Modality } from '../generated/prisma/enums';
import { DENIAL_VERBS, DENIED, HEDGE_PHRASES, HEDGES, HEDGING_VERBS, NOT_CONFIRMED } from './cues';
import type { Token } from './text';

export type ModalityFinding = { modality: Modality; rule: string; start: number; end: number } | null;

/**
 * The modality of a statement from its own words, strongest first: a denial, a refusal to confirm, a
 * hedge; `cueVerb` is the reported-speech verb that introduced it ("fear", "hinted" hedge what follows).
 */
export function modalityOf(text: string, tokens: Token[], cueVerb: Token | null): ModalityFinding {
  if (!tokens.length) return null;
  const start = tokens[0]!.start;
  const words = text.slice(start, tokens.at(-1)!.end).toLowerCase();
  const first = (patterns: RegExp[]) => {
    for (const pattern of patterns) {
      const match = pattern.exec(words);
      if (match) return { start: start + match.index, end: start + match.index + match[0].length };
    }
    return null;
  };
  if (cueVerb && DENIAL_VERBS.has(cueVerb.lemma))
    return { modality: 'DENIED', rule: 'denial verb', start: cueVerb.start, end: cueVerb.end };
  const denied = first(DENIED);
  if (denied) return { modality: 'DENIED', rule: 'denial', ...denied };
  const unconfirmed = first(NOT_CONFIRMED);
  if (unconfirmed) return { modality: 'NOT_CONFIRMED', rule: 'not confirmed', ...unconfirmed };
  const hedge = tokens.find((t) => HEDGES.has(t.text.toLowerCase()));
  if (hedge) return { modality: 'HEDGED', rule: 'hedge', start: hedge.start, end: hedge.end };
  const phrase = first(HEDGE_PHRASES);
  if (phrase) return { modality: 'HEDGED', rule: 'hedge', ...phrase };
  if (cueVerb && HEDGING_VERBS.has(cueVerb.lemma))
    return { modality: 'HEDGED', rule: 'hedging verb', start: cueVerb.start, end: cueVerb.end };
  return null;
}
