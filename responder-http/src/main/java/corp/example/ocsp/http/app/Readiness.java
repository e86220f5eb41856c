package corp.example.ocsp.http.app;

import corp.example.ocsp.core.concurrent.DaemonThreads;
import corp.example.ocsp.core.status.Reachability;
import corp.example.ocsp.http.server.AdminServer;
import corp.example.ocsp.http.server.AdminServer.Readiness.State;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /readyz}, as a load balancer needs it: 503 only when this replica cannot answer what it
 * holds, because taking a replica that still answers out of rotation turns a store outage shared by
 * every replica into a total one.
 *
 * <ul>
 *   <li><b>not ready</b> (503): shutting down; no CA has a signer that can sign (every responder
 *       certificate expired, or every token failing); the status store unreachable while the cache
 *       holds nothing to answer from (not filled at start, or the cache off).
 *   <li><b>degraded</b> (200, with why): the store unreachable but the filled cache answers every
 *       certificate it holds until their nextUpdate (misses get {@code tryLater}); some CAs'
 *       signers expired or failing while others sign; or the source answers from an older state
 *       than it was given ({@link Reachability#degraded()}: an index.txt that stopped parsing).
 *   <li><b>ready</b> (200): otherwise, including while the cache is still filling with the store
 *       reachable (misses are looked up).
 * </ul>
 *
 * The source is checked every two seconds in the background (never on a request), with the check
 * the source makes cheap (a {@code SELECT 1}, not a count of the certificates); a change of its
 * state is logged once, not per request. The same timer runs the signer expiry warnings.
 */
final class Readiness implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Readiness.class);
    private static final long PERIOD_SECONDS = 2;
    private final Reachability source;
    private final SignerExpiry expiry;
    private final Supplier<CacheFill> cache;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("ocsp-readiness", false));
    private volatile String sourceProblem = "not probed yet";
    private volatile boolean stopping;
    private volatile String sourceDegraded = "";

    /**
     * What the cache can answer from.
     *
     * @param enabled the cache is on
     * @param filled its start-up fill from the source is done
     * @param responses signed responses it holds now, over every responder
     */
    record CacheFill(boolean enabled, boolean filled, long responses) {
        /** True when cached answers can be served without the source. */
        boolean canAnswer() {
            return enabled && filled && responses > 0;
        }
    }

    Readiness(Reachability source, SignerExpiry expiry, Supplier<CacheFill> cache) {
        this(source, expiry, cache, true);
    }

    /** With {@code background} false nothing runs by itself (tests call {@link #probe()}). */
    Readiness(Reachability source, SignerExpiry expiry, Supplier<CacheFill> cache, boolean background) {
        this.source = source;
        this.expiry = expiry;
        this.cache = cache;
        if (background) {
            timer.scheduleWithFixedDelay(this::probe, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Warns of expiring signers, checks the source, and logs a change of its state. */
    void probe() {
        expiry.warnOfExpiry();
        String problem;
        try {
            source.check();
            problem = "";
        } catch (RuntimeException e) {
            problem = "status store unreachable: " + e.getMessage();
        }
        if (!problem.equals(sourceProblem)) {
            if (problem.isEmpty()) {
                log.info("status store reachable");
            } else {
                log.warn("{}", problem);
            }
        }
        sourceProblem = problem;
        sourceDegraded = source.degraded().orElse("");
    }

    /** From now on {@code /readyz} says not ready (the load balancer drains this replica). */
    void stopping() {
        stopping = true;
    }

    /** True when the last check of the status source succeeded. */
    boolean sourceReachable() {
        return sourceProblem.isEmpty();
    }

    /** Why the source answers from an older state than it was given; empty when it does not. */
    String sourceDegraded() {
        return sourceDegraded;
    }

    /** The last check's failure, empty when it succeeded. */
    String sourceProblem() {
        return sourceProblem;
    }

    SignerExpiry signers() {
        return expiry;
    }

    CacheFill cacheFill() {
        return cache.get();
    }

    AdminServer.Readiness readiness() {
        if (stopping) {
            return new AdminServer.Readiness(State.NOT_READY, "shutting down");
        }
        List<String> signers = new ArrayList<>(expiry.expired());
        signers.addAll(expiry.unavailable());
        if (expiry.noneCanSign()) {
            return new AdminServer.Readiness(State.NOT_READY, String.join("; ", signers));
        }
        List<String> problems = new ArrayList<>();
        String store = sourceProblem;
        if (!store.isEmpty()) {
            CacheFill fill = cache.get();
            if (!fill.canAnswer()) {
                problems.add(store + "; " + whyNoCache(fill));
                problems.addAll(signers);
                return new AdminServer.Readiness(State.NOT_READY, String.join("; ", problems));
            }
            problems.add(store + "; answering the " + fill.responses()
                    + " cached responses until their nextUpdate, misses get tryLater");
        } else if (!sourceDegraded.isEmpty()) {
            problems.add(sourceDegraded); // serving, from a state the source says is not its newest
        }
        problems.addAll(signers);
        return problems.isEmpty()
                ? AdminServer.Readiness.fine()
                : new AdminServer.Readiness(State.DEGRADED, String.join("; ", problems));
    }

    private static String whyNoCache(CacheFill fill) {
        if (!fill.enabled()) {
            return "the cache is off, so nothing can be answered";
        }
        return fill.filled()
                ? "the cache holds no responses, so nothing can be answered"
                : "the cache was not filled yet, so nothing can be answered";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
