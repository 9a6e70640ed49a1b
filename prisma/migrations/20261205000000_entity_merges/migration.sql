-- What each merge moved, row by row, so that unmergeEntities restores both entities as they were (issue 17).
-- A merge deletes nothing: a row of the merged entity that one of the survivor's matches (a statement of
-- the same claim in the same source at the same span, whatever its stance; an alias, a role) stays with the
-- merged entity, which resolves to the survivor.
CREATE TABLE "entity_merge" (
    "id" SERIAL NOT NULL,
    "survivor_id" INTEGER NOT NULL,
    "merged_id" INTEGER NOT NULL,
    "moved" JSONB NOT NULL,
    "merged_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "merged_by" TEXT NOT NULL,
    "unmerged_at" TIMESTAMPTZ(3),
    "unmerged_by" TEXT,
    CONSTRAINT "entity_merge_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "entity_merge_merged_id_idx" ON "entity_merge"("merged_id");
CREATE INDEX "entity_merge_survivor_id_idx" ON "entity_merge"("survivor_id");
ALTER TABLE "entity_merge" ADD CONSTRAINT "entity_merge_survivor_id_fkey" FOREIGN KEY ("survivor_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "entity_merge" ADD CONSTRAINT "entity_merge_merged_id_fkey" FOREIGN KEY ("merged_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Audited and announced like every knowledge table.
DO $$
DECLARE
    event RECORD;
BEGIN
    FOR event IN SELECT * FROM (VALUES
        ('insert', 'NEW TABLE AS new_rows'),
        ('update', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'),
        ('delete', 'OLD TABLE AS old_rows')
    ) AS e(name, transition_tables) LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER %s ON "entity_merge" REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement(''id'')',
                       'entity_merge_audit_' || event.name, upper(event.name), event.transition_tables);
    END LOOP;
END $$;
CREATE TRIGGER "entity_merge_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "entity_merge" FOR EACH STATEMENT EXECUTE FUNCTION kb_notify_change();
