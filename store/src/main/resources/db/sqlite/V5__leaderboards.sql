-- Leaderboards (issue 6). Definitions per scope; every user's value per (leaderboard, run), with
-- the user's group in that run (LB-9, LB-13); finalised runs with their final rankings (LB-7, the
-- run archive); daily rank snapshots (LB-34). Dates are TEXT 'YYYY-MM-DD' (they sort as dates),
-- times 'HH:mm[:ss]'; exact values are TEXT in SQLite. Leaderboard ids are UUIDs, so rows below
-- the definition need no scope columns except where a user is looked up by id.

CREATE TABLE leaderboards (
  id                   TEXT PRIMARY KEY,
  env_id               TEXT NOT NULL,
  tenant_id            TEXT NOT NULL,
  key                  TEXT NOT NULL,
  name                 TEXT NOT NULL,
  description          TEXT,
  status               TEXT NOT NULL,
  rank_by              TEXT NOT NULL,
  metric_id            TEXT,
  points_system_id     TEXT,
  max_participants     INTEGER NOT NULL,
  start_date           TEXT NOT NULL,
  end_date             TEXT,
  start_time           TEXT,
  end_time             TEXT,
  breakdown_attributes TEXT NOT NULL,
  run_unit             TEXT,
  run_interval         INTEGER,
  activated            BOOLEAN NOT NULL,
  created              BIGINT NOT NULL,
  seq                  BIGINT NOT NULL
);
CREATE UNIQUE INDEX leaderboards_key ON leaderboards (env_id, tenant_id, key);

-- grp: the user's breakdown group in the run ('' without breakdown, NULL when the user lacks a
-- breakdown value). Written in the transaction of the request that changed it.
CREATE TABLE leaderboard_entries (
  leaderboard_id TEXT NOT NULL,
  run_start      TEXT NOT NULL,
  user_id        TEXT NOT NULL,
  env_id         TEXT NOT NULL,
  tenant_id      TEXT NOT NULL,
  grp            TEXT,
  value          TEXT NOT NULL,
  reached_at     BIGINT NOT NULL,
  PRIMARY KEY (leaderboard_id, run_start, user_id)
);
CREATE INDEX leaderboard_entries_user ON leaderboard_entries (env_id, tenant_id, user_id, leaderboard_id, run_start);

CREATE TABLE leaderboard_runs (
  leaderboard_id TEXT NOT NULL,
  run_start      TEXT NOT NULL,
  finalised      BIGINT NOT NULL,
  PRIMARY KEY (leaderboard_id, run_start)
);

CREATE TABLE leaderboard_results (
  leaderboard_id TEXT NOT NULL,
  run_start      TEXT NOT NULL,
  grp            TEXT NOT NULL,
  rank           INTEGER NOT NULL,
  user_id        TEXT NOT NULL,
  value          TEXT NOT NULL,
  PRIMARY KEY (leaderboard_id, run_start, grp, rank)
);
CREATE INDEX leaderboard_results_user ON leaderboard_results (leaderboard_id, run_start, user_id);

CREATE TABLE leaderboard_snapshots (
  leaderboard_id TEXT NOT NULL,
  run_start      TEXT NOT NULL,
  user_id        TEXT NOT NULL,
  day            TEXT NOT NULL,
  rank           INTEGER,
  value          BIGINT,
  PRIMARY KEY (leaderboard_id, run_start, user_id, day)
);
