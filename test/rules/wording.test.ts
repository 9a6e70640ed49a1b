import { insideQuotationMarks, toldWording, wordingProblem } from '../../src/rules/wording';

// The same cases the statement-provenance migration's copy of the rule is tested on (test/db/migrate.test.ts).
const text = 'The minister called it “a lawful exchange” on Friday.\nOfficials said "routine" twice.';
const points = Array.from(text);
const span = (q: string): [number, number] => [text.indexOf(q), text.indexOf(q) + q.length];

test.each([
  ['a lawful exchange', true],
  ['“a lawful exchange”', true],
  ['The minister called it', false],
  ['on Friday', false],
  ['routine', true],
  ['said "routine', false],
  ['Officials said', false],
])('"%s" inside quotation marks: %s', (quotation, inside) => {
  expect(insideQuotationMarks(points, ...span(quotation))).toBe(inside);
});

test('an apostrophe is not a quotation mark, and marks do not reach across paragraphs', () => {
  const other = Array.from('“The deployment\nis Russia’s” own, they said');
  expect(insideQuotationMarks(other, 16, 22)).toBe(false);
  expect(insideQuotationMarks(Array.from('Russia’s campaign ’stalled’ here'), 19, 26)).toBe(false);
});

test('a wording is told from the text, and a given one must fit it', () => {
  expect(toldWording(points, span('routine'), false)).toBe('OWN_WORDS');
  expect(toldWording(points, span('on Friday'), false)).toBe('REPORTED');
  expect(toldWording(points, span('on Friday'), true)).toBe('OWN_WORDS');
  expect(toldWording(null, undefined, false)).toBe('UNKNOWN');
  expect(wordingProblem('OWN_WORDS', 'source:r', points, span('on Friday'), false)).toMatch(
    /not inside quotation marks/,
  );
  expect(wordingProblem('OWN_WORDS', 'source:r', points, span('on Friday'), true)).toBeNull();
  expect(wordingProblem('UNKNOWN', 'source:r', points, span('on Friday'), false)).toMatch(/is held/);
  expect(wordingProblem('OWN_WORDS', 'source:r', null, undefined, false)).toMatch(/is not held/);
  expect(wordingProblem('REPORTED', 'source:r', points, span('routine'), false)).toBeNull();
});
