-- Issue 8: a version per user, bumped in every transaction that changes what makes up the user's
-- state (the users row and the user's rows in metric_totals, achievement_*, streak_states,
-- points_* and leaderboard_entries). Only the PostgreSQL write path reads it (several nodes keep
-- users' states in memory and check it); the embedded store keeps the column so that both
-- schemas stay alike (copy-store) and the same writes run on both.
ALTER TABLE users ADD COLUMN state_version INTEGER NOT NULL DEFAULT 0;
