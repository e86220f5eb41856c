package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.status.OutageGate;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change feed's LISTEN connection (its own, not the pool's): connects with exponential
 * backoff, receives notifications, notices when it is lost, and says why it is down. A standby
 * refuses LISTEN: that is said once at ERROR and retried every longest backoff, so a promotion is
 * noticed without a restart. Losing the connection to an unreachable database closes the outage
 * gate; connecting opens it. Owned by the feed thread; {@link #up()} and {@link #problem()} may be
 * read from any thread.
 */
final class FeedListener {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    private final PostgresStoreConfig config;
    private final OutageGate gate;
    private volatile Connection connection;
    private volatile String problem = "";
    private long backoffMillis;
    private long nextConnectAt;

    FeedListener(PostgresStoreConfig config, OutageGate gate) {
        this.config = config;
        this.gate = gate;
        this.backoffMillis = config.listenerBackoffMin().toMillis();
    }

    boolean up() {
        return connection != null;
    }

    /** Why it is not up (empty when it is, or before the first attempt). */
    String problem() {
        return problem;
    }

    Connection connection() {
        return connection;
    }

    /** When the next connection attempt is due (meaningful while down). */
    long nextConnectAt() {
        return nextConnectAt;
    }

    /** Connects and LISTENs on {@code channel}; true when it did. */
    boolean connect(String channel) {
        try {
            Connection c = Database.listenerConnection(config);
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + channel);
            }
            connection = c;
            problem = "";
            gate.reached();
            backoffMillis = config.listenerBackoffMin().toMillis();
            LOG.info("status feed: listening on {} as {}", channel, config.listenerApplicationName());
            return true;
        } catch (SQLException e) {
            Optional<String> standby = standbyRefusal(e, config);
            if (standby.isPresent()) {
                refusedByStandby(standby.get());
                return false;
            }
            problem = "cannot LISTEN: " + Database.oneLine(e);
            Database.closeGateIfUnreachable(gate, e);
            // one warning when the trouble starts, not one per attempt; the retries go to DEBUG
            if (backoffMillis <= config.listenerBackoffMin().toMillis() * 2) {
                LOG.warn(
                        "status feed: cannot LISTEN ({}); retrying with backoff up to {} ms",
                        Database.oneLine(e),
                        config.listenerBackoffMax().toMillis());
            } else {
                LOG.debug("status feed: cannot LISTEN ({}); retrying in {} ms", Database.oneLine(e), backoffMillis);
            }
            nextConnectAt = System.currentTimeMillis() + backoffMillis;
            backoffMillis =
                    Math.min(backoffMillis * 2, config.listenerBackoffMax().toMillis());
            return false;
        }
    }

    /** Waits up to {@code waitMillis} (at least 1; none when negative) for notifications; never null. */
    PGNotification[] receive(long waitMillis) throws SQLException {
        PGNotification[] notes =
                connection.unwrap(PGConnection.class).getNotifications((int) Math.min(waitMillis, Integer.MAX_VALUE));
        return notes == null ? new PGNotification[0] : notes;
    }

    /** The notifications that have arrived already, without waiting for more; never null. */
    PGNotification[] arrived() throws SQLException {
        return receive(-1); // pgjdbc reads what is on the socket and does not wait
    }

    /** The connection failed with {@code e} (said unless {@code quiet}): closes it, reconnects after the backoff. */
    void lost(SQLException e, boolean quiet) {
        if (!quiet) {
            LOG.warn(
                    "status feed: listener connection lost ({}); reconnecting in {} ms",
                    Database.oneLine(e),
                    backoffMillis);
            Database.closeGateIfUnreachable(gate, e);
        }
        problem = "listener connection lost: " + Database.oneLine(e);
        close();
        nextConnectAt = System.currentTimeMillis() + backoffMillis;
    }

    /** A connection whose server vanished without closing the socket is found here, not by waiting. */
    void checkAlive() {
        try {
            if (!connection.isValid((int) Math.max(1, config.connectionTimeout().toSeconds()))) {
                throw new SQLException("connection no longer valid");
            }
        } catch (SQLException e) {
            LOG.warn("status feed: listener connection lost ({}); reconnecting", Database.oneLine(e));
            problem = "listener connection lost: " + Database.oneLine(e);
            close();
            nextConnectAt = System.currentTimeMillis();
        }
    }

    void close() {
        Connection c = connection;
        connection = null;
        Database.closeQuietly(c);
    }

    /**
     * A standby refuses LISTEN. Said loudly once (an ERROR, and the feed's state), since revocations
     * then take up to the reconcile period to arrive; tried again every longest backoff.
     */
    private void refusedByStandby(String why) {
        if (!why.equals(problem)) {
            LOG.error("status feed: {}", why);
        }
        problem = why;
        nextConnectAt = System.currentTimeMillis() + config.listenerBackoffMax().toMillis();
    }

    /**
     * The line to say when {@code e} is PostgreSQL refusing LISTEN because the server is a hot
     * standby ({@code cannot execute LISTEN during recovery}, SQLState 25006); empty for any other
     * failure.
     */
    static Optional<String> standbyRefusal(SQLException e, PostgresStoreConfig config) {
        String m = String.valueOf(e.getMessage());
        if (!"25006".equals(e.getSQLState()) && !m.contains("during recovery")) {
            return Optional.empty();
        }
        return Optional.of(config.safeJdbcUrl() + " is a standby (in recovery), which cannot LISTEN: changes arrive"
                + " by the reconcile only, every " + config.reconcilePeriod().toMillis()
                + " ms (database.reconcilePeriod) after the standby replays them; for changes within a second point"
                + " database.url at the primary (several hosts with targetServerType=primary follow a failover)."
                + " LISTEN is tried again every " + config.listenerBackoffMax().toMillis()
                + " ms, so a promotion is noticed");
    }
}
