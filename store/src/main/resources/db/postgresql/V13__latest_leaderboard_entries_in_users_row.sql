-- Issue 8: one row fewer written per event. Each user's entry in the latest run of each leaderboard
-- (their leaderboard state) moves from leaderboard_entries into the users row, as a JSON document
-- written in the same UPDATE as the row's other documents (V10):
--   leaderboards: {"<leaderboard id>": ["<run start>", "<group>" or null, "<value>", <reached at>], ...}
-- leaderboard_entries keeps every other entry (earlier runs): an entry is in one place, never both.
ALTER TABLE users ADD COLUMN leaderboards TEXT NOT NULL DEFAULT '{}';

CREATE TEMPORARY TABLE latest_entries ON COMMIT DROP AS
  SELECT e.* FROM leaderboard_entries e
  WHERE e.run_start = (SELECT MAX(m.run_start) FROM leaderboard_entries m
                       WHERE m.leaderboard_id = e.leaderboard_id AND m.user_id = e.user_id)
    AND EXISTS (SELECT 1 FROM users u WHERE u.env_id = e.env_id AND u.tenant_id = e.tenant_id
                AND u.id = e.user_id);

UPDATE users u SET leaderboards = t.doc
  FROM (SELECT env_id, tenant_id, user_id,
               jsonb_object_agg(leaderboard_id, jsonb_build_array(run_start, grp, value::text, reached_at))::text AS doc
        FROM latest_entries GROUP BY env_id, tenant_id, user_id) t
  WHERE t.env_id = u.env_id AND t.tenant_id = u.tenant_id AND t.user_id = u.id;

DELETE FROM leaderboard_entries e USING latest_entries l
  WHERE e.leaderboard_id = l.leaderboard_id AND e.run_start = l.run_start AND e.user_id = l.user_id;
