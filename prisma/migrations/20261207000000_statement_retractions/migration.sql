-- A statement (an attribution) found wrong is retracted with a reason, never deleted (issue 17), and a
-- statement a merge made an exact repeat of another is marked as its duplicate: both stay, with who
-- retracted it, when and why, in the table and the change log.
ALTER TABLE "attribution"
    ADD COLUMN "retracted_at" TIMESTAMPTZ(3),
    ADD COLUMN "retracted_by" TEXT,
    ADD COLUMN "retraction_reason" TEXT,
    ADD COLUMN "duplicate_of_id" INTEGER,
    ADD CONSTRAINT "attribution_retraction_whole" CHECK (num_nulls("retracted_at", "retracted_by", "retraction_reason") IN (0, 3)),
    ADD CONSTRAINT "attribution_not_own_duplicate" CHECK ("duplicate_of_id" <> "id");
-- A duplicate repeats a statement of the same claim.
ALTER TABLE "attribution" ADD CONSTRAINT "attribution_duplicate_of_id_claim_id_fkey" FOREIGN KEY ("duplicate_of_id", "claim_id") REFERENCES "attribution"("id", "claim_id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "attribution_duplicate_of_id_idx" ON "attribution"("duplicate_of_id");

-- What every answer reads: the statements that stand (not retracted, and not the duplicate of a statement
-- that stands) and the
-- statement derivations that stand (not retracted, between standing statements). The one definition of
-- both; PostgreSQL inlines a simple view, so the indexes of the tables serve it. `SELECT *` is fixed at
-- creation: a later migration that adds a column to attribution recreates standing_attribution.
CREATE VIEW "standing_attribution" AS
    SELECT * FROM "attribution" a
     WHERE a."retracted_at" IS NULL
       AND (a."duplicate_of_id" IS NULL
            OR EXISTS (SELECT 1 FROM "attribution" o WHERE o."id" = a."duplicate_of_id" AND o."retracted_at" IS NOT NULL));
CREATE VIEW "standing_statement_derivation" AS
    SELECT d.* FROM "statement_derivation" d
     WHERE d."retracted_at" IS NULL
       AND EXISTS (SELECT 1 FROM "standing_attribution" a WHERE a."id" = d."attribution_id")
       AND (d."origin_attribution_id" IS NULL OR EXISTS (SELECT 1 FROM "standing_attribution" a WHERE a."id" = d."origin_attribution_id"));
