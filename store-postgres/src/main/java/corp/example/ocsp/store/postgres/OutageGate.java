package corp.example.ocsp.store.postgres;

import corp.example.ocsp.core.status.StatusUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lookups during a database outage fail at once instead of each holding a signing thread for the
 * pool's connection timeout (which would starve requests that need no lookup, such as nonce
 * requests for cached statuses). After a lookup could not connect, one lookup per
 * {@link #RETRY} tries again (the others fail at once meanwhile); the first that connects opens
 * the gate for all. Query errors on a working connection do not close it. Thread-safe, lock-free.
 */
final class OutageGate {
    private static final Logger LOG = LoggerFactory.getLogger(OutageGate.class);
    /** How long after a failed try the next lookup tries again. */
    static final Duration RETRY = Duration.ofMillis(500);

    private static final int OPEN = 0;
    private static final int CLOSED = 1;
    private static final int TRYING = 2;

    private final AtomicInteger state = new AtomicInteger(OPEN);
    private volatile long retryAt;
    private volatile String failure = "";

    /** Lets a lookup through, or throws at once while the database is known to be unreachable. */
    void enter(String what) {
        int s = state.get();
        if (s == OPEN) {
            return;
        }
        if (s == CLOSED && System.nanoTime() - retryAt >= 0 && state.compareAndSet(CLOSED, TRYING)) {
            return; // this lookup tries the database again
        }
        throw new StatusUnavailableException("status store unavailable: " + what + ": " + failure + " (retried every "
                + RETRY.toMillis() + " ms by one lookup)");
    }

    /** The lookup reached the database (whatever the query then did). */
    void reached() {
        if (state.getAndSet(OPEN) != OPEN) {
            LOG.info("status store reachable again: lookups resume");
        }
    }

    /** The lookup failed with {@code e}; closes the gate if the database could not be reached. */
    void failed(SQLException e) {
        if (!isConnectionFailure(e)) {
            reached();
            return;
        }
        failure = Database.oneLine(e);
        retryAt = System.nanoTime() + RETRY.toNanos();
        if (state.getAndSet(CLOSED) == OPEN) {
            LOG.warn("status store unreachable ({}): lookups answer tryLater at once until it is back", failure);
        }
    }

    /** Pool timeouts (HikariCP's SQLTransientConnectionException) and SQLState class 08 or 57P0x. */
    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }
}
