-- An alignment pairs two members' votes draft by draft. On (member_id, draft_id, vote) each member's
-- votes come from the index alone, in draft order, and the two lists merge; on (member_id) PostgreSQL
-- fetched every vote's row and hashed one side (1.06 ms against 0.59 ms for 1,000 shared decisions).
-- The new index serves everything the old one did.
DROP INDEX "unsc_vote_member_id_idx";
CREATE INDEX "unsc_vote_member_id_draft_id_vote_idx" ON "unsc_vote"("member_id", "draft_id", "vote");
