package corp.example.ocsp.http.server;

/** What the HTTP layer reports per request. Implementations must be cheap and thread-safe. */
public interface ServerMetrics {

    /** One answered request: responder name, method, outcome label or HTTP status, latency. */
    void request(String responder, String method, String outcome, long nanos);

    /** One of those requests was answered from {@code responder}'s precomputed cache. */
    default void cacheHit(String responder) {}

    /** The no-op metrics, so the hot path needs no null checks. */
    enum Noop implements ServerMetrics {
        INSTANCE;

        @Override
        public void request(String responder, String method, String outcome, long nanos) {}
    }
}
