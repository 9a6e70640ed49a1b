import type nlp from 'compromise';
import type { EntityKind } from '../generated/prisma/enums';
import { GOVERNMENT_NOUNS, TITLES } from './cues';
import type { Knowledge, KnownEntity } from './knowledge';
import type { AnalysedText, Sentence } from './text';

/** A stretch of one sentence that names an entity: [first, last] token indices, UTF-16 offsets. */
export type Mention = {
  sentence: number;
  first: number;
  last: number;
  start: number;
  end: number;
  text: string;
  /** The entity linked (existing) or proposed (new). */
  entity: KnownEntity;
  existing: boolean;
  alternatives: KnownEntity[];
  /** How it was found: the entity's name or alias, a demonym of it, or a name the NLP library found. */
  via: 'name' | 'demonym' | 'government' | 'person' | 'organisation' | 'place';
  /** A state named inside a longer name ("South Korean intelligence"): whom the body belongs to. */
  inner: KnownEntity | null;
};

const MAX_TOKENS = 7;
const LOCATIVE = new Set([
  'in',
  'at',
  'near',
  'into',
  'across',
  'outside',
  'inside',
  'around',
  'to',
  'toward',
  'towards',
]);

export const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '') || 'unnamed';

/** Base names a demonym may come from: Korean -> Korea, Ukrainian -> Ukraine, Chinese -> China, Israeli -> Israel. */
function demonymBases(word: string): string[] {
  const rules: [RegExp, string][] = [
    [/n$/, ''],
    [/ian$/, 'e'],
    [/ian$/, 'y'],
    [/ian$/, 'ia'],
    [/ese$/, 'a'],
    [/ese$/, ''],
    [/i$/, ''],
    [/ish$/, 'land'],
    [/ish$/, 'ey'],
    [/ic$/, 'y'],
  ];
  return rules.flatMap(([ending, base]) => (ending.test(word) ? [word.replace(ending, base)] : []));
}

type Candidate = { first: number; last: number; names: { name: string; via: Mention['via'] }[] };

/** Every token n-gram of a sentence that could be a name, with the names to look up for it. */
function candidates(text: string, s: Sentence): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < s.tokens.length; i++) {
    for (let j = i; j < Math.min(s.tokens.length, i + MAX_TOKENS); j++) {
      const first = s.tokens[i]!;
      const last = s.tokens[j]!;
      if (!/[\p{L}\p{N}]/u.test(first.text) || !/[\p{L}\p{N}.]/u.test(last.text)) continue;
      const words = text.slice(first.start, last.end);
      // A name has a capital letter or several words ("Western leaders"), never a lone common word.
      if (!/\p{Lu}/u.test(words) && i === j) continue;
      const names: Candidate['names'] = [{ name: words, via: 'name' }];
      const bare = words.replace(/^(?:the|The) /, '');
      if (bare !== words) names.push({ name: bare, via: 'name' }, { name: `The ${bare}`, via: 'name' });
      if (/^\p{Lu}/u.test(bare)) {
        const lastWord = last.text;
        for (const base of demonymBases(lastWord))
          names.push({ name: bare.slice(0, bare.length - lastWord.length) + base, via: 'demonym' });
      }
      out.push({ first: i, last: j, names });
    }
  }
  return out;
}

const preferred = (entities: KnownEntity[], locative: boolean) =>
  [...entities].toSorted(
    (a, b) =>
      Number(locative ? b.kind === 'LOCATION' : a.kind === 'LOCATION') -
      Number(locative ? a.kind === 'LOCATION' : b.kind === 'LOCATION'),
  );

/**
 * Links names in the text to the knowledge base's entities by exact name or alias (longest match
 * first; "Moscow" after "in" is the city, elsewhere the state it stands for), then adds the people,
 * organisations and places compromise finds that the knowledge base does not hold, as new entities.
 */
export async function findMentions(
  doc: AnalysedText,
  knowledge: Knowledge,
  parse: typeof nlp,
): Promise<{ mentions: Mention[]; quotations: [number, number][] }> {
  const perSentence = doc.sentences.map((s) => candidates(doc.text, s));
  const lookups = [...new Set(perSentence.flat().flatMap((c) => c.names.map((n) => n.name)))];
  const known = new Map<string, KnownEntity[]>();
  for (const { name, entity } of await knowledge.entitiesNamed(lookups)) {
    if (!known.get(name)?.some((e) => e.key === entity.key)) known.set(name, [...(known.get(name) ?? []), entity]);
  }
  const mentions: Mention[] = [];
  const takenIn = doc.sentences.map(() => new Set<number>());
  doc.sentences.forEach((s, index) => {
    const taken = takenIn[index]!;
    const found = perSentence[index]!.map((c) => {
      const hits = c.names.flatMap((n) =>
        (known.get(n.name) ?? [])
          .filter((e) => n.via !== 'demonym' || e.kind === 'STATE')
          .map((entity) => ({ entity, via: n.via })),
      );
      return { c, hits };
    })
      .filter((f) => f.hits.length)
      .toSorted((a, b) => b.c.last - b.c.first - (a.c.last - a.c.first) || a.c.first - b.c.first);
    for (const { c, hits } of found) {
      if (Array.from({ length: c.last - c.first + 1 }, (_, k) => c.first + k).some((k) => taken.has(k))) continue;
      for (let k = c.first; k <= c.last; k++) taken.add(k);
      const locative = LOCATIVE.has(s.tokens[c.first - 1]?.text.toLowerCase() ?? '');
      const distinct = [...new Map(hits.map((h) => [h.entity.key, h])).values()];
      const ranked = preferred(
        distinct.map((h) => h.entity),
        locative,
      );
      const best = distinct.find((h) => h.entity.key === ranked[0]!.key)!;
      const inner = found.find(
        (f) =>
          f.c !== c &&
          f.c.first >= c.first &&
          f.c.last <= c.last &&
          f.hits.some((h) => h.entity.kind === 'STATE' && h.entity.key !== best.entity.key),
      );
      // "the South Korean government" is the state itself.
      const next = s.tokens[c.last + 1];
      const government = best.via === 'demonym' && next !== undefined && GOVERNMENT_NOUNS.has(next.text.toLowerCase());
      const last = government ? c.last + 1 : c.last;
      mentions.push({
        sentence: index,
        first: c.first,
        last,
        start: s.tokens[c.first]!.start,
        end: s.tokens[last]!.end,
        text: doc.text.slice(s.tokens[c.first]!.start, s.tokens[last]!.end),
        entity: best.entity,
        existing: true,
        alternatives: ranked.slice(1),
        via: government ? 'government' : best.via,
        inner: inner?.hits.find((h) => h.entity.kind === 'STATE')?.entity ?? null,
      });
      if (government) taken.add(last);
    }
  });
  const parsed = parse(doc.text);
  mentions.push(...newNames(doc, parsed, takenIn));
  return { mentions: mentions.toSorted((a, b) => a.start - b.start), quotations: quotationsOf(doc.text, parsed) };
}

const KINDS: ['people' | 'organizations' | 'places', EntityKind, Mention['via']][] = [
  ['people', 'PERSON', 'person'],
  ['organizations', 'ORGANISATION', 'organisation'],
  ['places', 'LOCATION', 'place'],
];

/**
 * People, organisations and places compromise finds, outside the tokens already linked. The text is
 * parsed once; compromise's own offsets are not exact, so its words are found among the tokens.
 */
function newNames(doc: AnalysedText, parsed: ReturnType<typeof nlp>, taken: Set<number>[]): Mention[] {
  const out: Mention[] = [];
  for (const [method, kind, via] of KINDS) {
    let cursor = 0;
    for (const found of parsed[method]().out('array') as string[]) {
      const words = found.replace(/[\s\p{P}]+$/u, '').replace(/[’']s$/, '');
      const at = doc.text.indexOf(words, cursor);
      if (at < 0 || !words) continue;
      cursor = at + words.length;
      const index = doc.sentences.findIndex((s) => s.start <= at && at < s.end);
      const s = doc.sentences[index];
      if (!s) continue;
      let first = s.tokens.findIndex((t) => t.start === at);
      const last = s.tokens.findIndex((t) => t.end === at + words.length);
      if (first < 0 || last < first) continue;
      while (first < last && /^the$/i.test(s.tokens[first]!.text)) first++;
      if (kind === 'PERSON')
        while (first < last && TITLES.has(s.tokens[first]!.text.toLowerCase().replace(/\.$/, ''))) first++;
      if (Array.from({ length: last - first + 1 }, (_, k) => first + k).some((k) => taken[index]!.has(k))) continue;
      const text = doc.text.slice(s.tokens[first]!.start, s.tokens[last]!.end);
      if (!/^\p{Lu}/u.test(text) || TITLES.has(text.toLowerCase())) continue;
      for (let k = first; k <= last; k++) taken[index]!.add(k);
      out.push({
        sentence: index,
        first,
        last,
        start: s.tokens[first]!.start,
        end: s.tokens[last]!.end,
        text,
        entity: { key: `entity:${slug(text)}`, kind, name: text, organisations: [] },
        existing: false,
        alternatives: [],
        via,
        inner: null,
      });
    }
  }
  return out;
}

/** The words inside each quotation compromise finds ([start, end) in UTF-16 units, marks left out). */
function quotationsOf(text: string, parsed: ReturnType<typeof nlp>): [number, number][] {
  const out: [number, number][] = [];
  let cursor = 0;
  for (const quoted of parsed.quotations().out('array') as string[]) {
    const inner = quoted
      .trim()
      .replace(/^[“"«„‘]+/, '')
      .replace(/[”"»’]+[\s\p{P}]*$/u, '');
    const at = inner ? text.indexOf(inner, cursor) : -1;
    if (at < 0) continue;
    cursor = at + inner.length;
    // The words run to the closing mark: "conforms with international law." keeps its full stop.
    // A full stop inside the marks belongs to the words; a comma before the closing mark does not.
    const close = text.slice(cursor).search(/[”"»]/);
    const end = close >= 0 && close < 3 ? cursor + close : cursor;
    out.push([at, /[,;:]$/.test(text.slice(at, end)) ? end - 1 : end]);
  }
  return out;
}
