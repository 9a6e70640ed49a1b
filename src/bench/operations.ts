import { formatPrismaCursor } from '@pothos/plugin-prisma';

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
};

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
            `(SELECT id, quotation, source_id FROM attribution WHERE claim_id = c.id ORDER BY id LIMIT 5) a
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
      // Each step at its fewest hops, in the order a breadth-first walk from the carrying sources (in
      // the order of their first attribution) meets them: `trail` is the walk's first path to a step.
      sql: `WITH RECURSIVE starts AS (
          SELECT source_id AS id, min(id) AS first FROM attribution WHERE claim_id = (SELECT id FROM claim WHERE key = $1) GROUP BY source_id
        ),
        walk (derived_id, origin_id, kind, depth, trail) AS (
          SELECT d.derived_id, d.origin_id, d.kind, 1, ARRAY[s.first, d.origin_id] FROM starts s JOIN source_derivation d ON d.derived_id = s.id
          UNION ALL
          SELECT d.derived_id, d.origin_id, d.kind, w.depth + 1, w.trail || d.origin_id
            FROM walk w JOIN source_derivation d ON d.derived_id = w.origin_id WHERE w.depth < 12
        ) CYCLE origin_id SET is_cycle USING path,
        steps AS (
          SELECT DISTINCT ON (derived_id, origin_id, kind) derived_id, origin_id, kind, depth, trail
            FROM walk ORDER BY derived_id, origin_id, kind, depth, trail
        )
        SELECT json_build_object('claim', json_build_object('provenance', json_build_object(
          'derivations', (SELECT coalesce(json_agg(json_build_object('hops', w.depth, 'kind', w.kind,
                            'derived', json_build_object('key', s1.key), 'origin', json_build_object('key', s2.key)) ORDER BY w.depth, w.trail, w.kind), '[]')
                            FROM steps w JOIN source s1 ON s1.id = w.derived_id JOIN source s2 ON s2.id = w.origin_id),
          'primarySources', (SELECT coalesce(json_agg(json_build_object('key', s.key) ORDER BY s.id), '[]') FROM source s
                               WHERE s.id IN (SELECT id FROM starts UNION SELECT origin_id FROM steps)
                                 AND NOT EXISTS (SELECT 1 FROM source_derivation d WHERE d.derived_id = s.id))))) AS data`,
      params: [probe.chainHead],
      postgraphile: {
        cannot:
          'a walk of wasDerivedFrom to a depth, each step once at its fewest hops, and the primary sources it reaches: the generated schema follows foreign keys to a depth fixed by the query, with no recursion; only a SQL function added to the database would do it',
      },
    },
    {
      name: 'corroboration',
      ratioGoal: 0.7,
      graphql:
        'query($key: String!) { claim(key: $key) { corroboration { independentOrigins documents suggestedCredibility } } }',
      variables: { key: probe.probeClaim },
      // An attribution's origins are the primary sources behind its source that its agent, or the body
      // the agent spoke for, published or authored; without any, its own source. Documents are the
      // sources on a way from a supporting attribution's source to its origins. UN records are origins
      // of reliability A. The grade is suggestCredibility's (src/provenance/credibility.ts).
      sql: `WITH RECURSIVE claim_ AS (SELECT id, modality FROM claim WHERE key = $1),
        att AS (SELECT id, agent_id, on_behalf_of_id, source_id, stance FROM attribution WHERE claim_id = (SELECT id FROM claim_)),
        walk (att, derived_id, node, depth) AS (
          SELECT id, NULL::int, source_id, 0 FROM att
          UNION ALL
          SELECT w.att, w.node, d.origin_id, w.depth + 1 FROM walk w JOIN source_derivation d ON d.derived_id = w.node WHERE w.depth < 50
        ) CYCLE node SET is_cycle USING path,
        own AS (
          SELECT DISTINCT w.att, w.node FROM walk w JOIN att ON att.id = w.att JOIN source s ON s.id = w.node
           WHERE NOT EXISTS (SELECT 1 FROM source_derivation d WHERE d.derived_id = s.id)
             AND (s.publisher_id IN (att.agent_id, att.on_behalf_of_id) OR s.author_id IN (att.agent_id, att.on_behalf_of_id))
        ),
        origin AS (SELECT DISTINCT att.id AS att, att.stance, coalesce(own.node, att.source_id) AS source_id FROM att LEFT JOIN own ON own.att = att.id),
        toward (att, node) AS (
          SELECT att, source_id FROM origin WHERE stance = 'SUPPORTS'
          UNION
          SELECT t.att, w.derived_id FROM toward t JOIN walk w ON w.att = t.att AND w.node = t.node WHERE w.derived_id IS NOT NULL
        ),
        origins AS (
          SELECT o.stance, s.reliability FROM (SELECT DISTINCT stance, source_id FROM origin) o JOIN source s ON s.id = o.source_id
          UNION ALL
          SELECT stance, 'A' FROM claim_unsc_record WHERE claim_id = (SELECT id FROM claim_)
        ),
        tally AS (
          SELECT count(*) FILTER (WHERE stance = 'SUPPORTS') AS supporting,
                 count(*) FILTER (WHERE stance = 'REFUTES') AS contradicting,
                 count(*) FILTER (WHERE stance = 'SUPPORTS' AND reliability IN ('A', 'B', 'C')) AS fair,
                 min(CASE reliability WHEN 'A' THEN 2 WHEN 'B' THEN 2 WHEN 'C' THEN 3 WHEN 'D' THEN 4 WHEN 'E' THEN 5 ELSE 6 END)
                   FILTER (WHERE stance = 'SUPPORTS') AS best
            FROM origins
        )
        SELECT json_build_object('claim', json_build_object('corroboration', json_build_object(
          'independentOrigins', t.supporting,
          'documents', (SELECT count(DISTINCT node) FROM toward),
          'suggestedCredibility', CASE WHEN t.supporting = 0 THEN 6
            WHEN t.contradicting >= t.supporting THEN greatest(g.hedged, 4) ELSE g.hedged END))) AS data
          FROM tally t, claim_ c,
          LATERAL (SELECT CASE WHEN t.fair >= 2 THEN 1 WHEN t.supporting >= 2 THEN least(t.best, 3) ELSE t.best END AS grade) b,
          LATERAL (SELECT CASE WHEN c.modality = 'HEDGED' THEN greatest(b.grade, 3) ELSE b.grade END AS hedged) g`,
      params: [probe.probeClaim],
      postgraphile: {
        cannot:
          'the same recursive walk, then the origin rules and the credibility grade: counts and rules over derived rows that the generated schema has no field for',
      },
    },
    {
      name: 'full-text search',
      ratioGoal: 0.7,
      graphql: `query($q: String!) { search(query: $q, first: 10) { ... on QuerySearchSuccess { data { totalCount edges { node { score headline
        node { __typename ... on Claim { key } ... on Attribution { quotation } ... on Source { key } ... on Entity { key } } } } } } } }`,
      variables: { q: probe.searchTerms },
      // An entity matches by its name or any alias, at its best score; its headline is a matching alias, else its name.
      sql: `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS en, websearch_to_tsquery('simple', $1) AS simple),
        hits AS (
          SELECT 'Claim' AS type, c.id, ts_rank_cd(c.search_vector, q.en) AS score FROM claim c, q WHERE c.search_vector @@ q.en
          UNION ALL SELECT 'Attribution', a.id, ts_rank_cd(a.search_vector, q.en) FROM attribution a, q WHERE a.search_vector @@ q.en
          UNION ALL SELECT 'Source', s.id, ts_rank_cd(s.search_vector, q.en) FROM source s, q WHERE s.search_vector @@ q.en
          UNION ALL SELECT 'Entity', id, max(score) FROM (
              SELECT e.id, ts_rank_cd(to_tsvector('simple', e.name), q.simple) AS score FROM entity e, q WHERE to_tsvector('simple', e.name) @@ q.simple
              UNION ALL
              SELECT al.entity_id, ts_rank_cd(to_tsvector('simple', al.name), q.simple) FROM entity_alias al, q WHERE to_tsvector('simple', al.name) @@ q.simple
            ) names GROUP BY id),
        page AS (SELECT * FROM hits ORDER BY score DESC, type, id LIMIT 10)
        SELECT json_build_object('search', json_build_object('data', json_build_object('totalCount', (SELECT count(*) FROM hits),
          'edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object('score', p.score, 'headline', CASE p.type
              WHEN 'Claim' THEN ts_headline('english', c.statement, q.en)
              WHEN 'Attribution' THEN ts_headline('english', a.quotation, q.en)
              WHEN 'Source' THEN ts_headline('english', s.title || ' ' || coalesce(s.text, ''), q.en, 'MaxFragments=2, MaxWords=25, MinWords=8')
              ELSE coalesce((SELECT al.name FROM entity_alias al WHERE al.entity_id = e.id AND to_tsvector('simple', al.name) @@ q.simple LIMIT 1), e.name) END,
            'node', CASE p.type
              WHEN 'Claim' THEN json_build_object('__typename', p.type, 'key', c.key)
              WHEN 'Attribution' THEN json_build_object('__typename', p.type, 'quotation', a.quotation)
              WHEN 'Source' THEN json_build_object('__typename', p.type, 'key', s.key)
              ELSE json_build_object('__typename', p.type, 'key', e.key) END)) ORDER BY p.score DESC, p.type, p.id), '[]')
          FROM page p CROSS JOIN q LEFT JOIN claim c ON p.type = 'Claim' AND c.id = p.id LEFT JOIN attribution a ON p.type = 'Attribution' AND a.id = p.id
          LEFT JOIN source s ON p.type = 'Source' AND s.id = p.id LEFT JOIN entity e ON p.type = 'Entity' AND e.id = p.id)))) AS data`,
      params: [probe.searchTerms],
      postgraphile: {
        cannot:
          'ranking (ts_rank_cd) and headlines (ts_headline) over four tables: the amber preset has no full-text search, only equality conditions',
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
