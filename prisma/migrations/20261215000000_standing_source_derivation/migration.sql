-- The document-level derivations that stand (not retracted), defined once as the statements and statement
-- derivations that stand are (migration statement_retractions, src/db/standing.ts): every read of
-- source_derivation that answers goes through this view. PostgreSQL inlines it, so the indexes of
-- source_derivation serve it. `d.*` is expanded when the view is created: a later migration that adds a
-- column to source_derivation and wants it read here recreates the view.
CREATE VIEW "standing_source_derivation" AS
    SELECT d.* FROM "source_derivation" d WHERE d."retracted_at" IS NULL;
