import { APPROXIMATIONS, MULTIPLIERS } from './cues';
import type { Sentence } from './text';

export type QuantityFinding = {
  start: number;
  end: number;
  amount: string;
  unit: string | null;
  approximate: boolean;
  lowerBound: string | null;
  upperBound: string | null;
  rule: string;
};

const CURRENCIES: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };
const QUALIFIER = Object.keys(APPROXIMATIONS)
  .toSorted((a, b) => b.length - a.length)
  .join('|');
const NUMBER = new RegExp(
  `(?:\\b(${QUALIFIER})\\s+)?([$€£¥])?(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)(?:\\s+(${Object.keys(MULTIPLIERS).join('|')})\\b)?(?:\\s*(%|percent\\b|per cent\\b))?`,
  'giu',
);
const MONTHS = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$/i;

/** Numbers with their unit and approximation ("about 10,000 troops", "more than $2 billion"). */
export function findQuantities(text: string, s: Sentence): QuantityFinding[] {
  const out: QuantityFinding[] = [];
  const part = text.slice(s.start, s.end);
  for (const m of part.matchAll(NUMBER)) {
    const [all, qualifier, currency, digits, multiplier, percent] = m;
    const start = s.start + m.index;
    const before = part.slice(0, m.index);
    // Years, dates, document symbols (S/2024/255) and ordinals are not quantities.
    if (!currency && !multiplier && !percent && /^(1[89]|20)\d\d$/.test(digits!)) continue;
    if (
      MONTHS.test(before) ||
      /[/-]$/.test(before) ||
      /^[/-]|^(?:st|nd|rd|th)\b/.test(part.slice(m.index + all.length))
    )
      continue;
    const value = Number(digits!.replace(/,/g, '')) * (multiplier ? MULTIPLIERS[multiplier.toLowerCase()]! : 1);
    const amount = String(value);
    let end = start + all.length;
    let unit: string | null = currency ? CURRENCIES[currency]! : percent ? 'percent' : null;
    if (!unit) {
      // The unit is the first noun within three words: "10,000 North Korean troops".
      const after = s.tokens.filter((t) => t.start >= end).slice(0, 4);
      const noun = after.find((t) => t.pos === 'NOUN');
      if (noun && after.slice(0, after.indexOf(noun)).every((t) => /^(?:ADJ|PROPN|NOUN)$/.test(t.pos))) {
        unit = noun.text.toLowerCase();
        end = noun.end;
      }
    }
    const bound = qualifier ? APPROXIMATIONS[qualifier.toLowerCase()] : undefined;
    out.push({
      start,
      end,
      amount,
      unit,
      approximate: bound === 'approximate',
      lowerBound: bound === 'lower' ? amount : null,
      upperBound: bound === 'upper' ? amount : null,
      rule: qualifier ? `number after "${qualifier}"` : 'number',
    });
  }
  return out;
}
