import type { Wording } from '../generated/prisma/enums';

// Whose words a statement's quotation is. The agent's own words are those inside quotation marks in
// the source, or any words of the agent's own document; the rest is the reporter's. Only double
// quotation marks count: the single ones (’) are also the apostrophe ("Russia’s").
const OPENING = new Set(['“', '„', '«']);
const CLOSING = new Set(['”', '»']);
const STRAIGHT = '"';
const isMark = (c: string | undefined) => c !== undefined && (OPENING.has(c) || CLOSING.has(c) || c === STRAIGHT);

/**
 * Whether [start, end) of the text lies inside quotation marks of its paragraph: the nearest mark
 * before it opens a quotation and the nearest after it closes one, or the span itself runs from an
 * opening mark to a closing one. A straight mark (") opens when an even number of them precede it.
 */
export function insideQuotationMarks(points: readonly string[], start: number, end: number): boolean {
  let from = start;
  while (from > 0 && points[from - 1] !== '\n') from--;
  let to = end;
  while (to < points.length && points[to] !== '\n') to++;
  const marks: { at: number; opens: boolean }[] = [];
  let straight = 0;
  for (let i = from; i < to; i++) {
    const c = points[i];
    if (!isMark(c)) continue;
    marks.push({ at: i, opens: c === STRAIGHT ? straight++ % 2 === 0 : OPENING.has(c!) });
  }
  const inner = marks.filter((m) => m.at >= start && m.at < end);
  if (inner.length)
    return (
      inner.length === 2 && inner[0]!.at === start && inner[0]!.opens && inner[1]!.at === end - 1 && !inner[1]!.opens
    );
  const before = marks.findLast((m) => m.at < start);
  const after = marks.find((m) => m.at >= end);
  return !!before?.opens && !!after && !after.opens;
}

/** Who stated a statement, and who published and wrote the source it is in (entity keys or ids). */
export type Speakers<K> = { agent: K; onBehalfOf?: K | null; publisher?: K | null; author?: K | null };

/** Whether the source is the agent's own document: published or written by the agent or the body it speaks for. */
export function ownDocument<K>(s: Speakers<K>): boolean {
  const speakers = [s.agent, s.onBehalfOf].filter((k) => k !== undefined && k !== null);
  return [s.publisher, s.author].some((k) => k !== undefined && k !== null && speakers.includes(k));
}

/** The wording a statement has where none is given: told from the text, or UNKNOWN where it is not held. */
export function toldWording(
  points: readonly string[] | null,
  span: readonly [number, number] | undefined,
  own: boolean,
): Wording {
  if (own) return 'OWN_WORDS';
  if (points === null || span === undefined) return 'UNKNOWN';
  return insideQuotationMarks(points, span[0], span[1]) ? 'OWN_WORDS' : 'REPORTED';
}

/** Why a given wording does not fit the text, or null when it does. */
export function wordingProblem(
  wording: Wording,
  sourceKey: string,
  points: readonly string[] | null,
  span: readonly [number, number] | undefined,
  own: boolean,
): string | null {
  if (wording === 'UNKNOWN' && points !== null)
    return `the text of ${sourceKey} is held, so its wording is known: OWN_WORDS or REPORTED`;
  if (wording !== 'OWN_WORDS' || own) return null;
  if (points === null || span === undefined)
    return `the text of ${sourceKey} is not held and it is not the agent's own document, so its words cannot be told the agent's own`;
  return insideQuotationMarks(points, span[0], span[1])
    ? null
    : `the quotation is not inside quotation marks in ${sourceKey}, which is not the agent's own document: the words are the reporter's (REPORTED)`;
}
