import { DEFAULT_DERIVATION_DEPTH, MAX_DERIVATION_DEPTH } from '../provenance/derivation-graph';
import { type Asked, type Compiler, collect, Json, NotCovered, Refused, subset } from './compile';
import { resultObject } from './result-union';

/**
 * The walk of loadClaimProvenance (src/provenance/claim-provenance.ts) over the statements of the claim
 * `claim` (SQL for its id), to `depth` steps, as CTEs: `nodes` are the statements reached (`hop`, and
 * `pos`, their place in the breadth-first order the walk meets them), `taken` the derivations walked
 * (`hops`) in that order. It starts from the statements no other repeats, in id order, then those only
 * a cycle leaves unreached; each level is the origins of the last one's derivations not met before, in
 * the order of their statement's place and then the derivation's id, as the walk appends them.
 */
const walk = (
  claim: string,
  depth: string,
) => `att AS (SELECT id, source_id FROM standing_attribution WHERE claim_id = ${claim}),
  steps AS (SELECT id, attribution_id AS derived, origin_attribution_id AS origin, origin_source_id AS origin_source, kind, note
              FROM standing_statement_derivation WHERE claim_id = ${claim}),
  latest AS (SELECT id FROM att WHERE id NOT IN (SELECT origin FROM steps WHERE origin IS NOT NULL)),
  ever (node) AS (SELECT id FROM latest UNION SELECT s.origin FROM ever e JOIN steps s ON s.derived = e.node WHERE s.origin IS NOT NULL),
  starts AS (SELECT id, row_number() OVER (ORDER BY id NOT IN (SELECT id FROM latest), id) AS rank FROM att
              WHERE id IN (SELECT id FROM latest) OR id NOT IN (SELECT node FROM ever)),
  levels (hop, frontier, seen) AS (
    SELECT 0, array_agg(id ORDER BY rank), array_agg(id) FROM starts
    UNION ALL
    SELECT l.hop + 1, n.next, l.seen || n.next FROM levels l CROSS JOIN LATERAL (
      SELECT array_agg(o.origin ORDER BY o.pos, o.id) AS next FROM (
        SELECT DISTINCT ON (s.origin) s.origin, f.pos, s.id FROM unnest(l.frontier) WITH ORDINALITY f (node, pos)
          JOIN steps s ON s.derived = f.node
         WHERE s.origin IS NOT NULL AND s.origin <> ALL (l.seen) ORDER BY s.origin, f.pos, s.id) o) n
     WHERE l.hop < ${depth} AND n.next IS NOT NULL
  ),
  nodes AS (SELECT f.node, l.hop, f.pos FROM levels l CROSS JOIN LATERAL unnest(l.frontier) WITH ORDINALITY f (node, pos)),
  taken AS (SELECT s.*, n.hop + 1 AS hops, n.hop AS at, n.pos FROM nodes n JOIN steps s ON s.derived = n.node WHERE n.hop < ${depth})`;

/**
 * `claim.provenance(depth:)` for the claim in the row `row`: the walk's statements and derivations,
 * and the sources of its origins and of the statements it stopped at, in one scalar subquery. A depth
 * the resolvers refuse is theirs to answer (their InputValidationError). The PROV-JSON rendering and
 * the document-level derivations are left to the resolvers.
 */
export function claimProvenance(compiler: Compiler, asked: Asked, row: string): Json {
  const { field } = asked;
  compiler.only(field, ['depth']);
  const readDepth = compiler.argument(field, 'depth');
  const depth = compiler.param((variables) => {
    const value = readDepth(variables) ?? DEFAULT_DERIVATION_DEPTH;
    if (!Number.isSafeInteger(value) || (value as number) < 1 || (value as number) > MAX_DERIVATION_DEPTH)
      throw new Refused();
    return value;
  }, 'int');
  const one = (type: 'Source' | 'Attribution', table: string, id: string) => (part: Asked) => {
    compiler.only(part.field, []);
    const r = compiler.alias('r');
    return compiler.one(compiler.node(subset(part), type, r), `${table} ${r} WHERE ${r}.id = ${id}`);
  };
  const sources = (part: Asked, ids: string) => {
    compiler.only(part.field, []);
    const r = compiler.alias('r');
    return compiler.list(compiler.node(subset(part), 'Source', r), `${r}.id`, `source ${r} WHERE ${r}.id IN (${ids})`);
  };
  const step = (part: Asked, t: string) =>
    compiler.object(collect(subset(part), 'StatementStep', compiler.fragments), (s) => {
      switch (s.field.name.value) {
        case '__typename':
          return `'StatementStep'`;
        case 'statement':
          return one('Attribution', 'attribution', `${t}.derived`)(s);
        case 'originStatement':
          return one('Attribution', 'attribution', `${t}.origin`)(s);
        case 'derived':
          return one('Source', 'source', `(SELECT source_id FROM att WHERE id = ${t}.derived)`)(s);
        case 'origin':
          return one(
            'Source',
            'source',
            `coalesce((SELECT source_id FROM att WHERE id = ${t}.origin), ${t}.origin_source)`,
          )(s);
        case 'kind':
          return `${t}.kind`;
        case 'note':
          return `${t}.note`;
        case 'hops':
          return `${t}.hops`;
        default:
          throw new NotCovered(`StatementStep.${s.field.name.value}`);
      }
    });
  const depthValue = compiler.alias('d');
  const answer = resultObject(compiler, asked, 'ClaimProvenanceResult', 'ClaimProvenance', (part) => {
    const t = compiler.alias('t');
    switch (part.field.name.value) {
      case 'depth':
        return `${depthValue}.depth`;
      case 'attributions': {
        compiler.only(part.field, []);
        const r = compiler.alias('r');
        return compiler.list(
          compiler.node(subset(part), 'Attribution', r),
          `${r}.id`,
          `attribution ${r} WHERE ${r}.id IN (SELECT id FROM att)`,
        );
      }
      case 'derivations':
        compiler.only(part.field, []);
        return compiler.list(step(part, t), `${t}.at, ${t}.pos, ${t}.id`, `taken ${t}`);
      case 'primarySources':
        return sources(
          part,
          `SELECT a.source_id FROM nodes n JOIN att a ON a.id = n.node WHERE NOT EXISTS (SELECT 1 FROM steps WHERE derived = n.node)
           UNION SELECT origin_source FROM taken WHERE origin IS NULL`,
        );
      case 'truncated':
        return sources(
          part,
          `SELECT a.source_id FROM nodes n JOIN att a ON a.id = n.node
            WHERE n.hop = ${depthValue}.depth AND EXISTS (SELECT 1 FROM steps WHERE derived = n.node)`,
        );
      default:
        throw new NotCovered(`ClaimProvenance.${part.field.name.value}`);
    }
  });
  return Json.of(`(WITH RECURSIVE ${depthValue} AS (SELECT ${depth} AS depth), ${walk(`${row}.id`, `(SELECT depth FROM ${depthValue})`)}
    SELECT ${answer.sql} FROM ${depthValue})`);
}
