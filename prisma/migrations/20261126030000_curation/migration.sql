-- Curation: API keys with roles, and entity merges that keep the merged id resolving.

-- CreateEnum
CREATE TYPE "ApiRole" AS ENUM ('READER', 'ANALYST', 'ADMIN');

-- AlterTable
ALTER TABLE "entity" ADD COLUMN "merged_into_id" INTEGER;
ALTER TABLE "entity" ADD CONSTRAINT "entity_not_merged_into_self" CHECK ("merged_into_id" IS NULL OR "merged_into_id" <> "id");

-- CreateTable
CREATE TABLE "api_key" (
    "id" SERIAL NOT NULL,
    "owner" TEXT NOT NULL,
    "role" "ApiRole" NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "api_key_owner_present" CHECK (btrim("owner") <> ''),
    CONSTRAINT "api_key_hash_hex" CHECK ("key_hash" ~ '^[0-9a-f]{64}$')
);

-- CreateIndex
CREATE INDEX "entity_merged_into_id_idx" ON "entity"("merged_into_id");
CREATE UNIQUE INDEX "api_key_key_hash_key" ON "api_key"("key_hash");
CREATE INDEX "api_key_owner_idx" ON "api_key"("owner");

-- AddForeignKey
ALTER TABLE "entity" ADD CONSTRAINT "entity_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Keys are created, revoked and audited like every other record (the hash, never the key, is logged).
CREATE TRIGGER "api_key_audit" AFTER INSERT OR UPDATE OR DELETE ON "api_key" FOR EACH ROW EXECUTE FUNCTION kb_audit('id');

-- History: a record's change-log rows include those of the rows that belong to it (a claim's
-- attributions, an entity's aliases and roles, a source's derivations), found by the owner's id in
-- the logged row. Expression indexes, which schema.prisma cannot state.
CREATE INDEX "change_log_claim_idx" ON "change_log" ("table_name", ((coalesce("after", "before") ->> 'claim_id')));
CREATE INDEX "change_log_entity_idx" ON "change_log" ("table_name", ((coalesce("after", "before") ->> 'entity_id')));
CREATE INDEX "change_log_holder_idx" ON "change_log" ("table_name", ((coalesce("after", "before") ->> 'holder_id')));
CREATE INDEX "change_log_derived_idx" ON "change_log" ("table_name", ((coalesce("after", "before") ->> 'derived_id')));
