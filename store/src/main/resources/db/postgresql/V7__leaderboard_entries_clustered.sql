-- Issue 6: the SQLite store clusters leaderboard entries on their primary key in this version
-- (PostgreSQL keeps rows in a heap either way). Here: leave room in each page, so that an event's
-- update of an entry's value (no index covers it) can stay on its page as a heap-only tuple.
ALTER TABLE leaderboard_entries SET (fillfactor = 90);
