-- The change log is written once per statement rather than once per row: the audit triggers read
-- PostgreSQL's transition tables (all rows a statement inserted, updated or deleted) and log them with
-- one INSERT ... SELECT. Same rows, same actor, same rule that an update changing only updated_at is
-- not a change; a bulk import no longer runs a PL/pgSQL call and an INSERT per row.

CREATE FUNCTION kb_audit_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    -- The record id: the key columns (the trigger's arguments) of the logged row, joined by ':'.
    record_id TEXT := (SELECT string_agg(format('(r ->> %L)', col), ' || '':'' || ' ORDER BY ord) FROM unnest(TG_ARGV) WITH ORDINALITY AS pk(col, ord));
    actor TEXT := coalesce(nullif(current_setting('kb.actor', true), ''), 'system');
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE format('INSERT INTO "change_log" ("actor", "operation", "table_name", "record_id", "before", "after")
                        SELECT $1, ''INSERT'', $2, %s, NULL, r FROM (SELECT to_jsonb(n) AS r FROM new_rows n) x', record_id)
          USING actor, TG_TABLE_NAME;
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE format('INSERT INTO "change_log" ("actor", "operation", "table_name", "record_id", "before", "after")
                        SELECT $1, ''DELETE'', $2, %s, r, NULL FROM (SELECT to_jsonb(o) AS r FROM old_rows o) x', record_id)
          USING actor, TG_TABLE_NAME;
    ELSE
        EXECUTE format('INSERT INTO "change_log" ("actor", "operation", "table_name", "record_id", "before", "after")
                        SELECT $1, ''UPDATE'', $2, o.k, o.r, n.r
                          FROM (SELECT %1$s AS k, r FROM (SELECT to_jsonb(o) AS r FROM old_rows o) x) o
                          JOIN (SELECT %1$s AS k, r FROM (SELECT to_jsonb(n) AS r FROM new_rows n) x) n ON n.k = o.k
                         WHERE o.r - ''updated_at'' <> n.r - ''updated_at''', record_id)
          USING actor, TG_TABLE_NAME;
    END IF;
    RETURN NULL;
END $$;

-- Each audited table, with the key columns that name its rows, swaps its row trigger for one
-- statement trigger per event (a trigger with transition tables fires on one event only).
DO $$
DECLARE
    audited RECORD;
    event RECORD;
BEGIN
    FOR audited IN SELECT * FROM (VALUES
        ('entity', ARRAY['id']),
        ('entity_alias', ARRAY['id']),
        ('entity_identifier', ARRAY['id']),
        ('entity_role', ARRAY['id']),
        ('source', ARRAY['id']),
        ('source_derivation', ARRAY['id']),
        ('claim', ARRAY['id']),
        ('attribution', ARRAY['id']),
        ('unsc_membership', ARRAY['id']),
        ('unsc_meeting', ARRAY['id']),
        ('unsc_draft', ARRAY['id']),
        ('unsc_draft_sponsor', ARRAY['draft_id', 'sponsor_id']),
        ('unsc_vote', ARRAY['id']),
        ('claim_unsc_record', ARRAY['claim_id', 'draft_id']),
        ('unsc_draft_concern', ARRAY['draft_id', 'entity_id']),
        ('api_key', ARRAY['id'])
    ) AS t(table_name, key_columns) LOOP
        EXECUTE format('DROP TRIGGER %I ON %I', audited.table_name || '_audit', audited.table_name);
        FOR event IN SELECT * FROM (VALUES
            ('insert', 'NEW TABLE AS new_rows'),
            ('update', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'),
            ('delete', 'OLD TABLE AS old_rows')
        ) AS e(name, transition_tables) LOOP
            EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement(%s)',
                           audited.table_name || '_audit_' || event.name, upper(event.name), audited.table_name, event.transition_tables,
                           array_to_string(ARRAY(SELECT quote_literal(c) FROM unnest(audited.key_columns) AS c), ', '));
        END LOOP;
    END LOOP;
END $$;

DROP FUNCTION kb_audit();

-- The owner indexes of the history cover only the logged tables whose rows name that owner, so a
-- change-log row enters at most one of them instead of all four.
DROP INDEX "change_log_claim_idx";
DROP INDEX "change_log_entity_idx";
DROP INDEX "change_log_holder_idx";
DROP INDEX "change_log_derived_idx";
CREATE INDEX "change_log_claim_idx" ON "change_log" ("table_name", ((coalesce("after", "before") ->> 'claim_id'))) WHERE "table_name" IN ('attribution', 'claim_unsc_record');
CREATE INDEX "change_log_entity_idx" ON "change_log" ("table_name", ((coalesce("after", "before") ->> 'entity_id'))) WHERE "table_name" IN ('entity_alias', 'entity_identifier');
CREATE INDEX "change_log_holder_idx" ON "change_log" ("table_name", ((coalesce("after", "before") ->> 'holder_id'))) WHERE "table_name" = 'entity_role';
CREATE INDEX "change_log_derived_idx" ON "change_log" ("table_name", ((coalesce("after", "before") ->> 'derived_id'))) WHERE "table_name" = 'source_derivation';
