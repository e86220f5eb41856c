package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The read queries: status lookups (the responder's) and whole records (the command line's). */
final class Lookups {
    private static final String RECORD_COLUMNS = "issuer_id, serial, " + StatusRows.COLUMNS
            + ", not_before, not_after, subject, der IS NOT NULL AS has_der, updated_at";

    private Lookups() {}

    static CertStatus status(Connection c, long issuerId, BigInteger serial) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + StatusRows.COLUMNS + " FROM certificates WHERE issuer_id = ? AND serial = ?")) {
            ps.setLong(1, issuerId);
            ps.setBytes(2, SerialColumn.encode(serial));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? StatusRows.status(rs) : CertStatus.notKnown();
            }
        }
    }

    /** Every serial's status in one round trip; serials the store lacks are not known. */
    static Map<BigInteger, CertStatus> statuses(Connection c, long issuerId, Collection<BigInteger> serials)
            throws SQLException {
        Map<BigInteger, CertStatus> out = new LinkedHashMap<>();
        for (BigInteger s : serials) {
            out.put(s, CertStatus.notKnown());
        }
        if (out.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT serial, " + StatusRows.COLUMNS
                + " FROM certificates WHERE issuer_id = ? AND serial = ANY(?)")) {
            ps.setLong(1, issuerId);
            ps.setArray(2, serialArray(c, out.keySet()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(SerialColumn.decode(rs.getBytes("serial")), StatusRows.status(rs));
                }
            }
        }
        return out;
    }

    static Array serialArray(Connection c, Collection<BigInteger> serials) throws SQLException {
        byte[][] encoded = new byte[serials.size()][];
        int i = 0;
        for (BigInteger s : serials) {
            encoded[i++] = SerialColumn.encode(s);
        }
        return c.createArrayOf("bytea", encoded);
    }

    static Optional<CertificateRecord> record(Connection c, long issuerId, Issuer issuer, BigInteger serial)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + RECORD_COLUMNS + " FROM certificates WHERE issuer_id = ? AND serial = ?")) {
            ps.setLong(1, issuerId);
            ps.setBytes(2, SerialColumn.encode(serial));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(record(rs, issuer)) : Optional.empty();
            }
        }
    }

    /** Streams every certificate, in (issuer, serial) order, through a cursor of 1,000 rows. */
    static void forEach(Connection c, IssuerDirectory issuers, Consumer<CertificateRecord> action) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + RECORD_COLUMNS + " FROM certificates ORDER BY issuer_id, serial")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    action.accept(record(rs, issuers.issuer(rs.getLong("issuer_id"), c)));
                }
            }
            c.commit();
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    static long count(Connection c, long issuerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM certificates WHERE issuer_id = ?")) {
            ps.setLong(1, issuerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static CertificateRecord record(ResultSet rs, Issuer issuer) throws SQLException {
        return new CertificateRecord(
                issuer,
                SerialColumn.decode(rs.getBytes("serial")),
                StatusRows.status(rs),
                StatusRows.instant(rs, "not_before"),
                StatusRows.instant(rs, "not_after"),
                Optional.ofNullable(rs.getString("subject")),
                rs.getBoolean("has_der"),
                StatusRows.instant(rs, "updated_at").orElseThrow());
    }
}
