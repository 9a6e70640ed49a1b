-- Drafts: what the proposer suggests for a new report, kept apart from the knowledge base until an
-- analyst commits the accepted part through the bundle importer. No query over knowledge reads these
-- tables, and they are not audited: a rejected draft is deleted and leaves nothing behind; a commit
-- writes its own change-log row (who proposed, reviewed and committed).

CREATE TYPE "DraftStatus" AS ENUM ('OPEN', 'COMMITTED');
CREATE TYPE "ProposalKind" AS ENUM ('ENTITY', 'STATEMENT', 'QUANTITY', 'DERIVATION');
CREATE TYPE "ProposalStatus" AS ENUM ('PROPOSED', 'ACCEPTED', 'REJECTED');

CREATE TABLE "draft" (
    "id" SERIAL NOT NULL,
    "status" "DraftStatus" NOT NULL DEFAULT 'OPEN',
    "source_key" TEXT NOT NULL,
    "source_kind" "SourceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "publisher_id" INTEGER NOT NULL,
    "url" TEXT,
    "published_at" TIMESTAMPTZ(3),
    "language" TEXT NOT NULL DEFAULT 'und',
    "text" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "committed_by" TEXT,
    "committed_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "draft_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "draft_text_present" CHECK (btrim("text") <> ''),
    CONSTRAINT "draft_title_present" CHECK (btrim("title") <> ''),
    CONSTRAINT "draft_committed_by_whom" CHECK (("status" = 'COMMITTED') = ("committed_by" IS NOT NULL AND "committed_at" IS NOT NULL))
);

CREATE TABLE "draft_proposal" (
    "id" SERIAL NOT NULL,
    "draft_id" INTEGER NOT NULL,
    "ref" TEXT NOT NULL,
    "kind" "ProposalKind" NOT NULL,
    "status" "ProposalStatus" NOT NULL DEFAULT 'PROPOSED',
    "proposed" JSONB NOT NULL,
    "current" JSONB NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "span_start" INTEGER,
    "span_end" INTEGER,
    "reviewed_by" TEXT,
    "reviewed_at" TIMESTAMPTZ(3),
    CONSTRAINT "draft_proposal_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "draft_proposal_confidence_range" CHECK ("confidence" >= 0 AND "confidence" <= 1),
    CONSTRAINT "draft_proposal_span_order" CHECK ("span_start" IS NULL OR ("span_start" >= 0 AND "span_end" > "span_start"))
);

CREATE INDEX "draft_status_id_idx" ON "draft"("status", "id");
CREATE INDEX "draft_publisher_id_idx" ON "draft"("publisher_id");
CREATE UNIQUE INDEX "draft_proposal_draft_id_ref_key" ON "draft_proposal"("draft_id", "ref");
CREATE INDEX "draft_proposal_draft_id_kind_id_idx" ON "draft_proposal"("draft_id", "kind", "id");

ALTER TABLE "draft" ADD CONSTRAINT "draft_publisher_id_fkey" FOREIGN KEY ("publisher_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "draft_proposal" ADD CONSTRAINT "draft_proposal_draft_id_fkey" FOREIGN KEY ("draft_id") REFERENCES "draft"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Cached answers about drafts are dropped when a draft changes, as for every other table.
CREATE TRIGGER "draft_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "draft" FOR EACH STATEMENT EXECUTE FUNCTION kb_notify_change();
CREATE TRIGGER "draft_proposal_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "draft_proposal" FOR EACH STATEMENT EXECUTE FUNCTION kb_notify_change();
