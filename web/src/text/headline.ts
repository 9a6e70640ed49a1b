/** A piece of a search passage: `marked` where it matched the query. */
export type HeadlinePart = { text: string; marked: boolean };

/**
 * Cuts a search headline at PostgreSQL's `<b>`/`</b>` match markers. The passage is source text and may
 * hold markup of its own, so the parts are rendered as text (never as HTML): only the markers mark.
 */
export function headlineParts(headline: string): HeadlinePart[] {
  const parts: HeadlinePart[] = [];
  let marked = false;
  for (const piece of headline.split(/(<\/?b>)/)) {
    if (piece === '<b>') marked = true;
    else if (piece === '</b>') marked = false;
    else if (piece) parts.push({ text: piece, marked });
  }
  return parts;
}
