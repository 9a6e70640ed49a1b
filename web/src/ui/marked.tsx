import { headlineParts } from '../text/headline';
import { excerpt, type Segment, type Span } from '../text/spans';

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

function Segments({ segments }: { segments: Segment<Span>[] }) {
  return (
    <>
      {segments.map((segment, index) =>
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
      <Segments segments={cut.segments} />
      {cut.clippedAfter && ' …'}
    </blockquote>
  );
}
