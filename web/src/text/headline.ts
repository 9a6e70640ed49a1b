/** A piece of a search passage: `marked` where it matched the query. */
export type HeadlinePart = { text: string; marked: boolean };

const ESCAPED: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * Cuts a search headline at its `<b>`/`</b>` match markers. The service escapes the rest (&, <, >), so
 * the parts are unescaped into plain text and rendered as text, never as HTML: only the markers mark.
 */
export function headlineParts(headline: string): HeadlinePart[] {
  const parts: HeadlinePart[] = [];
  let marked = false;
  for (const piece of headline.split(/(<\/?b>)/)) {
    if (piece === '<b>') marked = true;
    else if (piece === '</b>') marked = false;
    else if (piece) parts.push({ text: piece.replace(/&(?:amp|lt|gt);/g, (entity) => ESCAPED[entity]!), marked });
  }
  return parts;
}
