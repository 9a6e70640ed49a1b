import { Prisma } from '../generated/prisma/client';
import { MAX_DERIVATION_DEPTH } from './derivation-graph';

/**
 * The one definition of a claim's origins and of their independence, as common table expressions (for
 * a WITH RECURSIVE) over the claims `claims` selects (a condition on `claim_id`: `= 5`, `IN (...)`), for
 * their supporting statements or for those that support and those that refute them (`stances`).
 * Every count of independent origins (originCountsCte) and every claim's corroboration with its
 * explanation (loadCorroboration) reads these rows, so that the rules cannot drift apart.
 *
 * Each statement that supports or refutes a claim is walked back along its claim's derivations (to
 * MAX_DERIVATION_DEPTH steps) to the statements that repeat none and the sources repeated whole: its
 * origins. A statement origin stands for its agent and the body it spoke for; a source origin for its
 * publisher, its author and the agents of the statements that repeat it. Each origin speaks for those
 * agents and every body above them, by relations in force at the origin's day (all, when the day is
 * unknown) unless asserted independent. Two origins of one stance that speak for one body are joined;
 * the connected components are the independent origins.
 *
 * - `o_traced (claim_id, stance, origin, start, statement_id, source_id, via, day, rank)`: statement
 *   `start` traces back to `origin` ('a' || statement id, 's' || source id); `via` is the statement that
 *   repeats a source origin; `rank` orders the origins as the walk meets them (statements by id, then
 *   statement origins before source origins, nearest first, then derivations by id).
 * - `o_origin`: each origin of a claim and stance once, at its first rank, with its day.
 * - `o_agent (..., entity, pos)`: who stands behind an origin, `pos` ordering them.
 * - `o_body (..., entity, roles)`: each body an origin speaks for, with the relations (entity_role ids)
 *   of the shortest way up to it from its agents (then the first agent, then the lowest organisations
 *   and titles).
 * - `o_links (..., a, b, entity, roles)`: origins `a` and `b` speak for `entity`, the body they share by
 *   the fewest relations (then the lowest id); `roles` are a's way up to it, then b's.
 * - `o_group (..., origin, label)`: the independent origin (a connected component) each origin is in.
 * - `o_record (claim_id, stance, origin, draft_id)`: a UN record that fully supports (contradicts) the
 *   claim: an independent origin of its own.
 */
export function originsCte(claims: Prisma.Sql, stances: 'supporting' | 'both'): Prisma.Sql {
  const both = stances === 'both';
  const walked = both ? Prisma.sql`IN ('SUPPORTS', 'REFUTES')` : Prisma.sql`= 'SUPPORTS'`;
  const recorded = both ? Prisma.sql`IN ('SUPPORTS', 'CONTRADICTS')` : Prisma.sql`= 'SUPPORTS'`;
  return Prisma.sql`
    o_att AS (
      SELECT a.id, a.claim_id, coalesce(e.merged_into_id, a.agent_id) AS agent_id, a.on_behalf_of_id, a.source_id, a.stance,
             (coalesce(a.stated_at, s.published_at) AT TIME ZONE 'UTC')::date AS day
        FROM standing_attribution a JOIN entity e ON e.id = a.agent_id JOIN source s ON s.id = a.source_id
       WHERE a.claim_id ${claims}
    ),
    o_steps AS (
      SELECT d.id, d.attribution_id AS derived, d.origin_attribution_id AS origin, d.origin_source_id AS origin_source
        FROM standing_statement_derivation d WHERE d.claim_id ${claims}
    ),
    o_walk (start, node, depth, trail) AS (
      SELECT id, id, 0, ARRAY[]::int[] FROM o_att WHERE stance ${walked}
      UNION ALL
      SELECT w.start, s.origin, w.depth + 1, w.trail || s.id FROM o_walk w JOIN o_steps s ON s.derived = w.node
       WHERE s.origin IS NOT NULL AND w.depth < ${MAX_DERIVATION_DEPTH}
    ) CYCLE node SET is_cycle USING path,
    o_reach AS (
      SELECT DISTINCT ON (w.start, w.node) a.claim_id, a.stance, w.start, w.node, w.depth, w.trail
        FROM o_walk w JOIN o_att a ON a.id = w.start ORDER BY w.start, w.node, w.depth, w.trail
    ),
    o_traced (claim_id, stance, origin, start, statement_id, source_id, via, day, rank) AS (
      SELECT r.claim_id, r.stance, 'a' || r.node, r.start, r.node, a.source_id, NULL::int, a.day, ARRAY[r.start, 0, r.depth] || r.trail
        FROM o_reach r JOIN o_att a ON a.id = r.node
       WHERE NOT EXISTS (SELECT 1 FROM o_steps WHERE derived = r.node)
      UNION ALL
      SELECT r.claim_id, r.stance, 's' || s.origin_source, r.start, NULL, s.origin_source, r.node,
             (src.published_at AT TIME ZONE 'UTC')::date, ARRAY[r.start, 1, r.depth + 1] || r.trail || s.id
        FROM o_reach r JOIN o_steps s ON s.derived = r.node JOIN source src ON src.id = s.origin_source
       WHERE r.depth < ${MAX_DERIVATION_DEPTH}
    ),
    o_origin AS (
      SELECT DISTINCT ON (claim_id, stance, origin) claim_id, stance, origin, statement_id, source_id, day, rank
        FROM o_traced ORDER BY claim_id, stance, origin, rank
    ),
    o_agents (claim_id, stance, origin, entity, pos) AS (
      SELECT o.claim_id, o.stance, o.origin, x.id, ARRAY[x.n] FROM o_origin o JOIN o_att a ON a.id = o.statement_id,
             LATERAL (VALUES (a.agent_id, 0), (a.on_behalf_of_id, 1)) x(id, n) WHERE x.id IS NOT NULL
      UNION ALL
      SELECT o.claim_id, o.stance, o.origin, x.id, ARRAY[x.n] FROM o_origin o JOIN source s ON s.id = o.source_id AND o.statement_id IS NULL,
             LATERAL (VALUES (s.publisher_id, 0), (s.author_id, 1)) x(id, n) WHERE x.id IS NOT NULL
      UNION ALL
      SELECT t.claim_id, t.stance, t.origin, x.id, ARRAY[2] || t.rank || x.n FROM o_traced t JOIN o_att a ON a.id = t.via,
             LATERAL (VALUES (a.agent_id, 0), (a.on_behalf_of_id, 1)) x(id, n) WHERE x.id IS NOT NULL
    ),
    o_agent AS (SELECT claim_id, stance, origin, entity, min(pos) AS pos FROM o_agents GROUP BY claim_id, stance, origin, entity),
    o_bodies (claim_id, stance, origin, entity, pos, roles, orgs, titles) AS (
      SELECT claim_id, stance, origin, entity, pos, ARRAY[]::int[], ARRAY[]::int[], ARRAY[]::text[] FROM o_agent
      UNION ALL
      SELECT b.claim_id, b.stance, b.origin, r.organisation_id, b.pos, b.roles || r.id, b.orgs || r.organisation_id, b.titles || r.title
        FROM o_bodies b JOIN o_origin o ON (o.claim_id, o.stance, o.origin) = (b.claim_id, b.stance, b.origin)
        JOIN entity_role r ON r.holder_id = b.entity
       WHERE NOT r.independent
         AND (o.day IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= o.day) AND (r.valid_to IS NULL OR o.day <= r.valid_to)))
    ) CYCLE entity SET is_cycle USING walked,
    o_body AS (
      SELECT DISTINCT ON (claim_id, stance, origin, entity) claim_id, stance, origin, entity, roles
        FROM o_bodies ORDER BY claim_id, stance, origin, entity, cardinality(roles), pos, orgs, titles
    ),
    o_links (claim_id, stance, a, b, entity, roles) AS (
      SELECT DISTINCT ON (b1.claim_id, b1.stance, b1.origin, b2.origin) b1.claim_id, b1.stance, b1.origin, b2.origin, b1.entity, b1.roles || b2.roles
        FROM o_body b1 JOIN o_body b2 ON (b2.claim_id, b2.stance, b2.entity) = (b1.claim_id, b1.stance, b1.entity) AND b2.origin <> b1.origin
       ORDER BY b1.claim_id, b1.stance, b1.origin, b2.origin, cardinality(b1.roles) + cardinality(b2.roles), b1.entity
    ),
    o_joined (claim_id, stance, origin, member) AS (
      SELECT claim_id, stance, origin, origin FROM o_origin
      UNION
      SELECT j.claim_id, j.stance, j.origin, l.b FROM o_joined j
        JOIN o_links l ON (l.claim_id, l.stance, l.a) = (j.claim_id, j.stance, j.member)
    ),
    o_group AS (SELECT claim_id, stance, origin, min(member) AS label FROM o_joined GROUP BY claim_id, stance, origin),
    o_record (claim_id, stance, origin, draft_id) AS (
      SELECT claim_id, CASE support WHEN 'CONTRADICTS' THEN 'REFUTES'::"Stance" ELSE 'SUPPORTS'::"Stance" END, 'r' || draft_id, draft_id
        FROM claim_unsc_record WHERE claim_id ${claims} AND support ${recorded}
    )`;
}

/**
 * originsCte of the supporting statements and, after it, `origin_counts (claim_id, origins,
 * sole_source_id)`: one row per claim with a supporting statement or a UN record that fully supports
 * it, counting its independent supporting origins; `sole_source_id` is the source its one origin lies
 * in, where it has one origin and that origin is in one source. Figures over many claims cost one
 * statement, and no claim's provenance travels to Node.
 */
export function originCountsCte(claims: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${originsCte(claims, 'supporting')},
    o_independent (claim_id, source_id, sources) AS (
      SELECT g.claim_id, min(o.source_id), count(DISTINCT o.source_id)
        FROM o_group g JOIN o_origin o USING (claim_id, stance, origin) GROUP BY g.claim_id, g.label
      UNION ALL
      SELECT claim_id, NULL, 0 FROM o_record
    ),
    origin_counts (claim_id, origins, sole_source_id) AS (
      SELECT claim_id, count(*), CASE WHEN count(*) = 1 AND max(sources) = 1 THEN min(source_id) END
        FROM o_independent GROUP BY claim_id
    )`;
}
