-- Issue 8: a version per user, bumped in every transaction that changes what makes up the user's
-- state (the users row and the user's rows in metric_totals, achievement_*, streak_states,
-- points_* and leaderboard_entries). A node keeps users' states in memory and reuses one only
-- while the version it was read or written at is still the stored one (LockingUserStates).
ALTER TABLE users ADD COLUMN state_version BIGINT NOT NULL DEFAULT 0;
