-- Issue 8: PostgreSQL only (its V11 adds the function laurel_claim_state for the sessions of several
-- nodes, which the embedded store does not have). Kept so that both stores number their schema
-- versions alike.
SELECT 1;
