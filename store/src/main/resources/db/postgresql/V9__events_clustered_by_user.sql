-- Issue 8: fewer indexes written per event (see the SQLite migration of the same number). An
-- event's insert wrote the primary key on its random id and the per-user index; the per-user key is
-- now the primary key (with the id in it, for uniqueness), and nothing looks an event up by its id
-- alone.
ALTER TABLE events DROP CONSTRAINT events_pkey;
DROP INDEX events_user_metric_at;
ALTER TABLE events ADD PRIMARY KEY (env_id, tenant_id, user_id, metric_id, at, id);

-- Nothing looks an award up by its random id: its unique index is gone.
ALTER TABLE points_awards DROP CONSTRAINT points_awards_id_key;
