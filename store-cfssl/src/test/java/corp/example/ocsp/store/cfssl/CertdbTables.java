package corp.example.ocsp.store.cfssl;

import corp.example.ocsp.testing.pki.CertBundle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * CFSSL's {@code certificates} table, with DDL written from the column list CFSSL's migrations
 * create (1.2-shaped: the eight columns; 1.5-shaped: with issued_at, not_before, metadata, sans,
 * common_name), and the statements CFSSL runs: the insert of {@code cfssl sign}/{@code gencert
 * -db-config} (parameters as text, zero revoked_at) and the update of {@code cfssl revoke}.
 */
final class CertdbTables {
    /** CFSSL 1.2's SQLite migration: every text column declared bytea (NUMERIC affinity: serials become REAL). */
    static final String SQLITE_1_2 = "CREATE TABLE certificates (serial_number bytea NOT NULL,"
            + " authority_key_identifier bytea NOT NULL, ca_label bytea, status bytea NOT NULL, reason int,"
            + " expiry timestamp, revoked_at timestamp, pem bytea NOT NULL,"
            + " PRIMARY KEY(serial_number, authority_key_identifier))";
    /** CFSSL 1.5's SQLite migrations: blob columns, and the five later ones. */
    static final String SQLITE_1_5 = "CREATE TABLE certificates (serial_number blob NOT NULL,"
            + " authority_key_identifier blob NOT NULL, ca_label blob, status blob NOT NULL, reason int,"
            + " expiry timestamp, revoked_at timestamp, pem blob NOT NULL, issued_at timestamp,"
            + " not_before timestamp, metadata text, sans text, common_name text,"
            + " PRIMARY KEY(serial_number, authority_key_identifier))";

    static final String POSTGRES_1_2 = "CREATE TABLE certificates (serial_number bytea NOT NULL,"
            + " authority_key_identifier bytea NOT NULL, ca_label bytea, status bytea NOT NULL, reason int,"
            + " expiry timestamptz, revoked_at timestamptz, pem bytea NOT NULL,"
            + " PRIMARY KEY(serial_number, authority_key_identifier))";
    static final String POSTGRES_1_5 = "CREATE TABLE certificates (serial_number bytea NOT NULL,"
            + " authority_key_identifier bytea NOT NULL, ca_label bytea, status bytea NOT NULL, reason int,"
            + " expiry timestamptz, revoked_at timestamptz, pem bytea NOT NULL, issued_at timestamptz,"
            + " not_before timestamptz, metadata jsonb, sans jsonb, common_name text,"
            + " PRIMARY KEY(serial_number, authority_key_identifier))";

    /**
     * CFSSL's MySQL migrations (varbinary columns, MySQL's zero-date defaults; 1.5-shaped with the
     * columns the second migration adds).
     */
    static final String MYSQL_1_5 = "CREATE TABLE certificates (serial_number varbinary(128) NOT NULL,"
            + " authority_key_identifier varbinary(128) NOT NULL, ca_label varbinary(128),"
            + " status varbinary(128) NOT NULL, reason int, created_at timestamp NULL DEFAULT '0000-00-00 00:00:00',"
            + " expiry timestamp NULL DEFAULT '0000-00-00 00:00:00',"
            + " revoked_at timestamp NULL DEFAULT '0000-00-00 00:00:00', pem varbinary(4096) NOT NULL,"
            + " issued_at timestamp NULL DEFAULT '0000-00-00 00:00:00',"
            + " not_before timestamp NULL DEFAULT '0000-00-00 00:00:00', originating_host TEXT, sans TEXT,"
            + " tags TEXT, common_name TEXT, filename TEXT, application_name TEXT,"
            + " PRIMARY KEY(serial_number, authority_key_identifier),"
            + " INDEX certificates_created_at (created_at), INDEX certificates_revoked_at (revoked_at))";

    /** How a database takes a time literal: PostgreSQL and SQLite with an offset, MySQL without. */
    enum Times {
        WITH_OFFSET("0001-01-01 00:00:00+00:00"),
        MYSQL("0000-00-00 00:00:00");

        private final String zero;

        Times(String zero) {
            this.zero = zero;
        }

        /** The zero time CFSSL's driver writes for an unset revoked_at, as a quoted literal. */
        String zero() {
            return "'" + zero + "'";
        }

        /** {@code utc} ({@code yyyy-MM-dd HH:mm:ss}) as a quoted literal meaning that UTC time. */
        String literal(String utc) {
            return "'" + utc + (this == MYSQL ? "" : "+00") + "'";
        }

        /** An instant as text the database takes for a timestamp column. */
        String text(java.time.Instant t) {
            return this == MYSQL ? t.toString().replace('T', ' ').replace("Z", "") : t.toString();
        }
    }

    private CertdbTables() {}

    static void create(Connection c, String ddl) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(ddl);
        }
    }

    /** The lower-case hex of the certificate's AKI, as CFSSL 1.3+ records it. */
    static String aki(CertBundle leaf) {
        Extension e = leaf.holder().getExtension(Extension.authorityKeyIdentifier);
        return HexFormat.of()
                .formatHex(
                        AuthorityKeyIdentifier.getInstance(e.getParsedValue()).getKeyIdentifier());
    }

    /** {@code cfssl sign -db-config}'s insert: serial as decimal text, status good, zero revoked_at. */
    static void insert(Connection c, CertBundle leaf, String aki) throws SQLException {
        insert(c, leaf, aki, Times.WITH_OFFSET);
    }

    /** As {@link #insert(Connection, CertBundle, String)}, with the database's time literals. */
    static void insert(Connection c, CertBundle leaf, String aki, Times times) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO certificates (serial_number,"
                + " authority_key_identifier, ca_label, status, reason, expiry, revoked_at, pem)"
                + " VALUES (?, ?, ?, 'good', 0, ?, " + times.zero() + ", ?)")) {
            ps.setString(1, leaf.serial().toString());
            ps.setString(2, aki);
            ps.setString(3, "");
            ps.setString(4, times.text(leaf.certificate().getNotAfter().toInstant()));
            ps.setString(5, CertBundle.pem(leaf.certificate()));
            ps.executeUpdate();
        }
    }

    /** {@code cfssl revoke}'s update, autocommitted. */
    static int revoke(Connection c, CertBundle leaf, String aki, int reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE certificates SET status='revoked',"
                + " revoked_at=CURRENT_TIMESTAMP, reason=? WHERE serial_number=? AND authority_key_identifier=?")) {
            ps.setInt(1, reason);
            ps.setString(2, leaf.serial().toString());
            ps.setString(3, aki);
            return ps.executeUpdate();
        }
    }

    /** An operator's hand-written SQL on the leaf's row. */
    static void update(Connection c, CertBundle leaf, String set) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE certificates SET " + set + " WHERE serial_number = ?")) {
            ps.setString(1, leaf.serial().toString());
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no row for serial " + leaf.serial());
            }
        }
    }
}
