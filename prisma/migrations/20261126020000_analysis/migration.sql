-- Analysis: what a draft is about (for timelines), time indexes, and full-text search.

-- CreateTable
CREATE TABLE "unsc_draft_concern" (
    "draft_id" INTEGER NOT NULL,
    "entity_id" INTEGER NOT NULL,
    CONSTRAINT "unsc_draft_concern_pkey" PRIMARY KEY ("draft_id","entity_id")
);

-- CreateIndex
CREATE INDEX "unsc_draft_concern_entity_id_idx" ON "unsc_draft_concern"("entity_id");
CREATE INDEX "claim_point_in_time_idx" ON "claim"("point_in_time");
CREATE INDEX "claim_period_start_idx" ON "claim"("period_start");
CREATE INDEX "attribution_stated_at_idx" ON "attribution"("stated_at");

-- AddForeignKey
ALTER TABLE "unsc_draft_concern" ADD CONSTRAINT "unsc_draft_concern_draft_id_fkey" FOREIGN KEY ("draft_id") REFERENCES "unsc_draft"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "unsc_draft_concern" ADD CONSTRAINT "unsc_draft_concern_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TRIGGER "unsc_draft_concern_audit" AFTER INSERT OR UPDATE OR DELETE ON "unsc_draft_concern" FOR EACH ROW EXECUTE FUNCTION kb_audit('draft_id', 'entity_id');

-- Full-text search (src/analysis/search.ts). Expression indexes, which Prisma's schema language cannot
-- state; test/db/schema-conformance.test.ts lists them as the only indexes outside schema.prisma.
-- Prose is searched with the English configuration (stemming), names and aliases with `simple`
-- (no stemming, any language).
CREATE INDEX "claim_statement_search_idx" ON "claim" USING GIN (to_tsvector('english', "statement"));
CREATE INDEX "attribution_quotation_search_idx" ON "attribution" USING GIN (to_tsvector('english', "quotation"));
CREATE INDEX "source_search_idx" ON "source" USING GIN (to_tsvector('english', "title" || ' ' || coalesce("text", '')));
CREATE INDEX "entity_name_search_idx" ON "entity" USING GIN (to_tsvector('simple', "name"));
CREATE INDEX "entity_alias_name_search_idx" ON "entity_alias" USING GIN (to_tsvector('simple', "name"));
