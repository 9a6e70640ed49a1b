-- A derivation found wrong is retracted with a reason, never deleted (issue 17): it stays, with who
-- retracted it, when and why, in the table and the change log, and every answer leaves it out.
ALTER TABLE "source_derivation"
    ADD COLUMN "retracted_at" TIMESTAMPTZ(3),
    ADD COLUMN "retracted_by" TEXT,
    ADD COLUMN "retraction_reason" TEXT,
    ADD CONSTRAINT "source_derivation_retraction_whole" CHECK (num_nulls("retracted_at", "retracted_by", "retraction_reason") IN (0, 3));
ALTER TABLE "statement_derivation"
    ADD COLUMN "retracted_at" TIMESTAMPTZ(3),
    ADD COLUMN "retracted_by" TEXT,
    ADD COLUMN "retraction_reason" TEXT,
    ADD CONSTRAINT "statement_derivation_retraction_whole" CHECK (num_nulls("retracted_at", "retracted_by", "retraction_reason") IN (0, 3));
