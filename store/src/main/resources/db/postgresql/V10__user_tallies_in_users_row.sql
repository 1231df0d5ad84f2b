-- Issue 8: fewer rows written per event. A user's metric totals, points totals, metric-trigger
-- progress (TRIG-5) and streak state document were rows in four tables (metric_totals,
-- points_totals, points_metric_progress, streak_states): up to four statements and rows per event.
-- They move into the user's row as JSON documents (TEXT, as the row's other documents).
-- streak_states keeps the columns the sweep and the rankings query across users (length, longest,
-- next_settlement); the points summaries, the one reader of points totals across users, read the
-- users rows anyway.
--   metric_totals:    {"<metric id>": "<total as a plain decimal>", ...}
--   points_totals:    {"<points system id>": <total>, ...}
--   trigger_progress: {"<trigger id>": [epoch, revision, "<accumulated>", "<paid>"], ...}
--   streak:           the streak state document, or NULL
ALTER TABLE users
  ADD COLUMN metric_totals TEXT NOT NULL DEFAULT '{}',
  ADD COLUMN points_totals TEXT NOT NULL DEFAULT '{}',
  ADD COLUMN trigger_progress TEXT NOT NULL DEFAULT '{}',
  ADD COLUMN streak TEXT;

UPDATE users u SET metric_totals = t.doc
  FROM (SELECT env_id, tenant_id, user_id, jsonb_object_agg(metric_id, total::text)::text AS doc
        FROM metric_totals GROUP BY env_id, tenant_id, user_id) t
  WHERE t.env_id = u.env_id AND t.tenant_id = u.tenant_id AND t.user_id = u.id;

UPDATE users u SET points_totals = t.doc
  FROM (SELECT env_id, tenant_id, user_id, jsonb_object_agg(system_id, total)::text AS doc
        FROM points_totals GROUP BY env_id, tenant_id, user_id) t
  WHERE t.env_id = u.env_id AND t.tenant_id = u.tenant_id AND t.user_id = u.id;

UPDATE users u SET trigger_progress = p.doc
  FROM (SELECT env_id, tenant_id, user_id,
               jsonb_object_agg(trigger_id, jsonb_build_array(epoch, revision, accumulated::text, paid::text))::text AS doc
        FROM points_metric_progress GROUP BY env_id, tenant_id, user_id) p
  WHERE p.env_id = u.env_id AND p.tenant_id = u.tenant_id AND p.user_id = u.id;

UPDATE users u SET streak = s.state
  FROM streak_states s
  WHERE s.env_id = u.env_id AND s.tenant_id = u.tenant_id AND s.user_id = u.id;

DROP TABLE metric_totals;
DROP TABLE points_totals;
DROP TABLE points_metric_progress;
ALTER TABLE streak_states DROP COLUMN state;
