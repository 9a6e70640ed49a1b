import type { Nlp } from './nlp';

/** A token of the text: [start, end) in UTF-16 units of the JavaScript string, as wink-nlp reads it. */
export type Token = { start: number; end: number; text: string; lemma: string; pos: string };
export type Sentence = { start: number; end: number; tokens: Token[] };

/** A text cut into sentences and tokens, with the conversion to the code points that stored spans count. */
export type AnalysedText = {
  text: string;
  sentences: Sentence[];
  /** [start, end) in UTF-16 units -> [start, end) in Unicode code points (src/rules/quotation.ts). */
  points: (start: number, end: number) => [number, number];
};

// Abbreviations that wink-nlp's sentence splitter takes for a sentence end ("Maj. Gen. Pat Ryder").
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof sen rep gov gen lt col maj capt cmdr adm sgt cpl pvt st jr sr no vs jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k'.split(
    ' ',
  ),
);

function codePointIndex(text: string): Uint32Array {
  const index = new Uint32Array(text.length + 1);
  let point = 0;
  for (let i = 0; i < text.length; i++) {
    index[i] = point;
    const unit = text.charCodeAt(i);
    // A high surrogate and the low one after it are one code point.
    if (unit < 0xd800 || unit > 0xdbff || i + 1 === text.length) point++;
  }
  index[text.length] = point;
  return index;
}

/**
 * Sentences and tokens with exact offsets. wink-nlp's tokenisation is lossless (each token keeps the
 * spaces before it), so offsets are the running sum of the spaces and tokens.
 */
export function analyseText(text: string, nlp: Nlp): AnalysedText {
  const its = nlp.wink.its;
  const doc = nlp.wink.readDoc(text);
  const values = doc.tokens().out(its.value);
  const spaces = doc.tokens().out(its.precedingSpaces);
  const lemmas = doc.tokens().out(its.lemma as never) as unknown as string[];
  const tags = doc.tokens().out(its.pos);
  const tokens: Token[] = [];
  let at = 0;
  values.forEach((value, i) => {
    at += (spaces[i] ?? '').length;
    // wink-nlp may normalise a token's value; the stored text is the authority.
    const start = text.startsWith(value, at) ? at : text.indexOf(value, at);
    if (start < 0) throw new Error(`internal: token "${value}" not found in the text after ${at}`);
    tokens.push({ start, end: start + value.length, text: value, lemma: lemmas[i] ?? value, pos: tags[i] ?? 'X' });
    at = start + value.length;
  });
  const sentences: Sentence[] = [];
  for (const [first, last] of doc.sentences().out(its.span as never) as unknown as [number, number][]) {
    // wink-nlp keeps a line break as a token of the next sentence.
    const part = tokens.slice(first, last + 1).filter((t) => t.text.trim() !== '');
    const previous = sentences.at(-1);
    const ending = previous?.tokens.at(-2)?.text.toLowerCase().replace(/\.$/, '');
    const abbreviated =
      previous &&
      (previous.tokens.at(-1)?.text === '.' && ending !== undefined && ABBREVIATIONS.has(ending)
        ? true
        : ABBREVIATIONS.has(previous.tokens.at(-1)?.text.toLowerCase().replace(/\.$/, '') ?? ''));
    if (previous && abbreviated && /^[A-Z]/.test(part[0]?.text ?? '')) {
      previous.tokens.push(...part);
      previous.end = part.at(-1)?.end ?? previous.end;
    } else if (part.length) {
      sentences.push({ start: part[0]!.start, end: part.at(-1)!.end, tokens: part });
    }
  }
  const index = codePointIndex(text);
  return { text, sentences, points: (start, end) => [index[start]!, index[end]!] };
}
