package corp.example.ocsp.core.status;

import corp.example.ocsp.core.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For a status source behind a network or a file: lookups during an outage fail at once instead of
 * each holding a signing thread for the source's timeout (which would starve requests that need no
 * lookup, such as nonce requests for cached statuses, and answers held past a freshness bound).
 *
 * <p>The gate closes at the first sign the source is unreachable (a lookup that could not connect,
 * or whatever else the source reports: the PostgreSQL store's change feed losing its connection,
 * its readiness check failing). While it is closed <b>every</b> lookup fails at once, however far
 * apart the lookups come: no lookup tries the source. A background check (the source's {@link
 * Reachability}, on a thread of the gate's, one every {@link #RETRY}) tries instead, and the first
 * that reaches the source opens the gate for all, as does any other call that reached it. The
 * source decides what counts as not reaching it (a query error on a working connection, for
 * instance, need not). Thread-safe, lock-free on the lookup path.
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
public final class OutageGate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutageGate.class);
    /** How long after a failed check the background check tries again. */
    public static final Duration RETRY = Duration.ofMillis(500);

    private final String source;
    private final Reachability check;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean checking = new AtomicBoolean();
    private final AtomicLong checks = new AtomicLong();
    private volatile boolean shut;
    private volatile String failure = "";

    /**
     * @param source what the gate guards, for messages: {@code status store}, {@code CFSSL certdb}
     * @param check how the background check tries the source while the gate is closed; it may
     *     itself call {@link #reached()} or {@link #failed(String)}
     */
    public OutageGate(String source, Reachability check) {
        this.source = source;
        this.check = check;
    }

    /** Lets a lookup through, or throws at once while the source is known to be unreachable. */
    public void enter(String what) {
        if (closed.get()) {
            throw new StatusUnavailableException(source + " unavailable: " + what + ": " + failure
                    + " (checked again every " + RETRY.toMillis() + " ms in the background)");
        }
    }

    /** The lookup (or another call) reached the source, whatever the query then did: opens the gate. */
    public void reached() {
        if (closed.getAndSet(false)) {
            LOG.info("{} reachable again: lookups resume", source);
        }
    }

    /** A call could not reach the source, because of {@code failure} (one line): closes the gate. */
    public void failed(String failure) {
        this.failure = failure;
        if (!closed.getAndSet(true)) {
            LOG.warn("{} unreachable ({}): lookups answer tryLater at once until it is back", source, failure);
        }
        startChecking();
    }

    /** True while lookups fail at once. */
    public boolean isClosed() {
        return closed.get();
    }

    /** How many background checks have run (for tests and figures). */
    public long checks() {
        return checks.get();
    }

    /** Stops the background check; the gate stays as it is. */
    @Override
    public void close() {
        shut = true;
    }

    private void startChecking() {
        if (!shut && checking.compareAndSet(false, true)) {
            DaemonThreads.start("outage-check " + source, this::checkUntilReached);
        }
    }

    private void checkUntilReached() {
        try {
            while (closed.get() && !shut) {
                Thread.sleep(RETRY.toMillis());
                try {
                    check.check();
                    reached();
                } catch (RuntimeException e) {
                    failure = String.valueOf(e.getMessage());
                } finally {
                    checks.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            checking.set(false);
        }
        if (closed.get()) {
            startChecking(); // a failure raced this thread's exit
        }
    }
}
