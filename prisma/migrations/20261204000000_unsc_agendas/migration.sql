-- A Security Council agenda item is a record of its own, with a key, a name and aliases, so that a
-- filter by agenda names a known thing ("DPRK" is an alias of "Non-proliferation/Democratic People's
-- Republic of Korea") and an unknown one is refused instead of silently matching nothing. Drafts
-- reference their agenda; the free-text agendas already stored become agenda records, one per text,
-- keyed by the text's slug as the bundle importer keys the free-text agendas of version-1 bundles.

CREATE TABLE "unsc_agenda" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "unsc_agenda_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "unsc_agenda_key_format" CHECK ("key" ~ '^agenda:[a-z0-9][a-z0-9._-]*$'),
    CONSTRAINT "unsc_agenda_name_present" CHECK (btrim("name") <> ''),
    CONSTRAINT "unsc_agenda_version_positive" CHECK ("version" > 0)
);

CREATE TABLE "unsc_agenda_alias" (
    "id" SERIAL NOT NULL,
    "agenda_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "unsc_agenda_alias_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "unsc_agenda_alias_name_present" CHECK (btrim("name") <> '')
);

CREATE UNIQUE INDEX "unsc_agenda_key_key" ON "unsc_agenda"("key");
CREATE UNIQUE INDEX "unsc_agenda_name_key" ON "unsc_agenda"("name");
CREATE UNIQUE INDEX "unsc_agenda_alias_agenda_id_name_key" ON "unsc_agenda_alias"("agenda_id", "name");
ALTER TABLE "unsc_agenda_alias" ADD CONSTRAINT "unsc_agenda_alias_agenda_id_fkey" FOREIGN KEY ("agenda_id") REFERENCES "unsc_agenda"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Audited and announced like every other table (20261126040000_statement_audit, 20261127200000_change_notifications).
DO $$
DECLARE
    t TEXT;
    event RECORD;
BEGIN
    FOREACH t IN ARRAY ARRAY['unsc_agenda', 'unsc_agenda_alias'] LOOP
        FOR event IN SELECT * FROM (VALUES
            ('insert', 'NEW TABLE AS new_rows'),
            ('update', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'),
            ('delete', 'OLD TABLE AS old_rows')
        ) AS e(name, transition_tables) LOOP
            EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement(''id'')',
                           t || '_audit_' || event.name, upper(event.name), t, event.transition_tables);
        END LOOP;
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION kb_notify_change()', t || '_notify_change', t);
    END LOOP;
END $$;

INSERT INTO "unsc_agenda" ("key", "name")
SELECT 'agenda:' || coalesce(nullif(slug, ''), 'agenda') || CASE WHEN n > 1 OR slug = '' THEN '-' || n ELSE '' END, agenda
  FROM (SELECT agenda, slug, row_number() OVER (PARTITION BY slug ORDER BY agenda) AS n
          FROM (SELECT agenda, regexp_replace(regexp_replace(lower(agenda), '[^a-z0-9._]+', '-', 'g'), '^[._-]+|[._-]+$', '', 'g') AS slug
                  FROM (SELECT DISTINCT "agenda" FROM "unsc_draft") d) s) k;

ALTER TABLE "unsc_draft" ADD COLUMN "agenda_id" INTEGER;
-- The Charter check on drafts is deferred to commit; run it now, so that the table can be altered after the update.
SET CONSTRAINTS "unsc_draft_charter_rule" IMMEDIATE;
UPDATE "unsc_draft" d SET "agenda_id" = a."id" FROM "unsc_agenda" a WHERE a."name" = d."agenda";
ALTER TABLE "unsc_draft" ALTER COLUMN "agenda_id" SET NOT NULL;
ALTER TABLE "unsc_draft" DROP CONSTRAINT "unsc_draft_title_present";
ALTER TABLE "unsc_draft" ADD CONSTRAINT "unsc_draft_title_present" CHECK (btrim("title") <> '');
DROP INDEX "unsc_draft_agenda_idx";
ALTER TABLE "unsc_draft" DROP COLUMN "agenda";
CREATE INDEX "unsc_draft_agenda_id_idx" ON "unsc_draft"("agenda_id");
ALTER TABLE "unsc_draft" ADD CONSTRAINT "unsc_draft_agenda_id_fkey" FOREIGN KEY ("agenda_id") REFERENCES "unsc_agenda"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
