-- The audit trail: one row per admin write (issuer add, cert add, cert import, revoke, unrevoke),
-- appended in the same transaction as the change, so a row saying 'ok' exists exactly when the
-- change was committed. A write that failed is recorded afterwards, on its own, as 'failed' with
-- the error (best effort: not when the database itself is what failed).
-- Append-only: the triggers below refuse UPDATE, DELETE and TRUNCATE to every role, the owner
-- included; the documented GRANTs give the admin role only SELECT and INSERT, and the responder's
-- role nothing (store-postgres/README.md, DatabaseRolesTest).

CREATE TABLE audit_log (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    command     text        NOT NULL CHECK (command IN ('issuer add', 'cert add', 'cert import', 'revoke', 'unrevoke')),
    issuer      text,                   -- the issuer label the command named
    serial      bytea,                  -- as certificates.serial; NULL for commands on many certificates
    detail      text        NOT NULL DEFAULT '',   -- reason, times, counts, the file imported
    outcome     text        NOT NULL CHECK (outcome IN ('ok', 'failed')),
    error       text,                   -- why, when the outcome is 'failed'
    os_user     text,                   -- who ran the command, as the client reports it
    host        text,
    pid         bigint,
    db_user     text        NOT NULL DEFAULT current_user,        -- as the server knows it
    client_addr inet                 DEFAULT inet_client_addr(),
    CHECK ((outcome = 'failed') = (error IS NOT NULL))
);

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_serial ON audit_log (serial) WHERE serial IS NOT NULL;

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
