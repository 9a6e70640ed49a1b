import { Prisma } from '../generated/prisma/client';
import type { Modality, Stance, Wording } from '../generated/prisma/enums';
import { optional } from './paged-sql';

// Conditions on a page of statements (attributions, aliased `x`) for an entity's `statements`.

/** Statements whose claim is put this way, taken this stance, or worded so. */
export const statementFilter = (args: {
  modality?: Modality | null;
  stance?: Stance | null;
  wording?: Wording | null;
}) =>
  Prisma.sql`${optional(args.modality, Prisma.sql`EXISTS (SELECT 1 FROM "claim" c WHERE c.id = x.claim_id AND c.modality = ${args.modality}::"Modality")`)}
    AND ${optional(args.stance, Prisma.sql`x.stance = ${args.stance}::"Stance"`)}
    AND ${optional(args.wording, Prisma.sql`x.wording = ${args.wording}::"Wording"`)}`;

/**
 * The statements made for the entity `p.parent`: its own, those made expressly on its behalf, and those
 * of whoever acts for it or is part of it, directly or through others (an official of one of its
 * agencies), at the time of the statement (its statedAt, else its source's publication; every relation
 * counts for a statement of unknown time), unless asserted independent. The ids of its members are
 * found first, once per entity, so that the statements come from the (agent_id, id) index.
 */
export const madeFor = Prisma.sql`(x.agent_id = p.parent OR x.on_behalf_of_id = p.parent
  OR (x.agent_id = ANY(ARRAY(
        WITH RECURSIVE m(id) AS (
            SELECT holder_id FROM entity_role WHERE organisation_id = p.parent AND NOT independent
            UNION
            SELECT r.holder_id FROM m JOIN entity_role r ON r.organisation_id = m.id AND NOT r.independent)
        SELECT id FROM m))
      AND EXISTS (
        WITH RECURSIVE m(id, valid_from, valid_to) AS (
            SELECT holder_id, valid_from, valid_to FROM entity_role WHERE organisation_id = p.parent AND NOT independent
            UNION
            SELECT r.holder_id, greatest(m.valid_from, r.valid_from), least(m.valid_to, r.valid_to)
              FROM m JOIN entity_role r ON r.organisation_id = m.id AND NOT r.independent)
        SELECT 1 FROM m, LATERAL (SELECT (coalesce(x.stated_at, (SELECT published_at FROM source WHERE id = x.source_id)) AT TIME ZONE 'UTC')::date AS day) t
         WHERE m.id = x.agent_id AND (t.day IS NULL OR ((m.valid_from IS NULL OR m.valid_from <= t.day) AND (m.valid_to IS NULL OR t.day <= m.valid_to))))))`;
