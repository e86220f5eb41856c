package corp.example.ocsp.core.status;

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
}
