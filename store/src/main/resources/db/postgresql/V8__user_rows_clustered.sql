-- Issue 8 (ingest): the SQLite store clusters the small per-user rows that an event updates in this
-- version (PostgreSQL keeps rows in a heap either way). Here: leave room in their pages, so that an
-- event's update of a total (no index covers it) can stay on its page as a heap-only tuple.
ALTER TABLE metric_totals SET (fillfactor = 90);
ALTER TABLE points_totals SET (fillfactor = 90);
ALTER TABLE points_metric_progress SET (fillfactor = 90);
