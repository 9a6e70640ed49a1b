-- Knowledge base schema. Written by hand in the SQL `prisma migrate diff` would emit for schema.prisma
-- (test/db/schema-conformance.test.ts proves the two agree), plus what Prisma cannot express:
-- check constraints, integrity triggers and the change-log triggers.

-- CreateEnum
CREATE TYPE "EntityKind" AS ENUM ('PERSON', 'ORGANISATION', 'STATE', 'LOCATION', 'GROUP', 'OTHER');
CREATE TYPE "IdentifierScheme" AS ENUM ('WIKIDATA', 'ISO_3166_1_ALPHA_2', 'ISO_3166_1_ALPHA_3', 'UN_M49');
CREATE TYPE "SourceKind" AS ENUM ('NEWS_ARTICLE', 'WIRE_REPORT', 'GOVERNMENT_STATEMENT', 'PRESS_BRIEFING', 'INTELLIGENCE_BRIEFING', 'PHONE_CALL_READOUT', 'UN_RECORD', 'OTHER');
CREATE TYPE "SourceReliability" AS ENUM ('A', 'B', 'C', 'D', 'E', 'F');
CREATE TYPE "DerivationKind" AS ENUM ('QUOTES', 'CITES', 'SUMMARISES', 'TRANSLATES', 'REVISION_OF', 'PRIMARY_SOURCE');
CREATE TYPE "ValueKind" AS ENUM ('ENTITY', 'QUANTITY', 'TIME', 'TEXT', 'SOME_VALUE', 'NO_VALUE');
CREATE TYPE "TimePrecision" AS ENUM ('YEAR', 'MONTH', 'DAY', 'SECOND');
CREATE TYPE "Modality" AS ENUM ('ASSERTED', 'HEDGED', 'DENIED', 'NOT_CONFIRMED');
CREATE TYPE "Rank" AS ENUM ('PREFERRED', 'NORMAL', 'DEPRECATED');
CREATE TYPE "Stance" AS ENUM ('SUPPORTS', 'REFUTES', 'REPORTS');
CREATE TYPE "UnscSeat" AS ENUM ('PERMANENT', 'ELECTED');
CREATE TYPE "UnscOutcome" AS ENUM ('ADOPTED', 'NOT_ADOPTED');
CREATE TYPE "UnscVoteCast" AS ENUM ('Y', 'N', 'A', 'X');
CREATE TYPE "ChangeOperation" AS ENUM ('INSERT', 'UPDATE', 'DELETE');

-- CreateTable
CREATE TABLE "entity" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "EntityKind" NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "entity_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "entity_key_format" CHECK ("key" ~ '^entity:[a-z0-9][a-z0-9._-]*$'),
    CONSTRAINT "entity_name_present" CHECK (btrim("name") <> ''),
    CONSTRAINT "entity_version_positive" CHECK ("version" > 0)
);

CREATE TABLE "entity_alias" (
    "id" SERIAL NOT NULL,
    "entity_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'und',
    CONSTRAINT "entity_alias_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "entity_alias_name_present" CHECK (btrim("name") <> ''),
    CONSTRAINT "entity_alias_language_tag" CHECK ("language" ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$')
);

CREATE TABLE "entity_identifier" (
    "id" SERIAL NOT NULL,
    "entity_id" INTEGER NOT NULL,
    "scheme" "IdentifierScheme" NOT NULL,
    "value" TEXT NOT NULL,
    CONSTRAINT "entity_identifier_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "entity_identifier_value_format" CHECK (CASE "scheme"
        WHEN 'WIKIDATA' THEN "value" ~ '^Q[1-9][0-9]*$'
        WHEN 'ISO_3166_1_ALPHA_2' THEN "value" ~ '^[A-Z]{2}$'
        WHEN 'ISO_3166_1_ALPHA_3' THEN "value" ~ '^[A-Z]{3}$'
        WHEN 'UN_M49' THEN "value" ~ '^[0-9]{3}$'
    END)
);

CREATE TABLE "entity_role" (
    "id" SERIAL NOT NULL,
    "holder_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "valid_from" DATE,
    "valid_to" DATE,
    CONSTRAINT "entity_role_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "entity_role_title_present" CHECK (btrim("title") <> ''),
    CONSTRAINT "entity_role_not_self" CHECK ("holder_id" <> "organisation_id"),
    CONSTRAINT "entity_role_period_ordered" CHECK ("valid_to" IS NULL OR "valid_from" IS NULL OR "valid_to" >= "valid_from")
);

CREATE TABLE "source" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "SourceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "publisher_id" INTEGER,
    "author_id" INTEGER,
    "url" TEXT,
    "published_at" TIMESTAMPTZ(3),
    "retrieved_at" TIMESTAMPTZ(3),
    "language" TEXT NOT NULL DEFAULT 'und',
    "text" TEXT,
    "text_sha256" CHAR(64),
    "reliability" "SourceReliability",
    "reliability_graded_by" TEXT,
    "reliability_graded_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "source_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "source_key_format" CHECK ("key" ~ '^source:[a-z0-9][a-z0-9._-]*$'),
    CONSTRAINT "source_title_present" CHECK (btrim("title") <> ''),
    CONSTRAINT "source_url_http" CHECK ("url" IS NULL OR "url" ~ '^https?://[^[:space:]]+$'),
    CONSTRAINT "source_language_tag" CHECK ("language" ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
    CONSTRAINT "source_text_hash" CHECK (("text" IS NULL AND "text_sha256" IS NULL)
        OR "text_sha256" = encode(sha256(convert_to("text", 'UTF8')), 'hex')),
    CONSTRAINT "source_grade_complete" CHECK (("reliability" IS NULL AND "reliability_graded_by" IS NULL AND "reliability_graded_at" IS NULL)
        OR ("reliability" IS NOT NULL AND "reliability_graded_by" IS NOT NULL AND "reliability_graded_at" IS NOT NULL)),
    CONSTRAINT "source_version_positive" CHECK ("version" > 0)
);

CREATE TABLE "source_derivation" (
    "id" SERIAL NOT NULL,
    "derived_id" INTEGER NOT NULL,
    "origin_id" INTEGER NOT NULL,
    "kind" "DerivationKind" NOT NULL,
    "note" TEXT,
    CONSTRAINT "source_derivation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "source_derivation_not_self" CHECK ("derived_id" <> "origin_id")
);

CREATE TABLE "claim" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "subject_id" INTEGER NOT NULL,
    "predicate" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "value_kind" "ValueKind" NOT NULL,
    "value_entity_id" INTEGER,
    "value_amount" DECIMAL(30,6),
    "value_unit" TEXT,
    "value_approximate" BOOLEAN,
    "value_lower_bound" DECIMAL(30,6),
    "value_upper_bound" DECIMAL(30,6),
    "value_time" TIMESTAMPTZ(3),
    "value_time_precision" "TimePrecision",
    "value_text" TEXT,
    "place_id" INTEGER,
    "point_in_time" TIMESTAMPTZ(3),
    "period_start" TIMESTAMPTZ(3),
    "period_end" TIMESTAMPTZ(3),
    "modality" "Modality" NOT NULL,
    "rank" "Rank" NOT NULL DEFAULT 'NORMAL',
    "deprecation_reason" TEXT,
    "credibility" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "claim_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "claim_key_format" CHECK ("key" ~ '^claim:[a-z0-9][a-z0-9._-]*$'),
    CONSTRAINT "claim_predicate_format" CHECK ("predicate" ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT "claim_statement_present" CHECK (btrim("statement") <> ''),
    CONSTRAINT "claim_value_entity" CHECK (("value_kind" = 'ENTITY') = ("value_entity_id" IS NOT NULL)),
    CONSTRAINT "claim_value_quantity" CHECK (("value_kind" = 'QUANTITY') = ("value_amount" IS NOT NULL)),
    CONSTRAINT "claim_value_quantity_extras" CHECK ("value_kind" = 'QUANTITY' OR ("value_unit" IS NULL AND "value_approximate" IS NULL
        AND "value_lower_bound" IS NULL AND "value_upper_bound" IS NULL)),
    CONSTRAINT "claim_value_bounds" CHECK (("value_lower_bound" IS NULL OR "value_lower_bound" <= "value_amount")
        AND ("value_upper_bound" IS NULL OR "value_upper_bound" >= "value_amount")),
    CONSTRAINT "claim_value_time" CHECK (("value_kind" = 'TIME') = ("value_time" IS NOT NULL)
        AND ("value_time" IS NULL) = ("value_time_precision" IS NULL)),
    CONSTRAINT "claim_value_text" CHECK (("value_kind" = 'TEXT') = ("value_text" IS NOT NULL)),
    CONSTRAINT "claim_period_ordered" CHECK ("period_end" IS NULL OR "period_start" IS NULL OR "period_end" >= "period_start"),
    CONSTRAINT "claim_deprecation_reason" CHECK (("rank" = 'DEPRECATED') = ("deprecation_reason" IS NOT NULL AND btrim("deprecation_reason") <> '')),
    CONSTRAINT "claim_credibility_range" CHECK ("credibility" BETWEEN 1 AND 6),
    CONSTRAINT "claim_version_positive" CHECK ("version" > 0)
);

CREATE TABLE "attribution" (
    "id" SERIAL NOT NULL,
    "claim_id" INTEGER NOT NULL,
    "agent_id" INTEGER NOT NULL,
    "on_behalf_of_id" INTEGER,
    "source_id" INTEGER NOT NULL,
    "quotation" TEXT NOT NULL,
    "span_start" INTEGER NOT NULL,
    "span_end" INTEGER NOT NULL,
    "stance" "Stance" NOT NULL,
    "stated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "attribution_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "attribution_span" CHECK ("span_start" >= 0 AND "span_end" > "span_start"
        AND char_length("quotation") = "span_end" - "span_start")
);

CREATE TABLE "unsc_membership" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "seat" "UnscSeat" NOT NULL,
    CONSTRAINT "unsc_membership_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "unsc_membership_year_range" CHECK ("year" BETWEEN 1946 AND 2200)
);

CREATE TABLE "unsc_meeting" (
    "id" SERIAL NOT NULL,
    "record_symbol" TEXT NOT NULL,
    "date" DATE NOT NULL,
    CONSTRAINT "unsc_meeting_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "unsc_meeting_symbol_format" CHECK ("record_symbol" ~ '^S/PV\.[0-9]+([-/ ].*)?$'),
    CONSTRAINT "unsc_meeting_date_range" CHECK ("date" >= DATE '1946-01-17')
);

CREATE TABLE "unsc_draft" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "symbol" TEXT,
    "title" TEXT NOT NULL,
    "agenda" TEXT NOT NULL,
    "submitted_at" DATE,
    "vote_date" DATE,
    "meeting_id" INTEGER,
    "outcome" "UnscOutcome",
    "resolution_number" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "unsc_draft_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "unsc_draft_key_format" CHECK ("key" ~ '^unsc:[a-z0-9][a-z0-9._-]*$'),
    CONSTRAINT "unsc_draft_symbol_format" CHECK ("symbol" ~ '^S/[0-9]{4}/[0-9]+$'),
    CONSTRAINT "unsc_draft_title_present" CHECK (btrim("title") <> '' AND btrim("agenda") <> ''),
    CONSTRAINT "unsc_draft_resolution" CHECK (("outcome" IS NOT DISTINCT FROM 'ADOPTED') = ("resolution_number" IS NOT NULL)
        AND ("resolution_number" IS NULL OR "resolution_number" > 0)),
    CONSTRAINT "unsc_draft_voted" CHECK ("outcome" IS NULL OR "vote_date" IS NOT NULL),
    CONSTRAINT "unsc_draft_dates_ordered" CHECK ("submitted_at" IS NULL OR "vote_date" IS NULL OR "vote_date" >= "submitted_at"),
    CONSTRAINT "unsc_draft_version_positive" CHECK ("version" > 0)
);

CREATE TABLE "unsc_draft_sponsor" (
    "draft_id" INTEGER NOT NULL,
    "sponsor_id" INTEGER NOT NULL,
    CONSTRAINT "unsc_draft_sponsor_pkey" PRIMARY KEY ("draft_id","sponsor_id")
);

CREATE TABLE "unsc_vote" (
    "id" SERIAL NOT NULL,
    "draft_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "vote" "UnscVoteCast" NOT NULL,
    CONSTRAINT "unsc_vote_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "claim_unsc_record" (
    "claim_id" INTEGER NOT NULL,
    "draft_id" INTEGER NOT NULL,
    "stance" "Stance" NOT NULL,
    CONSTRAINT "claim_unsc_record_pkey" PRIMARY KEY ("claim_id","draft_id")
);

CREATE TABLE "change_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "operation" "ChangeOperation" NOT NULL,
    "table_name" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    CONSTRAINT "change_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "entity_key_key" ON "entity"("key");
CREATE INDEX "entity_kind_idx" ON "entity"("kind");
CREATE INDEX "entity_name_idx" ON "entity"("name");
CREATE INDEX "entity_alias_name_idx" ON "entity_alias"("name");
CREATE UNIQUE INDEX "entity_alias_entity_id_name_language_key" ON "entity_alias"("entity_id", "name", "language");
CREATE INDEX "entity_identifier_entity_id_idx" ON "entity_identifier"("entity_id");
CREATE UNIQUE INDEX "entity_identifier_scheme_value_key" ON "entity_identifier"("scheme", "value");
CREATE INDEX "entity_role_organisation_id_idx" ON "entity_role"("organisation_id");
CREATE UNIQUE INDEX "entity_role_holder_id_organisation_id_title_key" ON "entity_role"("holder_id", "organisation_id", "title");
CREATE UNIQUE INDEX "source_key_key" ON "source"("key");
CREATE UNIQUE INDEX "source_url_key" ON "source"("url");
CREATE UNIQUE INDEX "source_text_sha256_key" ON "source"("text_sha256");
CREATE INDEX "source_publisher_id_idx" ON "source"("publisher_id");
CREATE INDEX "source_author_id_idx" ON "source"("author_id");
CREATE INDEX "source_kind_idx" ON "source"("kind");
CREATE INDEX "source_published_at_idx" ON "source"("published_at");
CREATE INDEX "source_derivation_origin_id_idx" ON "source_derivation"("origin_id");
CREATE UNIQUE INDEX "source_derivation_derived_id_origin_id_kind_key" ON "source_derivation"("derived_id", "origin_id", "kind");
CREATE UNIQUE INDEX "claim_key_key" ON "claim"("key");
CREATE INDEX "claim_subject_id_predicate_idx" ON "claim"("subject_id", "predicate");
CREATE INDEX "claim_predicate_idx" ON "claim"("predicate");
CREATE INDEX "claim_value_entity_id_idx" ON "claim"("value_entity_id");
CREATE INDEX "claim_place_id_idx" ON "claim"("place_id");
CREATE INDEX "claim_modality_idx" ON "claim"("modality");
CREATE INDEX "attribution_agent_id_idx" ON "attribution"("agent_id");
CREATE INDEX "attribution_on_behalf_of_id_idx" ON "attribution"("on_behalf_of_id");
CREATE INDEX "attribution_source_id_idx" ON "attribution"("source_id");
CREATE UNIQUE INDEX "attribution_claim_id_agent_id_source_id_span_start_span_end_key" ON "attribution"("claim_id", "agent_id", "source_id", "span_start", "span_end");
CREATE INDEX "unsc_membership_member_id_idx" ON "unsc_membership"("member_id");
CREATE UNIQUE INDEX "unsc_membership_year_member_id_key" ON "unsc_membership"("year", "member_id");
CREATE UNIQUE INDEX "unsc_meeting_record_symbol_key" ON "unsc_meeting"("record_symbol");
CREATE UNIQUE INDEX "unsc_draft_key_key" ON "unsc_draft"("key");
CREATE UNIQUE INDEX "unsc_draft_symbol_key" ON "unsc_draft"("symbol");
CREATE UNIQUE INDEX "unsc_draft_resolution_number_key" ON "unsc_draft"("resolution_number");
CREATE INDEX "unsc_draft_agenda_idx" ON "unsc_draft"("agenda");
CREATE INDEX "unsc_draft_vote_date_idx" ON "unsc_draft"("vote_date");
CREATE INDEX "unsc_draft_meeting_id_idx" ON "unsc_draft"("meeting_id");
CREATE INDEX "unsc_draft_sponsor_sponsor_id_idx" ON "unsc_draft_sponsor"("sponsor_id");
CREATE INDEX "unsc_vote_member_id_idx" ON "unsc_vote"("member_id");
CREATE UNIQUE INDEX "unsc_vote_draft_id_member_id_key" ON "unsc_vote"("draft_id", "member_id");
CREATE INDEX "claim_unsc_record_draft_id_idx" ON "claim_unsc_record"("draft_id");
CREATE INDEX "change_log_table_name_record_id_idx" ON "change_log"("table_name", "record_id");
CREATE INDEX "change_log_at_idx" ON "change_log"("at");

-- AddForeignKey
ALTER TABLE "entity_alias" ADD CONSTRAINT "entity_alias_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "entity_identifier" ADD CONSTRAINT "entity_identifier_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "entity_role" ADD CONSTRAINT "entity_role_holder_id_fkey" FOREIGN KEY ("holder_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "entity_role" ADD CONSTRAINT "entity_role_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "source" ADD CONSTRAINT "source_publisher_id_fkey" FOREIGN KEY ("publisher_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "source" ADD CONSTRAINT "source_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "source_derivation" ADD CONSTRAINT "source_derivation_derived_id_fkey" FOREIGN KEY ("derived_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "source_derivation" ADD CONSTRAINT "source_derivation_origin_id_fkey" FOREIGN KEY ("origin_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "claim" ADD CONSTRAINT "claim_subject_id_fkey" FOREIGN KEY ("subject_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "claim" ADD CONSTRAINT "claim_value_entity_id_fkey" FOREIGN KEY ("value_entity_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "claim" ADD CONSTRAINT "claim_place_id_fkey" FOREIGN KEY ("place_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "attribution" ADD CONSTRAINT "attribution_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "attribution" ADD CONSTRAINT "attribution_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "attribution" ADD CONSTRAINT "attribution_on_behalf_of_id_fkey" FOREIGN KEY ("on_behalf_of_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "attribution" ADD CONSTRAINT "attribution_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "unsc_membership" ADD CONSTRAINT "unsc_membership_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "unsc_draft" ADD CONSTRAINT "unsc_draft_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "unsc_meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "unsc_draft_sponsor" ADD CONSTRAINT "unsc_draft_sponsor_draft_id_fkey" FOREIGN KEY ("draft_id") REFERENCES "unsc_draft"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "unsc_draft_sponsor" ADD CONSTRAINT "unsc_draft_sponsor_sponsor_id_fkey" FOREIGN KEY ("sponsor_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "unsc_vote" ADD CONSTRAINT "unsc_vote_draft_id_fkey" FOREIGN KEY ("draft_id") REFERENCES "unsc_draft"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "unsc_vote" ADD CONSTRAINT "unsc_vote_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "claim_unsc_record" ADD CONSTRAINT "claim_unsc_record_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "claim_unsc_record" ADD CONSTRAINT "claim_unsc_record_draft_id_fkey" FOREIGN KEY ("draft_id") REFERENCES "unsc_draft"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Integrity rules that span rows: the database enforces them so that no writer, however it
-- reaches PostgreSQL, can store a quotation that is not in its source or a vote record that breaks
-- the Charter. The service validates the same rules first to give readable errors.

-- A quotation must be exactly the source text at its span (spans count code points, as substr does).
CREATE FUNCTION kb_check_quotation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    held TEXT;
BEGIN
    SELECT substr("text", NEW.span_start + 1, NEW.span_end - NEW.span_start) INTO held
      FROM "source" WHERE id = NEW.source_id;
    IF held IS DISTINCT FROM NEW.quotation THEN
        RAISE EXCEPTION 'attribution quotation is not the text of source % at %-%', NEW.source_id, NEW.span_start, NEW.span_end
            USING ERRCODE = 'check_violation', CONSTRAINT = 'attribution_quotation_in_source';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER "attribution_quotation_in_source" BEFORE INSERT OR UPDATE ON "attribution"
    FOR EACH ROW EXECUTE FUNCTION kb_check_quotation();

-- A source's text may not change under the quotations that rest on it; a new text is a new
-- source that wasRevisionOf the old.
CREATE FUNCTION kb_check_source_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM "attribution" a WHERE a.source_id = NEW.id
               AND substr(NEW."text", a.span_start + 1, a.span_end - a.span_start) IS DISTINCT FROM a.quotation) THEN
        RAISE EXCEPTION 'source % text would no longer hold the quotations attributed to it', NEW.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'attribution_quotation_in_source';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER "source_text_keeps_quotations" BEFORE UPDATE OF "text" ON "source"
    FOR EACH ROW EXECUTE FUNCTION kb_check_source_text();

-- Charter, Art. 27(3): a decided draft has one vote from each of that year's members, and it is
-- adopted exactly when at least 9 voted yes and no permanent member voted no. Checked at commit,
-- once all of a record's rows are written.
CREATE FUNCTION kb_check_unsc_record(draft INTEGER) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    d RECORD;
    members INTEGER;
    voters INTEGER;
    outsiders INTEGER;
    yes INTEGER;
    permanent_no INTEGER;
BEGIN
    SELECT * INTO d FROM "unsc_draft" WHERE id = draft;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF d.outcome IS NULL THEN
        IF EXISTS (SELECT 1 FROM "unsc_vote" WHERE draft_id = draft) THEN
            RAISE EXCEPTION 'UNSC draft % has votes but no outcome', d.key
                USING ERRCODE = 'check_violation', CONSTRAINT = 'unsc_record_charter_rule';
        END IF;
        RETURN;
    END IF;
    SELECT count(*) INTO members FROM "unsc_membership" WHERE year = extract(year FROM d.vote_date);
    SELECT count(*),
           count(*) FILTER (WHERE m.id IS NULL),
           count(*) FILTER (WHERE v.vote = 'Y'),
           count(*) FILTER (WHERE v.vote = 'N' AND m.seat = 'PERMANENT')
      INTO voters, outsiders, yes, permanent_no
      FROM "unsc_vote" v
      LEFT JOIN "unsc_membership" m ON m.member_id = v.member_id AND m.year = extract(year FROM d.vote_date)
     WHERE v.draft_id = draft;
    IF members <> 15 OR voters <> 15 OR outsiders <> 0 THEN
        RAISE EXCEPTION 'UNSC draft % needs one vote from each of the 15 members of %: % members, % votes, % from non-members',
            d.key, extract(year FROM d.vote_date), members, voters, outsiders
            USING ERRCODE = 'check_violation', CONSTRAINT = 'unsc_record_charter_rule';
    END IF;
    IF (d.outcome = 'ADOPTED') <> (yes >= 9 AND permanent_no = 0) THEN
        RAISE EXCEPTION 'UNSC draft % is recorded as % but its votes (% yes, % permanent no) say otherwise', d.key, d.outcome, yes, permanent_no
            USING ERRCODE = 'check_violation', CONSTRAINT = 'unsc_record_charter_rule';
    END IF;
END $$;

CREATE FUNCTION kb_check_unsc_draft() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kb_check_unsc_record(NEW.id);
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER "unsc_draft_charter_rule" AFTER INSERT OR UPDATE ON "unsc_draft"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kb_check_unsc_draft();

CREATE FUNCTION kb_check_unsc_vote() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM kb_check_unsc_record(OLD.draft_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM kb_check_unsc_record(NEW.draft_id);
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER "unsc_vote_charter_rule" AFTER INSERT OR UPDATE OR DELETE ON "unsc_vote"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kb_check_unsc_vote();

-- The change log. Triggers write it so that no write path can skip it; the acting user comes from
-- the transaction-local setting `kb.actor` that the service sets in every write transaction.
CREATE FUNCTION kb_audit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_data JSONB := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
    id_text TEXT;
BEGIN
    IF TG_OP = 'UPDATE' AND to_jsonb(OLD) - 'updated_at' = to_jsonb(NEW) - 'updated_at' THEN
        RETURN NULL;
    END IF;
    SELECT string_agg(row_data ->> col, ':' ORDER BY ord) INTO id_text
      FROM unnest(TG_ARGV) WITH ORDINALITY AS pk(col, ord);
    INSERT INTO "change_log" ("actor", "operation", "table_name", "record_id", "before", "after")
    VALUES (coalesce(nullif(current_setting('kb.actor', true), ''), 'system'), TG_OP::"ChangeOperation", TG_TABLE_NAME, id_text,
            CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
            CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
    RETURN NULL;
END $$;

CREATE TRIGGER "entity_audit" AFTER INSERT OR UPDATE OR DELETE ON "entity" FOR EACH ROW EXECUTE FUNCTION kb_audit('id');
CREATE TRIGGER "entity_alias_audit" AFTER INSERT OR UPDATE OR DELETE ON "entity_alias" FOR EACH ROW EXECUTE FUNCTION kb_audit('id');
CREATE TRIGGER "entity_identifier_audit" AFTER INSERT OR UPDATE OR DELETE ON "entity_identifier" FOR EACH ROW EXECUTE FUNCTION kb_audit('id');
CREATE TRIGGER "entity_role_audit" AFTER INSERT OR UPDATE OR DELETE ON "entity_role" FOR EACH ROW EXECUTE FUNCTION kb_audit('id');
CREATE TRIGGER "source_audit" AFTER INSERT OR UPDATE OR DELETE ON "source" FOR EACH ROW EXECUTE FUNCTION kb_audit('id');
CREATE TRIGGER "source_derivation_audit" AFTER INSERT OR UPDATE OR DELETE ON "source_derivation" FOR EACH ROW EXECUTE FUNCTION kb_audit('id');
CREATE TRIGGER "claim_audit" AFTER INSERT OR UPDATE OR DELETE ON "claim" FOR EACH ROW EXECUTE FUNCTION kb_audit('id');
CREATE TRIGGER "attribution_audit" AFTER INSERT OR UPDATE OR DELETE ON "attribution" FOR EACH ROW EXECUTE FUNCTION kb_audit('id');
CREATE TRIGGER "unsc_membership_audit" AFTER INSERT OR UPDATE OR DELETE ON "unsc_membership" FOR EACH ROW EXECUTE FUNCTION kb_audit('id');
CREATE TRIGGER "unsc_meeting_audit" AFTER INSERT OR UPDATE OR DELETE ON "unsc_meeting" FOR EACH ROW EXECUTE FUNCTION kb_audit('id');
CREATE TRIGGER "unsc_draft_audit" AFTER INSERT OR UPDATE OR DELETE ON "unsc_draft" FOR EACH ROW EXECUTE FUNCTION kb_audit('id');
CREATE TRIGGER "unsc_draft_sponsor_audit" AFTER INSERT OR UPDATE OR DELETE ON "unsc_draft_sponsor" FOR EACH ROW EXECUTE FUNCTION kb_audit('draft_id', 'sponsor_id');
CREATE TRIGGER "unsc_vote_audit" AFTER INSERT OR UPDATE OR DELETE ON "unsc_vote" FOR EACH ROW EXECUTE FUNCTION kb_audit('id');
CREATE TRIGGER "claim_unsc_record_audit" AFTER INSERT OR UPDATE OR DELETE ON "claim_unsc_record" FOR EACH ROW EXECUTE FUNCTION kb_audit('claim_id', 'draft_id');

-- Append-only: no update, delete or truncate of the log, whoever asks.
CREATE FUNCTION kb_change_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'change_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER "change_log_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "change_log"
    FOR EACH STATEMENT EXECUTE FUNCTION kb_change_log_is_append_only();
