package corp.example.ocsp.core.cache;

/** What a responder's cache holds now, for metrics and logs; read-only, and cheap to read. */
public interface CacheFigures {

    /** Cached signed responses. */
    long responses();

    /** The cached responses' weight in bytes, as bounded by {@link CacheSettings#maxBytes()}. */
    long weightBytes();

    /** Cached known statuses. */
    long statuses();
}
