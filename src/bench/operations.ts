import { formatPrismaCursor } from '@pothos/plugin-prisma';

// The benchmark's operations: each a GraphQL query for the service and, beside it, the hand-written
// SQL that fetches the same data in one statement for the raw-SQL baseline.

export type Operation = {
  name: string;
  /** The least service / baseline throughput the operation should reach: 0.5 for the nested query, 0.7 for flat ones. */
  ratioGoal: number;
  graphql: string;
  variables: Record<string, unknown>;
  sql: string;
  params: unknown[];
};

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
      sql: `SELECT coalesce(json_agg(e ORDER BY e.id), '[]') AS data FROM (
        SELECT en.id, en.key, en.name, (
          SELECT coalesce(json_agg(c ORDER BY c.id), '[]') FROM (
            SELECT cl.id, cl.key, cl.statement, (
              SELECT coalesce(json_agg(a ORDER BY a.id), '[]') FROM (
                SELECT at.id, at.quotation, s.key AS source_key, s.title AS source_title
                  FROM attribution at JOIN source s ON s.id = at.source_id WHERE at.claim_id = cl.id ORDER BY at.id LIMIT 5) a
            ) AS attributions FROM claim cl WHERE cl.subject_id = en.id ORDER BY cl.id LIMIT 10) c
        ) AS claims FROM entity en WHERE en.merged_into_id IS NULL ORDER BY en.id LIMIT 10) e`,
      params: [],
    },
    {
      name: 'provenance chain (11 hops)',
      ratioGoal: 0.7,
      graphql: `query($key: String!) { claim(key: $key) { provenance(depth: 12) { ... on ClaimProvenance {
        derivations { hops kind derived { key } origin { key } } primarySources { key } } } } }`,
      variables: { key: probe.chainHead },
      sql: `WITH RECURSIVE walk (derived_id, origin_id, kind, depth) AS (
          SELECT d.derived_id, d.origin_id, d.kind, 1 FROM source_derivation d
           WHERE d.derived_id IN (SELECT source_id FROM attribution WHERE claim_id = (SELECT id FROM claim WHERE key = $1))
          UNION ALL
          SELECT d.derived_id, d.origin_id, d.kind, w.depth + 1 FROM walk w JOIN source_derivation d ON d.derived_id = w.origin_id WHERE w.depth < 12
        ) CYCLE origin_id SET is_cycle USING path
        SELECT json_build_object(
          'derivations', (SELECT coalesce(json_agg(json_build_object('hops', w.depth, 'kind', w.kind, 'derived', s1.key, 'origin', s2.key) ORDER BY w.depth), '[]')
                            FROM walk w JOIN source s1 ON s1.id = w.derived_id JOIN source s2 ON s2.id = w.origin_id),
          'primarySources', (SELECT coalesce(json_agg(s.key), '[]') FROM source s WHERE s.id IN (SELECT origin_id FROM walk)
                               AND NOT EXISTS (SELECT 1 FROM source_derivation d WHERE d.derived_id = s.id))) AS data`,
      params: [probe.chainHead],
    },
    {
      name: 'corroboration',
      ratioGoal: 0.7,
      graphql:
        'query($key: String!) { claim(key: $key) { corroboration { independentOrigins documents suggestedCredibility } } }',
      variables: { key: probe.probeClaim },
      sql: `WITH RECURSIVE a AS (SELECT id, agent_id, source_id FROM attribution WHERE claim_id = (SELECT id FROM claim WHERE key = $1) AND stance = 'SUPPORTS'),
        walk (att, node, depth) AS (SELECT a.id, a.source_id, 0 FROM a
          UNION ALL SELECT w.att, d.origin_id, w.depth + 1 FROM walk w JOIN source_derivation d ON d.derived_id = w.node WHERE w.depth < 50
        ) CYCLE node SET is_cycle USING path,
        roots AS (SELECT DISTINCT w.att, w.node FROM walk w JOIN source s ON s.id = w.node JOIN a ON a.id = w.att
                   WHERE NOT EXISTS (SELECT 1 FROM source_derivation d WHERE d.derived_id = w.node) AND s.publisher_id = a.agent_id)
        SELECT json_build_object('independentOrigins', (SELECT count(DISTINCT coalesce(r.node, a.source_id)) FROM a LEFT JOIN roots r ON r.att = a.id),
                                 'documents', (SELECT count(DISTINCT node) FROM walk)) AS data`,
      params: [probe.probeClaim],
    },
    {
      name: 'full-text search',
      ratioGoal: 0.7,
      graphql: `query($q: String!) { search(query: $q, first: 10) { ... on QuerySearchSuccess { data { totalCount edges { node { score headline
        node { __typename ... on Claim { key } ... on Attribution { quotation } ... on Source { key } ... on Entity { key } } } } } } } }`,
      variables: { q: probe.searchTerms },
      sql: `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS en, websearch_to_tsquery('simple', $1) AS simple),
        hits AS (
          SELECT 'Claim' AS type, c.id, ts_rank_cd(c.search_vector, q.en) AS score FROM claim c, q WHERE c.search_vector @@ q.en
          UNION ALL SELECT 'Attribution', a.id, ts_rank_cd(a.search_vector, q.en) FROM attribution a, q WHERE a.search_vector @@ q.en
          UNION ALL SELECT 'Source', s.id, ts_rank_cd(s.search_vector, q.en) FROM source s, q WHERE s.search_vector @@ q.en
          UNION ALL SELECT 'Entity', e.id, ts_rank_cd(to_tsvector('simple', e.name), q.simple) FROM entity e, q WHERE to_tsvector('simple', e.name) @@ q.simple),
        page AS (SELECT * FROM hits ORDER BY score DESC, type, id LIMIT 10)
        SELECT json_build_object('totalCount', (SELECT count(*) FROM hits), 'hits', (SELECT json_agg(json_build_object('type', p.type, 'score', p.score,
          'key', coalesce(c.key, s.key, e.key), 'headline', CASE p.type
            WHEN 'Claim' THEN ts_headline('english', c.statement, q.en) WHEN 'Attribution' THEN ts_headline('english', a.quotation, q.en)
            WHEN 'Source' THEN ts_headline('english', s.title || ' ' || coalesce(s.text, ''), q.en, 'MaxFragments=2, MaxWords=25, MinWords=8') ELSE e.name END))
          FROM page p CROSS JOIN q LEFT JOIN claim c ON p.type = 'Claim' AND c.id = p.id LEFT JOIN attribution a ON p.type = 'Attribution' AND a.id = p.id
          LEFT JOIN source s ON p.type = 'Source' AND s.id = p.id LEFT JOIN entity e ON p.type = 'Entity' AND e.id = p.id)) AS data`,
      params: [probe.searchTerms],
    },
    {
      name: 'UNSC alignment',
      ratioGoal: 0.7,
      graphql:
        'query($a: String!, $b: String!) { unscAlignment(a: $a, b: $b) { ... on UnscAlignment { decisions identical agreement } } }',
      variables: { a: probe.pair[0], b: probe.pair[1] },
      sql: `SELECT json_build_object('decisions', count(*), 'identical', count(*) FILTER (WHERE va.vote = vb.vote)) AS data
              FROM unsc_vote va JOIN unsc_vote vb ON vb.draft_id = va.draft_id
             WHERE va.member_id = (SELECT id FROM entity WHERE key = $1) AND vb.member_id = (SELECT id FROM entity WHERE key = $2)`,
      params: [probe.pair[0], probe.pair[1]],
    },
  ];
}
