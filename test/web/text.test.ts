import { headlineParts } from '../../web/src/text/headline';
import { excerpt, segments } from '../../web/src/text/spans';

describe('search headlines', () => {
  test('only the <b> markers mark; markup in the source text, escaped by the service, comes back as its text', () => {
    expect(
      headlineParts('&lt;i&gt;arrive&lt;/i&gt; in <b>Kursk</b> &lt;img src=x onerror=alert(1)&gt; <b>region</b>'),
    ).toEqual([
      { text: '<i>arrive</i> in ', marked: false },
      { text: 'Kursk', marked: true },
      { text: ' <img src=x onerror=alert(1)> ', marked: false },
      { text: 'region', marked: true },
    ]);
  });

  test('a source text holding <b> or an entity stays text: each is unescaped once', () => {
    expect(headlineParts('&lt;b&gt;bold&lt;/b&gt; &amp;lt; <b>AT&amp;T</b>')).toEqual([
      { text: '<b>bold</b> &lt; ', marked: false },
      { text: 'AT&T', marked: true },
    ]);
  });

  test('a headline without matches is one unmarked part', () => {
    expect(headlineParts('Kursk region')).toEqual([{ text: 'Kursk region', marked: false }]);
  });
});

describe('quotation spans', () => {
  test('count code points, as the API does, so that text after an astral character is not shifted', () => {
    // "😀" is one code point but two UTF-16 units.
    const text = '😀 Pentagon says 10,000 troops';
    const [before, quoted, after] = segments(text, [{ start: 2, end: 10 }]);
    expect(quoted).toEqual({ text: 'Pentagon', spans: [{ start: 2, end: 10 }] });
    expect(before?.text).toBe('😀 ');
    expect(after?.text).toBe(' says 10,000 troops');
  });

  test('overlapping quotations each keep their extent', () => {
    const a = { start: 0, end: 8 };
    const b = { start: 4, end: 12 };
    expect(segments('abcdefghijklmn', [a, b])).toEqual([
      { text: 'abcd', spans: [a] },
      { text: 'efgh', spans: [a, b] },
      { text: 'ijkl', spans: [b] },
      { text: 'mn', spans: [] },
    ]);
  });

  test('a span outside the text marks nothing', () => {
    expect(segments('short', [{ start: 3, end: 40 }])).toEqual([{ text: 'short', spans: [] }]);
  });

  test('an excerpt keeps whole words around the quotation and says where text was left out', () => {
    const text = 'one two three FOUR five six seven';
    const cut = excerpt(text, { start: 14, end: 18 }, 6);
    expect(cut.segments.map((s) => [s.text, s.spans.length > 0])).toEqual([
      ['three ', false],
      ['FOUR', true],
      [' five', false],
    ]);
    expect([cut.clippedBefore, cut.clippedAfter]).toEqual([true, true]);
  });
});
