-- Streaks (issue 3, BEHAVIOR.md §16). The engine's values are stored as JSON documents: the
-- scope's streak configuration (CFG-3) and each user's streak state (a bounded, plain record,
-- CON-14). Beside the state, the columns the server queries: the current and longest lengths
-- (STREAK-18, SDK-9) and the instant the sweep must settle the user next (STREAK-9, WH-17).

CREATE TABLE streak_configs (
  env_id    TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  config    TEXT NOT NULL,
  updated   BIGINT NOT NULL,
  PRIMARY KEY (env_id, tenant_id)
);

CREATE TABLE streak_states (
  env_id          TEXT NOT NULL,
  tenant_id       TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  state           TEXT NOT NULL,
  length          INTEGER NOT NULL,
  longest         INTEGER NOT NULL,
  next_settlement BIGINT,
  PRIMARY KEY (env_id, tenant_id, user_id)
);
CREATE INDEX streak_states_next ON streak_states (next_settlement) WHERE next_settlement IS NOT NULL;
CREATE INDEX streak_states_length ON streak_states (env_id, tenant_id, length, user_id);
CREATE INDEX streak_states_longest ON streak_states (env_id, tenant_id, longest, user_id);

-- Every pause ever created (PAUSE-1, PAUSE-6): the state holds the pauses that still matter; this
-- table finds a pause's user by id and keeps archived pauses as records.
CREATE TABLE streak_pauses (
  id         TEXT PRIMARY KEY,
  env_id     TEXT NOT NULL,
  tenant_id  TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date   TEXT NOT NULL,
  status     TEXT NOT NULL,
  created    BIGINT NOT NULL
);
CREATE INDEX streak_pauses_user ON streak_pauses (env_id, tenant_id, user_id);
