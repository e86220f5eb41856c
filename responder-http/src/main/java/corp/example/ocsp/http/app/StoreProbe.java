package corp.example.ocsp.http.app;

import corp.example.ocsp.core.concurrent.DaemonThreads;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.http.server.AdminServer.Readiness;
import corp.example.ocsp.store.postgres.PostgresStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness: every signer's certificate (the current one, after rotations) is valid now and the
 * status store answers. The store is probed every two seconds in the background (never on a
 * request), and a change of state is logged once, not per request. A signer certificate that
 * expires within the warning window is logged at WARN once a day until it is replaced.
 */
final class StoreProbe implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreProbe.class);
    private final PostgresStore store;
    private final Supplier<List<ResponderSigner>> signers;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.factory("ocsp-store-probe", false));
    private volatile String storeProblem = "not probed yet";
    private final Duration expiryWarning;
    private final Map<ResponderSigner, Instant> warned = new HashMap<>();

    StoreProbe(PostgresStore store, Supplier<List<ResponderSigner>> signers, Clock clock, Duration expiryWarning) {
        this(store, signers, clock, expiryWarning, true);
    }

    /** With {@code background} false nothing runs by itself (tests call the checks). */
    StoreProbe(PostgresStore store, Supplier<List<ResponderSigner>> signers, Clock clock, Duration expiryWarning,
            boolean background) {
        this.store = store;
        this.signers = signers;
        this.clock = clock;
        this.expiryWarning = expiryWarning;
        if (background) {
            timer.scheduleWithFixedDelay(this::probe, 0, 2, TimeUnit.SECONDS);
        }
    }

    /** Logs a warning for each signer expiring within the window, at most once a day each. */
    synchronized void warnOfExpiry() {
        Instant now = clock.instant();
        for (ResponderSigner s : signers.get()) {
            Duration left = Duration.between(now, s.notAfter());
            Instant last = warned.get(s);
            if (left.compareTo(expiryWarning) <= 0 && (last == null || !now.isBefore(last.plus(Duration.ofDays(1))))) {
                warned.put(s, now);
                log.warn("responder certificate {} ({}) {} at {}: issue a new one and reload the responder",
                        s.certificate().getSubject(), s.source(), left.isNegative() ? "expired" : "expires in "
                                + left.toDays() + " days,", s.notAfter());
            }
        }
    }

    private void probe() {
        warnOfExpiry();
        String problem;
        try {
            store.issuers();
            problem = "";
        } catch (RuntimeException e) {
            problem = "status store unreachable: " + e.getMessage();
        }
        if (!problem.equals(storeProblem)) {
            if (problem.isEmpty()) {
                log.info("status store reachable");
            } else {
                log.warn("{}", problem);
            }
        }
        storeProblem = problem;
    }

    Readiness readiness() {
        List<String> problems = new ArrayList<>();
        if (!storeProblem.isEmpty()) {
            problems.add(storeProblem);
        }
        for (ResponderSigner s : signers.get()) {
            if (clock.instant().isAfter(s.notAfter())) {
                problems.add("responder certificate " + s.certificate().getSubject() + " expired at " + s.notAfter());
            }
        }
        return new Readiness(problems.isEmpty(), String.join("; ", problems));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
