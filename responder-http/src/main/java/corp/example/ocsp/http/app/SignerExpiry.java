package corp.example.ocsp.http.app;

import corp.example.ocsp.core.signing.ResponderSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The responder certificates' expiry: a certificate that expires within the warning window is
 * logged at WARN once a day until it is replaced, and an expired one is a readiness problem, as is a
 * signer whose PKCS#11 token does not sign now. Reads
 * the signers each time, so a rotation is seen at once.
 */
final class SignerExpiry {
    private static final Logger log = LoggerFactory.getLogger(SignerExpiry.class);
    private final Supplier<List<ResponderSigner>> signers;
    private final Clock clock;
    private final Duration warning;
    private final Map<ResponderSigner, Instant> warned = new HashMap<>();

    /** @param signers every responder's current signers; {@code warning} how long before expiry to warn */
    SignerExpiry(Supplier<List<ResponderSigner>> signers, Clock clock, Duration warning) {
        this.signers = signers;
        this.clock = clock;
        this.warning = warning;
    }

    /** Logs a warning for each signer expiring within the window, at most once a day each. */
    synchronized void warnOfExpiry() {
        Instant now = clock.instant();
        for (ResponderSigner s : signers.get()) {
            Duration left = Duration.between(now, s.notAfter());
            Instant last = warned.get(s);
            if (left.compareTo(warning) <= 0 && (last == null || !now.isBefore(last.plus(Duration.ofDays(1))))) {
                warned.put(s, now);
                log.warn(
                        "responder certificate {} ({}) {} at {}: issue a new one and reload the responder",
                        s.certificate().getSubject(),
                        s.source(),
                        left.isNegative() ? "expired" : "expires in " + left.toDays() + " days,",
                        s.notAfter());
            }
        }
    }

    /** One line per signer whose token does not sign now (it failed or stopped answering). */
    List<String> unavailable() {
        List<String> problems = new ArrayList<>();
        for (ResponderSigner s : signers.get()) {
            s.unavailableBecause().ifPresent(why -> problems.add("signer " + s.source() + " unavailable: " + why));
        }
        return problems;
    }

    /**
     * True when no signer can sign: every one expired or its token failing (with several CAs, one
     * that still signs keeps the replica answering).
     */
    boolean noneCanSign() {
        List<ResponderSigner> all = signers.get();
        Instant now = clock.instant();
        return !all.isEmpty()
                && all.stream()
                        .allMatch(s -> now.isAfter(s.notAfter())
                                || s.unavailableBecause().isPresent());
    }

    /** One line per signer whose certificate has expired. */
    List<String> expired() {
        List<String> problems = new ArrayList<>();
        for (ResponderSigner s : signers.get()) {
            if (clock.instant().isAfter(s.notAfter())) {
                problems.add("responder certificate " + s.certificate().getSubject() + " expired at " + s.notAfter());
            }
        }
        return problems;
    }
}
