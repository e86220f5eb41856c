package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.KnownCertificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The certificates changed since a change position, for a response store catching up after a
 * restart ({@link corp.example.ocsp.core.status.ChangeLog}). Positions are the reconcile's (see
 * {@link Reconciler}): transaction ids, read with the rows in one snapshot, whose xmin is the next
 * position, so a transaction that commits late is read by the next call. A serial deleted and
 * issued again is passed once, as it is now.
 */
final class ChangeHistory {
    private static final String CHANGED = "SELECT issuer_id, serial, " + StatusRows.COLUMNS
            + ", not_after FROM certificates WHERE change_xid >= ?::xid8"
            + " UNION ALL SELECT d.issuer_id, d.serial, NULL, NULL, NULL, NULL, NULL FROM certificate_deletions d"
            + " WHERE d.change_xid >= ?::xid8 AND NOT EXISTS (SELECT 1 FROM certificates c"
            + " WHERE c.issuer_id = d.issuer_id AND c.serial = d.serial)";

    private ChangeHistory() {}

    /** Passes every certificate changed at or after {@code position}, as it is now; returns the next position. */
    static long since(Connection c, IssuerDirectory issuers, long position, Consumer<KnownCertificate> action)
            throws SQLException {
        return inSnapshot(
                c,
                () -> eachRowSince(c, CHANGED, position, rs -> {
                    CertStatus status = StatusRows.status(rs);
                    action.accept(new KnownCertificate(
                            issuers.issuer(rs.getLong("issuer_id"), c),
                            SerialColumn.decode(rs.getBytes("serial")),
                            status,
                            status instanceof CertStatus.NotKnown
                                    ? Optional.empty()
                                    : StatusRows.instant(rs, "not_after")));
                }));
    }

    /** One row of a read. */
    interface RowAction {
        void accept(ResultSet rs) throws SQLException;
    }

    /**
     * Runs {@code sql}, whose two parameters are both the change position (rows, then deletions,
     * since it), and passes each row to {@code action}, fetched 1,000 at a time.
     */
    static void eachRowSince(Connection c, String sql, long position, RowAction action) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, Long.toString(position));
            ps.setString(2, Long.toString(position));
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    action.accept(rs);
                }
            }
        }
    }

    /** Reads of one snapshot ({@link #inSnapshot}). */
    interface SnapshotRead {
        void run() throws SQLException;
    }

    /**
     * Runs {@code read} in one REPEATABLE READ snapshot of {@code c} and returns that snapshot's
     * xmin: every transaction below it had ended when the snapshot was taken, so rows it wrote were
     * visible to {@code read}; one at or past it may commit later. The connection's settings are
     * restored after.
     */
    static long inSnapshot(Connection c, SnapshotRead read) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            long xmin;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")) {
                rs.next();
                xmin = Long.parseLong(rs.getString(1));
            }
            read.run();
            c.commit();
            return xmin;
        } finally {
            c.rollback();
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(autoCommit);
        }
    }
}
