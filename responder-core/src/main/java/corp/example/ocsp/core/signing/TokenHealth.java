package corp.example.ocsp.core.signing;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a token signs now. A signature that fails, or one that has been running longer than
 * {@link #STUCK} (a token that stopped answering: a native call cannot be interrupted), makes the
 * token failing: further signatures fail at once with {@link SigningUnavailableException}, so no
 * signing thread queues behind the token, except one probe every {@link #PROBE_EVERY}, whose success
 * clears the state (recovery where the module allows it). Changes of state are logged once.
 */
final class TokenHealth {
    static final Duration STUCK = Duration.ofSeconds(2);
    static final Duration PROBE_EVERY = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(TokenHealth.class);

    private final String source;
    private final Map<Long, Long> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong nextProbe = new AtomicLong();
    private volatile String failure; // null while the token signs

    TokenHealth(String source) {
        this.source = source;
    }

    /** Fails at once with SigningUnavailableException while a signature on the token hangs. */
    void refuseWhileStuck() {
        Optional<String> problem = problem();
        if (problem.isPresent() && stuckFor().isPresent()) {
            throw new SigningUnavailableException(source + ": " + problem.get(), null);
        }
    }

    /** Before a signature: its ticket, or SigningUnavailableException while the token is failing. */
    long enter() {
        refuseWhileStuck(); // no probe: it would hang too
        Optional<String> problem = problem();
        long now = System.nanoTime();
        if (problem.isPresent()) {
            long probeAt = nextProbe.get();
            if (now - probeAt < 0 || !nextProbe.compareAndSet(probeAt, now + PROBE_EVERY.toNanos())) {
                throw new SigningUnavailableException(source + ": " + problem.get(), null);
            }
        }
        long ticket = tickets.incrementAndGet();
        inFlight.put(ticket, now);
        return ticket;
    }

    void succeeded(long ticket) {
        inFlight.remove(ticket);
        if (failure != null && stuckFor().isEmpty()) {
            failure = null;
            log.info("{}: the token signs again", source);
        }
    }

    SigningUnavailableException failed(long ticket, Exception e) {
        inFlight.remove(ticket);
        String problem = "the token failed to sign (" + e.getMessage() + ")";
        if (failure == null) {
            log.error(
                    "{}: {}; answering tryLater where a signature is needed, cached answers still served; if it"
                            + " persists once the token is back, restart the responder (the JDK initialises a"
                            + " PKCS#11 module once per process)",
                    source,
                    problem,
                    e);
        }
        failure = problem;
        nextProbe.set(System.nanoTime() + PROBE_EVERY.toNanos());
        return new SigningUnavailableException(source + ": " + problem, e);
    }

    /** Why the token does not sign now, or empty when it does. */
    Optional<String> problem() {
        Optional<Duration> stuck = stuckFor();
        if (stuck.isPresent()) {
            String problem =
                    "the token has not answered a signature for " + stuck.get().toMillis() + " ms";
            if (failure == null) {
                log.error("{}: {}; answering tryLater where a signature is needed", source, problem);
                nextProbe.set(System.nanoTime() + PROBE_EVERY.toNanos());
            }
            failure = problem;
            return Optional.of(problem);
        }
        return Optional.ofNullable(failure);
    }

    private Optional<Duration> stuckFor() {
        long now = System.nanoTime();
        long oldest = 0;
        for (long start : inFlight.values()) {
            oldest = Math.max(oldest, now - start);
        }
        return oldest > STUCK.toNanos() ? Optional.of(Duration.ofNanos(oldest)) : Optional.empty();
    }
}
