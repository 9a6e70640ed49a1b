/** A half-open range [start, end) of Unicode code points, as the API's attribution spans count. */
export type Span = { start: number; end: number };

/** A stretch of text and the spans that cover it. */
export type Segment<T extends Span> = { text: string; spans: T[] };

/**
 * Cuts `text` at every span's edges, counting code points (not UTF-16 units, which would shift every
 * span after an emoji or a rare CJK character), so that overlapping quotations each keep their extent.
 */
export function segments<T extends Span>(text: string, spans: readonly T[]): Segment<T>[] {
  const points = Array.from(text);
  const cuts = new Set([0, points.length]);
  for (const span of spans) {
    if (span.start >= 0 && span.end <= points.length && span.start < span.end) {
      cuts.add(span.start);
      cuts.add(span.end);
    }
  }
  const edges = [...cuts].toSorted((a, b) => a - b);
  return edges.slice(1).map((end, index) => {
    const start = edges[index] ?? 0;
    return {
      text: points.slice(start, end).join(''),
      spans: spans.filter((span) => span.start <= start && end <= span.end),
    };
  });
}

/**
 * The span with up to `context` code points of text on each side, cut at a word boundary, and whether
 * text was left out before or after.
 */
export function excerpt(text: string, span: Span, context: number) {
  const points = Array.from(text);
  let from = Math.max(0, span.start - context);
  let to = Math.min(points.length, span.end + context);
  while (from > 0 && from < span.start && !/\s/.test(points[from - 1] ?? '')) from++;
  while (to < points.length && to > span.end && !/\s/.test(points[to] ?? '')) to--;
  return {
    segments: segments(points.slice(from, to).join(''), [{ start: span.start - from, end: span.end - from }]),
    clippedBefore: from > 0,
    clippedAfter: to < points.length,
  };
}
