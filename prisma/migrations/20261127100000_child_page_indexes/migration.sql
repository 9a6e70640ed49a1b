-- A record pages through its children (the claims about an entity, an agent's statements, a
-- publisher's sources, a source's attributions) by id. On a (parent, id) index each page reads its
-- rows in order and stops; on (parent) alone it sorted every child of the parent first, which for an
-- entity that is the subject of half the claims is half the table. The new indexes replace the
-- single-column ones, which they serve as well (foreign-key checks included).
DROP INDEX "attribution_agent_id_idx";
CREATE INDEX "attribution_agent_id_id_idx" ON "attribution"("agent_id", "id");
DROP INDEX "attribution_source_id_idx";
CREATE INDEX "attribution_source_id_id_idx" ON "attribution"("source_id", "id");
DROP INDEX "source_publisher_id_idx";
CREATE INDEX "source_publisher_id_id_idx" ON "source"("publisher_id", "id");
CREATE INDEX "claim_subject_id_id_idx" ON "claim"("subject_id", "id");
