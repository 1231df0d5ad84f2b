-- Issue 8: PostgreSQL only (its V12 adds the procedure laurel_claim, the claim of V11 as a statement
-- without a result, for the group commit of several nodes' sessions). Kept so that both stores
-- number their schema versions alike.
SELECT 1;
