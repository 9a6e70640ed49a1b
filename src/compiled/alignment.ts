import { type Asked, type Compiler, type Json, NotCovered, subset } from './compile';
import { resultObject } from './result-union';

/**
 * `unscAlignment(a:, b:)` as alignmentSummary (src/analysis/unsc.ts) counts it: the drafts both members
 * voted on, and those on which they voted alike. The agenda and date filters are left to the resolvers
 * (an unknown agenda is their NotFoundError), as are unknown keys: the statement's check sends those to them.
 */
export function alignment(compiler: Compiler, asked: Asked): Json {
  const { field } = asked;
  compiler.only(field, ['a', 'b']);
  const id = (arg: string) => {
    const read = compiler.argument(field, arg);
    return `(SELECT id FROM entity WHERE key = ${compiler.param(read, 'text')})`;
  };
  const [a, b] = [id('a'), id('b')];
  compiler.checks.push(`${a} IS NOT NULL AND ${b} IS NOT NULL`);
  const counts = compiler.alias('t');
  const member = (key: string) => {
    const row = compiler.alias('r');
    return (one: Asked) =>
      compiler.one(compiler.node(subset(one), 'Entity', row), `entity ${row} WHERE ${row}.id = ${id(key)}`);
  };
  const answer = resultObject(compiler, asked, 'QueryUnscAlignmentResult', 'UnscAlignment', (part) => {
    switch (part.field.name.value) {
      case 'decisions':
        return `${counts}.decisions`;
      case 'identical':
        return `${counts}.identical`;
      case 'agreement':
        return `${counts}.identical::float8 / nullif(${counts}.decisions, 0)`;
      case 'a':
        return member('a')(part);
      case 'b':
        return member('b')(part);
      default:
        throw new NotCovered(`UnscAlignment.${part.field.name.value}`);
    }
  });
  return compiler.one(
    answer,
    `(SELECT count(*)::int AS decisions, count(*) FILTER (WHERE va.vote = vb.vote)::int AS identical
      FROM unsc_vote va JOIN unsc_vote vb ON vb.draft_id = va.draft_id AND vb.member_id = ${b}
     WHERE va.member_id = ${a}) ${counts}`,
  );
}
