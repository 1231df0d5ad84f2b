-- Issue 8: the group commit sends several users' sessions in one PostgreSQL transaction, each
-- statement of theirs as one batch (the claims of all of them, then the event inserts of all of
-- them, and so on). A batch runs statements that return no rows, which a function call in a SELECT
-- does; this procedure is the same claim (V11) as a statement without a result: it locks the
-- user's row at the state version, or raises SQLSTATE LR409 (server module: LockingUserStates).
CREATE PROCEDURE laurel_claim(p_env TEXT, p_tenant TEXT, p_user TEXT, p_version BIGINT)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM laurel_claim_state(p_env, p_tenant, p_user, p_version);
END
$$;
