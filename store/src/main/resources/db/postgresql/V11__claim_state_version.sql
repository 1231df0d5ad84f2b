-- Issue 8: a PostgreSQL user session whose state a node keeps in memory claims the user's row at
-- the kept state version as the first statement of its one round trip (writes, then COMMIT),
-- instead of a round trip of its own (advisory lock, then the version read FOR UPDATE) before the
-- writes. The claim locks the row, as that read did; when the row is gone or at another version
-- (another node's session, or a write outside the sessions, bumped it), it raises SQLSTATE LR409,
-- so that PostgreSQL skips the rest of the round trip and its COMMIT, and the node rolls back and
-- runs the session again the locking way (server module: LockingUserStates).
CREATE FUNCTION laurel_claim_state(p_env TEXT, p_tenant TEXT, p_user TEXT, p_version BIGINT)
RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM users
    WHERE env_id = p_env AND tenant_id = p_tenant AND id = p_user AND state_version = p_version
    FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'user % changed since state version %', p_user, p_version USING ERRCODE = 'LR409';
  END IF;
END
$$;
