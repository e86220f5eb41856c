package corp.example.ocsp.core.status;

import java.util.Optional;

/**
 * What readiness asks of a status source: does it answer now? Called every few seconds from a
 * background thread, never on a request.
 *
 * <p>The check must be cheap whatever the size of the source (PostgreSQL: {@code SELECT 1} through
 * the lookup pool, with the pool's timeouts; a file: that it can be read): never a count or a scan,
 * which on tens of millions of rows would outlast the statement timeout and mark a healthy replica
 * not ready. It returns within the source's own timeouts.
 */
public interface Reachability {

    /**
     * Returns when the source answers.
     *
     * @throws StatusUnavailableException with one line saying what cannot be reached and why
     */
    void check();

    /**
     * Why the source answers, but not from the newest state it was given, if it does not: an {@code
     * index.txt} whose new content does not parse (the last good state stays in force), a CA whose
     * CRL expired (its answers are tryLater). {@code /readyz} reports it as degraded, with this
     * line. Cheap (a field read); empty by default.
     */
    default Optional<String> degraded() {
        return Optional.empty();
    }
}
