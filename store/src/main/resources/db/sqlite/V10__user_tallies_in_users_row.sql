-- Issue 8: fewer rows written per event. A user's metric totals, points totals, metric-trigger
-- progress (TRIG-5) and streak state document were rows in four tables (metric_totals,
-- points_totals, points_metric_progress, streak_states), each on a page of its own that an event
-- dirtied and the commit and the checkpoint then wrote out. They move into the user's row as JSON
-- documents, and an event writes them onto one page. streak_states keeps the columns the sweep and
-- the rankings query across users (length, longest, next_settlement); the points summaries, the one
-- reader of points totals across users, read the users rows anyway.
--   metric_totals:    {"<metric id>": "<total as a plain decimal>", ...}
--   points_totals:    {"<points system id>": <total>, ...}
--   trigger_progress: {"<trigger id>": [epoch, revision, "<accumulated>", "<paid>"], ...}
--   streak:           the streak state document, or NULL
ALTER TABLE users ADD COLUMN metric_totals TEXT NOT NULL DEFAULT '{}';
ALTER TABLE users ADD COLUMN points_totals TEXT NOT NULL DEFAULT '{}';
ALTER TABLE users ADD COLUMN trigger_progress TEXT NOT NULL DEFAULT '{}';
ALTER TABLE users ADD COLUMN streak TEXT;

UPDATE users SET metric_totals = (
    SELECT json_group_object(t.metric_id, t.total) FROM metric_totals t
    WHERE t.env_id = users.env_id AND t.tenant_id = users.tenant_id AND t.user_id = users.id)
  WHERE EXISTS (
    SELECT 1 FROM metric_totals t
    WHERE t.env_id = users.env_id AND t.tenant_id = users.tenant_id AND t.user_id = users.id);

UPDATE users SET points_totals = (
    SELECT json_group_object(t.system_id, t.total) FROM points_totals t
    WHERE t.env_id = users.env_id AND t.tenant_id = users.tenant_id AND t.user_id = users.id)
  WHERE EXISTS (
    SELECT 1 FROM points_totals t
    WHERE t.env_id = users.env_id AND t.tenant_id = users.tenant_id AND t.user_id = users.id);

UPDATE users SET trigger_progress = (
    SELECT json_group_object(p.trigger_id, json_array(p.epoch, p.revision, p.accumulated, p.paid))
    FROM points_metric_progress p
    WHERE p.env_id = users.env_id AND p.tenant_id = users.tenant_id AND p.user_id = users.id)
  WHERE EXISTS (
    SELECT 1 FROM points_metric_progress p
    WHERE p.env_id = users.env_id AND p.tenant_id = users.tenant_id AND p.user_id = users.id);

UPDATE users SET streak = (
    SELECT s.state FROM streak_states s
    WHERE s.env_id = users.env_id AND s.tenant_id = users.tenant_id AND s.user_id = users.id);

DROP TABLE metric_totals;
DROP TABLE points_totals;
DROP TABLE points_metric_progress;
ALTER TABLE streak_states DROP COLUMN state;
