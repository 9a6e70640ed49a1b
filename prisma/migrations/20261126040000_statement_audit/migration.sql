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

DROP TRIGGER "entity_audit" ON "entity";
CREATE TRIGGER "entity_audit_insert" AFTER INSERT ON "entity" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "entity_audit_update" AFTER UPDATE ON "entity" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "entity_audit_delete" AFTER DELETE ON "entity" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
DROP TRIGGER "entity_alias_audit" ON "entity_alias";
CREATE TRIGGER "entity_alias_audit_insert" AFTER INSERT ON "entity_alias" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "entity_alias_audit_update" AFTER UPDATE ON "entity_alias" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "entity_alias_audit_delete" AFTER DELETE ON "entity_alias" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
DROP TRIGGER "entity_identifier_audit" ON "entity_identifier";
CREATE TRIGGER "entity_identifier_audit_insert" AFTER INSERT ON "entity_identifier" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "entity_identifier_audit_update" AFTER UPDATE ON "entity_identifier" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "entity_identifier_audit_delete" AFTER DELETE ON "entity_identifier" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
DROP TRIGGER "entity_role_audit" ON "entity_role";
CREATE TRIGGER "entity_role_audit_insert" AFTER INSERT ON "entity_role" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "entity_role_audit_update" AFTER UPDATE ON "entity_role" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "entity_role_audit_delete" AFTER DELETE ON "entity_role" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
DROP TRIGGER "source_audit" ON "source";
CREATE TRIGGER "source_audit_insert" AFTER INSERT ON "source" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "source_audit_update" AFTER UPDATE ON "source" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "source_audit_delete" AFTER DELETE ON "source" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
DROP TRIGGER "source_derivation_audit" ON "source_derivation";
CREATE TRIGGER "source_derivation_audit_insert" AFTER INSERT ON "source_derivation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "source_derivation_audit_update" AFTER UPDATE ON "source_derivation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "source_derivation_audit_delete" AFTER DELETE ON "source_derivation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
DROP TRIGGER "claim_audit" ON "claim";
CREATE TRIGGER "claim_audit_insert" AFTER INSERT ON "claim" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "claim_audit_update" AFTER UPDATE ON "claim" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "claim_audit_delete" AFTER DELETE ON "claim" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
DROP TRIGGER "attribution_audit" ON "attribution";
CREATE TRIGGER "attribution_audit_insert" AFTER INSERT ON "attribution" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "attribution_audit_update" AFTER UPDATE ON "attribution" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "attribution_audit_delete" AFTER DELETE ON "attribution" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
DROP TRIGGER "unsc_membership_audit" ON "unsc_membership";
CREATE TRIGGER "unsc_membership_audit_insert" AFTER INSERT ON "unsc_membership" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "unsc_membership_audit_update" AFTER UPDATE ON "unsc_membership" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "unsc_membership_audit_delete" AFTER DELETE ON "unsc_membership" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
DROP TRIGGER "unsc_meeting_audit" ON "unsc_meeting";
CREATE TRIGGER "unsc_meeting_audit_insert" AFTER INSERT ON "unsc_meeting" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "unsc_meeting_audit_update" AFTER UPDATE ON "unsc_meeting" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "unsc_meeting_audit_delete" AFTER DELETE ON "unsc_meeting" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
DROP TRIGGER "unsc_draft_audit" ON "unsc_draft";
CREATE TRIGGER "unsc_draft_audit_insert" AFTER INSERT ON "unsc_draft" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "unsc_draft_audit_update" AFTER UPDATE ON "unsc_draft" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "unsc_draft_audit_delete" AFTER DELETE ON "unsc_draft" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
DROP TRIGGER "unsc_draft_sponsor_audit" ON "unsc_draft_sponsor";
CREATE TRIGGER "unsc_draft_sponsor_audit_insert" AFTER INSERT ON "unsc_draft_sponsor" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('draft_id', 'sponsor_id');
CREATE TRIGGER "unsc_draft_sponsor_audit_update" AFTER UPDATE ON "unsc_draft_sponsor" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('draft_id', 'sponsor_id');
CREATE TRIGGER "unsc_draft_sponsor_audit_delete" AFTER DELETE ON "unsc_draft_sponsor" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('draft_id', 'sponsor_id');
DROP TRIGGER "unsc_vote_audit" ON "unsc_vote";
CREATE TRIGGER "unsc_vote_audit_insert" AFTER INSERT ON "unsc_vote" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "unsc_vote_audit_update" AFTER UPDATE ON "unsc_vote" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "unsc_vote_audit_delete" AFTER DELETE ON "unsc_vote" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
DROP TRIGGER "claim_unsc_record_audit" ON "claim_unsc_record";
CREATE TRIGGER "claim_unsc_record_audit_insert" AFTER INSERT ON "claim_unsc_record" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('claim_id', 'draft_id');
CREATE TRIGGER "claim_unsc_record_audit_update" AFTER UPDATE ON "claim_unsc_record" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('claim_id', 'draft_id');
CREATE TRIGGER "claim_unsc_record_audit_delete" AFTER DELETE ON "claim_unsc_record" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('claim_id', 'draft_id');
DROP TRIGGER "unsc_draft_concern_audit" ON "unsc_draft_concern";
CREATE TRIGGER "unsc_draft_concern_audit_insert" AFTER INSERT ON "unsc_draft_concern" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('draft_id', 'entity_id');
CREATE TRIGGER "unsc_draft_concern_audit_update" AFTER UPDATE ON "unsc_draft_concern" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('draft_id', 'entity_id');
CREATE TRIGGER "unsc_draft_concern_audit_delete" AFTER DELETE ON "unsc_draft_concern" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('draft_id', 'entity_id');
DROP TRIGGER "api_key_audit" ON "api_key";
CREATE TRIGGER "api_key_audit_insert" AFTER INSERT ON "api_key" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "api_key_audit_update" AFTER UPDATE ON "api_key" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');
CREATE TRIGGER "api_key_audit_delete" AFTER DELETE ON "api_key" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kb_audit_statement('id');

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
