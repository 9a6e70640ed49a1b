import { z } from 'zod';

// What a value must be before it may reach PostgreSQL, for every entry point: the GraphQL arguments
// (src/schema/input-rules.ts) and the bundle format (src/bundle/format.ts), which mutations go through.

/**
 * The longest strings stored, in UTF-16 code units (as JavaScript counts). A btree index entry holds
 * at most about 2,700 bytes, and a code unit is at most 3 bytes of UTF-8: names, URLs and keys, which
 * are indexed, stay under it; a source's text stays well under PostgreSQL's 1 MB search vector.
 */
export const TEXT_LIMITS = { key: 200, name: 500, url: 800, prose: 10_000, document: 200_000 } as const;

/** Nothing stored is nested deeper: deeper JSON in an argument is refused before it is walked. */
export const MAX_NESTING = 64;

/** The years a date may fall in: ISO 8601's four digits without year 0000, which PostgreSQL cannot store. */
const YEARS = { first: 1, last: 9999 } as const;

export const tooLong = (max: number) => `must be at most ${max} characters long`;

/** Why `value` cannot be stored as text (of at most `max` code units, when given), or undefined. */
export function textProblem(value: string, max = Number.POSITIVE_INFINITY): string | undefined {
  if (value.includes('\0')) return 'must not contain the NUL character (U+0000)';
  // A lone surrogate is not Unicode (PostgreSQL would get U+FFFD in its place); a pair is one code point.
  if (/\p{Cs}/u.test(value)) return 'must be well-formed Unicode (it holds a lone surrogate)';
  if (value.length > max) return `${tooLong(max)}, not ${value.length}`;
  return undefined;
}

/** Why `date` cannot be stored, or undefined. */
export function dateProblem(date: Date): string | undefined {
  const year = date.getUTCFullYear();
  if (Number.isNaN(year)) return 'is not a date';
  if (year < YEARS.first || year > YEARS.last)
    return `year ${year} is outside the supported years ${YEARS.first}-${YEARS.last}`;
  return undefined;
}

/** A decimal as column `numeric(30, 6)` holds it, written out: "10000", "-2.5" (no exponent). */
export const DECIMAL = /^-?\d{1,24}(\.\d{1,6})?$/;

/** A record's database id, as its global ID carries it: a positive PostgreSQL integer. */
export const isRecordId = (id: string) => /^[1-9]\d{0,9}$/.test(id) && Number(id) <= 2 ** 31 - 1;

/** A zod string that must be storable text of at most `max` code units. */
export const storableText = (max: number) =>
  z.string().superRefine((value, ctx) => {
    const problem = textProblem(value, max);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
