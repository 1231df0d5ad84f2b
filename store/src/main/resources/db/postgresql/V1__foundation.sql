-- Foundation schema (issue 2). Every data row carries its scope: env_id and tenant_id ('' = the
-- untenanted default scope). Instants are epoch milliseconds; exact decimals are TEXT in SQLite
-- (NUMERIC would turn them into floating point) and NUMERIC in PostgreSQL.

CREATE TABLE settings (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE environments (
  id            TEXT PRIMARY KEY,
  key           TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  type          TEXT NOT NULL,
  multi_tenancy BOOLEAN NOT NULL DEFAULT FALSE,
  control_ratio DOUBLE PRECISION NOT NULL DEFAULT 0,
  created       BIGINT NOT NULL
);

CREATE TABLE tenants (
  id          TEXT PRIMARY KEY,
  env_id      TEXT NOT NULL REFERENCES environments (id),
  customer_id TEXT NOT NULL,
  name        TEXT NOT NULL,
  status      TEXT NOT NULL,
  created     BIGINT NOT NULL,
  updated     BIGINT NOT NULL,
  seq         BIGINT NOT NULL
);
CREATE UNIQUE INDEX tenants_customer ON tenants (env_id, customer_id) WHERE status = 'active';

CREATE TABLE admin_keys (
  id        TEXT PRIMARY KEY,
  env_id    TEXT NOT NULL REFERENCES environments (id),
  prefix    TEXT NOT NULL UNIQUE,
  hash      TEXT NOT NULL,
  status    TEXT NOT NULL,
  created   BIGINT NOT NULL,
  last_used BIGINT
);

CREATE TABLE application_keys (
  id        TEXT PRIMARY KEY,
  env_id    TEXT NOT NULL REFERENCES environments (id),
  tenant_id TEXT NOT NULL,
  user_id   TEXT NOT NULL,
  prefix    TEXT NOT NULL UNIQUE,
  hash      TEXT NOT NULL,
  created   BIGINT NOT NULL
);

CREATE TABLE metrics (
  id        TEXT PRIMARY KEY,
  env_id    TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  key       TEXT NOT NULL,
  name      TEXT NOT NULL,
  unit_type TEXT NOT NULL,
  units     TEXT NOT NULL,
  status    TEXT NOT NULL,
  created   BIGINT NOT NULL,
  seq       BIGINT NOT NULL
);
CREATE UNIQUE INDEX metrics_key ON metrics (env_id, tenant_id, key) WHERE status = 'active';

CREATE TABLE attributes (
  id        TEXT PRIMARY KEY,
  env_id    TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  key       TEXT NOT NULL,
  name      TEXT NOT NULL,
  type      TEXT NOT NULL,
  status    TEXT NOT NULL,
  created   BIGINT NOT NULL,
  seq       BIGINT NOT NULL
);
CREATE UNIQUE INDEX attributes_key ON attributes (env_id, tenant_id, type, key) WHERE status = 'active';

CREATE TABLE users (
  env_id              TEXT NOT NULL,
  tenant_id           TEXT NOT NULL,
  id                  TEXT NOT NULL,
  email               TEXT,
  name                TEXT,
  tz                  TEXT,
  device_tokens       TEXT NOT NULL,
  subscribe_to_emails BOOLEAN NOT NULL,
  attributes          TEXT NOT NULL,
  control             BOOLEAN NOT NULL,
  preferences         TEXT NOT NULL,
  created             BIGINT NOT NULL,
  updated             BIGINT NOT NULL,
  PRIMARY KEY (env_id, tenant_id, id)
);

CREATE TABLE metric_totals (
  env_id    TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  user_id   TEXT NOT NULL,
  metric_id TEXT NOT NULL,
  total     NUMERIC NOT NULL,
  PRIMARY KEY (env_id, tenant_id, user_id, metric_id)
);

CREATE TABLE events (
  id              TEXT PRIMARY KEY,
  env_id          TEXT NOT NULL,
  tenant_id       TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  metric_id       TEXT NOT NULL,
  value           NUMERIC NOT NULL,
  attributes      TEXT NOT NULL,
  tz              TEXT,
  at              BIGINT NOT NULL,
  idempotency_key TEXT
);
CREATE INDEX events_user_metric_at ON events (env_id, tenant_id, user_id, metric_id, at);
CREATE UNIQUE INDEX events_idempotency
  ON events (env_id, tenant_id, user_id, metric_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

-- Accepted batch items waiting to be processed (BATCH-3, BATCH-7): a row is deleted in the same
-- transaction that commits its event, so a crash can neither lose nor repeat an item.
CREATE TABLE batch_items (
  seq       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  env_id    TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  batch_id  TEXT NOT NULL,
  idx       INTEGER NOT NULL,
  payload   TEXT NOT NULL,
  received  BIGINT NOT NULL
);
