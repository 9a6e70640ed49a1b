import type { EntityKind, SourceKind } from '../generated/prisma/enums';
import { linkExistingClaims } from './claim-links';
import { ORGANISATION_WORDS, SOURCE_LIST, SOURCE_NOUNS, SPEECH_VERBS } from './cues';
import {
  type Agents,
  agentsOf,
  boundaries,
  type Frame,
  framesOf,
  type Range,
  type SentenceView,
  sourceNoun,
  trimStart,
} from './frames';
import type { Knowledge, KnownEntity, KnownSource } from './knowledge';
import { findMentions, type Mention, slug } from './mentions';
import { type ModalityFinding, modalityOf } from './modality';
import { loadNlp } from './nlp';
import type {
  Cue,
  DerivationProposal,
  EntityProposal,
  Proposal,
  QuantityProposal,
  Span,
  StatementProposal,
} from './proposals';
import { findQuantities } from './quantities';
import { type AnalysedText, analyseText } from './text';

/** The report being proposed from: its publisher is the agent of the report's own statements. */
export type ReportContext = { publisher: string; title: string };

type Cited = { agents: Agents; noun: string | null; cue: Cue; statements: string[]; text: string };

/**
 * Proposes entities, attributed statements (agent, on whose behalf, own words or the reporter's,
 * modality), quantities and derivations for one report. Every proposal carries the cue that produced
 * it and a confidence; nothing is written.
 */
export async function proposeFor(text: string, knowledge: Knowledge, report: ReportContext): Promise<Proposal[]> {
  const nlp = await loadNlp();
  const doc = analyseText(text, nlp);
  const { mentions, quotations } = await findMentions(doc, knowledge, nlp.compromise);
  return new Proposer(doc, knowledge, report, mentions, quotations).run();
}

const PUBLISHER_CUE = 'no reported-speech cue: the publisher’s own reporting';
const SOURCE_KINDS: Record<string, SourceKind[]> = {
  PRESS_BRIEFING: ['PRESS_BRIEFING', 'INTELLIGENCE_BRIEFING'],
  INTELLIGENCE_BRIEFING: ['INTELLIGENCE_BRIEFING', 'PRESS_BRIEFING'],
  GOVERNMENT_STATEMENT: ['GOVERNMENT_STATEMENT', 'PRESS_BRIEFING'],
  WIRE_REPORT: ['WIRE_REPORT', 'NEWS_ARTICLE'],
  OTHER: [],
};

class Proposer {
  private readonly statements: StatementProposal[] = [];
  private readonly newAgents = new Map<string, EntityProposal>();
  private readonly cited: Cited[] = [];
  private readonly claimKeys = new Set<string>();
  private lastPerson: KnownEntity | null = null;
  private lastAgent: Agents | null = null;

  constructor(
    private readonly doc: AnalysedText,
    private readonly knowledge: Knowledge,
    private readonly report: ReportContext,
    private readonly mentions: Mention[],
    private readonly quotations: [number, number][],
  ) {}

  private span(start: number, end: number): Span {
    return this.doc.points(start, end);
  }
  private cue(rule: string, start: number, end: number): Cue {
    return { rule, text: this.doc.text.slice(start, end), span: this.span(start, end) };
  }

  async run(): Promise<Proposal[]> {
    this.doc.sentences.forEach((s, index) => {
      const view: SentenceView = {
        text: this.doc.text,
        s,
        mentions: this.mentions.filter((m) => m.sentence === index),
        lastPerson: this.lastPerson,
        lastAgent: this.lastAgent,
      };
      if (SOURCE_LIST.test(this.doc.text.slice(s.start, s.end))) this.sourceList(view);
      else this.sentence(view);
      const person = view.mentions.filter((m) => m.entity.kind === 'PERSON').at(-1);
      if (person) this.lastPerson = person.entity;
    });
    const quantities = this.quantities();
    const derivations = await this.derivations();
    await linkExistingClaims(this.statements, this.knowledge);
    return [...this.entities(), ...this.statements, ...quantities, ...derivations];
  }

  private sentence(view: SentenceView) {
    const { s } = view;
    let subject: Agents | null | undefined;
    const mainSubject = () => {
      if (subject === undefined) {
        const verb = s.tokens.findIndex((t) => t.pos === 'VERB' || t.pos === 'AUX');
        subject = verb > 0 ? agentsOf(view, [0, verb - 1]) : null;
      }
      return subject;
    };
    const frames = framesOf(view, mainSubject);
    const consumed = new Set<number>();
    const made: string[] = [];
    // "X said ..., citing Y": the sentence's statements are what cites Y.
    const citing: Cited[] = [];
    for (const frame of frames) {
      for (let k = frame.consumed[0]; k <= frame.consumed[1]; k++) consumed.add(k);
      const framed = frame.cited && frame.rule === 'citing' ? [] : this.framed(view, frame).map((p) => p.ref);
      made.push(...framed);
      if (frame.cited) {
        const [a, b] = frame.cue;
        const cited = {
          agents: frame.cited.agents,
          noun: frame.cited.noun,
          cue: this.cue(frame.rule, s.tokens[a]!.start, s.tokens[b]!.end),
          statements: framed,
          text: this.doc.text.slice(s.tokens[frame.cue[0]]!.start, s.tokens[frame.consumed[1]]!.end),
        };
        this.cited.push(cited);
        if (frame.rule === 'citing') citing.push(cited);
      }
      if (frame.agents !== 'publisher') this.lastAgent = frame.agents;
    }
    for (const cited of citing) cited.statements = made;
    this.publisherPieces(view, consumed, frames.length > 0);
  }

  /** The statements of one reported-speech frame: the reported words, and the quotations inside them. */
  private framed(view: SentenceView, frame: Frame): StatementProposal[] {
    const { s } = view;
    const [a, b] = frame.content;
    if (b < a) return [];
    let start = s.tokens[a]!.start;
    let end = s.tokens[b]!.end;
    const quotes = this.quotations.filter(([qs, qe]) => qs >= start - 1 && qe <= end + 1);
    const whole = quotes.find(([qs, qe]) => qs - start <= 2 && end - qe <= 2);
    const agents = frame.agents === 'publisher' ? null : frame.agents;
    const tokens = s.tokens.slice(a, b + 1);
    const modality = modalityOf(this.doc.text, tokens, frame.verb);
    const cue = this.cue(frame.rule, s.tokens[frame.cue[0]]!.start, s.tokens[frame.cue[1]]!.end);
    if (whole) [start, end] = whole;
    const claim = this.claimKey(this.doc.text.slice(start, end));
    const made = this.statement({
      view,
      start,
      end,
      agents,
      ownWords: Boolean(whole),
      modality,
      cue,
      confidence: frame.confidence,
      claim,
    });
    if (!whole)
      for (const [qs, qe] of quotes) {
        if (this.doc.text.slice(qs, qe).trim().split(/\s+/).length < 2) continue;
        made.push(
          ...this.statement({
            view,
            start: qs,
            end: qe,
            agents,
            ownWords: true,
            modality,
            cue,
            confidence: frame.confidence,
            claim,
          }),
        );
      }
    return made;
  }

  /** What no cue attributes to anyone else is the publisher's own statement, one per clause. */
  private publisherPieces(view: SentenceView, consumed: Set<number>, framed: boolean) {
    const { s } = view;
    const cut = boundaries(s);
    const pieces: Range[] = [];
    let open: number | null = null;
    for (let k = 0; k <= s.tokens.length; k++) {
      const free = k < s.tokens.length && !consumed.has(k) && !cut.has(k);
      if (free && open === null) open = k;
      if (!free && open !== null) {
        pieces.push([open, k - 1]);
        open = null;
      }
    }
    let inherited: ModalityFinding = null;
    for (const piece of pieces) {
      let [a, b] = trimStart(s, piece);
      while (b > a && /^[\p{P}]$/u.test(s.tokens[b]!.text) && !/^[”"»]$/.test(s.tokens[b]!.text)) b--;
      const tokens = s.tokens.slice(a, b + 1);
      const verbs = tokens.filter((t) => t.pos === 'VERB' || t.pos === 'AUX');
      if (tokens.filter((t) => /\p{L}/u.test(t.text)).length < 3 || !verbs.length) continue;
      // A participle clause (", amplifying ...") carries the hedge of the clause it hangs on.
      const participle = tokens[0]!.text.endsWith('ing') && tokens[0]!.pos === 'VERB';
      const modality: ModalityFinding = modalityOf(this.doc.text, tokens, null) ?? (participle ? inherited : null);
      // "President Yoon hinted at a shift, suggesting ...": the speech act whose words a frame reports.
      if (framed && !modality && verbs.every((t) => t.pos === 'AUX' || SPEECH_VERBS.has(t.lemma))) continue;
      inherited = modality;
      const start = tokens[0]!.start;
      const end = tokens.at(-1)!.end;
      this.statement({
        view,
        start,
        end,
        agents: null,
        ownWords: false,
        modality,
        cue: this.cue(PUBLISHER_CUE, start, start),
        confidence: 0.5,
        claim: this.claimKey(this.doc.text.slice(start, end)),
      });
    }
  }

  private claimKey(words: string): string {
    const base = `claim:${slug(words.split(/\s+/).slice(0, 8).join(' '))}`;
    let key = base;
    for (let n = 2; this.claimKeys.has(key); n++) key = `${base}-${n}`;
    this.claimKeys.add(key);
    return key;
  }

  /** The agent's entity key: a linked or new entity, or a new entity for an unnamed group ("Western diplomats"). */
  private agentKeys(view: SentenceView, agents: Agents | null): { agent: string; onBehalfOf: string | null }[] {
    if (!agents) return [{ agent: this.report.publisher, onBehalfOf: null }];
    if (!agents.entities.length && agents.phrase) {
      const [a, b] = agents.phrase;
      const s = view.s;
      const name = this.doc.text.slice(s.tokens[a]!.start, s.tokens[b]!.end);
      const key = `entity:${slug(name)}`;
      const head = s.tokens.slice(a, b + 1).findLast((t) => t.pos === 'NOUN' || t.pos === 'PROPN');
      const kind: EntityKind = ORGANISATION_WORDS.has(head?.text.toLowerCase() ?? '')
        ? 'ORGANISATION'
        : head && /s$/i.test(head.text) && head.pos === 'NOUN'
          ? 'GROUP'
          : 'OTHER';
      const proposal = this.newAgents.get(key) ?? {
        kind: 'ENTITY' as const,
        ref: '',
        entity: key,
        existing: false,
        name,
        entityKind: kind,
        alternatives: [],
        mentions: [],
        cue: this.cue('agent with no entity: a new one', s.tokens[a]!.start, s.tokens[b]!.end),
        confidence: 0.4,
      };
      proposal.mentions.push({ span: this.span(s.tokens[a]!.start, s.tokens[b]!.end), text: name });
      this.newAgents.set(key, proposal);
      return [{ agent: key, onBehalfOf: agents.onBehalfOf?.key ?? null }];
    }
    const single = agents.entities.length === 1;
    return agents.entities.map((e) => {
      const behalf = single ? (agents.onBehalfOf ?? null) : null;
      const onBehalfOf = behalf?.key ?? (e.kind === 'PERSON' ? (e.organisations[0] ?? null) : null);
      return { agent: e.key, onBehalfOf: onBehalfOf === e.key ? null : onBehalfOf };
    });
  }

  private statement(input: {
    view: SentenceView;
    start: number;
    end: number;
    agents: Agents | null;
    ownWords: boolean;
    modality: ReturnType<typeof modalityOf>;
    cue: Cue;
    confidence: number;
    claim: string;
  }): StatementProposal[] {
    const { view, start, end } = input;
    const quotation = this.doc.text.slice(start, end);
    const inside = view.mentions.filter((m) => m.start >= start && m.end <= end);
    const verb = view.s.tokens.find(
      (t) => t.start >= start && t.end <= end && t.pos === 'VERB' && !/^(?:be|have)$/.test(t.lemma),
    );
    const agents = this.agentKeys(view, input.agents);
    const made = agents.map(({ agent, onBehalfOf }) => {
      const proposal: StatementProposal = {
        kind: 'STATEMENT',
        ref: `s${this.statements.length + 1}`,
        span: this.span(start, end),
        quotation,
        agent,
        onBehalfOf,
        ownWords: input.ownWords,
        modality: input.modality?.modality ?? 'ASSERTED',
        modalityCue: input.modality ? this.cue(input.modality.rule, input.modality.start, input.modality.end) : null,
        claim: input.claim,
        subject: inside[0]?.entity.key ?? agent,
        predicate: slug(verb?.lemma ?? 'states')
          .replace(/-/g, '_')
          .replace(/^(?![a-z])/, 'x_'),
        statement: sentenceCase(quotation),
        cue: input.cue,
        confidence: input.confidence * (agents.length > 1 ? 0.9 : 1),
      };
      this.statements.push(proposal);
      return proposal;
    });
    return made;
  }

  /** "Sources for this article include: AP News, statements from the Pentagon and South Korean government." */
  private sourceList(view: SentenceView) {
    const { s } = view;
    const colon = s.tokens.findIndex((t) => t.text === ':');
    const from = colon >= 0 ? colon + 1 : s.tokens.findIndex((t) => /^(?:on|from)$/i.test(t.text)) + 1;
    let noun: string | null = null;
    let a = from;
    for (let k = from; k <= s.tokens.length; k++) {
      const t = s.tokens[k];
      const end = k === s.tokens.length || t!.text === ',' || t!.text === ';' || /^(?:and|\.)$/i.test(t!.text);
      if (!end) continue;
      const item: Range = [a, k - 1];
      a = k + 1;
      if (item[1] < item[0]) continue;
      noun = sourceNoun(s, item) ?? noun;
      const named = view.mentions.filter((m) => m.first >= item[0] && m.last <= item[1]);
      const head = named.at(-1);
      const start = s.tokens[item[0]]!.start;
      const stop = s.tokens[item[1]]!.end;
      const agents: Agents = head
        ? { entities: [head.entity], mentions: [head], phrase: null, onBehalfOf: null }
        : { entities: [], mentions: [], phrase: item, onBehalfOf: null };
      this.cited.push({
        agents,
        noun,
        cue: this.cue('source list', s.tokens[0]!.start, s.tokens[Math.max(0, from - 1)]!.end),
        statements: [],
        text: this.doc.text.slice(start, stop),
      });
    }
  }

  private quantities(): QuantityProposal[] {
    return this.doc.sentences
      .flatMap((s) =>
        findQuantities(this.doc.text, s).map((q): QuantityProposal => {
          const span = this.span(q.start, q.end);
          const owner = this.statements
            .filter((p) => p.span[0] <= span[0] && p.span[1] >= span[1])
            .toSorted((x, y) => x.span[1] - x.span[0] - (y.span[1] - y.span[0]))[0];
          return {
            kind: 'QUANTITY',
            ref: '',
            span,
            text: this.doc.text.slice(q.start, q.end),
            amount: q.amount,
            unit: q.unit,
            approximate: q.approximate,
            lowerBound: q.lowerBound,
            upperBound: q.upperBound,
            statement: owner?.ref ?? null,
            cue: this.cue(q.rule, q.start, q.end),
            confidence: q.unit ? 0.8 : 0.5,
          };
        }),
      )
      .map((q, i) => ({ ...q, ref: `q${i + 1}` }));
  }

  /** Cited parties linked to the sources they published (preferring the kind the cue names), else a new source. */
  private async derivations(): Promise<DerivationProposal[]> {
    const keys = [...new Set(this.cited.flatMap((c) => c.agents.entities.map((e) => e.key)))];
    const known = await this.knowledge.sourcesBy(keys);
    const byOrigin = new Map<string, DerivationProposal>();
    for (const c of this.cited) {
      const entity = c.agents.entities[0] ?? null;
      const nounKind = (c.noun && SOURCE_NOUNS[c.noun]) || 'OTHER';
      const wanted = /intelligence/i.test(c.text) ? SOURCE_KINDS.INTELLIGENCE_BRIEFING! : SOURCE_KINDS[nounKind]!;
      const rank = (s: KnownSource) => (wanted[0] === s.kind ? 2 : wanted.includes(s.kind) ? 1 : 0);
      const candidates = entity
        ? known
            .filter((s) => s.publisher === entity.key || s.author === entity.key)
            .toSorted((x, y) => rank(y) - rank(x))
        : [];
      const best = candidates[0];
      const ownWords = this.statements.some((p) => c.statements.includes(p.ref) && p.ownWords);
      const publisherName = entity?.name ?? c.text;
      const origin = best?.key ?? `source:${slug(`${publisherName} ${c.noun ?? 'report'}`)}`;
      const proposal = byOrigin.get(origin) ?? {
        kind: 'DERIVATION' as const,
        ref: '',
        origin,
        existing: Boolean(best),
        alternatives: candidates.slice(1).map((s) => s.key),
        how: ownWords ? ('QUOTES' as const) : ('CITES' as const),
        sourceKind: best?.kind ?? (nounKind === 'OTHER' ? 'OTHER' : nounKind),
        title: best?.title ?? `${sentenceCase(c.text)} (cited by ${this.report.title}; text not held)`,
        publisher: entity?.key ?? null,
        statements: [],
        cue: c.cue,
        confidence: best ? (rank(best) > 0 ? 0.85 : 0.7) : 0.5,
      };
      proposal.statements.push(...c.statements.filter((r) => !proposal.statements.includes(r)));
      byOrigin.set(origin, proposal);
    }
    return [...byOrigin.values()].map((d, i) => ({ ...d, ref: `d${i + 1}` }));
  }

  /** One proposal per entity mentioned: linked, with its alternatives, or new. */
  private entities(): EntityProposal[] {
    const byKey = new Map<string, EntityProposal>();
    for (const m of this.mentions) {
      const found = byKey.get(m.entity.key);
      const mention = { span: this.span(m.start, m.end), text: m.text };
      if (found) {
        found.mentions.push(mention);
        for (const alt of m.alternatives) if (!found.alternatives.includes(alt.key)) found.alternatives.push(alt.key);
        continue;
      }
      const rule = m.existing
        ? m.via === 'demonym'
          ? `demonym of "${m.entity.name}"`
          : m.via === 'government'
            ? `"${m.text}": the state's government`
            : `name or alias "${m.text}"`
        : `${m.via} named by compromise`;
      byKey.set(m.entity.key, {
        kind: 'ENTITY',
        ref: '',
        entity: m.entity.key,
        existing: m.existing,
        name: m.entity.name,
        entityKind: m.entity.kind,
        alternatives: m.alternatives.map((a) => a.key),
        mentions: [mention],
        cue: this.cue(rule, m.start, m.end),
        confidence: !m.existing ? 0.5 : m.alternatives.length ? 0.6 : m.via === 'name' ? 0.95 : 0.75,
      });
    }
    for (const [key, p] of this.newAgents) if (!byKey.has(key)) byKey.set(key, p);
    return [...byKey.values()].map((p, i) => ({ ...p, ref: `e${i + 1}` }));
  }
}

const sentenceCase = (words: string) => {
  const trimmed = words.trim().replace(/^[“"«]|[”"»]$/g, '');
  const first = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
};
