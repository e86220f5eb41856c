package corp.example.ocsp.store.crl;

import corp.example.ocsp.core.issuer.Issuer;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CA's CRL updates: fetches what changed (full and delta), checks it ({@link CrlTrust}, {@link
 * CrlState}) and returns the state that should be in force; what could not be fetched or was refused
 * is kept as one line each, logged once when it changes. Called from one thread at a time.
 */
final class CrlUpdater {
    private static final Logger LOG = LoggerFactory.getLogger(CrlUpdater.class);

    private final Issuer issuer;
    private final CrlTrust trust;
    private final Clock clock;
    private final CrlFetch full;
    private final Optional<CrlFetch> delta;
    private volatile String fullProblem = "";
    private volatile String deltaProblem = "";
    private ParsedCrl lastDelta; // tried again on a new full CRL: it may be based on that one
    private boolean fullFetchFailed;
    private boolean deltaFetchFailed;

    CrlUpdater(Issuer issuer, CrlOptions options, CrlTrust trust, Clock clock) {
        this.issuer = issuer;
        this.trust = trust;
        this.clock = clock;
        this.full = CrlFetch.of(options.crl(), options.timeout());
        this.delta = options.deltaCrl().map(d -> CrlFetch.of(d, options.timeout()));
    }

    /** Why the full CRL in force is not the newest, or cannot be: empty when there is nothing to say. */
    String fullProblem() {
        return fullProblem;
    }

    String deltaProblem() {
        return deltaProblem;
    }

    /** The full CRL's file or URL. */
    CrlFetch full() {
        return full;
    }

    Optional<CrlFetch> delta() {
        return delta;
    }

    /** The state to be in force after fetching what changed: {@code before} itself when nothing (acceptable) did. */
    CrlState update(CrlState before) {
        CrlState next = before;
        String stays =
                before == null ? " (answering tryLater until a current one arrives)" : "; the CRL in force stays";
        Optional<byte[]> content = Optional.empty();
        try {
            content = full.ifChanged();
            if (fullFetchFailed || content.isPresent()) { // reached again; new content is judged below
                fullProblem = problem(fullProblem, "");
            }
            fullFetchFailed = false;
        } catch (CrlException e) {
            fullFetchFailed = true;
            fullProblem = problem(fullProblem, e.getMessage() + stays);
        }
        if (content.isPresent()) {
            try {
                ParsedCrl crl = trust.verified(CrlParser.parse(content.get(), full.where(), issuer.subjectDer()));
                next = next == null ? CrlState.of(crl, clock.instant()) : next.withFull(crl, clock.instant());
                next = withLastDelta(next);
            } catch (CrlException e) {
                fullProblem = problem(fullProblem, e.getMessage() + stays);
            }
        }
        if (delta.isPresent() && next != null) {
            next = refreshDelta(next);
        }
        return next;
    }

    /** {@code s} with a new delta applied, if one was fetched and applies. */
    private CrlState refreshDelta(CrlState s) {
        Optional<byte[]> content;
        try {
            content = delta.get().ifChanged();
            if (deltaFetchFailed) {
                deltaProblem = problem(deltaProblem, "");
            }
            deltaFetchFailed = false;
        } catch (CrlException e) {
            deltaFetchFailed = true;
            deltaProblem = problem(deltaProblem, e.getMessage());
            return s;
        }
        if (content.isEmpty()) {
            return s;
        }
        try {
            lastDelta =
                    trust.verified(CrlParser.parse(content.get(), delta.get().where(), issuer.subjectDer()));
            CrlState applied = s.withDelta(lastDelta, clock.instant());
            deltaProblem = problem(deltaProblem, "");
            return applied;
        } catch (CrlException e) {
            deltaProblem = problem(deltaProblem, e.getMessage());
            return s;
        }
    }

    /** {@code s} with the last delta read applied, if it applies to its full CRL and is not applied yet. */
    private CrlState withLastDelta(CrlState s) {
        if (lastDelta == null || s.delta().isPresent()) {
            return s;
        }
        try {
            CrlState applied = s.withDelta(lastDelta, clock.instant());
            deltaProblem = problem(deltaProblem, "");
            return applied;
        } catch (CrlException stillNot) {
            return s;
        }
    }

    /** {@code now}, logging it once when it differs from {@code was}. */
    private String problem(String was, String now) {
        if (!now.equals(was)) {
            if (now.isEmpty()) {
                LOG.info("CA {}: the CRL can be read again", issuer.label());
            } else {
                LOG.warn("CA {}: {}", issuer.label(), now);
            }
        }
        return now;
    }
}
