-- Provenance per statement (issue 16). A statement (an attribution) records the earlier statement or
-- source it repeats, so that a claim's chain, primary sources and corroboration are its own and not its
-- document's; a statement may sit in a source whose text is not held (no quotation, no span); its
-- wording is the agent's own or the reporter's; organisational relations say who acts for or is part of
-- whom, so that a government and its agency count as one origin; a UN record bears on a claim with a
-- grade; a claim can be about an event and name who disputes it; a source says which of its fields the
-- curator supplied.

-- AlterEnum / CreateEnum (the added values are not used below: PostgreSQL forbids that in one transaction)
ALTER TYPE "EntityKind" ADD VALUE 'EVENT' BEFORE 'OTHER';
ALTER TYPE "DerivationKind" ADD VALUE 'PARAPHRASES' AFTER 'QUOTES';
CREATE TYPE "RecordSupport" AS ENUM ('SUPPORTS', 'PARTLY_SUPPORTS', 'CONTEXT', 'CONTRADICTS');
CREATE TYPE "Wording" AS ENUM ('OWN_WORDS', 'REPORTED', 'UNKNOWN');
CREATE TYPE "EntityRelation" AS ENUM ('ACTS_FOR', 'PART_OF');
CREATE TYPE "SourceField" AS ENUM ('KIND', 'TITLE', 'PUBLISHER', 'AUTHOR', 'URL', 'PUBLISHED_AT', 'LANGUAGE');

-- Organisational relations: the roles held so far are people acting for a state or body.
ALTER TABLE "entity_role" ADD COLUMN "relation" "EntityRelation" NOT NULL DEFAULT 'ACTS_FOR',
                          ADD COLUMN "independent" BOOLEAN NOT NULL DEFAULT false;

-- Which fields of a source the curator supplied and which the document gives; none is stated yet.
ALTER TABLE "source" ADD COLUMN "curator_fields" "SourceField"[] NOT NULL DEFAULT ARRAY[]::"SourceField"[],
                     ADD COLUMN "document_fields" "SourceField"[] NOT NULL DEFAULT ARRAY[]::"SourceField"[],
                     ADD CONSTRAINT "source_field_origin_once" CHECK (NOT ("curator_fields" && "document_fields"));

-- Claims about an event.
ALTER TABLE "claim" ADD COLUMN "event_id" INTEGER;
CREATE INDEX "claim_event_id_idx" ON "claim"("event_id");
ALTER TABLE "claim" ADD CONSTRAINT "claim_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A statement in a source whose text is not held has neither quotation nor span; where the text is
-- held, the quotation is still the text at its span (kb_check_quotations below).
ALTER TABLE "attribution" ALTER COLUMN "quotation" DROP NOT NULL,
                          ALTER COLUMN "span_start" DROP NOT NULL,
                          ALTER COLUMN "span_end" DROP NOT NULL,
                          ADD COLUMN "wording" "Wording";
ALTER TABLE "attribution" DROP CONSTRAINT "attribution_span";
ALTER TABLE "attribution" ADD CONSTRAINT "attribution_span" CHECK (
    ("quotation" IS NULL AND "span_start" IS NULL AND "span_end" IS NULL)
    OR ("quotation" IS NOT NULL AND "span_start" IS NOT NULL AND "span_end" IS NOT NULL AND "span_start" >= 0
        AND "span_end" > "span_start" AND char_length("quotation") = "span_end" - "span_start"));

-- The statements on record so far all quote a held text. Their wording is told as the importer tells
-- it (src/rules/wording.ts): the agent's own words when the agent (or the body it speaks for) published
-- or wrote the source, or when the quotation lies inside double quotation marks of its paragraph; else
-- the reporter's. This one-off copy of the rule runs once, here.
CREATE FUNCTION pg_temp.kb_inside_quotation_marks(body TEXT, span_start INTEGER, span_end INTEGER) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    para_start INTEGER := span_start;
    para_end INTEGER := span_end;
    c TEXT;
    straight INTEGER := 0;
    marks INTEGER[] := '{}';
    i INTEGER;
BEGIN
    WHILE para_start > 0 AND substr(body, para_start, 1) <> E'\n' LOOP para_start := para_start - 1; END LOOP;
    WHILE para_end < char_length(body) AND substr(body, para_end + 1, 1) <> E'\n' LOOP para_end := para_end + 1; END LOOP;
    -- Positions (0-based) of the double quotation marks in the paragraph, and whether each opens.
    FOR i IN para_start .. para_end - 1 LOOP
        c := substr(body, i + 1, 1);
        IF c IN ('“', '„', '«', '”', '»', '"') THEN
            marks := marks || i;
        END IF;
    END LOOP;
    DECLARE
        opens BOOLEAN[] := '{}';
        k INTEGER;
        inner_marks INTEGER[] := '{}';
        before_i INTEGER;
        after_i INTEGER;
    BEGIN
        FOREACH k IN ARRAY marks LOOP
            c := substr(body, k + 1, 1);
            IF c = '"' THEN
                opens := opens || (straight % 2 = 0);
                straight := straight + 1;
            ELSE
                opens := opens || (c IN ('“', '„', '«'));
            END IF;
        END LOOP;
        FOR k IN 1 .. coalesce(array_length(marks, 1), 0) LOOP
            IF marks[k] >= span_start AND marks[k] < span_end THEN inner_marks := inner_marks || k; END IF;
            IF marks[k] < span_start THEN before_i := k; END IF;
            IF marks[k] >= span_end AND after_i IS NULL THEN after_i := k; END IF;
        END LOOP;
        IF coalesce(array_length(inner_marks, 1), 0) > 0 THEN
            RETURN array_length(inner_marks, 1) = 2 AND marks[inner_marks[1]] = span_start AND opens[inner_marks[1]]
                   AND marks[inner_marks[2]] = span_end - 1 AND NOT opens[inner_marks[2]];
        END IF;
        RETURN before_i IS NOT NULL AND after_i IS NOT NULL AND opens[before_i] AND NOT opens[after_i];
    END;
END $$;
UPDATE "attribution" a SET "wording" = CASE
        WHEN s.publisher_id IN (a.agent_id, a.on_behalf_of_id) OR s.author_id IN (a.agent_id, a.on_behalf_of_id)
          OR pg_temp.kb_inside_quotation_marks(s."text", a.span_start, a.span_end) THEN 'OWN_WORDS'::"Wording"
        ELSE 'REPORTED'::"Wording" END
  FROM "source" s WHERE s.id = a.source_id;
ALTER TABLE "attribution" ALTER COLUMN "wording" SET NOT NULL;
ALTER TABLE "attribution" ADD CONSTRAINT "attribution_wording_known" CHECK ("wording" <> 'UNKNOWN' OR "quotation" IS NULL);

-- Two statements of one claim by one agent in one source without a span are the same statement.
DROP INDEX "attribution_claim_id_agent_id_source_id_span_start_span_end_key";
CREATE UNIQUE INDEX "attribution_claim_id_agent_id_source_id_span_start_span_end_key" ON "attribution"("claim_id", "agent_id", "source_id", "span_start", "span_end") NULLS NOT DISTINCT;
-- The key statement derivations refer to, so that both statements of a derivation are of one claim.
CREATE UNIQUE INDEX "attribution_id_claim_id_key" ON "attribution"("id", "claim_id");

CREATE OR REPLACE FUNCTION kb_check_quotations() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad RECORD;
BEGIN
    SELECT n.source_id, n.span_start, n.span_end, n.quotation INTO bad
      FROM new_rows n LEFT JOIN "source" s ON s.id = n.source_id
     WHERE CASE WHEN n.quotation IS NULL THEN s."text" IS NOT NULL
                ELSE substr(s."text", n.span_start + 1, n.span_end - n.span_start) IS DISTINCT FROM n.quotation END
     LIMIT 1;
    IF FOUND AND bad.quotation IS NULL THEN
        RAISE EXCEPTION 'attribution in source % has no quotation, but the source holds its text', bad.source_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'attribution_quotation_in_source';
    ELSIF FOUND THEN
        RAISE EXCEPTION 'attribution quotation is not the text of source % at %-%', bad.source_id, bad.span_start, bad.span_end
            USING ERRCODE = 'check_violation', CONSTRAINT = 'attribution_quotation_in_source';
    END IF;
    RETURN NULL;
END $$;

-- A source that carries statements without quotations (its text was not held) cannot take a text under
-- them: they would be statements in a held text that quote nothing. A text for it is a new source.
CREATE OR REPLACE FUNCTION kb_check_source_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM "attribution" a WHERE a.source_id = NEW.id
               AND CASE WHEN a.quotation IS NULL THEN NEW."text" IS NOT NULL
                        ELSE substr(NEW."text", a.span_start + 1, a.span_end - a.span_start) IS DISTINCT FROM a.quotation END) THEN
        RAISE EXCEPTION 'source % text would no longer hold the quotations attributed to it', NEW.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'attribution_quotation_in_source';
    END IF;
    RETURN NEW;
END $$;

-- A UN record's bearing on a claim is graded; only SUPPORTS confirms it.
ALTER TABLE "claim_unsc_record" ADD COLUMN "support" "RecordSupport", ADD COLUMN "note" TEXT;
UPDATE "claim_unsc_record" SET "support" = CASE "stance"
    WHEN 'SUPPORTS' THEN 'SUPPORTS'::"RecordSupport" WHEN 'REFUTES' THEN 'CONTRADICTS'::"RecordSupport" ELSE 'CONTEXT'::"RecordSupport" END;
ALTER TABLE "claim_unsc_record" ALTER COLUMN "support" SET NOT NULL, DROP COLUMN "stance",
    ADD CONSTRAINT "claim_unsc_record_note_present" CHECK ("note" IS NULL OR btrim("note") <> '');

-- CreateTable
CREATE TABLE "statement_derivation" (
    "id" SERIAL NOT NULL,
    "claim_id" INTEGER NOT NULL,
    "attribution_id" INTEGER NOT NULL,
    "origin_attribution_id" INTEGER,
    "origin_source_id" INTEGER,
    "kind" "DerivationKind" NOT NULL,
    "note" TEXT,
    CONSTRAINT "statement_derivation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "statement_derivation_one_origin" CHECK (num_nonnulls("origin_attribution_id", "origin_source_id") = 1),
    CONSTRAINT "statement_derivation_not_self" CHECK ("origin_attribution_id" <> "attribution_id"),
    CONSTRAINT "statement_derivation_not_revision" CHECK ("kind" <> 'REVISION_OF'),
    CONSTRAINT "statement_derivation_note_present" CHECK ("note" IS NULL OR btrim("note") <> '')
);

CREATE TABLE "claim_disputed_by" (
    "claim_id" INTEGER NOT NULL,
    "entity_id" INTEGER NOT NULL,
    CONSTRAINT "claim_disputed_by_pkey" PRIMARY KEY ("claim_id","entity_id")
);

-- CreateIndex (a derivation from a source has no origin statement: NULLS NOT DISTINCT keeps it once)
CREATE UNIQUE INDEX "statement_derivation_origin_key" ON "statement_derivation"("attribution_id", "origin_attribution_id", "origin_source_id", "kind") NULLS NOT DISTINCT;
CREATE INDEX "statement_derivation_claim_id_idx" ON "statement_derivation"("claim_id");
CREATE INDEX "statement_derivation_origin_attribution_id_idx" ON "statement_derivation"("origin_attribution_id");
CREATE INDEX "statement_derivation_origin_source_id_idx" ON "statement_derivation"("origin_source_id");
CREATE INDEX "claim_disputed_by_entity_id_idx" ON "claim_disputed_by"("entity_id");

-- AddForeignKey
ALTER TABLE "statement_derivation" ADD CONSTRAINT "statement_derivation_attribution_id_claim_id_fkey" FOREIGN KEY ("attribution_id", "claim_id") REFERENCES "attribution"("id", "claim_id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "statement_derivation" ADD CONSTRAINT "statement_derivation_origin_attribution_id_claim_id_fkey" FOREIGN KEY ("origin_attribution_id", "claim_id") REFERENCES "attribution"("id", "claim_id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "statement_derivation" ADD CONSTRAINT "statement_derivation_origin_source_id_fkey" FOREIGN KEY ("origin_source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "claim_disputed_by" ADD CONSTRAINT "claim_disputed_by_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "claim_disputed_by" ADD CONSTRAINT "claim_disputed_by_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The new tables are audited and announce their commits like every other.
DO $$
DECLARE
    audited RECORD;
    event RECORD;
BEGIN
    FOR audited IN SELECT * FROM (VALUES
        ('statement_derivation', ARRAY['id']),
        ('claim_disputed_by', ARRAY['claim_id', 'entity_id'])
    ) AS t(table_name, key_columns) LOOP
        FOR event IN SELECT * FROM (VALUES
            ('insert', 'NEW TABLE AS new_rows'),
            ('update', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'),
            ('delete', 'OLD TABLE AS old_rows')
        ) AS e(name, transition_tables) LOOP
            EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement(%s)',
                           audited.table_name || '_audit_' || event.name, upper(event.name), audited.table_name, event.transition_tables,
                           array_to_string(ARRAY(SELECT quote_literal(c) FROM unnest(audited.key_columns) AS c), ', '));
        END LOOP;
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION kb_notify_change()',
                       audited.table_name || '_notify_change', audited.table_name);
    END LOOP;
END $$;

-- A claim's history includes its statements' derivations and who disputes it.
DROP INDEX "change_log_claim_idx";
CREATE INDEX "change_log_claim_idx" ON "change_log" ("table_name", ((coalesce("after", "before") ->> 'claim_id')))
    WHERE "table_name" IN ('attribution', 'claim_unsc_record', 'statement_derivation', 'claim_disputed_by');
