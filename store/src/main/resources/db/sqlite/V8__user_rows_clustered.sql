-- Issue 8 (ingest): the small per-user rows that an event updates — metric totals, points totals,
-- trigger progress, filtered achievement totals — clustered on their primary key. As rowid tables
-- each kept its key in a second B-tree, so every upsert descended two B-trees (and a new row dirtied
-- a page in both); clustered, one. Rows stay small (well under a twentieth of a page), where SQLite
-- recommends WITHOUT ROWID. streak_states keeps its rowid: its JSON document can be large.

CREATE TABLE metric_totals_clustered (
  env_id    TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  user_id   TEXT NOT NULL,
  metric_id TEXT NOT NULL,
  total     TEXT NOT NULL,
  PRIMARY KEY (env_id, tenant_id, user_id, metric_id)
) WITHOUT ROWID;
INSERT INTO metric_totals_clustered (env_id, tenant_id, user_id, metric_id, total) SELECT env_id, tenant_id, user_id, metric_id, total FROM metric_totals;
DROP TABLE metric_totals;
ALTER TABLE metric_totals_clustered RENAME TO metric_totals;

CREATE TABLE points_totals_clustered (
  env_id    TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  user_id   TEXT NOT NULL,
  system_id TEXT NOT NULL,
  total     BIGINT NOT NULL,
  PRIMARY KEY (env_id, tenant_id, user_id, system_id)
) WITHOUT ROWID;
INSERT INTO points_totals_clustered (env_id, tenant_id, user_id, system_id, total) SELECT env_id, tenant_id, user_id, system_id, total FROM points_totals;
DROP TABLE points_totals;
ALTER TABLE points_totals_clustered RENAME TO points_totals;
CREATE INDEX points_totals_system ON points_totals (system_id);

CREATE TABLE points_metric_progress_clustered (
  env_id      TEXT NOT NULL,
  tenant_id   TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  trigger_id  TEXT NOT NULL,
  epoch       BIGINT NOT NULL,
  revision    BIGINT NOT NULL,
  accumulated TEXT NOT NULL,
  paid        TEXT NOT NULL,
  PRIMARY KEY (env_id, tenant_id, user_id, trigger_id)
) WITHOUT ROWID;
INSERT INTO points_metric_progress_clustered (env_id, tenant_id, user_id, trigger_id, epoch, revision, accumulated, paid) SELECT env_id, tenant_id, user_id, trigger_id, epoch, revision, accumulated, paid FROM points_metric_progress;
DROP TABLE points_metric_progress;
ALTER TABLE points_metric_progress_clustered RENAME TO points_metric_progress;

CREATE TABLE points_time_progress_clustered (
  env_id     TEXT NOT NULL,
  tenant_id  TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  trigger_id TEXT NOT NULL,
  activation BIGINT NOT NULL,
  fired      BIGINT NOT NULL,
  next_due   BIGINT NOT NULL,
  PRIMARY KEY (env_id, tenant_id, user_id, trigger_id)
) WITHOUT ROWID;
INSERT INTO points_time_progress_clustered (env_id, tenant_id, user_id, trigger_id, activation, fired, next_due) SELECT env_id, tenant_id, user_id, trigger_id, activation, fired, next_due FROM points_time_progress;
DROP TABLE points_time_progress;
ALTER TABLE points_time_progress_clustered RENAME TO points_time_progress;
CREATE INDEX points_time_progress_due ON points_time_progress (trigger_id, activation, next_due);

CREATE TABLE achievement_filtered_totals_clustered (
  env_id    TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  user_id   TEXT NOT NULL,
  total_key TEXT NOT NULL,
  total     TEXT NOT NULL,
  PRIMARY KEY (env_id, tenant_id, user_id, total_key)
) WITHOUT ROWID;
INSERT INTO achievement_filtered_totals_clustered (env_id, tenant_id, user_id, total_key, total) SELECT env_id, tenant_id, user_id, total_key, total FROM achievement_filtered_totals;
DROP TABLE achievement_filtered_totals;
ALTER TABLE achievement_filtered_totals_clustered RENAME TO achievement_filtered_totals;
