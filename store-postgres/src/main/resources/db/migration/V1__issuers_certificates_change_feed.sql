-- The status store: CAs (issuers), the certificates they issued with their status, and the
-- change feed (NOTIFY on channel ocsp_status, plus what the reconcile reads).

CREATE TABLE issuers (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    label            text        NOT NULL UNIQUE CHECK (label <> ''),
    certificate      bytea       NOT NULL,
    subject          bytea       NOT NULL,   -- DER of the CA certificate's subject Name
    sha1_name_hash   bytea       NOT NULL,   -- CertID hashes: over the subject DER ...
    sha1_key_hash    bytea       NOT NULL,   -- ... and over the subjectPublicKey bits
    sha256_name_hash bytea       NOT NULL,
    sha256_key_hash  bytea       NOT NULL,
    sha384_name_hash bytea       NOT NULL,
    sha384_key_hash  bytea       NOT NULL,
    sha512_name_hash bytea       NOT NULL,
    sha512_key_hash  bytea       NOT NULL,
    -- the responder's issuer id: 8 bytes of each SHA-256 hash, in hex (Issuer.id() in Java)
    issuer_key       text        GENERATED ALWAYS AS (
                         encode(substring(sha256_name_hash FROM 1 FOR 8), 'hex')
                         || encode(substring(sha256_key_hash FROM 1 FOR 8), 'hex')) STORED,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (sha256_name_hash, sha256_key_hash)
);

CREATE TABLE certificates (
    issuer_id       bigint      NOT NULL REFERENCES issuers (id),
    -- the INTEGER's content octets, minimal two's complement (Java BigInteger.toByteArray())
    serial          bytea       NOT NULL CHECK (octet_length(serial) BETWEEN 1 AND 64),
    status          text        NOT NULL CHECK (status IN ('good', 'revoked')),
    revoked_at      timestamptz,
    reason          smallint    CHECK (reason IN (0, 1, 2, 3, 4, 5, 6, 8, 9, 10)),  -- RFC 5280 CRLReason
    invalidity_date timestamptz,
    not_before      timestamptz,
    not_after       timestamptz,
    subject         text,
    der             bytea,
    updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- top-level transaction that last wrote the row: the reconcile's watermark (see below)
    change_xid      xid8        NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (issuer_id, serial),
    CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
    CHECK (status = 'revoked' OR (reason IS NULL AND invalidity_date IS NULL))
);

CREATE INDEX certificates_updated_at ON certificates (updated_at);
CREATE INDEX certificates_change_xid ON certificates (change_xid);

-- Deleted certificates, so the reconcile delivers a deletion as "not known". Old rows may be
-- pruned (StoreAdmin.pruneDeletions) once every responder has reconciled past them.
CREATE TABLE certificate_deletions (
    issuer_id  bigint      NOT NULL REFERENCES issuers (id),
    serial     bytea       NOT NULL,
    deleted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    change_xid xid8        NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (issuer_id, serial)
);

CREATE INDEX certificate_deletions_change_xid ON certificate_deletions (change_xid);

-- updated_at and change_xid on every insert and update.
CREATE FUNCTION certificates_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := clock_timestamp();
    NEW.change_xid := pg_current_xact_id();
    RETURN NEW;
END $$;

CREATE TRIGGER certificates_touch BEFORE INSERT OR UPDATE ON certificates
    FOR EACH ROW EXECUTE FUNCTION certificates_touch();

-- A tombstone for every deleted row; a re-inserted row clears its tombstone. Statement-level, so
-- a bulk import pays one join, not one trigger call per row.
CREATE FUNCTION certificates_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO certificate_deletions (issuer_id, serial)
            SELECT issuer_id, serial FROM deleted_rows
            ON CONFLICT (issuer_id, serial)
            DO UPDATE SET deleted_at = clock_timestamp(), change_xid = pg_current_xact_id();
    ELSE
        DELETE FROM certificate_deletions d USING inserted_rows r
            WHERE d.issuer_id = r.issuer_id AND d.serial = r.serial;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER certificates_tombstone_insert AFTER INSERT ON certificates
    REFERENCING NEW TABLE AS inserted_rows
    FOR EACH STATEMENT EXECUTE FUNCTION certificates_tombstone();
CREATE TRIGGER certificates_tombstone_delete AFTER DELETE ON certificates
    REFERENCING OLD TABLE AS deleted_rows
    FOR EACH STATEMENT EXECUTE FUNCTION certificates_tombstone();

-- NOTIFY ocsp_status, delivered at commit. Payload '<issuer_key>:<serial hex>' per changed row;
-- a statement that changes more than 1000 rows (a bulk import) sends one 'reconcile' instead,
-- and listeners then run their reconcile at once.
CREATE FUNCTION certificates_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT count(*) INTO n FROM changed_rows_old;
    ELSE
        SELECT count(*) INTO n FROM changed_rows;
    END IF;
    IF n = 0 THEN
        RETURN NULL;
    ELSIF n > 1000 THEN
        PERFORM pg_notify('ocsp_status', 'reconcile');
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('ocsp_status', i.issuer_key || ':' || encode(r.serial, 'hex'))
            FROM changed_rows_old r JOIN issuers i ON i.id = r.issuer_id;
    ELSE
        PERFORM pg_notify('ocsp_status', i.issuer_key || ':' || encode(r.serial, 'hex'))
            FROM changed_rows r JOIN issuers i ON i.id = r.issuer_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER certificates_notify_insert AFTER INSERT ON certificates
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION certificates_notify();
CREATE TRIGGER certificates_notify_update AFTER UPDATE ON certificates
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION certificates_notify();
CREATE TRIGGER certificates_notify_delete AFTER DELETE ON certificates
    REFERENCING OLD TABLE AS changed_rows_old
    FOR EACH STATEMENT EXECUTE FUNCTION certificates_notify();
