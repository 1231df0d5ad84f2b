-- Issue 8: a user's completions are read through achievement_completions_once (env_id, tenant_id,
-- user_id, achievement_id) only. The per-scope index on (env_id, tenant_id, achievement_id) tied
-- with it in PostgreSQL's generic plan for that read (both estimated at one row until the table is
-- analysed), and the planner picked it, scanning every completion of the scope for each user read.
-- The completion counts per achievement (ACH-13) scan the scope's completions either way.
DROP INDEX achievement_completions_stats;
