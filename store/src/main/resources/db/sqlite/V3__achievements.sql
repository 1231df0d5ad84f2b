-- Achievements (issue 4): definitions, completions, the running filtered totals of metric
-- achievements with event filters (ACH-6), and the durable queue of backdating runs (ACH-16).

CREATE TABLE achievements (
  id               TEXT PRIMARY KEY,
  env_id           TEXT NOT NULL,
  tenant_id        TEXT NOT NULL,
  key              TEXT NOT NULL,
  name             TEXT NOT NULL,
  description      TEXT,
  badge_url        TEXT,
  trigger_type     TEXT NOT NULL,
  status           TEXT NOT NULL,
  metric_id        TEXT,
  metric_value     TEXT,
  streak_length    INTEGER,
  prerequisite_ids TEXT NOT NULL,
  user_filters     TEXT NOT NULL,
  event_filters    TEXT NOT NULL,
  filter_revision  TEXT NOT NULL,
  created          BIGINT NOT NULL,
  updated          BIGINT NOT NULL,
  seq              BIGINT NOT NULL
);
CREATE UNIQUE INDEX achievements_key ON achievements (env_id, tenant_id, key) WHERE status <> 'deleted';

-- ACH-5: at most one completion per (scope, user, achievement), whatever path completes it.
CREATE TABLE achievement_completions (
  id             TEXT PRIMARY KEY,
  env_id         TEXT NOT NULL,
  tenant_id      TEXT NOT NULL,
  user_id        TEXT NOT NULL,
  achievement_id TEXT NOT NULL,
  achieved_at    BIGINT NOT NULL,
  backdated      BOOLEAN NOT NULL
);
CREATE UNIQUE INDEX achievement_completions_once
  ON achievement_completions (env_id, tenant_id, user_id, achievement_id);
CREATE INDEX achievement_completions_stats ON achievement_completions (env_id, tenant_id, achievement_id);

-- total_key is "<achievement id>:<filter revision>": a new requirement never reuses an old total.
CREATE TABLE achievement_filtered_totals (
  env_id    TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  user_id   TEXT NOT NULL,
  total_key TEXT NOT NULL,
  total     TEXT NOT NULL,
  PRIMARY KEY (env_id, tenant_id, user_id, total_key)
);

CREATE TABLE achievement_backfills (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  env_id         TEXT NOT NULL,
  tenant_id      TEXT NOT NULL,
  achievement_id TEXT NOT NULL,
  requested      BIGINT NOT NULL
);
