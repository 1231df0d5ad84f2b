-- Points (issue 5): systems with their triggers, levels and boosts; each user's totals, trigger
-- progress and awards. Archived/deleted configuration rows are kept (awards name their trigger and
-- boosts, PTS-3, BOOST-12). Instants are epoch milliseconds; points are exact integers (BIGINT);
-- decimals (accumulators, multipliers) are TEXT in SQLite and NUMERIC in PostgreSQL. Like the other
-- scope tables, no foreign keys: `laurel copy-store` copies tables in name order.

CREATE TABLE points_systems (
  id          TEXT PRIMARY KEY,
  env_id      TEXT NOT NULL,
  tenant_id   TEXT NOT NULL,
  key         TEXT NOT NULL,
  name        TEXT NOT NULL,
  description TEXT,
  badge_url   TEXT,
  max_points  BIGINT,
  status      TEXT NOT NULL,
  created     BIGINT NOT NULL,
  seq         BIGINT NOT NULL
);
CREATE UNIQUE INDEX points_systems_key ON points_systems (env_id, tenant_id, key) WHERE status = 'active';

-- activated: last activation instant (TRIG-10 anchor); epoch/revision: TRIG-7 resets and re-bases.
CREATE TABLE points_triggers (
  id                     TEXT PRIMARY KEY,
  env_id                 TEXT NOT NULL,
  tenant_id              TEXT NOT NULL,
  system_id              TEXT NOT NULL,
  type                   TEXT NOT NULL,
  points                 BIGINT NOT NULL,
  status                 TEXT NOT NULL,
  user_attributes        TEXT NOT NULL,
  metric_id              TEXT,
  metric_threshold       BIGINT,
  event_attributes       TEXT NOT NULL,
  achievement_id         TEXT,
  streak_length          INTEGER,
  time_unit              TEXT,
  time_interval          INTEGER,
  block_if_out_of_points BOOLEAN NOT NULL,
  created                BIGINT NOT NULL,
  updated                BIGINT NOT NULL,
  activated              BIGINT,
  epoch                  BIGINT NOT NULL,
  revision               BIGINT NOT NULL,
  seq                    BIGINT NOT NULL
);
CREATE INDEX points_triggers_system ON points_triggers (system_id);
CREATE INDEX points_triggers_active_type ON points_triggers (type, status);

CREATE TABLE points_levels (
  id          TEXT PRIMARY KEY,
  env_id      TEXT NOT NULL,
  tenant_id   TEXT NOT NULL,
  system_id   TEXT NOT NULL,
  key         TEXT NOT NULL,
  name        TEXT NOT NULL,
  description TEXT,
  badge_url   TEXT,
  points      BIGINT NOT NULL,
  status      TEXT NOT NULL,
  created     BIGINT NOT NULL,
  seq         BIGINT NOT NULL
);
CREATE UNIQUE INDEX points_levels_key ON points_levels (system_id, key) WHERE status = 'active';
CREATE UNIQUE INDEX points_levels_points ON points_levels (system_id, points) WHERE status = 'active';

CREATE TABLE points_boosts (
  id              TEXT PRIMARY KEY,
  env_id          TEXT NOT NULL,
  tenant_id       TEXT NOT NULL,
  system_id       TEXT NOT NULL,
  name            TEXT NOT NULL,
  start_date      TEXT NOT NULL,
  end_date        TEXT,
  multiplier      NUMERIC NOT NULL,
  rounding        TEXT NOT NULL,
  user_id         TEXT,
  user_attributes TEXT NOT NULL,
  status          TEXT NOT NULL,
  created         BIGINT NOT NULL,
  seq             BIGINT NOT NULL
);
CREATE INDEX points_boosts_system ON points_boosts (system_id);

CREATE TABLE points_totals (
  env_id    TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  user_id   TEXT NOT NULL,
  system_id TEXT NOT NULL,
  total     BIGINT NOT NULL,
  PRIMARY KEY (env_id, tenant_id, user_id, system_id)
);
CREATE INDEX points_totals_system ON points_totals (system_id);

-- TRIG-5: accumulator A and paid count H per (user, metric trigger).
CREATE TABLE points_metric_progress (
  env_id      TEXT NOT NULL,
  tenant_id   TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  trigger_id  TEXT NOT NULL,
  epoch       BIGINT NOT NULL,
  revision    BIGINT NOT NULL,
  accumulated NUMERIC NOT NULL,
  paid        NUMERIC NOT NULL,
  PRIMARY KEY (env_id, tenant_id, user_id, trigger_id)
);

-- TRIG-10: how far each user's schedule of a time trigger is settled; the sweep finds due users
-- by next_due (and users without a row for the trigger's current activation).
CREATE TABLE points_time_progress (
  env_id     TEXT NOT NULL,
  tenant_id  TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  trigger_id TEXT NOT NULL,
  activation BIGINT NOT NULL,
  fired      BIGINT NOT NULL,
  next_due   BIGINT NOT NULL,
  PRIMARY KEY (env_id, tenant_id, user_id, trigger_id)
);
CREATE INDEX points_time_progress_due ON points_time_progress (trigger_id, activation, next_due);

-- PTS-3: every change of a total. dedupe_key makes once-only firings (time schedule slots,
-- user creation) impossible to store twice.
CREATE TABLE points_awards (
  seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  env_id     TEXT NOT NULL,
  tenant_id  TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  system_id  TEXT NOT NULL,
  trigger_id TEXT NOT NULL,
  awarded    BIGINT NOT NULL,
  total      BIGINT NOT NULL,
  at         BIGINT NOT NULL,
  tz         TEXT,
  boosts     TEXT NOT NULL,
  dedupe_key TEXT
);
CREATE INDEX points_awards_user ON points_awards (env_id, tenant_id, user_id, system_id, at);
CREATE UNIQUE INDEX points_awards_dedupe
  ON points_awards (env_id, tenant_id, user_id, dedupe_key)
  WHERE dedupe_key IS NOT NULL;
