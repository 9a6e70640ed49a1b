/** Spans count Unicode code points, as PostgreSQL's substr does, so they mean the same in every client language. */
export function codePoints(text: string): string[] {
  return Array.from(text);
}

export function textAtSpan(points: string[], start: number, end: number): string {
  return points.slice(start, end).join('');
}

/** Why a quotation does not rest on its source text, or null when it is exactly the text at its span. */
export function quotationProblem(
  sourceKey: string,
  points: string[] | null,
  quotation: string,
  [start, end]: readonly [number, number],
): string | null {
  if (points === null) return `${sourceKey} holds no text to quote from`;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0)
    return `span ${start}-${end} is not a range of positions in the text`;
  if (end <= start) return `span ${start}-${end} is empty or reversed`;
  if (end > points.length)
    return `span ${start}-${end} runs past the end of ${sourceKey} (${points.length} characters)`;
  const held = textAtSpan(points, start, end);
  if (held === quotation) return null;
  return `quotation "${quotation}" is not the text at ${start}-${end} of ${sourceKey} (which reads "${held}")`;
}
