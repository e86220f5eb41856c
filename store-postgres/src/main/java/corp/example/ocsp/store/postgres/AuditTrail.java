package corp.example.ocsp.store.postgres;

import java.math.BigInteger;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code audit_log} table (migration V2): {@link #append} inside the write's own transaction,
 * {@link #appendFailure} on its own after a write failed, {@link #list} for {@code audit list}.
 */
final class AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final String OS_USER = System.getProperty("user.name", "?");
    private static final long PID = ProcessHandle.current().pid();
    private static final String HOST = hostName();

    /** What a write is about; {@code serial} null for writes of many certificates. */
    record Entry(String command, String issuer, BigInteger serial, String detail) {
        Entry withDetail(String more) {
            return new Entry(command, issuer, serial, detail.isEmpty() ? more : detail + " " + more);
        }
    }

    private AuditTrail() {}

    /** Appends the row of a write that commits with {@code c}'s transaction. */
    static void append(Connection c, Entry e) throws SQLException {
        insert(c, e, null);
    }

    /**
     * Records, in a transaction of its own, that a write failed; if even that fails (the database is
     * what failed, or the role may not insert) it is logged, and the write's own error stands.
     */
    static void appendFailure(DataSource pool, Entry e, String error) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(true);
            insert(c, e, error);
        } catch (SQLException failed) {
            LOG.warn(
                    "{} {}: the failure could not be recorded in audit_log: {}",
                    e.command(),
                    e.issuer(),
                    Database.oneLine(failed));
        }
    }

    /**
     * Runs {@code write} (which appends {@code e}'s row in its transaction); if it fails with a
     * {@link StoreException}, records the failure and rethrows.
     */
    static <T> T audited(DataSource pool, Entry e, java.util.function.Supplier<T> write) {
        try {
            return write.get();
        } catch (StoreException failed) {
            appendFailure(pool, e, failed.getMessage());
            throw failed;
        }
    }

    private static void insert(Connection c, Entry e, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (command, issuer, serial, detail,"
                + " outcome, error, os_user, host, pid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.command());
            ps.setString(2, e.issuer());
            ps.setBytes(3, e.serial() == null ? null : SerialColumn.encode(e.serial()));
            ps.setString(4, e.detail());
            ps.setString(5, error == null ? "ok" : "failed");
            ps.setString(6, error);
            ps.setString(7, OS_USER);
            ps.setString(8, HOST);
            ps.setLong(9, PID);
            ps.executeUpdate();
        }
    }

    /** Rows since {@code since} (all if empty), of {@code serial} only if given, oldest first. */
    static List<AuditRecord> list(Connection c, Optional<Instant> since, Optional<BigInteger> serial)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, at, command, issuer, serial, detail, outcome,"
                + " error, os_user, host, pid, db_user, host(client_addr) FROM audit_log"
                + " WHERE (?::timestamptz IS NULL OR at >= ?::timestamptz) AND (?::bytea IS NULL OR serial = ?::bytea)"
                + " ORDER BY id")) {
            Timestamp t = since.map(Timestamp::from).orElse(null);
            byte[] s = serial.map(SerialColumn::encode).orElse(null);
            ps.setTimestamp(1, t);
            ps.setTimestamp(2, t);
            ps.setBytes(3, s);
            ps.setBytes(4, s);
            List<AuditRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] serialBytes = rs.getBytes(5);
                    out.add(new AuditRecord(
                            rs.getLong(1),
                            rs.getTimestamp(2).toInstant(),
                            rs.getString(3),
                            Optional.ofNullable(rs.getString(4)),
                            Optional.ofNullable(serialBytes).map(SerialColumn::decode),
                            rs.getString(6),
                            "ok".equals(rs.getString(7)),
                            Optional.ofNullable(rs.getString(8)),
                            rs.getString(9),
                            rs.getString(10),
                            rs.getLong(11),
                            rs.getString(12),
                            Optional.ofNullable(rs.getString(13))));
                }
            }
            return out;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("?");
        }
    }
}
