-- Search ranks with weights (src/analysis/search.ts): a source's title (B) counts more than its body
-- (D), so its vector labels them; and UN records are searched, by their symbol, resolution number and
-- year (A) and title (B), with their meeting's record symbol (C), each kept as a generated vector
-- with a GIN index as the prose tables keep theirs (20261127000000_stored_search_vectors).
ALTER TABLE "source" DROP COLUMN "search_vector";
ALTER TABLE "source" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', "title"), 'B') || setweight(to_tsvector('english', coalesce("text", '')), 'D')) STORED;
CREATE INDEX "source_search_vector_idx" ON "source" USING GIN ("search_vector");

ALTER TABLE "unsc_draft" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce("symbol", '') || ' ' || coalesce('S/RES/' || "resolution_number" || ' ('
        || extract(year FROM "vote_date")::int || ') resolution ' || "resolution_number", '')), 'A')
    || setweight(to_tsvector('english', "title"), 'B')) STORED;
CREATE INDEX "unsc_draft_search_vector_idx" ON "unsc_draft" USING GIN ("search_vector");

ALTER TABLE "unsc_meeting" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', "record_symbol"), 'C')) STORED;
CREATE INDEX "unsc_meeting_search_vector_idx" ON "unsc_meeting" USING GIN ("search_vector");

-- The words of entity names and aliases, as the `simple` configuration splits them, stored with a GIN
-- index: a search finds the entities a query names whole (their words contained in the query's, <@)
-- and the name words a query word is a form of, from the stored words rather than by parsing every
-- candidate name again (for a common word, 181 names took 0.6 ms to parse at 100k claims).
ALTER TABLE "entity" ADD COLUMN "name_words" TEXT[] GENERATED ALWAYS AS (tsvector_to_array(to_tsvector('simple', "name"))) STORED;
ALTER TABLE "entity_alias" ADD COLUMN "name_words" TEXT[] GENERATED ALWAYS AS (tsvector_to_array(to_tsvector('simple', "name"))) STORED;
CREATE INDEX "entity_name_words_idx" ON "entity" USING GIN ("name_words");
CREATE INDEX "entity_alias_name_words_idx" ON "entity_alias" USING GIN ("name_words");
