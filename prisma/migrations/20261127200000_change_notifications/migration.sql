-- Every committed write announces itself on the channel `kb_change`, so that a service can drop the
-- answers it cached from the data before, whichever process wrote: itself, another instance, or the
-- command-line importer. Raised once per statement; PostgreSQL folds a transaction's identical
-- notifications into one, sent at commit and never for a rollback.
CREATE FUNCTION kb_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('kb_change', '');
    RETURN NULL;
END $$;

DO $$
DECLARE
    t TEXT;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION kb_notify_change()', t || '_notify_change', t);
    END LOOP;
END $$;
