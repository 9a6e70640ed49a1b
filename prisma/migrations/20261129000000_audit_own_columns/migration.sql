-- The logged images leave out a table's generated columns (its search vectors). They are now never
-- rendered rather than rendered and removed: to_jsonb spent about a third of its time writing each
-- vector out as text, and a bulk import logs every row it adds.
CREATE OR REPLACE FUNCTION kb_audit_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    -- The record id: the key columns (the trigger's arguments) of the logged row, joined by ':'.
    record_id TEXT := (SELECT string_agg(format('(r ->> %L)', col), ' || '':'' || ' ORDER BY ord) FROM unnest(TG_ARGV) WITH ORDINALITY AS pk(col, ord));
    actor TEXT := coalesce(nullif(current_setting('kb.actor', true), ''), 'system');
    -- The row's own columns: all but the generated ones.
    own TEXT := (SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
                  WHERE attrelid = TG_RELID AND attnum > 0 AND attgenerated = '' AND NOT attisdropped);
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE format('INSERT INTO "change_log" ("actor", "operation", "table_name", "record_id", "before", "after")
                        SELECT $1, ''INSERT'', $2, %s, NULL, r FROM (SELECT to_jsonb(n) AS r FROM (SELECT %s FROM new_rows) n) x', record_id, own)
          USING actor, TG_TABLE_NAME;
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE format('INSERT INTO "change_log" ("actor", "operation", "table_name", "record_id", "before", "after")
                        SELECT $1, ''DELETE'', $2, %s, r, NULL FROM (SELECT to_jsonb(o) AS r FROM (SELECT %s FROM old_rows) o) x', record_id, own)
          USING actor, TG_TABLE_NAME;
    ELSE
        EXECUTE format('INSERT INTO "change_log" ("actor", "operation", "table_name", "record_id", "before", "after")
                        SELECT $1, ''UPDATE'', $2, o.k, o.r, n.r
                          FROM (SELECT %1$s AS k, r FROM (SELECT to_jsonb(o) AS r FROM (SELECT %2$s FROM old_rows) o) x) o
                          JOIN (SELECT %1$s AS k, r FROM (SELECT to_jsonb(n) AS r FROM (SELECT %2$s FROM new_rows) n) x) n ON n.k = o.k
                         WHERE o.r - ''updated_at'' <> n.r - ''updated_at''', record_id, own)
          USING actor, TG_TABLE_NAME;
    END IF;
    RETURN NULL;
END $$;
