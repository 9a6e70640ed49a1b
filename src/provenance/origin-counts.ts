import { Prisma } from '../generated/prisma/client';
import { MAX_DERIVATION_DEPTH } from './derivation-graph';

/**
 * Common table expressions (for a WITH RECURSIVE) that count the independent supporting origins of
 * the claims `claims` selects (a condition on `claim_id`): `origin_counts (claim_id, origins,
 * sole_source_id)`, one row per claim with a supporting statement or a supporting UN record;
 * `sole_source_id` is the source that the claim's one independent origin lies in, where it has one
 * origin and that origin is in one source.
 *
 * The same rules as loadCorroboration (corroboration.ts, independence.ts), set-based so that figures
 * over many claims cost one statement and no claim's provenance travels to Node: each supporting
 * statement is walked back along its claim's derivations (to MAX_DERIVATION_DEPTH steps) to the
 * statements that repeat none and the sources repeated whole; a statement origin stands for its agent
 * and the body it spoke for, a source origin for its publisher, author and the agents of the statements
 * that repeat it; origins whose agents, or the bodies above them (relations in force at the origin's
 * time, unless asserted independent), meet are one: the connected components. A UN record that fully
 * supports the claim is an origin of its own. test/provenance/origin-counts.test.ts checks the counts
 * against loadCorroboration's.
 */
export function originCountsCte(claims: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    oc_att AS (
      SELECT a.id, a.claim_id, coalesce(e.merged_into_id, a.agent_id) AS agent_id, a.on_behalf_of_id, a.source_id, a.stance,
             (coalesce(a.stated_at, s.published_at) AT TIME ZONE 'UTC')::date AS day
        FROM standing_attribution a JOIN entity e ON e.id = a.agent_id JOIN source s ON s.id = a.source_id
       WHERE a.claim_id IN (SELECT claim_id FROM (${claims}) chosen)
    ),
    oc_steps AS (
      SELECT d.attribution_id AS derived, d.origin_attribution_id AS origin, d.origin_source_id AS origin_source
        FROM standing_statement_derivation d WHERE d.claim_id IN (SELECT claim_id FROM oc_att)
    ),
    oc_walk (start, node, depth) AS (
      SELECT id, id, 0 FROM oc_att WHERE stance = 'SUPPORTS'
      UNION ALL
      SELECT w.start, s.origin, w.depth + 1 FROM oc_walk w JOIN oc_steps s ON s.derived = w.node
       WHERE s.origin IS NOT NULL AND w.depth < ${MAX_DERIVATION_DEPTH}
    ) CYCLE node SET is_cycle USING path,
    oc_reach AS (SELECT node, min(depth) AS depth FROM oc_walk GROUP BY node),
    oc_repeats AS (
      SELECT r.node, s.origin_source FROM oc_reach r JOIN oc_steps s ON s.derived = r.node
       WHERE s.origin_source IS NOT NULL AND r.depth < ${MAX_DERIVATION_DEPTH}
    ),
    oc_origin (claim_id, origin, day, source_id) AS (
      SELECT a.claim_id, 'a' || a.id, a.day, a.source_id FROM oc_reach r JOIN oc_att a ON a.id = r.node
       WHERE NOT EXISTS (SELECT 1 FROM oc_steps WHERE derived = r.node)
      UNION
      SELECT a.claim_id, 's' || src.id, (src.published_at AT TIME ZONE 'UTC')::date, src.id
        FROM oc_repeats p JOIN oc_att a ON a.id = p.node JOIN source src ON src.id = p.origin_source
    ),
    oc_agents (claim_id, origin, entity) AS (
      SELECT a.claim_id, 'a' || a.id, x.id FROM oc_origin o JOIN oc_att a ON 'a' || a.id = o.origin,
             LATERAL (VALUES (a.agent_id), (a.on_behalf_of_id)) x(id) WHERE x.id IS NOT NULL
      UNION
      SELECT o.claim_id, o.origin, x.id FROM oc_origin o JOIN source s ON 's' || s.id = o.origin,
             LATERAL (VALUES (s.publisher_id), (s.author_id)) x(id) WHERE x.id IS NOT NULL
      UNION
      SELECT a.claim_id, 's' || p.origin_source, x.id FROM oc_repeats p JOIN oc_att a ON a.id = p.node,
             LATERAL (VALUES (a.agent_id), (a.on_behalf_of_id)) x(id) WHERE x.id IS NOT NULL
    ),
    oc_bodies (claim_id, origin, entity) AS (
      SELECT claim_id, origin, entity FROM oc_agents
      UNION
      SELECT b.claim_id, b.origin, r.organisation_id FROM oc_bodies b
        JOIN oc_origin o ON o.claim_id = b.claim_id AND o.origin = b.origin
        JOIN entity_role r ON r.holder_id = b.entity
       WHERE NOT r.independent
         AND (o.day IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= o.day) AND (r.valid_to IS NULL OR o.day <= r.valid_to)))
    ),
    oc_links AS (
      SELECT claim_id, origin AS a, origin AS b FROM oc_origin
      UNION
      SELECT b1.claim_id, b1.origin, b2.origin FROM oc_bodies b1
        JOIN oc_bodies b2 ON b2.claim_id = b1.claim_id AND b2.entity = b1.entity
    ),
    oc_joined (claim_id, origin, member) AS (
      SELECT claim_id, a, b FROM oc_links
      UNION
      SELECT j.claim_id, j.origin, l.b FROM oc_joined j JOIN oc_links l ON l.claim_id = j.claim_id AND l.a = j.member
    ),
    oc_groups AS (
      SELECT g.claim_id, g.label, min(o.source_id) AS source_id, count(DISTINCT o.source_id) AS sources
        FROM (SELECT claim_id, origin, min(member) AS label FROM oc_joined GROUP BY claim_id, origin) g
        JOIN oc_origin o ON o.claim_id = g.claim_id AND o.origin = g.origin
       GROUP BY g.claim_id, g.label
    ),
    oc_records AS (
      SELECT claim_id, count(*) AS records FROM claim_unsc_record
       WHERE support = 'SUPPORTS' AND claim_id IN (SELECT claim_id FROM (${claims}) chosen) GROUP BY claim_id
    ),
    origin_counts (claim_id, origins, sole_source_id) AS (
      SELECT coalesce(g.claim_id, r.claim_id), coalesce(g.groups, 0) + coalesce(r.records, 0),
             CASE WHEN g.groups = 1 AND r.records IS NULL AND g.sources = 1 THEN g.source_id END
        FROM (SELECT claim_id, count(*) AS groups, min(source_id) AS source_id, max(sources) AS sources FROM oc_groups GROUP BY claim_id) g
        FULL JOIN oc_records r ON r.claim_id = g.claim_id
    )`;
}
