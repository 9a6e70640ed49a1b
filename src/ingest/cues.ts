// The cue lists the proposer's rules read. They are English news-writing conventions, kept apart
// from the rules so that a list can grow without touching the logic.

/** Verbs (by lemma) that report what an agent said, wrote or holds. */
export const SPEECH_VERBS = new Set(
  (
    'say tell state announce disclose report confirm deny warn claim note add argue insist hint suggest indicate ' +
    'describe emphasize emphasise stress fear believe estimate assess allege acknowledge admit assert declare ' +
    'explain reveal write tweet post testify predict caution accuse contend maintain conclude concede reiterate ' +
    'affirm mention speculate worry expect think suspect charge complain vow pledge promise question dispute ' +
    'reject dismiss call label brief recount recall observe remark'
  ).split(' '),
);

/** Reported-speech verbs whose content is uncertain by the verb itself ("officials fear that ..."). */
export const HEDGING_VERBS = new Set(
  'fear warn hint suggest speculate suspect worry believe think expect predict caution estimate'.split(' '),
);

/** Reported-speech verbs (by lemma) that deny what they introduce ("rejected claims that ..."). */
export const DENIAL_VERBS = new Set(['deny', 'reject', 'dismiss', 'refute', 'rebut', 'disavow']);

/** Words that make a statement a possibility rather than an assertion. */
export const HEDGES = new Set(
  (
    'may might could possibly perhaps potentially potential possible possibility likely unlikely probably ' +
    'reportedly allegedly apparently seemingly risk risks if whether purportedly presumably'
  ).split(' '),
);
/** Multi-word hedges, matched on lower-case text. */
export const HEDGE_PHRASES = [
  /\b(?:appears?|appeared|seems?|seemed) to\b/,
  /\b(?:is|are|was|were) (?:believed|thought|expected|said|understood) to\b/,
];

/** "Has not confirmed": the agent neither confirms nor denies. Matched on lower-case text. */
export const NOT_CONFIRMED = [
  /\b(?:not|n't|never|neither|yet to|refrain(?:ed|s)? from|declin(?:ed|es|e) to|refus(?:ed|es|e) to|sidestep(?:ped|s)?|avoid(?:ed|s)?|stopp?(?:ed)? short of|unable to|fail(?:ed|s)? to|without)(?: \w+ly)? (?:confirm|acknowledg|verif|comment|admit|recogni[sz])\w*/,
  /\bunconfirmed\b/,
  /\bno (?:official )?(?:confirmation|acknowledg(?:e)?ment)\b/,
];

/** "Denied": the agent says it is not so. Matched on lower-case text. */
export const DENIED = [
  /\bden(?:y|ies|ied|ying|ial)\b/,
  /\b(?:reject|dismiss|refut)(?:ed|es|s|ing)?\b.*\b(?:claims?|reports?|allegations?|accusations?|as (?:false|baseless|groundless|fabricated|untrue|nonsense))\b/,
  /\bcalled (?:the |these |such )?(?:reports?|claims?|allegations?|it) (?:false|baseless|groundless|fabricated|untrue)\b/,
];

/** Nouns for what a statement comes from; the kind of source each suggests. */
export const SOURCE_NOUNS: Record<
  string,
  'PRESS_BRIEFING' | 'INTELLIGENCE_BRIEFING' | 'GOVERNMENT_STATEMENT' | 'WIRE_REPORT' | 'OTHER'
> = {
  briefing: 'PRESS_BRIEFING',
  briefings: 'PRESS_BRIEFING',
  statement: 'GOVERNMENT_STATEMENT',
  statements: 'GOVERNMENT_STATEMENT',
  report: 'WIRE_REPORT',
  reports: 'WIRE_REPORT',
  reporting: 'WIRE_REPORT',
  assessment: 'INTELLIGENCE_BRIEFING',
  assessments: 'INTELLIGENCE_BRIEFING',
  intelligence: 'INTELLIGENCE_BRIEFING',
  documents: 'OTHER',
  document: 'OTHER',
  data: 'OTHER',
  sources: 'OTHER',
  officials: 'GOVERNMENT_STATEMENT',
  estimate: 'OTHER',
  estimates: 'OTHER',
  analysis: 'OTHER',
  survey: 'OTHER',
  study: 'OTHER',
};

/** Nouns naming a state's government as a whole ("the South Korean government" is the state). */
export const GOVERNMENT_NOUNS = new Set(['government', 'authorities', 'administration', 'regime', 'cabinet']);

/** Words before a name that say what a person is, not who (stripped from new people's names). */
export const TITLES = new Set(
  (
    'president vice prime minister foreign defence defense secretary spokesman spokeswoman spokesperson ' +
    'mr mrs ms dr prof gen maj lt col capt adm sgt general major lieutenant colonel captain admiral ' +
    'sen senator rep representative gov governor ambassador envoy chief director king queen prince ' +
    'chancellor premier mayor judge justice pope sheikh former acting deputy press'
  ).split(' '),
);

/** Role nouns that make a person speak for an organisation ("a spokesman for X", "X's press secretary"). */
export const ROLE_NOUNS = new Set(
  (
    'spokesman spokeswoman spokesperson secretary minister official officials ambassador envoy director chief ' +
    'head president adviser advisor representative commander aide staff'
  ).split(' '),
);

/** Approximation words before a number, and the bound they set. */
export const APPROXIMATIONS: Record<string, 'approximate' | 'lower' | 'upper'> = {
  approximately: 'approximate',
  about: 'approximate',
  around: 'approximate',
  roughly: 'approximate',
  nearly: 'approximate',
  almost: 'approximate',
  some: 'approximate',
  estimated: 'approximate',
  'an estimated': 'approximate',
  'as many as': 'upper',
  'up to': 'upper',
  'fewer than': 'upper',
  'less than': 'upper',
  'more than': 'lower',
  over: 'lower',
  'at least': 'lower',
};

/** Multipliers written as words after a number ("1.5 million"). */
export const MULTIPLIERS: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

/** Sentence openings that list a report's sources rather than state anything. */
export const SOURCE_LIST =
  /^(?:sources?|references?)(?: for (?:this|the) (?:article|report|story))?(?: (?:include|includes|are|were))?\s*:|^(?:this|the) (?:article|report|story) (?:is based on|draws on|includes reporting from|was compiled from)\b/i;

/** Sentence-initial connectives that are not part of the statement. */
export const CONNECTIVES = new Set(
  'meanwhile however but and still instead also moreover furthermore separately yet so thus nonetheless nevertheless'.split(
    ' ',
  ),
);

/** Last words that make a name an organisation ("World Health Organization", "Swiss National Bank"). */
export const ORGANISATION_WORDS = new Set(
  (
    'organization organisation ministry agency bank council department office service committee party company ' +
    'corporation group association union institute university fund commission court army navy police government'
  ).split(' '),
);
