package corp.example.ocsp.core.status;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For a status source behind a network or a file: lookups during an outage fail at once instead of
 * each holding a signing thread for the source's timeout (which would starve requests that need no
 * lookup, such as nonce requests for cached statuses, and answers held past a freshness bound).
 * After a lookup could not reach the source, one lookup per {@link #RETRY} tries again (the others
 * fail at once meanwhile); the first that reaches it opens the gate for all. The source decides
 * what counts as not reaching it (a query error on a working connection, for instance, need not).
 * Thread-safe, lock-free.
 *
 * <pre>{@code
 * gate.enter(what);                 // throws StatusUnavailableException at once while closed
 * try (Connection c = pool.getConnection()) {
 *     gate.reached();
 *     ...
 * } catch (SQLException e) {
 *     gate.failed(oneLine(e));      // or reached(), if the database did answer
 *     throw ...;
 * }
 * }</pre>
 */
public final class OutageGate {
    private static final Logger LOG = LoggerFactory.getLogger(OutageGate.class);
    /** How long after a failed try the next lookup tries again. */
    public static final Duration RETRY = Duration.ofMillis(500);

    private static final int OPEN = 0;
    private static final int CLOSED = 1;
    private static final int TRYING = 2;

    private final String source;
    private final AtomicInteger state = new AtomicInteger(OPEN);
    private volatile long retryAt;
    private volatile String failure = "";

    /** @param source what the gate guards, for messages: {@code status store}, {@code CFSSL certdb} */
    public OutageGate(String source) {
        this.source = source;
    }

    /** Lets a lookup through, or throws at once while the source is known to be unreachable. */
    public void enter(String what) {
        int s = state.get();
        if (s == OPEN) {
            return;
        }
        if (s == CLOSED && System.nanoTime() - retryAt >= 0 && state.compareAndSet(CLOSED, TRYING)) {
            return; // this lookup tries the source again
        }
        throw new StatusUnavailableException(source + " unavailable: " + what + ": " + failure + " (retried every "
                + RETRY.toMillis() + " ms by one lookup)");
    }

    /** The lookup reached the source (whatever the query then did). */
    public void reached() {
        if (state.getAndSet(OPEN) != OPEN) {
            LOG.info("{} reachable again: lookups resume", source);
        }
    }

    /** The lookup could not reach the source, because of {@code failure} (one line): closes the gate. */
    public void failed(String failure) {
        this.failure = failure;
        retryAt = System.nanoTime() + RETRY.toNanos();
        if (state.getAndSet(CLOSED) == OPEN) {
            LOG.warn("{} unreachable ({}): lookups answer tryLater at once until it is back", source, failure);
        }
    }
}
