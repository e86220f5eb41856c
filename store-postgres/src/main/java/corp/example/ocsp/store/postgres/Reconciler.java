package corp.example.ocsp.store.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds the certificates rows (and deletions) committed since the last poll, so a change whose
 * NOTIFY was lost (listener disconnected, server restarted) is still delivered.
 *
 * <p>The watermark is a transaction id, not a time: each poll reads, in one snapshot, the rows
 * whose writing transaction ({@code change_xid}) is at or past the watermark, and moves the
 * watermark to that snapshot's xmin, the oldest transaction still running. A transaction that
 * commits late, or with an {@code updated_at} older than rows already seen, therefore still has
 * its xid at or past the next watermark and is read by a later poll. Rows read twice (their
 * transaction is past the watermark until xmin moves on) are delivered once: the reconciler
 * remembers the xid it delivered for each row until the watermark passes it.
 *
 * <p>Not thread-safe: the feed thread owns it.
 */
final class Reconciler {
    private static final String CHANGES = "SELECT issuer_id, serial, " + StatusRows.COLUMNS
            + ", change_xid::text AS xid FROM certificates WHERE change_xid >= ?::xid8"
            + " UNION ALL SELECT issuer_id, serial, NULL, NULL, NULL, NULL, change_xid::text"
            + " FROM certificate_deletions WHERE change_xid >= ?::xid8";

    private long watermark = -1;
    private final Map<RowChange.Key, Long> delivered = new HashMap<>();
    /**
     * The rows the listener delivered while a poll was reading: read after the poll's snapshot was
     * taken, so the poll's own read of each is as old or older, and is not delivered after it.
     */
    private final Set<RowChange.Key> readAfterSnapshot = new HashSet<>();

    private boolean polling;

    boolean started() {
        return watermark >= 0;
    }

    long watermark() {
        return watermark;
    }

    /** Starts from now: changes committed before this call are not delivered. */
    void start(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")) {
            rs.next();
            watermark = Long.parseLong(rs.getString(1));
        }
    }

    /** Where {@link #poll} passes each change as it is read. */
    interface Sink {
        void accept(RowChange change) throws SQLException;
    }

    /**
     * Passes the changes committed since the previous poll and not yet delivered to {@code sink} as
     * they are read (a bulk change is never held whole in memory); returns how many.
     */
    int poll(Connection c, Sink sink) throws SQLException {
        if (!started()) {
            start(c);
            return 0;
        }
        int[] passed = {0};
        polling = true;
        try {
            long xmin = ChangeHistory.inSnapshot(
                    c,
                    () -> ChangeHistory.eachRowSince(c, CHANGES, watermark, rs -> {
                        RowChange change = new RowChange(
                                rs.getLong("issuer_id"),
                                SerialColumn.decode(rs.getBytes("serial")),
                                StatusRows.status(rs),
                                Long.parseLong(rs.getString("xid")));
                        if (!readAfterSnapshot.contains(change.key()) && unseen(change)) {
                            sink.accept(change);
                            passed[0]++;
                        }
                    }));
            watermark = xmin;
            delivered.values().removeIf(xid -> xid < xmin);
            return passed[0];
        } finally {
            polling = false;
            readAfterSnapshot.clear();
        }
    }

    /**
     * Records that the listener is delivering {@code change}, read as the row is now; false if
     * this row's write was delivered already. During a {@link #poll} (the sink may let the listener
     * deliver what it received meanwhile), the poll then skips the row.
     */
    boolean firstDelivery(RowChange change) {
        if (polling) {
            readAfterSnapshot.add(change.key());
        }
        return unseen(change);
    }

    /** Records that {@code change} is being delivered; false if this row's write was delivered already. */
    private boolean unseen(RowChange change) {
        if (change.xid() < 0 || change.xid() < watermark) {
            return true;
        }
        Long previous = delivered.put(change.key(), change.xid());
        return previous == null || previous != change.xid();
    }
}
