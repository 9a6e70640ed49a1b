-- Commit order for the change feed. change_log ids come from a sequence, taken before commit, so two
-- transactions can commit out of id order: a reader paging by "id > last id seen" can pass a row
-- that commits a moment later with a smaller id, and never see it. Each transaction that writes the
-- log is instead numbered when it commits: a deferred trigger takes the next number from a one-row
-- clock whose row lock it keeps until its commit is visible, so the next committer waits and numbers
-- after it. Numbers therefore follow the order in which commits become visible, without gaps (a
-- transaction that rolls back after its trigger rolls its number back too), and a reader that has
-- seen commit n has seen every commit before it.

-- The transaction that wrote each row. Rows logged before this migration keep the value 1, which is
-- never a transaction's id, and count as one commit numbered 0, first of all, in id order.
ALTER TABLE "change_log" ADD COLUMN "xid" BIGINT NOT NULL DEFAULT 1;
ALTER TABLE "change_log" ALTER COLUMN "xid" SET DEFAULT (pg_current_xact_id()::text)::bigint;
CREATE INDEX "change_log_xid_id_idx" ON "change_log" ("xid", "id");

CREATE TABLE "change_commit" (
    "xid" BIGINT NOT NULL,
    -- Null until the transaction commits; no reader sees it before then.
    "seq" BIGINT,
    "committed_at" TIMESTAMPTZ(6),
    CONSTRAINT "change_commit_pkey" PRIMARY KEY ("xid")
);
CREATE UNIQUE INDEX "change_commit_seq_key" ON "change_commit" ("seq");
INSERT INTO "change_commit" ("xid", "seq", "committed_at") VALUES (1, 0, CURRENT_TIMESTAMP);

CREATE TABLE "change_commit_clock" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "seq" BIGINT NOT NULL,
    CONSTRAINT "change_commit_clock_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "change_commit_clock_one_row" CHECK ("id")
);
INSERT INTO "change_commit_clock" ("id", "seq") VALUES (true, 0);

-- A transaction's first statement that logs a change registers the transaction, once.
CREATE FUNCTION kb_register_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT FROM new_rows) THEN
        INSERT INTO "change_commit" ("xid") VALUES ((pg_current_xact_id()::text)::bigint) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER "change_log_register_commit" AFTER INSERT ON "change_log" REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kb_register_commit();

-- At commit: the next number, under the clock's row lock, which is released only once this commit is
-- visible to every new snapshot.
CREATE FUNCTION kb_number_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH tick AS (UPDATE "change_commit_clock" SET "seq" = "seq" + 1 RETURNING "seq")
    UPDATE "change_commit" c SET "seq" = tick."seq", "committed_at" = clock_timestamp() FROM tick WHERE c."xid" = NEW."xid";
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER "change_commit_number" AFTER INSERT ON "change_commit"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kb_number_commit();

-- Like the log, the commit numbers are never rewritten but by the trigger above, nor deleted.
CREATE FUNCTION kb_change_commit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD."seq" IS NULL AND pg_trigger_depth() > 1 THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'change_commit is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER "change_commit_append_only" BEFORE UPDATE OR DELETE ON "change_commit"
    FOR EACH ROW EXECUTE FUNCTION kb_change_commit_is_append_only();

-- Like every table, these announce their writes on `kb_change` (change_notifications).
CREATE TRIGGER "change_commit_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "change_commit"
    FOR EACH STATEMENT EXECUTE FUNCTION kb_notify_change();
CREATE TRIGGER "change_commit_clock_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "change_commit_clock"
    FOR EACH STATEMENT EXECUTE FUNCTION kb_notify_change();
