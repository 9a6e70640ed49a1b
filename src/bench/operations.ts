import { formatPrismaCursor } from '@pothos/plugin-prisma';
import { CLAIM_TALLIES } from '../analysis/claim-summary';
import { SEARCH_ORDER, SEARCH_TYPES, searchStatement } from '../analysis/search';
import { scorecardsStatement } from '../analysis/source-scorecard';
import { safeHeadline } from '../compiled/search';
import { Prisma } from '../generated/prisma/client';
import { SHOWN_COLUMN_NAMES } from '../read/shown-columns';

// The benchmark's operations: each a GraphQL query for the service and, beside it, the hand-written
// SQL for the raw-SQL baseline: one statement that computes the same answer as the service and returns
// it as the response's `data`, so that the ratio compares like with like
// (test/bench/baseline-answers.test.ts checks that the two answers are equal).

export type Operation = {
  name: string;
  /** The least service / baseline throughput the operation should reach: 0.5 for the nested query, 0.7 for flat ones. */
  ratioGoal: number;
  graphql: string;
  variables: Record<string, unknown>;
  /** One statement whose single row's `data` column is the service's `data` for the same query. */
  sql: string;
  params: unknown[];
  /**
   * The same question to PostGraphile's generated schema over the same tables, its fields aliased to
   * the service's names so that its `data` is the service's; or why that schema cannot ask it.
   */
  postgraphile: { graphql: string } | { cannot: string };
  /**
   * Set for a figure over the whole knowledge base, whose work grows with it by design: the p99 across
   * scales holds it to growing no faster than the claims, not to the flat growth asked of the others.
   */
  wholeTable?: true;
};

/** The page of sources the dashboard's Sources page loads first. */
const SOURCES_PAGE = 50;

/**
 * A Relay connection's `edges` as JSON, in SQL: `node` is a JSON expression over the rows of `from`
 * (a FROM clause, with its own WHERE and LIMIT), aggregated in `order`.
 */
const edges = (node: string, order: string, from: string) =>
  `json_build_object('edges', (SELECT coalesce(json_agg(json_build_object('node', ${node}) ORDER BY ${order}), '[]') FROM ${from}))`;

/** The entities' selection in the nested query, with `claims` (a number or a variable) claims each. */
const nested = (claims: string) => `edges { node { key name claimsAbout(first: ${claims}) { edges { node { key statement
        attributions(first: 5) { edges { node { quotation source { key title } } } } } } } } }`;

/**
 * The nested query for the ten entities after entity `after`, with their first `claims` claims: a
 * request body that no earlier one of a run repeats while the pair does not, for measuring what a
 * response cache costs when it misses.
 */
export const nestedAfter = (after: number, claims: number) =>
  JSON.stringify({
    query: `query($after: String, $claims: Int!) { entities(first: 10, after: $after) { ${nested('$claims')} } }`,
    variables: { after: formatPrismaCursor({ id: after }, 'id'), claims },
  });

export function operations(probe: {
  chainHead: string;
  probeClaim: string;
  pair: [string, string];
  searchTerms: string;
}): Operation[] {
  const search = searchStatement(probe.searchTerms, SEARCH_TYPES, { limit: 11, offset: 0 }, SHOWN_COLUMN_NAMES);
  const scorecards = scorecardsStatement(Prisma.sql`ARRAY(SELECT id FROM page)`);
  return [
    {
      name: 'nested entity -> claims -> attributions -> source',
      ratioGoal: 0.5,
      graphql: `{ entities(first: 10) { ${nested('10')} } }`,
      variables: {},
      sql: `SELECT json_build_object('entities', ${edges(
        `json_build_object('key', e.key, 'name', e.name, 'claimsAbout', ${edges(
          `json_build_object('key', c.key, 'statement', c.statement, 'attributions', ${edges(
            `json_build_object('quotation', a.quotation, 'source', json_build_object('key', s.key, 'title', s.title))`,
            'a.id',
            `(SELECT id, quotation, source_id FROM standing_attribution WHERE claim_id = c.id ORDER BY id LIMIT 5) a
               JOIN source s ON s.id = a.source_id`,
          )})`,
          'c.id',
          '(SELECT id, key, statement FROM claim WHERE subject_id = e.id ORDER BY id LIMIT 10) c',
        )})`,
        'e.id',
        '(SELECT id, key, name FROM entity WHERE merged_into_id IS NULL ORDER BY id LIMIT 10) e',
      )}) AS data`,
      params: [],
      postgraphile: {
        graphql: `{ entities: allEntities(first: 10, orderBy: PRIMARY_KEY_ASC, condition: { mergedIntoId: null }) { edges { node {
          key name claimsAbout: claimsBySubjectId(first: 10, orderBy: PRIMARY_KEY_ASC) { edges { node {
            key statement attributions: attributionsByClaimId(first: 5, orderBy: PRIMARY_KEY_ASC) { edges { node {
              quotation source: sourceBySourceId { key title } } } } } } } } } } }`,
      },
    },
    {
      name: 'provenance chain (11 hops)',
      ratioGoal: 0.7,
      graphql: `query($key: String!) { claim(key: $key) { provenance(depth: 12) { ... on ClaimProvenance {
        derivations { hops kind derived { key } origin { key } } primarySources { key } } } } }`,
      variables: { key: probe.chainHead },
      // The claim's statements walked breadth first from the latest (those no other repeats, in id order;
      // then any only a cycle leaves unreached), each once at its fewest hops: `trail` is the walk's first
      // path to a statement (its start's rank, then the derivation ids), so steps come in the order the
      // walk takes them. Primary sources: those of the statements reached that repeat none, and the sources
      // repeated whole.
      sql: `WITH RECURSIVE claim_ AS (SELECT id FROM claim WHERE key = $1),
        att AS (SELECT id, source_id FROM standing_attribution WHERE claim_id = (SELECT id FROM claim_)),
        steps AS (SELECT id, attribution_id AS derived, origin_attribution_id AS origin, origin_source_id AS origin_source, kind
                    FROM standing_statement_derivation WHERE claim_id = (SELECT id FROM claim_)),
        latest AS (SELECT id FROM att WHERE id NOT IN (SELECT origin FROM steps WHERE origin IS NOT NULL)),
        ever (node) AS (SELECT id FROM latest UNION SELECT s.origin FROM ever e JOIN steps s ON s.derived = e.node WHERE s.origin IS NOT NULL),
        starts AS (SELECT id, row_number() OVER (ORDER BY id NOT IN (SELECT id FROM latest), id) AS rank FROM att
                    WHERE id IN (SELECT id FROM latest) OR id NOT IN (SELECT node FROM ever)),
        walk (node, depth, trail) AS (
          SELECT id, 0, ARRAY[rank] FROM starts
          UNION ALL
          SELECT s.origin, w.depth + 1, w.trail || s.id::bigint FROM walk w JOIN steps s ON s.derived = w.node
           WHERE s.origin IS NOT NULL AND w.depth < 12
        ) CYCLE node SET is_cycle USING path,
        reach AS (SELECT DISTINCT ON (node) node, depth, trail FROM walk ORDER BY node, depth, trail),
        taken AS (SELECT s.*, r.depth + 1 AS hops, r.trail FROM reach r JOIN steps s ON s.derived = r.node WHERE r.depth < 12)
        SELECT json_build_object('claim', json_build_object('provenance', json_build_object(
          'derivations', (SELECT coalesce(json_agg(json_build_object('hops', t.hops, 'kind', t.kind,
                            'derived', json_build_object('key', s1.key), 'origin', json_build_object('key', s2.key)) ORDER BY t.hops, t.trail, t.id), '[]')
                            FROM taken t JOIN att a1 ON a1.id = t.derived JOIN source s1 ON s1.id = a1.source_id
                            LEFT JOIN att a2 ON a2.id = t.origin JOIN source s2 ON s2.id = coalesce(a2.source_id, t.origin_source)),
          'primarySources', (SELECT coalesce(json_agg(json_build_object('key', s.key) ORDER BY s.id), '[]') FROM source s WHERE s.id IN (
                               SELECT a.source_id FROM reach r JOIN att a ON a.id = r.node WHERE NOT EXISTS (SELECT 1 FROM steps WHERE derived = r.node)
                               UNION SELECT origin_source FROM taken))))) AS data`,
      params: [probe.chainHead],
      postgraphile: {
        cannot:
          'a walk of statement derivations to a depth, each step once at its fewest hops, and the primary sources it reaches: the generated schema follows foreign keys to a depth fixed by the query, with no recursion; only a SQL function added to the database would do it',
      },
    },
    {
      name: 'corroboration',
      ratioGoal: 0.7,
      graphql:
        'query($key: String!) { claim(key: $key) { corroboration { independentOrigins documents suggestedCredibility } } }',
      variables: { key: probe.probeClaim },
      // Each statement of a stance is walked back along its derivations (to 50 steps) to its origins: the
      // statements that repeat none, and the sources repeated whole. A statement origin stands for its
      // agent and the body it spoke for, a source origin for its publisher, its author and the agents of
      // the statements that repeat it. Origins whose agents, and the bodies they act for or are part of
      // (relations in force at the origin's time, unless independent), meet are one: the connected
      // components of that. UN records that fully support (contradict) the claim are origins of
      // reliability A. Documents are the sources of the supporting statements reached and the sources
      // repeated whole. The grade is suggestCredibility's (src/provenance/credibility.ts).
      sql: `WITH RECURSIVE claim_ AS (SELECT id, modality FROM claim WHERE key = $1),
        att AS (SELECT a.id, a.agent_id, a.on_behalf_of_id, a.source_id, a.stance, (coalesce(a.stated_at, s.published_at) AT TIME ZONE 'UTC')::date AS day
                  FROM standing_attribution a JOIN source s ON s.id = a.source_id WHERE a.claim_id = (SELECT id FROM claim_)),
        steps AS (SELECT attribution_id AS derived, origin_attribution_id AS origin, origin_source_id AS origin_source
                    FROM standing_statement_derivation WHERE claim_id = (SELECT id FROM claim_)),
        walk (start, node, depth) AS (
          SELECT id, id, 0 FROM att WHERE stance IN ('SUPPORTS', 'REFUTES')
          UNION ALL
          SELECT w.start, s.origin, w.depth + 1 FROM walk w JOIN steps s ON s.derived = w.node WHERE s.origin IS NOT NULL AND w.depth < 50
        ) CYCLE node SET is_cycle USING path,
        reach AS (SELECT w.start, a.stance, w.node, min(w.depth) AS depth FROM walk w JOIN att a ON a.id = w.start GROUP BY w.start, a.stance, w.node),
        repeats AS (SELECT r.stance, r.node, s.origin_source FROM reach r JOIN steps s ON s.derived = r.node WHERE s.origin_source IS NOT NULL AND r.depth < 50),
        origin_ (stance, origin, day, reliability, repeated) AS (
          SELECT DISTINCT r.stance, 'a' || a.id, a.day, src.reliability, NULL::int FROM reach r JOIN att a ON a.id = r.node JOIN source src ON src.id = a.source_id
           WHERE NOT EXISTS (SELECT 1 FROM steps WHERE derived = r.node)
          UNION
          SELECT p.stance, 's' || src.id, (src.published_at AT TIME ZONE 'UTC')::date, src.reliability, src.id FROM repeats p JOIN source src ON src.id = p.origin_source
        ),
        agents (stance, origin, entity) AS (
          SELECT o.stance, o.origin, x.id FROM origin_ o JOIN att a ON 'a' || a.id = o.origin, LATERAL (VALUES (a.agent_id), (a.on_behalf_of_id)) x(id) WHERE x.id IS NOT NULL
          UNION
          SELECT o.stance, o.origin, x.id FROM origin_ o JOIN source s ON s.id = o.repeated, LATERAL (VALUES (s.publisher_id), (s.author_id)) x(id) WHERE x.id IS NOT NULL
          UNION
          SELECT p.stance, 's' || p.origin_source, x.id FROM repeats p JOIN att a ON a.id = p.node, LATERAL (VALUES (a.agent_id), (a.on_behalf_of_id)) x(id) WHERE x.id IS NOT NULL
        ),
        bodies (stance, origin, entity) AS (
          SELECT stance, origin, entity FROM agents
          UNION
          SELECT b.stance, b.origin, r.organisation_id FROM bodies b JOIN origin_ o ON o.stance = b.stance AND o.origin = b.origin
            JOIN entity_role r ON r.holder_id = b.entity
           WHERE NOT r.independent AND (o.day IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= o.day) AND (r.valid_to IS NULL OR o.day <= r.valid_to)))
        ),
        links AS (SELECT DISTINCT b1.stance, b1.origin AS a, b2.origin AS b FROM bodies b1 JOIN bodies b2 ON b2.stance = b1.stance AND b2.entity = b1.entity),
        joined (stance, origin, member) AS (
          SELECT stance, a, b FROM links
          UNION
          SELECT j.stance, j.origin, l.b FROM joined j JOIN links l ON l.stance = j.stance AND l.a = j.member
        ),
        independent AS (
          SELECT g.stance, min(CASE o.reliability WHEN 'A' THEN 2 WHEN 'B' THEN 2 WHEN 'C' THEN 3 WHEN 'D' THEN 4 WHEN 'E' THEN 5 ELSE 6 END) AS best,
                 bool_or(o.reliability IN ('A', 'B', 'C')) AS fair
            FROM (SELECT stance, origin, min(member) AS label FROM joined GROUP BY stance, origin) g
            JOIN origin_ o ON o.stance = g.stance AND o.origin = g.origin GROUP BY g.stance, g.label
          UNION ALL
          SELECT CASE support WHEN 'SUPPORTS' THEN 'SUPPORTS'::"Stance" ELSE 'REFUTES'::"Stance" END, 2, true
            FROM claim_unsc_record WHERE claim_id = (SELECT id FROM claim_) AND support IN ('SUPPORTS', 'CONTRADICTS')
        ),
        tally AS (
          SELECT count(*) FILTER (WHERE stance = 'SUPPORTS') AS supporting,
                 count(*) FILTER (WHERE stance = 'REFUTES') AS contradicting,
                 count(*) FILTER (WHERE stance = 'SUPPORTS' AND fair) AS fair,
                 min(best) FILTER (WHERE stance = 'SUPPORTS') AS best
            FROM independent
        )
        SELECT json_build_object('claim', json_build_object('corroboration', json_build_object(
          'independentOrigins', t.supporting,
          'documents', (SELECT count(*) FROM (SELECT a.source_id FROM reach r JOIN att a ON a.id = r.node WHERE r.stance = 'SUPPORTS'
                                               UNION SELECT origin_source FROM repeats WHERE stance = 'SUPPORTS') d),
          'suggestedCredibility', CASE WHEN t.supporting = 0 THEN 6
            WHEN t.contradicting >= t.supporting THEN greatest(g.hedged, 4) ELSE g.hedged END))) AS data
          FROM tally t, claim_ c,
          LATERAL (SELECT CASE WHEN t.fair >= 2 THEN 1 WHEN t.supporting >= 2 THEN least(t.best, 3) ELSE t.best END AS grade) b,
          LATERAL (SELECT CASE WHEN c.modality = 'HEDGED' THEN greatest(b.grade, 3) ELSE b.grade END AS hedged) g`,
      params: [probe.probeClaim],
      postgraphile: {
        cannot:
          'the same recursive walk, then the origin rules, the independence of origins over organisational relations and the credibility grade: counts and rules over derived rows that the generated schema has no field for',
      },
    },
    {
      name: 'full-text search',
      ratioGoal: 0.7,
      graphql: `query($q: String!) { search(query: $q, first: 10) { ... on SearchConnection { totalCount edges { score headline
        node { __typename ... on Claim { key } ... on Attribution { quotation } ... on Source { key } ... on Entity { key } ... on UnscDraft { key } } } } } }`,
      variables: { q: probe.searchTerms },
      // The service's own statement, its rows shaped as the service's answer: its ranking (forms of
      // words, names, weights, partial matches) is the work to compare, and a copy would only drift.
      sql: `WITH page AS (${search.text})
        SELECT json_build_object('search', json_build_object(
          'totalCount', (SELECT max(__total) FROM page),
          'edges', (SELECT coalesce(json_agg(json_build_object('score', p.score, 'headline', ${safeHeadline('p.headline')},
              'node', CASE p.type WHEN 'Attribution' THEN json_build_object('__typename', p.type, 'quotation', p.shown ->> 'quotation')
                ELSE json_build_object('__typename', p.type, 'key', p.shown ->> 'key') END) ORDER BY ${SEARCH_ORDER.text}), '[]')
            FROM (SELECT * FROM page WHERE score IS NOT NULL ORDER BY ${SEARCH_ORDER.text} LIMIT 10) p))) AS data`,
      params: search.values,
      postgraphile: {
        cannot:
          'ranking (ts_rank_cd) and headlines (ts_headline) over five kinds of record: the amber preset has no full-text search, only equality conditions',
      },
    },
    // The dashboard's figures (web/: the Overview's claimSummary, the Sources page's scorecards). As for
    // search, the baseline runs the service's own statement (src/analysis) and shapes its rows as the
    // service's answer: the work is counting the stored origin counts (src/provenance/stored-origin-counts.ts),
    // checked against per-claim corroboration by test/analysis/figures.test.ts, and a copy would only drift.
    {
      name: 'claim summary (whole-table aggregate)',
      ratioGoal: 0.7,
      wholeTable: true,
      graphql: `{ claimSummary { claims noOrigin oneOrigin severalOrigins oneOriginShare
        byModalityAndRank { modality rank claims } } }`,
      variables: {},
      sql: `WITH tallies AS (${CLAIM_TALLIES.text})
        SELECT json_build_object('claimSummary', json_build_object(
          'claims', coalesce(sum(claims), 0), 'noOrigin', coalesce(sum("noOrigin"), 0), 'oneOrigin', coalesce(sum("oneOrigin"), 0),
          'severalOrigins', coalesce(sum(claims - "noOrigin" - "oneOrigin"), 0),
          'oneOriginShare', sum("oneOrigin")::float8 / nullif(sum(claims), 0),
          'byModalityAndRank', coalesce(json_agg(json_build_object('modality', modality, 'rank', rank, 'claims', claims)
            ORDER BY modality::"Modality", rank::"Rank"), '[]'))) AS data
          FROM tallies`,
      params: CLAIM_TALLIES.values,
      postgraphile: {
        cannot:
          "claims counted by their independent supporting origins: the generated schema counts a connection's rows (`totalCount`, which could count the claims of each modality and rank) but has no field for origins, which are corroboration's recursive walk and independence rules",
      },
    },
    {
      name: `source scorecards (page of ${SOURCES_PAGE})`,
      ratioGoal: 0.7,
      graphql: `{ sources(first: ${SOURCES_PAGE}) { edges { node { key title
        scorecard { statements claims supporting contradicting soleOrigin } } } } }`,
      variables: {},
      sql: `WITH page AS (SELECT id, key, title FROM source ORDER BY id LIMIT ${SOURCES_PAGE}),
        cards AS (${scorecards.text})
        SELECT json_build_object('sources', ${edges(
          `json_build_object('key', p.key, 'title', p.title, 'scorecard', json_build_object('statements', c.statements,
            'claims', c.claims, 'supporting', c.supporting, 'contradicting', c.contradicting, 'soleOrigin', c."soleOrigin"))`,
          'p.id',
          'page p JOIN cards c ON c."sourceId" = p.id',
        )}) AS data`,
      params: scorecards.values,
      postgraphile: {
        cannot:
          "the distinct claims a source's statements are about and the claims resting on it alone: the generated schema counts a connection's rows (`totalCount`, which could count a source's statements of each stance) but has no distinct count and no field for origins",
      },
    },
    {
      name: 'UNSC alignment',
      ratioGoal: 0.7,
      graphql:
        'query($a: String!, $b: String!) { unscAlignment(a: $a, b: $b) { ... on UnscAlignment { decisions identical agreement } } }',
      variables: { a: probe.pair[0], b: probe.pair[1] },
      sql: `SELECT json_build_object('unscAlignment', json_build_object('decisions', count(*), 'identical', count(*) FILTER (WHERE va.vote = vb.vote),
                'agreement', (count(*) FILTER (WHERE va.vote = vb.vote))::float8 / nullif(count(*), 0))) AS data
              FROM unsc_vote va JOIN unsc_vote vb ON vb.draft_id = va.draft_id
             WHERE va.member_id = (SELECT id FROM entity WHERE key = $1) AND vb.member_id = (SELECT id FROM entity WHERE key = $2)`,
      params: [probe.pair[0], probe.pair[1]],
      postgraphile: {
        cannot:
          "counts over a join of two members' votes on the same drafts: the amber preset has no aggregates and no join between two rows of one table",
      },
    },
  ];
}
