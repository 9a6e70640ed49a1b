-- The number of independent supporting origins of each claim (src/provenance/origins.ts), kept
-- rather than recomputed per request: the dashboard's figures are over the whole knowledge base. Every
-- write recomputes the claims it can affect, in its transaction (src/provenance/stored-origin-counts.ts).
-- A claim with no supporting origin has no row: it counts as 0.
CREATE TABLE "claim_origin_count" (
    "claim_id" INTEGER NOT NULL,
    "origins" INTEGER NOT NULL,
    -- The source the claim's one origin lies in, where it has one origin in one source.
    "sole_source_id" INTEGER,
    CONSTRAINT "claim_origin_count_pkey" PRIMARY KEY ("claim_id"),
    CONSTRAINT "claim_origin_count_some" CHECK ("origins" > 0),
    CONSTRAINT "claim_origin_count_sole_of_one" CHECK ("sole_source_id" IS NULL OR "origins" = 1)
);
CREATE INDEX "claim_origin_count_sole_source_id_idx" ON "claim_origin_count"("sole_source_id");
ALTER TABLE "claim_origin_count" ADD CONSTRAINT "claim_origin_count_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "claim_origin_count" ADD CONSTRAINT "claim_origin_count_sole_source_id_fkey" FOREIGN KEY ("sole_source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A build owed: the counts of claims written before this migration (or loaded past the write path)
-- are built in batches, in claim id order, after `after_claim_id`; the row goes when the build is done.
CREATE TABLE "claim_origin_count_build" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "after_claim_id" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "claim_origin_count_build_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "claim_origin_count_build_one" CHECK ("id" = 1)
);
INSERT INTO "claim_origin_count_build" ("id") SELECT 1 WHERE EXISTS (SELECT 1 FROM "claim");

-- Answers read these tables (claimSummary, Source.scorecard): their writes reach the response cache.
CREATE TRIGGER "claim_origin_count_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "claim_origin_count"
    FOR EACH STATEMENT EXECUTE FUNCTION kb_notify_change();
CREATE TRIGGER "claim_origin_count_build_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "claim_origin_count_build"
    FOR EACH STATEMENT EXECUTE FUNCTION kb_notify_change();
