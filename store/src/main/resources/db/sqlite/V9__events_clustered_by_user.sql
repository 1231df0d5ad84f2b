-- Issue 8: fewer B-trees written per event. An event's insert wrote three: the rows in insertion
-- order, the primary key on the event's random id and the per-user index. Clustered on the per-user
-- key it writes one (and the reads by user and metric, IDEM-2, SUM-4 and ACH-6, scan the user's rows
-- in place). Nothing looks an event up by its id alone, which stays in the key for uniqueness.
CREATE TABLE events_clustered (
  id              TEXT NOT NULL,
  env_id          TEXT NOT NULL,
  tenant_id       TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  metric_id       TEXT NOT NULL,
  value           TEXT NOT NULL,
  attributes      TEXT NOT NULL,
  tz              TEXT,
  at              BIGINT NOT NULL,
  idempotency_key TEXT,
  PRIMARY KEY (env_id, tenant_id, user_id, metric_id, at, id)
) WITHOUT ROWID;
INSERT INTO events_clustered (id, env_id, tenant_id, user_id, metric_id, value, attributes, tz, at, idempotency_key)
  SELECT id, env_id, tenant_id, user_id, metric_id, value, attributes, tz, at, idempotency_key FROM events;
DROP TABLE events;
ALTER TABLE events_clustered RENAME TO events;
CREATE UNIQUE INDEX events_idempotency
  ON events (env_id, tenant_id, user_id, metric_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

-- An award's insert wrote a unique index on its random id besides the per-user index; nothing
-- looks an award up by its id (the API reports it), so the index is gone. SQLite drops a column's
-- UNIQUE only with its table, so the table is copied (its sequence continues from the copied seq).
CREATE TABLE points_awards_copy (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  id         TEXT NOT NULL,
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
INSERT INTO points_awards_copy (seq, id, env_id, tenant_id, user_id, system_id, trigger_id, awarded, total, at, tz, boosts, dedupe_key)
  SELECT seq, id, env_id, tenant_id, user_id, system_id, trigger_id, awarded, total, at, tz, boosts, dedupe_key FROM points_awards;
DROP TABLE points_awards;
ALTER TABLE points_awards_copy RENAME TO points_awards;
CREATE INDEX points_awards_user ON points_awards (env_id, tenant_id, user_id, system_id, at);
CREATE UNIQUE INDEX points_awards_dedupe
  ON points_awards (env_id, tenant_id, user_id, dedupe_key)
  WHERE dedupe_key IS NOT NULL;
