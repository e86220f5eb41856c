package corp.example.ocsp.core;

/** What a {@link Responder} reports. Implementations must be cheap and thread-safe. */
public interface ResponderMetrics {

    /** One response signed and encoded in {@code nanos}. */
    void signed(String responder, long nanos);

    /** The no-op metrics, so the responder needs no null checks. */
    enum Noop implements ResponderMetrics {
        INSTANCE;

        @Override
        public void signed(String responder, long nanos) {}
    }
}
