import { headlineParts } from '../text/headline';
import { excerpt, type Segment, type Span, segments } from '../text/spans';

/** A search passage with its matches marked; its text is rendered as text, never as HTML. */
export function Headline({ headline }: { headline: string }) {
  return (
    <>
      {headlineParts(headline).map((part, index) =>
        part.marked ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </>
  );
}

function Segments({ parts }: { parts: Segment<Span>[] }) {
  return (
    <>
      {parts.map((segment, index) =>
        segment.spans.length ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>,
      )}
    </>
  );
}

/** A quotation shown where it stands in its source text: the span marked, with the text around it. */
export function QuotationInSource({ text, span, context = 220 }: { text: string; span: Span; context?: number }) {
  const cut = excerpt(text, span, context);
  return (
    <blockquote class="in-source">
      {cut.clippedBefore && '… '}
      <Segments parts={cut.segments} />
      {cut.clippedAfter && ' …'}
    </blockquote>
  );
}

type Mark = Span & { number: number; title: string };

/**
 * A whole text with spans marked, each numbered where it ends and linked to the item `#<anchor>-<number>` of the list
 * beside it; a mark's title names what it stands for. Overlapping spans each keep their extent.
 */
export function MarkedText({ text, marks, anchor }: { text: string; marks: Mark[]; anchor: string }) {
  let end = 0;
  return (
    <div class="source-text">
      {segments(text, marks).map((segment, index) => {
        end += Array.from(segment.text).length;
        if (!segment.spans.length) return <span key={index}>{segment.text}</span>;
        return (
          <mark key={index} title={segment.spans.map((s) => s.title).join('\n')}>
            {segment.text}
            {segment.spans
              .filter((s) => s.end === end)
              .map((s) => (
                <sup key={s.number}>
                  <a href={`#${anchor}-${s.number}`}>[{s.number}]</a>
                </sup>
              ))}
          </mark>
        );
      })}
    </div>
  );
}
