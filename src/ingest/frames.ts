import { CONNECTIVES, DENIAL_VERBS, ROLE_NOUNS, SOURCE_NOUNS, SPEECH_VERBS, TITLES } from './cues';
import type { KnownEntity } from './knowledge';
import type { Mention } from './mentions';
import type { Sentence, Token } from './text';

// Reported speech inside one sentence: who says what, found from cue words and the shape of the
// clause around them (token indices into the sentence, inclusive ranges).

export type Range = [number, number];

/** Who a frame's words belong to: entities named in the text, or a noun phrase with no entity yet. */
export type Agents = {
  entities: KnownEntity[];
  mentions: Mention[];
  phrase: Range | null;
  onBehalfOf: KnownEntity | null;
};

export type Frame = {
  agents: Agents | 'publisher';
  /** The words reported. */
  content: Range;
  /** Everything the frame accounts for (agent, cue and content); the rest of the sentence is the publisher's. */
  consumed: Range;
  rule: string;
  cue: Range;
  /** The reported-speech verb, whose meaning can hedge the content. */
  verb: Token | null;
  confidence: number;
  /** A cited source: "reports from the Pentagon", "according to a briefing", "citing intelligence". */
  cited?: { agents: Agents; noun: string | null };
};

export type SentenceView = {
  text: string;
  s: Sentence;
  mentions: Mention[];
  /** The last person, and the last agent, named before this sentence (for "he said", "they said"). */
  lastPerson: KnownEntity | null;
  lastAgent: Agents | null;
};

const lower = (t: Token | undefined) => t?.text.toLowerCase() ?? '';
const isComma = (t: Token | undefined) => t?.text === ',';
const isParticiple = (t: Token | undefined) => t !== undefined && t.pos === 'VERB' && /ing$/i.test(t.text);
const QUOTE_MARK = /^[“”"«»„]$/;
const AUXILIARY = new Set([
  'have',
  'has',
  'had',
  'also',
  'reportedly',
  'later',
  'previously',
  'repeatedly',
  'publicly',
  'privately',
  'again',
  'then',
  'further',
  'have',
  'did',
  'does',
  'do',
  'would',
  'will',
]);
const CLAUSE_CONJUNCTIONS = new Set(['but', 'while', 'whereas', 'although', 'though', 'yet']);

/** Token indices where a new clause begins: after ";", ", but", ", while", before ", <verb>ing", ", who". */
export function boundaries(s: Sentence): Set<number> {
  const at = new Set<number>();
  s.tokens.forEach((t, i) => {
    const next = s.tokens[i + 1];
    if (t.text === ';' || t.text === ':' || t.text === '—' || t.text === '–') at.add(i);
    if (!isComma(t)) return;
    const after = lower(next);
    if (
      CLAUSE_CONJUNCTIONS.has(after) ||
      after === 'who' ||
      after === 'which' ||
      after === 'according' ||
      after === 'citing'
    )
      at.add(i);
    if (isParticiple(next) || (next?.pos === 'ADV' && isParticiple(s.tokens[i + 2]))) at.add(i);
    // ", and warned that ...": a second reported-speech verb starts a clause of its own.
    if (after === 'and' && speechVerb(s, i + 2)) at.add(i);
    // An appositive description: ", a frontline area where ...".
    if (
      (after === 'a' || after === 'an') &&
      s.tokens.slice(i + 2, i + 8).some((u) => /^(?:where|which|that|who)$/i.test(u.text))
    )
      at.add(i);
  });
  return at;
}

/** The end of the clause that starts at `from`: the token before the next boundary, without closing punctuation. */
function clauseEnd(s: Sentence, from: number, cut: Set<number>): number {
  let end = s.tokens.length - 1;
  for (let i = from + 1; i < s.tokens.length; i++)
    if (cut.has(i)) {
      end = i - 1;
      break;
    }
  while (end > from && /^[.,;:!?]$/.test(s.tokens[end]!.text)) end--;
  return end;
}

/** The start of the clause `at` is in: after the last boundary or clause conjunction before it. */
function clauseStart(s: Sentence, at: number, cut: Set<number>): number {
  for (let i = at - 1; i >= 0; i--) {
    if (cut.has(i)) return i + 1;
    if (CLAUSE_CONJUNCTIONS.has(lower(s.tokens[i]))) return i + 1;
  }
  return 0;
}

/** Leading connectives and punctuation that are not part of a clause ("Meanwhile, ", "But "). */
export function trimStart(s: Sentence, [a, b]: Range): Range {
  while (a < b && (CONNECTIVES.has(lower(s.tokens[a])) || /^[,;:]$/.test(s.tokens[a]!.text))) a++;
  return [a, b];
}

const inside = (m: Mention, [a, b]: Range) => m.first >= a && m.last <= b;

/**
 * The agents a noun phrase names: its last entity and those joined to it by "and"; appositives
 * (", the Pentagon’s press secretary,") and role words ("Foreign Ministry spokesman Lin Jian",
 * "a spokesman for the ministry") say on whose behalf it speaks.
 */
export function agentsOf(view: SentenceView, range: Range): Agents | null {
  const { s } = view;
  let [a, b] = trimStart(s, range);
  while (
    b >= a &&
    (AUXILIARY.has(lower(s.tokens[b])) || /^[,;:]$/.test(s.tokens[b]!.text) || s.tokens[b]!.pos === 'ADV')
  )
    b--;
  if (b < a) return null;
  // Appositive: the first ", ... ," inside the phrase.
  let apposition: Range | null = null;
  const comma = s.tokens.slice(a, b + 1).findIndex(isComma);
  if (comma > 0) {
    const close = s.tokens.slice(a + comma + 1, b + 2).findIndex((t, k) => isComma(t) || a + comma + 1 + k > b);
    apposition = [a + comma + 1, close < 0 ? b : a + comma + close];
    const restStart = apposition[1] + 2;
    b = restStart <= b ? b : a + comma - 1;
  }
  let main: Range = [a, b];
  let named = view.mentions.filter((m) => inside(m, main));
  // "A spokesman for the ministry, Lin Jian, said": the person is named in the apposition.
  const namedPerson = apposition && view.mentions.find((m) => inside(m, apposition) && m.entity.kind === 'PERSON');
  if (namedPerson && !named.some((m) => m.entity.kind === 'PERSON')) {
    const speaksFor = named.at(-1) ?? null;
    return {
      entities: [namedPerson.entity],
      mentions: [namedPerson],
      phrase: null,
      onBehalfOf: speaksFor?.entity ?? null,
    };
  }
  let head = named.at(-1);
  // "a spokesman for X": X speaks through an unnamed person.
  const forIndex = s.tokens.findIndex(
    (t, i) => i >= a && i <= b && lower(t) === 'for' && ROLE_NOUNS.has(lower(s.tokens[i - 1])),
  );
  if (
    forIndex >= 0 &&
    head &&
    head.first > forIndex &&
    !named.some((m) => m.last < forIndex && m.entity.kind === 'PERSON')
  )
    return { entities: [head.entity], mentions: [head], phrase: null, onBehalfOf: null };
  if (head?.entity.kind === 'STATE' && head.via === 'demonym' && head.last < b) head = undefined;
  if (!head) {
    const pronoun = s.tokens.slice(a, b + 1).find((t) => t.pos === 'PRON');
    if (pronoun && /^(?:he|she)$/i.test(pronoun.text) && view.lastPerson)
      return { entities: [view.lastPerson], mentions: [], phrase: null, onBehalfOf: null };
    if (pronoun && /^(?:they|it)$/i.test(pronoun.text) && view.lastAgent) return view.lastAgent;
    while (
      a <= b &&
      /^(?:DET|PRON)$/.test(s.tokens[a]!.pos) &&
      !/^(?:two|three|several|many|some)$/i.test(s.tokens[a]!.text)
    )
      a++;
    // A document is not an agent: "a ministry statement" speaks for the ministry.
    while (b > a && SOURCE_NOUNS[lower(s.tokens[b])]) b--;
    if (a > b || !s.tokens.slice(a, b + 1).some((t) => t.pos === 'NOUN' || t.pos === 'PROPN')) return null;
    return { entities: [], mentions: [], phrase: [a, b], onBehalfOf: behalfOf(view, [a, b], null, apposition) };
  }
  const heads = [head];
  for (let i = named.indexOf(head) - 1; i >= 0; i--) {
    const between = s.tokens
      .slice(named[i]!.last + 1, heads[0]!.first)
      .map(lower)
      .join(' ');
    if (!/^(?:,? ?and|,|, and)$/.test(between)) break;
    heads.unshift(named[i]!);
  }
  return {
    entities: heads.map((m) => m.entity),
    mentions: heads,
    phrase: null,
    onBehalfOf: behalfOf(view, main, head, apposition),
  };
}

/** On whose behalf a person or body speaks: "X’s press secretary", "X spokesman Y", "South Korean President Y", a role held. */
function behalfOf(view: SentenceView, main: Range, head: Mention | null, apposition: Range | null): KnownEntity | null {
  const { s } = view;
  const roleIn = (range: Range) =>
    view.mentions.find(
      (m) =>
        inside(m, range) &&
        m !== head &&
        s.tokens
          .slice(m.last + 1, range[1] + 1)
          .some((t) => ROLE_NOUNS.has(lower(t)) || TITLES.has(lower(t).replace(/\.$/, ''))),
    );
  const explicit = (apposition && roleIn(apposition)) || roleIn([main[0], head ? head.first - 1 : main[1]]);
  if (explicit && explicit.entity.key !== head?.entity.key) return explicit.entity;
  if (head?.inner && head.entity.kind === 'ORGANISATION') return head.inner;
  return null;
}

/** A reported-speech verb; the tagger sometimes reads "who fear that" as a noun. */
const speechVerb = (s: Sentence, i: number) => {
  const t = s.tokens[i];
  if (!t || !SPEECH_VERBS.has(t.lemma.toLowerCase())) return false;
  return (
    t.pos === 'VERB' ||
    (lower(s.tokens[i + 1]) === 'that' && /^(?:PRON|AUX|ADV|NOUN|PROPN)$/.test(s.tokens[i - 1]?.pos ?? ''))
  );
};

/** The reported-speech frames of one sentence. */
export function framesOf(view: SentenceView, mainSubject: () => Agents | null): Frame[] {
  const { s } = view;
  const cut = boundaries(s);
  const frames: Frame[] = [];
  const n = s.tokens.length;
  let previousAgents: Agents | null = null;
  for (let i = 0; i < n; i++) {
    const t = s.tokens[i]!;
    const word = lower(t);
    // "according to X, ..." / "..., according to X."
    if (word === 'according' && lower(s.tokens[i + 1]) === 'to') {
      const commaAfter = s.tokens.findIndex((u, k) => k > i + 1 && (isComma(u) || cut.has(k)));
      const npEnd = commaAfter < 0 ? clauseEnd(s, i + 1, cut) : commaAfter - 1;
      const np: Range = [i + 2, npEnd];
      const agents = agentsOf(view, np);
      if (!agents) continue;
      const atStart = trimStart(s, [0, i])[0] >= i;
      const content: Range = atStart
        ? [npEnd + 2, clauseEnd(s, npEnd + 1, cut)]
        : [clauseStart(s, i - 1, new Set([...cut].filter((k) => k < i - 1))), i - 2];
      frames.push({
        agents,
        content: trimStart(s, content),
        consumed: atStart ? [i, content[1]] : [content[0], npEnd],
        rule: 'according to',
        cue: [i, i + 1],
        verb: null,
        confidence: 0.85,
        cited: { agents, noun: sourceNoun(s, np) },
      });
      i = npEnd;
      continue;
    }
    // "(following) reports from X that ..."
    if (SOURCE_NOUNS[word] && /^(?:from|by)$/.test(lower(s.tokens[i + 1]))) {
      const that = s.tokens.findIndex((u, k) => k > i + 1 && k < i + 10 && lower(u) === 'that');
      if (that < 0) continue;
      const agents = agentsOf(view, [i + 2, that - 1]);
      if (!agents) continue;
      const end = clauseEnd(s, that, cut);
      const lead = /^(?:following|after|amid|despite|citing)$/.test(lower(s.tokens[i - 1])) ? i - 1 : i;
      frames.push({
        agents,
        content: [that + 1, end],
        consumed: [lead, end],
        rule: `${word} from`,
        cue: [i, i + 1],
        verb: null,
        confidence: 0.8,
        cited: { agents, noun: word },
      });
      i = end;
      continue;
    }
    if (t.lemma !== 'cite' && !speechVerb(s, i)) continue;
    const end = clauseEnd(s, i, cut);
    const participial =
      isParticiple(t) && (isComma(s.tokens[i - 1]) || (s.tokens[i - 1]?.pos === 'ADV' && isComma(s.tokens[i - 2])));
    // "..., citing X": a source when X is one, else the reason the subject gives.
    if (t.lemma === 'cite') {
      const np: Range = [i + 1, end];
      const cited = agentsOf(view, np);
      const noun = sourceNoun(s, np);
      const subject = mainSubject();
      const source = cited && (cited.entities.length || noun) ? cited : null;
      const agents = source ?? subject;
      if (agents) {
        const common = {
          agents,
          content: np,
          consumed: [i - 1, end] as Range,
          cue: [i, i] as Range,
          verb: t,
          confidence: 0.6,
        };
        frames.push(
          source
            ? { ...common, rule: 'citing', cited: { agents: source, noun } }
            : { ...common, rule: 'citing (reason)' },
        );
      }
      i = end;
      continue;
    }
    // What is reported: a that-clause, a quotation, or a clause with a verb of its own.
    let content: Range | null = null;
    let j = i + 1;
    // "said on Tuesday that", "told reporters that", "denied reports that".
    while (j <= end && j < i + 7 && lower(s.tokens[j]) !== 'that' && !/^(?:VERB|AUX)$/.test(s.tokens[j]!.pos)) j++;
    if (lower(s.tokens[j]) !== 'that') j = i + 1;
    if (lower(s.tokens[j]) === 'that' || s.tokens[j]?.text === ':') content = [j + 1, end];
    else {
      const open = s.tokens.findIndex((u, k) => k > i && k <= end && QUOTE_MARK.test(u.text));
      const verbAfter = s.tokens.slice(i + 1, end + 1).some((u) => u.pos === 'VERB' || u.pos === 'AUX');
      const close = s.tokens.findIndex((u, k) => k > open && k <= end && QUOTE_MARK.test(u.text));
      // "described it as “...”": the quotation is what is reported; "said the boat had “...”" reports a clause.
      const clauseFirst = s.tokens.slice(i + 1, Math.max(i + 1, open)).some((u) => u.pos === 'VERB' || u.pos === 'AUX');
      if (open >= 0 && open < i + 6 && !clauseFirst) content = [open, close > open ? close : end];
      else if (verbAfter && /^(?:DET|NOUN|PROPN|PRON|ADJ|NUM)$/.test(s.tokens[i + 1]?.pos ?? ''))
        content = [i + 1, end];
      else if (DENIAL_VERBS.has(t.lemma) && i < end) content = [i + 1, end];
    }
    let agents: Agents | null = null;
    let rule = `reported speech: ${t.text}`;
    let consumed: Range | null = null;
    const before = s.tokens[i - 1];
    // "“...,” X said." / "..., X said." / "..., said X."
    const start = clauseStart(s, i, cut);
    const quoteBefore = s.tokens.slice(0, i).findLastIndex((u) => QUOTE_MARK.test(u.text));
    const commaBefore = s.tokens.slice(0, i).findLastIndex((u) => isComma(u));
    if (!content && commaBefore > 0 && end >= n - 2 - 0 && commaBefore >= i - 6) {
      const np: Range =
        lower(before) === ',' || QUOTE_MARK.test(before?.text ?? '') ? [i + 1, end] : [commaBefore + 1, i - 1];
      agents = agentsOf(view, np);
      const last =
        quoteBefore > 0 && quoteBefore >= commaBefore - 1 ? Math.min(commaBefore, quoteBefore) - 1 : commaBefore - 1;
      content = trimStart(s, [0, last]);
      consumed = [0, end];
      rule = `reported speech: ${t.text} (after the words)`;
    }
    if (!content) continue;
    if (!agents) {
      const whoAt = s.tokens.slice(0, i).findLastIndex((u) => /^(?:who|which)$/i.test(u.text));
      const onlyAux =
        whoAt >= 0 &&
        s.tokens.slice(whoAt + 1, i).every((u) => AUXILIARY.has(lower(u)) || u.pos === 'ADV' || u.pos === 'AUX');
      if (onlyAux && isComma(s.tokens[whoAt - 1])) {
        const antecedent = view.mentions.filter((m) => m.last < whoAt - 1).at(-1);
        const prior = antecedent ? agentsOf(view, [antecedent.first, antecedent.last]) : null;
        agents = prior;
        consumed = [whoAt - 1, content[1]];
        rule = `reported speech: who ${t.text}`;
      } else if (participial) {
        agents = mainSubject();
        consumed = [i - (isComma(s.tokens[i - 1]) ? 1 : 2), content[1]];
        rule = `reported speech: ${t.text} (participle)`;
      } else {
        // A verb after an earlier frame in the clause ("said ..., and warned that") shares its subject.
        const after = frames.at(-1)?.consumed[1] ?? -1;
        const subject: Range = [Math.max(start, after + 1), i - 1];
        agents = subject[1] >= subject[0] ? agentsOf(view, subject) : null;
        // "... but indicated ...": a verb with no subject of its own shares the one before.
        if (!agents && start > 0) agents = previousAgents ?? mainSubject();
        consumed = [start, content[1]];
      }
    }
    if (!agents) continue;
    previousAgents = agents;
    frames.push({
      agents,
      content: trimStart(s, content),
      consumed: consumed ?? [start, content[1]],
      rule,
      cue: [i, i],
      verb: t,
      confidence: agents.entities.length ? 0.85 : 0.6,
    });
    i = Math.max(i, content[1]);
  }
  return frames;
}

/** The source noun of a cited phrase ("a South Korean intelligence briefing" -> briefing). */
export function sourceNoun(s: Sentence, [a, b]: Range): string | null {
  for (let i = b; i >= a; i--) {
    const word = lower(s.tokens[i]);
    if (SOURCE_NOUNS[word]) return word;
  }
  return null;
}
