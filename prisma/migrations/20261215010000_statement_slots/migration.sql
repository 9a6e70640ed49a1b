-- A retracted statement no longer holds its slot (its claim, agent, source and span): an analyst retracts
-- a wrong statement (a stance the speaker did not take, wrong wording) and records the correction at the
-- same span. A slot holds at most one statement that is not retracted, and any number that are (kept,
-- with their reasons). NULLS NOT DISTINCT as before: statements without a span share one slot.
DROP INDEX "attribution_claim_id_agent_id_source_id_span_start_span_end_key";
CREATE UNIQUE INDEX "attribution_claim_id_agent_id_source_id_span_start_span_end_key" ON "attribution"("claim_id", "agent_id", "source_id", "span_start", "span_end") NULLS NOT DISTINCT WHERE "retracted_at" IS NULL;
-- The key's index served every read of a claim's statements; a partial one serves only reads of those not
-- retracted, so the reads of all of them (exports, imports, history, cycle checks) take this one.
CREATE INDEX "attribution_claim_id_id_idx" ON "attribution"("claim_id", "id");
