-- Writes made under a client's Idempotency-Key: a retried request gets the first write's result
-- instead of applying it again. Not knowledge: no audit trigger.
CREATE TABLE "idempotent_write" (
    "api_key_id" INTEGER NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "request_sha256" CHAR(64) NOT NULL,
    "result" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "idempotent_write_pkey" PRIMARY KEY ("api_key_id", "idempotency_key", "ordinal")
);

CREATE INDEX "idempotent_write_created_at_idx" ON "idempotent_write"("created_at");

ALTER TABLE "idempotent_write" ADD CONSTRAINT "idempotent_write_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_key"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Like every table, it announces its writes (they come with a knowledge write, which announces too).
CREATE TRIGGER "idempotent_write_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "idempotent_write" FOR EACH STATEMENT EXECUTE FUNCTION kb_notify_change();
