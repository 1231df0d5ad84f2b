-- Issue 8: one random page fewer per event. Each user's entry in the latest run of each leaderboard
-- (their leaderboard state) moves from leaderboard_entries into the users row, as a JSON document
-- written in the same UPDATE as the row's other documents (V10):
--   leaderboards: {"<leaderboard id>": ["<run start>", "<group>" or null, "<value>", <reached at>], ...}
-- leaderboard_entries keeps every other entry (earlier runs): an entry is in one place, never both.
ALTER TABLE users ADD COLUMN leaderboards TEXT NOT NULL DEFAULT '{}';

UPDATE users SET leaderboards = (
    SELECT json_group_object(e.leaderboard_id, json_array(e.run_start, e.grp, CAST(e.value AS TEXT), e.reached_at))
    FROM leaderboard_entries e
    WHERE e.env_id = users.env_id AND e.tenant_id = users.tenant_id AND e.user_id = users.id
      AND e.run_start = (SELECT MAX(m.run_start) FROM leaderboard_entries m
                         WHERE m.leaderboard_id = e.leaderboard_id AND m.user_id = e.user_id))
  WHERE EXISTS (
    SELECT 1 FROM leaderboard_entries e
    WHERE e.env_id = users.env_id AND e.tenant_id = users.tenant_id AND e.user_id = users.id);

DELETE FROM leaderboard_entries
  WHERE run_start = (SELECT MAX(m.run_start) FROM leaderboard_entries m
                     WHERE m.leaderboard_id = leaderboard_entries.leaderboard_id
                       AND m.user_id = leaderboard_entries.user_id)
    AND EXISTS (SELECT 1 FROM users u WHERE u.env_id = leaderboard_entries.env_id
                AND u.tenant_id = leaderboard_entries.tenant_id AND u.id = leaderboard_entries.user_id);
