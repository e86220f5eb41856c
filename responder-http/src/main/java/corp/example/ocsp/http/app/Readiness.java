package corp.example.ocsp.http.app;

import corp.example.ocsp.core.concurrent.DaemonThreads;
import corp.example.ocsp.core.status.Reachability;
import corp.example.ocsp.http.server.AdminServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /readyz}: every signer's certificate (the current one, after rotations) is valid now, every
 * PKCS#11 signer's token signs, and the status source answers its {@link Reachability} check. The source is checked every two
 * seconds in the background (never on a request), with the check the source makes cheap (a
 * {@code SELECT 1}, not a count of the certificates); a change of state is logged once, not per
 * request. A source that answers from an older state than it was given ({@link Reachability#degraded()}:
 * an index.txt that stopped parsing) leaves it ready, with the reason after {@code degraded:}. The
 * same timer runs the signer expiry warnings.
 */
final class Readiness implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Readiness.class);
    private static final long PERIOD_SECONDS = 2;
    private final Reachability source;
    private final SignerExpiry expiry;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("ocsp-readiness", false));
    private volatile String sourceProblem = "not probed yet";
    private volatile String sourceDegraded = "";

    Readiness(Reachability source, SignerExpiry expiry) {
        this(source, expiry, true);
    }

    /** With {@code background} false nothing runs by itself (tests call {@link #probe()}). */
    Readiness(Reachability source, SignerExpiry expiry, boolean background) {
        this.source = source;
        this.expiry = expiry;
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
        sourceDegraded = source.degraded().map(why -> "degraded: " + why).orElse("");
    }

    /** True when the last check of the status source succeeded. */
    boolean sourceReachable() {
        return sourceProblem.isEmpty();
    }

    AdminServer.Readiness readiness() {
        List<String> problems = new ArrayList<>();
        if (!sourceProblem.isEmpty()) {
            problems.add(sourceProblem);
        }
        problems.addAll(expiry.expired());
        problems.addAll(expiry.unavailable());
        if (problems.isEmpty()) { // serving, from a state the source says is not its newest
            return new AdminServer.Readiness(true, sourceDegraded);
        }
        return new AdminServer.Readiness(false, String.join("; ", problems));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
